"""The one exception type the pipeline raises for bad input.

Every message reads `<file>: <problem>; <what to do>` so that a council officer
running a build sees one line that says where to look and how to fix it. The
CLI and the mkdocs plugin turn it into an error exit with no traceback.
"""

from __future__ import annotations

import os
import re


class HandbookError(Exception):
    """Bad input: a file the pipeline cannot use, and what to do about it."""

    def __init__(self, path: str | os.PathLike[str], problem: str, fix: str, line: int | None = None):
        self.path = one_line(str(path))
        self.problem = one_line(problem)
        self.fix = one_line(fix)
        self.line = line
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {self.problem}; {self.fix}")


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")  # controls, line separators, bidi overrides


def one_line(text: str) -> str:
    """An error is one line: a line break or other control character quoted from the input (a file name,
    a heading) is shown escaped (\\n), never printed, so it can neither split the line nor drive the terminal."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text) if _CONTROL.search(text) else text


def display_path(path: str | os.PathLike[str]) -> str:
    """A path as the user would type it: relative to the working directory when inside it."""
    path = os.fspath(path)
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return path
    return path if rel.startswith("..") else rel
