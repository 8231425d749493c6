"""The one exception type the pipeline raises for bad input.

Every message reads `<file>: <problem>; <what to do>` so that a council officer
running a build sees one line that says where to look and how to fix it. The
CLI and the mkdocs plugin turn it into an error exit with no traceback.
"""

from __future__ import annotations

import os


class HandbookError(Exception):
    """Bad input: a file the pipeline cannot use, and what to do about it."""

    def __init__(self, path: str | os.PathLike[str], problem: str, fix: str, line: int | None = None):
        self.path = str(path)
        self.problem = problem
        self.fix = fix
        self.line = line
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {problem}; {fix}")


def display_path(path: str | os.PathLike[str]) -> str:
    """A path as the user would type it: relative to the working directory when inside it."""
    path = os.fspath(path)
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path
    return path if rel.startswith("..") else rel
