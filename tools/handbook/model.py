"""Plain data passed between the pipeline stages.

extract builds `Document`s from PDFs, mapping links their `Clause`s to policies
and principles, render turns the lot into pages. Everything is a frozen
dataclass so a stage can never quietly change what an earlier stage produced,
and `to_json()` gives the shape published in `handbook.json`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any


@dataclass(frozen=True)
class Clause:
    """One citable requirement, behaviour or question, verbatim from its source."""

    id: str  # stable citation ID, e.g. "COC-1.4", "COE-Q3", "ECC-4.2.a"
    text: str  # verbatim display text (ligatures expanded, typography kept)
    kind: str  # "requirement" | "behaviour" | "question" | "policy"
    page: int  # 1-based page of the source PDF where the clause starts
    sha256: str  # SHA-256 of the normalised text (see textnorm.normalise)

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class Section:
    """A principle, characteristic or numbered policy section."""

    number: str  # "1", "2", … or "Q" for a self-evaluation question list
    title: str
    intro: str  # lead-in and definition text before the first clause
    clauses: tuple[Clause, ...]
    page: int
    asides: tuple[str, ...] = ()  # boxed sidebar text, kept apart from clauses

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "title": self.title,
            "intro": self.intro,
            "page": self.page,
            "asides": list(self.asides),
            "clauses": [c.to_json() for c in self.clauses],
        }


@dataclass(frozen=True)
class Document:
    """What extraction reads out of one PDF (or Markdown) source."""

    title: str
    sha256: str  # of the source file's bytes
    pages: int
    intro: str  # front matter before the first section
    sections: tuple[Section, ...]

    @property
    def clauses(self) -> tuple[Clause, ...]:
        return tuple(c for s in self.sections for c in s.clauses)

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "sha256": self.sha256,
            "pages": self.pages,
            "intro": self.intro,
            "sections": [s.to_json() for s in self.sections],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Document:
        return cls(
            title=data["title"],
            sha256=data["sha256"],
            pages=data["pages"],
            intro=data["intro"],
            sections=tuple(
                Section(
                    number=s["number"],
                    title=s["title"],
                    intro=s["intro"],
                    page=s["page"],
                    asides=tuple(s.get("asides", ())),
                    clauses=tuple(Clause(**c) for c in s["clauses"]),
                )
                for s in data["sections"]
            ),
        )


@dataclass(frozen=True)
class SourceEntry:
    """One file named in the manifest: a version of a CIH document or a council policy."""

    code: str  # clause ID prefix, e.g. "COC", "ECC"
    title: str
    publisher: str
    version: str
    in_force: date
    path: str  # absolute path of the PDF or Markdown file
    kind: str  # "code" | "framework" (CIH) | "policy" | "procedure" (council: Disciplinary Procedure, Training Agreement)
    sample: bool = False
    slug: str = ""  # URL folder of the document, e.g. "code-of-conduct"
    cite_as: str = ""  # name used in citations, e.g. "CIH Code of Conduct"


@dataclass(frozen=True)
class Source:
    """A manifest entry together with what was extracted from it."""

    entry: SourceEntry
    document: Document


@dataclass(frozen=True)
class Manifest:
    documents: tuple[SourceEntry, ...]  # CIH documents (every version listed)
    policies: tuple[SourceEntry, ...] = field(default=())
    path: str = ""
    warnings: tuple[str, ...] = field(default=())  # one line each, e.g. an unknown key


@dataclass(frozen=True)
class Handbook:
    """Everything the render stage needs, as plain data."""

    manifest: Manifest
    documents: tuple[Source, ...]  # CIH documents, every version, in manifest order
    policies: tuple[Source, ...]  # council policies: the current (latest in force) version of each
    policy_history: tuple[Source, ...] = ()  # every version of every policy, in manifest order (empty: only `policies`)

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

    def policy_versions(self, code: str) -> tuple[Source, ...]:
        """A council policy's versions, oldest first by in-force date."""
        held = self.policy_history or self.policies
        return tuple(sorted((s for s in held if s.entry.code == code), key=lambda s: s.entry.in_force))

    def policy_current(self, code: str) -> Source:
        return self.policy_versions(code)[-1]

    @property
    def all_policy_versions(self) -> tuple[Source, ...]:
        return self.policy_history or self.policies
