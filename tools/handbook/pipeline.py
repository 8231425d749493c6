"""The whole pipeline in one call: manifest → extracted sources → checked handbook.

Used by the CLI and by the mkdocs plugin alike, so `handbook check` and a
build can never disagree about what the sources say.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .errors import display_path
from .extract import ExtractionCache, Progress
from .manifest import load_manifest
from .model import Clause, Manifest, Source, SourceEntry


@dataclass(frozen=True)
class Handbook:
    """Everything the render stage needs, as plain data."""

    manifest: Manifest
    documents: tuple[Source, ...]  # CIH documents, every version, in manifest order
    policies: tuple[Source, ...]  # council policies: the current (latest in force) version of each
    policy_history: tuple[Source, ...] = ()  # every version of every policy, in manifest order (empty: only `policies`)

    def policy_versions(self, code: str) -> tuple[Source, ...]:
        """A council policy's versions, oldest first by in-force date."""
        held = self.policy_history or self.policies
        return tuple(sorted((s for s in held if s.entry.code == code), key=lambda s: s.entry.in_force))

    def policy_current(self, code: str) -> Source:
        return self.policy_versions(code)[-1]

    @property
    def all_policy_versions(self) -> tuple[Source, ...]:
        return self.policy_history or self.policies

    def versions(self, code: str) -> tuple[Source, ...]:
        """A document's versions, oldest first by in-force date."""
        return tuple(sorted((s for s in self.documents if s.entry.code == code), key=lambda s: s.entry.in_force))

    def current(self, code: str) -> Source:
        return self.versions(code)[-1]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.entry.code for s in self.documents))

    @cached_property
    def current_documents(self) -> tuple[Source, ...]:
        return tuple(self.current(code) for code in self.codes)

    # Looked up once per clause page, so built once (cached_property writes past the frozen dataclass).
    @cached_property
    def current_clauses(self) -> dict[str, tuple[Source, Clause]]:
        """Every clause of the current CIH versions by ID."""
        return {c.id: (s, c) for s in self.current_documents for c in s.document.clauses}

    @cached_property
    def policy_clauses(self) -> dict[str, tuple[Source, Clause]]:
        """Every council policy clause by ID."""
        return {c.id: (s, c) for s in self.policies for c in s.document.clauses}


def load_handbook(
    manifest_path: Path,
    cache: ExtractionCache,
    progress_for: Callable[[SourceEntry], Progress | None] | None = None,
) -> Handbook:
    manifest = load_manifest(manifest_path)

    def read(entry: SourceEntry) -> Source:
        progress = progress_for(entry) if progress_for else None
        document = cache.get(Path(entry.path), code=entry.code, kind=entry.kind, progress=progress)
        return Source(entry=entry, document=document)

    history = tuple(read(e) for e in manifest.policies)
    latest: dict[str, Source] = {}
    for source in history:
        if source.entry.code not in latest or source.entry.in_force > latest[source.entry.code].entry.in_force:
            latest[source.entry.code] = source
    return Handbook(
        manifest=manifest,
        documents=tuple(read(e) for e in manifest.documents),
        policies=tuple(latest.values()),
        policy_history=history,
    )


def summary_lines(handbook: Handbook) -> list[str]:
    """Clauses per document and section, as the build reports them."""
    out = []
    for source in (*handbook.documents, *handbook.all_policy_versions):
        doc = source.document
        per_section = ", ".join(f"{s.number}: {len(s.clauses)}" for s in doc.sections)
        out.append(
            f"{source.entry.code} {source.entry.title} {source.entry.version} "
            f"({display_path(source.entry.path)}): {len(doc.sections)} sections, "
            f"{len(doc.clauses)} clauses [{per_section}]"
        )
    return out
