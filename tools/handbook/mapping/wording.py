"""Which entry applies to which clause: by wording, never by clause ID alone.

An entry applies to a clause, in any version, exactly when the clause's
wording has the entry's `text_sha256`. A clause whose wording has no reviewed
entry is "not yet reviewed", whatever entries its ID or earlier wordings have;
`nearest_reviewed` finds the reviewed entry nearest to it (the same clause's
wording in an earlier or later version, matched as the "What changed" pages
match clauses, or an orphaned entry `handbook suggest` pointed at it), for a
page to show *beside* it, labelled with the wording it was reviewed against.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ..model import Clause, Source
from ..versions import compare
from .model import Mapping, MappingEntry, ReviewState

if TYPE_CHECKING:
    from ..model import Handbook


def entry_for(mapping: Mapping, clause: Clause) -> MappingEntry | None:
    """The entry (reviewed or suggested) for exactly this clause's wording."""
    return mapping.for_wording(clause.sha256)


def review_state(mapping: Mapping, clause: Clause) -> ReviewState:
    entry = mapping.for_wording(clause.sha256)
    if entry is None:
        return ReviewState.UNREVIEWED
    return ReviewState.REVIEWED if entry.reviewed else ReviewState.SUGGESTED


def reviewed_current(mapping: Mapping, handbook: Handbook) -> dict[str, MappingEntry]:
    """The reviewed entry of each current CIH clause that has one, by clause ID, in document order."""
    return _by_current_clause(handbook, mapping.reviewed_for)


def current_entries(mapping: Mapping, handbook: Handbook) -> dict[str, MappingEntry]:
    """The entry (reviewed or suggested) for each current CIH clause's wording, by clause ID, in document order."""
    return _by_current_clause(handbook, mapping.for_wording)


def _by_current_clause(handbook: Handbook, lookup: Callable[[str], MappingEntry | None]) -> dict[str, MappingEntry]:
    found = {cid: lookup(clause.sha256) for cid, (_, clause) in handbook.current_clauses.items()}
    return {cid: entry for cid, entry in found.items() if entry is not None}


def wording_index(handbook: Handbook) -> dict[str, list[tuple[Source, Clause]]]:
    """Every clause of every version by its wording's SHA-256; newest version first."""
    out: dict[str, list[tuple[Source, Clause]]] = {}
    for s in sorted(handbook.documents, key=lambda s: s.entry.in_force, reverse=True):
        for c in s.document.clauses:
            out.setdefault(c.sha256, []).append((s, c))
    return out


@dataclass(frozen=True)
class Nearest:
    """A reviewed entry to show beside a clause, with the wording it was reviewed against."""

    entry: MappingEntry
    source: Source | None  # where that wording is; None for an orphaned entry (its wording is in no version)
    clause: Clause | None
    same_wording: bool  # True: the entry applies to the clause itself

    @property
    def reviewed_text(self) -> str:
        return self.clause.text if self.clause is not None else self.entry.text


def nearest_reviewed(mapping: Mapping, handbook: Handbook, source: Source, clause: Clause) -> Nearest | None:
    """The reviewed entry for this clause's wording, else the nearest reviewed wording of the same clause.

    Nearest means: the clause's own wording in the versions before it (latest
    first), then after it (earliest first), following the clause through each
    pair of versions by content (versions.compare); failing that, an orphaned
    entry whose `reworded_as` names this wording.
    """
    own = mapping.reviewed_for(clause.sha256)
    if own is not None:
        return Nearest(own, source, clause, True)
    for other_source, other in _same_clause_elsewhere(handbook, source, clause):
        entry = mapping.reviewed_for(other.sha256)
        if entry is not None:
            return Nearest(entry, other_source, other, False)
    for orphan in mapping.orphaned:
        if orphan.reviewed and orphan.reworded_as is not None and orphan.reworded_as.text_sha256 == clause.sha256:
            return Nearest(orphan, None, None, False)
    return None


def _same_clause_elsewhere(handbook: Handbook, source: Source, clause: Clause) -> Iterator[tuple[Source, Clause]]:
    versions = handbook.versions(source.entry.code)
    at = versions.index(source)
    here: Clause | None = clause
    for older, newer in zip(reversed(versions[:at]), reversed(versions[: at + 1])):
        here = _predecessor(older, newer, here.id) if here is not None else None
        if here is None:
            break
        yield older, here
    here = clause
    for older, newer in zip(versions[at:], versions[at + 1 :]):
        here = _successor(older, newer, here.id) if here is not None else None
        if here is None:
            break
        yield newer, here


@lru_cache(maxsize=4096)
def _predecessor(older: Source, newer: Source, new_id: str) -> Clause | None:
    return next((c.old for c in compare(older.document, newer.document) if c.new is not None and c.new.id == new_id), None)


@lru_cache(maxsize=4096)
def _successor(older: Source, newer: Source, old_id: str) -> Clause | None:
    return next((c.new for c in compare(older.document, newer.document) if c.old is not None and c.old.id == old_id), None)
