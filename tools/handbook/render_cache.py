"""Results of slow renders (the report PDF), kept by a hash of what they are made from.

Drawing the alignment report's PDF takes longer than the rest of the site's
rendering together, yet its input changes only when the mapping or the
sources do. The result is kept in memory and in the build cache folder under
the SHA-256 of its input and of the code that draws it, so an unchanged report
is drawn once, and a change to either draws it again.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from .cache_files import read_entry, write_entry


class RenderCache:
    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.memory: dict[str, bytes] = {}

    def get(self, name: str, made_from: str, make: Callable[[], bytes], *, code: object, library: str = "") -> bytes:
        """`make()`'s bytes for this input, drawn by this version of `code` (a function) and `library`."""
        key = f"{name}-{_key(made_from, code, library)}"
        if key in self.memory:
            return self.memory[key]
        data = read_entry(self.folder, key)
        if data is None:
            data = make()
            write_entry(self.folder, key, data)
        self.memory[key] = data
        return data


def _key(made_from: str, code: object, library: str) -> str:
    digest = hashlib.sha256(made_from.encode("utf-8"))
    module = sys.modules.get(getattr(code, "__module__", ""))
    source = getattr(module, "__file__", None)
    if source:
        digest.update(Path(source).read_bytes())
    if library:
        try:
            digest.update(version(library).encode())
        except PackageNotFoundError:
            pass
    return digest.hexdigest()[:32]
