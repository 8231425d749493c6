"""The mapping as plain data: entries keyed by the wording they were reviewed against.

An entry says, for one wording of a CIH clause (its `text_sha256`), which
Nolan principles it expresses (the first is primary), which council clauses it
engages and how, and, once HR has reviewed it, the breach route. The clause ID
and version in an entry are readable labels saying where the wording was
reviewed; the hash is the key. An entry therefore applies to every clause, in
any version, with exactly that wording, and to no other clause.

Everything here is frozen data with closed vocabularies (enums), built by
`reader`, checked by `checks` and written back by `writer`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import cached_property
from typing import Any

DEFAULT_MAPPING = "mapping/cih-to-council.yml"
DISCIPLINARY = "DIS"  # the council's Disciplinary Procedure: the code breach routes point into


class Status(StrEnum):
    REVIEWED = "reviewed"
    SUGGESTED = "suggested"  # drafted by `handbook suggest`, not yet checked by a person


class Relation(StrEnum):
    """The OSCAL mapping model's relationship types, read "the CIH clause is <relation> the council clause"."""

    EQUIVALENT_TO = "equivalent-to"
    SUBSET_OF = "subset-of"
    SUPERSET_OF = "superset-of"
    INTERSECTS_WITH = "intersects-with"
    NO_RELATIONSHIP = "no-relationship"

    @property
    def label(self) -> str:
        return {
            "equivalent-to": "equivalent to",
            "subset-of": "a subset of",
            "superset-of": "a superset of",
            "intersects-with": "overlapping with",
            "no-relationship": "unrelated to",
        }[self.value]


class Basis(StrEnum):
    SAME_WORDING = "same wording"
    SAME_MEANING = "same meaning"
    SAME_OUTCOME = "same outcome"


class SourceKind(StrEnum):
    """What a piece of suggestion evidence compares the clause with."""

    NOLAN = "nolan"
    POLICY = "policy"


class ProblemKind(StrEnum):
    MALFORMED = "malformed"
    DUPLICATE = "duplicate"
    UNKNOWN_PRINCIPLE = "unknown-principle"
    UNKNOWN_POLICY_CLAUSE = "unknown-policy-clause"
    UNKNOWN_BREACH_CLAUSE = "unknown-breach-clause"  # not a Disciplinary Procedure clause, or a sanction listed as misconduct
    # Review items: shown on the site, fail only --strict.
    UNREVIEWED = "unreviewed"  # a current clause whose wording has no entry
    SUGGESTED = "suggested"  # a current clause whose wording has only a suggested entry
    MOVED = "moved"  # the label names a clause without this wording; the wording is now elsewhere
    ORPHAN = "orphan"  # no clause of any version has this wording; belongs under orphaned:

    @property
    def is_error(self) -> bool:
        """Broken input fails every build; review items are shown on the site as "not yet reviewed"."""
        return self in _ERRORS


_ERRORS = frozenset(
    {
        ProblemKind.MALFORMED,
        ProblemKind.DUPLICATE,
        ProblemKind.UNKNOWN_PRINCIPLE,
        ProblemKind.UNKNOWN_POLICY_CLAUSE,
        ProblemKind.UNKNOWN_BREACH_CLAUSE,
    }
)


class ReviewState(StrEnum):
    """What a clause page says about the mapping of its wording."""

    REVIEWED = "reviewed"
    SUGGESTED = "suggested"  # only a drafted entry: shown as suggestions, never as fact
    UNREVIEWED = "unreviewed"  # no entry at all


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the mapping: where, what, and what to do about it."""

    file: str
    line: int | None
    kind: ProblemKind
    problem: str
    fix: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.problem}; {self.fix}"

    def is_error(self, strict: bool) -> bool:
        return strict or self.kind.is_error


def is_error(problem: Problem, strict: bool) -> bool:
    """Strict: every problem fails. Otherwise only broken input fails; review items are shown on the site."""
    return problem.is_error(strict)


@dataclass(frozen=True)
class PolicyLink:
    clause: str  # council clause ID, e.g. "ECC-2.1"
    relation: Relation
    basis: Basis
    rationale: str
    line: int | None = field(default=None, compare=False)


@dataclass(frozen=True)
class BreachRoute:
    """The reviewed route if the standard is breached: Disciplinary Procedure clause IDs, never word matches."""

    misconduct: tuple[str, ...] = ()  # misconduct / gross misconduct examples that apply (never sanctions)
    procedure: tuple[str, ...] = ()  # the procedure clauses that set the route
    line: int | None = field(default=None, compare=False)


@dataclass(frozen=True)
class BreachPosition:
    """The council's general position on breaches, shown under "If this standard is breached"."""

    statement: str
    adopted_on: date
    adopted_by: str
    line: int | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Evidence:
    """Why `handbook suggest` proposed a principle or a council clause."""

    kind: SourceKind
    target: str  # principle ID or council clause ID
    score: float
    shared: tuple[str, ...]  # the shared terms and phrases
    extra: tuple[tuple[str, Any], ...] = ()  # anything else the suggester explains (confidence, similar clauses)


@dataclass(frozen=True)
class ClauseLabel:
    """Where a wording is (or was): a clause ID in a version of its document."""

    clause: str
    version: str
    text_sha256: str = ""

    def __str__(self) -> str:
        return f"{self.clause} ({self.version})" if self.version else self.clause


@dataclass(frozen=True)
class MappingEntry:
    text_sha256: str  # THE KEY: the normalised wording's SHA-256 the entry was reviewed against
    clause: str  # readable label: the clause ID where the wording was reviewed
    version: str  # readable label: the version of that clause's document
    status: Status
    nolan: tuple[str, ...]  # principle IDs, primary first
    policies: tuple[PolicyLink, ...] = ()
    gap: str = ""
    breach: BreachRoute | None = None
    reviewed_by: str = ""
    reviewed_on: date | None = None
    text: str = ""  # the wording itself (always on orphans, so they keep their meaning)
    evidence: tuple[Evidence, ...] = ()  # suggested entries only
    reworded_as: ClauseLabel | None = None  # orphans only: the clause that seems to continue this wording
    line: int | None = field(default=None, compare=False)
    field_lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def line_of(self, key: str) -> int | None:
        return self.field_lines.get(key) or self.line

    @property
    def label(self) -> ClauseLabel:
        return ClauseLabel(self.clause, self.version, self.text_sha256)

    @property
    def primary(self) -> str | None:
        return self.nolan[0] if self.nolan else None

    @property
    def reviewed(self) -> bool:
        return self.status is Status.REVIEWED

    def link(self, policy_clause: str) -> PolicyLink | None:
        return next((p for p in self.policies if p.clause == policy_clause), None)


ClauseMapping = MappingEntry  # the name earlier code used


@dataclass(frozen=True)
class Mapping:
    path: str  # as shown in messages
    entries: tuple[MappingEntry, ...]  # well-formed entries, in file order
    orphaned: tuple[MappingEntry, ...] = ()  # set aside: their wording is in no clause of any version
    breach_position: BreachPosition | None = None
    problems: tuple[Problem, ...] = ()  # found while reading (malformed, duplicate)
    readable: bool = True  # False when the file could not be read as a mapping at all

    def for_wording(self, text_sha256: str) -> MappingEntry | None:
        """The entry reviewed (or drafted) against exactly this wording."""
        return self._by_hash.get(text_sha256)

    def reviewed_for(self, text_sha256: str) -> MappingEntry | None:
        entry = self._by_hash.get(text_sha256)
        return entry if entry is not None and entry.reviewed else None

    def orphan_for(self, text_sha256: str) -> MappingEntry | None:
        return self._orphans.get(text_sha256)

    # Every clause page asks these again; built once (cached_property writes past the frozen dataclass).
    @cached_property
    def _by_hash(self) -> dict[str, MappingEntry]:
        out: dict[str, MappingEntry] = {}
        for e in self.entries:
            out.setdefault(e.text_sha256, e)
        return out

    @cached_property
    def _orphans(self) -> dict[str, MappingEntry]:
        return {e.text_sha256: e for e in self.orphaned}


def clause_sort_key(clause_id: str) -> tuple[Any, ...]:
    """COC-1.2 < COC-1.10 < COE-Q1: numbers compared as numbers."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.findall(r"\d+|[^\d.\-]+", clause_id))
