"""Entries of the build cache folder, shared by the extraction and render caches.

A cache only ever saves time: a missing or unreadable entry reads as absent,
and a folder that cannot be written is skipped.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def read_entry(folder: Path | None, name: str) -> bytes | None:
    if folder is None:
        return None
    try:
        return (folder / name).read_bytes()
    except OSError:
        return None


def write_entry(folder: Path | None, name: str, data: bytes) -> None:
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # Write then rename so a build stopped half-way never leaves a torn entry.
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, folder / name)
    except OSError:
        pass  # a read-only cache folder only costs speed
