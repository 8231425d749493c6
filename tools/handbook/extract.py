"""Extract stage: a source file to a `Document`, cached by the file's SHA-256.

Parsing a designed PDF costs far more than everything after it, and sources
rarely change, so each result is kept on disk under the file's SHA-256 (plus
a fingerprint of the extractor's own code, so improving the extractor never
serves an out-of-date result). An unchanged PDF is never parsed twice.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pypdf

from .cache_files import read_entry, write_entry
from .errors import HandbookError, display_path
from .model import Document
from .pdf_layout import read_layout, young_collections_only
from .policy_markdown import read_markdown_policy
from .policy_structure import build_policy
from .structure import build_document

Progress = Callable[[int, int], None]

_EXTRACTOR_MODULES = (
    "pdf_layout.py", "structure.py", "lines.py", "textnorm.py", "policy_structure.py", "policy_markdown.py", "extract.py",
    "data/words-en-gb.txt.gz",
)


@cache
def extractor_fingerprint() -> str:
    """The extractor's own code, its word list and the pypdf version: a change to any re-extracts."""
    digest = hashlib.sha256(f"pypdf {pypdf.__version__}\n".encode())
    here = Path(__file__).parent
    for name in _EXTRACTOR_MODULES:
        module = here / name
        if module.exists():
            digest.update(module.read_bytes())
    return digest.hexdigest()[:16]


def file_sha256(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        raise HandbookError(display_path(path), "file not found", "check the file name in source_pdfs/manifest.yml") from None


def parse_document(path: Path, *, code: str, kind: str, progress: Progress | None = None) -> Document:
    """Read one source file without the cache."""
    sha = file_sha256(path)
    shown = display_path(path)
    if kind in ("policy", "procedure") and path.suffix.lower() == ".md":
        return read_markdown_policy(path, code=code, sha256=sha)
    # The cycle collector's pause while pages are read lasts until their lines
    # have become the document and been let go, so they are never rescanned.
    with young_collections_only():
        return _from_layout(path, code=code, kind=kind, sha=sha, shown=shown, progress=progress)


def _from_layout(path: Path, *, code: str, kind: str, sha: str, shown: str, progress: Progress | None) -> Document:
    _, pages = read_layout(path, progress)
    if kind in ("policy", "procedure"):  # a council source, read as a numbered policy
        return build_policy(pages, code=code, sha256=sha, source=shown)
    return build_document(pages, code=code, kind=kind, sha256=sha, source=shown)


class ExtractionCache:
    """Documents already extracted, in memory and in a folder on disk."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.memory: dict[str, Document] = {}
        self.hits = 0
        self.misses = 0

    def key(self, sha: str, code: str, kind: str) -> str:
        return f"{sha}-{code}-{kind}-{extractor_fingerprint()}"

    def get(self, path: Path, *, code: str, kind: str, progress: Progress | None = None) -> Document:
        key = self.key(file_sha256(path), code, kind)
        if key in self.memory:
            self.hits += 1
            return self.memory[key]
        document = self._load(key)
        if document is None:
            self.misses += 1
            document = parse_document(path, code=code, kind=kind, progress=progress)
            self._store(key, document)
        else:
            self.hits += 1
        self.memory[key] = document
        return document

    def _load(self, key: str) -> Document | None:
        data = read_entry(self.folder, f"{key}.json")
        if data is None:
            return None
        try:
            return Document.from_json(json.loads(data.decode("utf-8")))
        except (ValueError, KeyError, TypeError):
            return None  # unreadable cache entry: extract again

    def _store(self, key: str, document: Document) -> None:
        write_entry(self.folder, f"{key}.json", json.dumps(document.to_json(), ensure_ascii=False).encode("utf-8"))
