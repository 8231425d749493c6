"""Carry mapping entries across a new version of a CIH document.

Mapping entries are keyed by clause ID, and clause IDs are positions: when
a new version inserts a clause early on, every later ID shifts and the
entries would silently describe the wrong clauses. Each entry records the
SHA-256 of the wording it was reviewed against, so the clause can be found in
the version it was reviewed under and followed, by the same content matching
the "What changed" pages use, into the current version:

- same wording, new ID: the entry moves to the new ID and stays reviewed;
- reworded: the entry moves too, and shows as stale (its SHA-256 no longer
  matches), so someone re-checks it against the new wording;
- removed: the entry no longer applies and is dropped from the site.

Each of these is reported as a problem (kinds "moved" and "removed") so the
file can be brought up to date: `handbook suggest` re-keys it.
"""

from __future__ import annotations

import dataclasses

from .mapping import ClauseMapping, Mapping, Problem
from .model import Clause, Handbook, Source
from .versions import compare, successor


def reviewed_wording(handbook: Handbook, entry: ClauseMapping) -> tuple[Source, Clause] | None:
    """The clause, in whichever version holds it, whose wording the entry was reviewed against.

    The same ID in the latest version with that wording is preferred: it is
    the one the entry was written for, and the shortest path to the present.
    """
    if not entry.text_sha256:
        return None
    found = [(s, c) for s in handbook.documents for c in s.document.clauses if c.sha256 == entry.text_sha256]
    if not found:
        return None
    found.sort(key=lambda sc: (sc[1].id == entry.clause, sc[0].entry.in_force), reverse=True)
    return found[0]


def reviewed_clause(handbook: Handbook, entry: ClauseMapping) -> tuple[Source, Clause] | None:
    """The clause an entry was reviewed against: where follow_versions found it, else by its wording."""
    for source in handbook.documents:
        if entry.reviewed_version and source.entry.version == entry.reviewed_version:
            for clause in source.document.clauses:
                if clause.id == entry.reviewed_id and clause.sha256 == entry.text_sha256:
                    return source, clause
    return reviewed_wording(handbook, entry)


def continuation(handbook: Handbook, source: Source, clause: Clause) -> tuple[Clause | None, Source]:
    """The clause that continues `clause` in the current version, or None and the version that removed it."""
    versions = handbook.versions(source.entry.code)
    at = versions.index(source)
    here: Clause | None = clause
    for older, newer in zip(versions[at:], versions[at + 1 :]):
        assert here is not None
        here = successor(compare(older.document, newer.document), here.id)
        if here is None:
            return None, newer
    return here, versions[-1]


def follow_versions(mapping: Mapping, handbook: Handbook) -> Mapping:
    """The mapping with every entry keyed by the current ID of the clause it was reviewed against."""
    current = handbook.current_clauses
    staying: list[ClauseMapping] = []
    moving: list[tuple[int, ClauseMapping, Source, Clause, Clause]] = []
    problems: list[tuple[int, Problem]] = []  # with the entry's place in the file, to report in file order
    for at, entry in enumerate(mapping.entries):
        now = current.get(entry.clause)
        if now is not None and now[1].sha256 == entry.text_sha256:
            staying.append(entry)
            continue
        origin = reviewed_wording(handbook, entry)
        if origin is None:  # wording seen nowhere: validate() reports the entry as stale or unknown
            staying.append(entry)
            continue
        source, clause = origin
        follow, where = continuation(handbook, source, clause)
        if follow is None:
            problems.append((at, Problem(
                mapping.path, entry.line, "removed",
                f"{entry.clause}: the clause this entry was reviewed against ({source.entry.code} "
                f"{source.entry.version}) was removed in {where.entry.version}; delete the entry "
                "(handbook suggest does) or keep it in the file's history",
            )))
        elif follow.id == entry.clause:
            staying.append(_with_origin(entry, source, clause))
        else:
            moving.append((at, entry, source, clause, follow))
    taken = {e.clause for e in staying}
    moved: list[ClauseMapping] = []
    for at, entry, source, clause, follow in moving:
        version = handbook.current(source.entry.code).entry.version
        if follow.id in taken:
            problems.append((at, Problem(
                mapping.path, entry.line, "moved",
                f"{entry.clause}: this clause is now {follow.id} in {version}, which has an entry of its own; "
                "merge the two and delete this one",
            )))
            continue
        taken.add(follow.id)
        wording = "same wording" if follow.sha256 == clause.sha256 else "reworded"
        problems.append((at, Problem(
            mapping.path, entry.line, "moved",
            f"{entry.clause}: this clause is now {follow.id} in {version} ({wording}); "
            f"rename the entry to {follow.id} (handbook suggest does)",
        )))
        moved.append(dataclasses.replace(_with_origin(entry, source, clause), clause=follow.id, followed_from=entry.clause))
    if not problems and all(a is b for a, b in zip(staying, mapping.entries)) and len(staying) == len(mapping.entries):
        return mapping
    # Keys that no longer name their entry; a malformed entry's key stays listed.
    vacated = {e.clause for e in mapping.entries} - {e.clause for e in staying}
    listed = (mapping.listed - vacated) | {e.clause for e in moved}
    return dataclasses.replace(
        mapping,
        entries=tuple(staying + moved),
        problems=mapping.problems + tuple(p for _, p in sorted(problems, key=lambda ap: ap[0])),
        listed=frozenset(listed),
    )


def _with_origin(entry: ClauseMapping, source: Source, clause: Clause) -> ClauseMapping:
    """Remember which version's wording was reviewed, for the clause page to say so."""
    return dataclasses.replace(entry, reviewed_version=source.entry.version, reviewed_id=clause.id)
