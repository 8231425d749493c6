"""Check the mapping against the handbook: every problem, with its line and what to do.

Broken input (malformed entries, duplicates, IDs that name nothing) fails
every build; review items (a current clause whose wording has no reviewed
entry, a label that no longer names the wording, an entry whose wording is in
no version) are shown on the site as "not yet reviewed" and fail `--strict`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..model import Clause, Source
from .model import DISCIPLINARY, Mapping, MappingEntry, Problem, ProblemKind
from .wording import wording_index

if TYPE_CHECKING:
    from ..model import Handbook


def validate(mapping: Mapping, handbook: Handbook, principle_ids: Iterable[str]) -> list[Problem]:
    """Every problem with the mapping, in file order, then the current clauses with no reviewed entry."""
    known_principles = set(principle_ids)
    council = handbook.policy_clauses
    dis = next((p for p in handbook.policies if p.entry.code == DISCIPLINARY), None)
    examples = misconduct_examples(dis) if dis is not None else frozenset()
    f = mapping.path
    worded = wording_index(handbook)
    problems = list(mapping.problems)
    for entry in mapping.entries:
        what = str(entry.label)
        for pid in entry.nolan:
            if pid not in known_principles:
                problems.append(Problem(f, entry.line_of("nolan"), ProblemKind.UNKNOWN_PRINCIPLE,
                                        f"{what}: '{pid}' is not a Nolan principle", f"use one of {', '.join(sorted(known_principles))}"))
        for link in entry.policies:
            if link.clause not in council:
                problems.append(Problem(f, link.line, ProblemKind.UNKNOWN_POLICY_CLAUSE,
                                        f"{what}: council clause {link.clause} is not in the policies",
                                        "link the clause that replaced it or remove the link"))
        problems += _breach_problems(f, entry, council, examples)
        problems += _wording_problems(f, entry, worded.get(entry.text_sha256, []))
    problems.sort(key=lambda p: p.line or 0)
    if mapping.readable:
        for source in handbook.current_documents:
            for clause in source.document.clauses:
                entry = mapping.for_wording(clause.sha256)
                if entry is None:
                    problems.append(Problem(f, None, ProblemKind.UNREVIEWED,
                                            f"{clause.id} ({source.entry.version}) has no entry for its wording",
                                            "run handbook suggest to draft one, then review it"))
                elif not entry.reviewed:
                    problems.append(Problem(f, entry.line_of("status"), ProblemKind.SUGGESTED,
                                            f"{entry.label}: suggested automatically, not yet reviewed",
                                            "check it, then set status: reviewed with reviewed_by and reviewed_on"))
    return problems


def _wording_problems(f: str, entry: MappingEntry, found: list[tuple[Source, Clause]]) -> list[Problem]:
    """Is the wording still somewhere (`found`: the clauses with it), and does the label name one of them?"""
    if not found:
        return [Problem(f, entry.line_of("text_sha256"), ProblemKind.ORPHAN,
                        f"{entry.label}: no clause of any version in the manifest has this wording",
                        "run handbook suggest to set the entry aside under orphaned: (its text is kept)")]
    if any(c.id == entry.clause and s.entry.version == entry.version for s, c in found):
        return []
    source, clause = found[0]
    return [Problem(f, entry.line_of("clause"), ProblemKind.MOVED,
                    f"{entry.label}: this wording is now {clause.id} in {source.entry.version}",
                    f"set clause: {clause.id} and version: {source.entry.version} (handbook suggest does)")]


def _breach_problems(f: str, entry: MappingEntry, council: dict[str, tuple[Source, Clause]], examples: frozenset[str]) -> list[Problem]:
    if entry.breach is None:
        return []
    out = []
    line = entry.line_of("breach")
    for key, ids in (("misconduct", entry.breach.misconduct), ("procedure", entry.breach.procedure)):
        for cid in ids:
            if cid not in council or council[cid][0].entry.code != DISCIPLINARY:
                out.append(Problem(f, line, ProblemKind.UNKNOWN_BREACH_CLAUSE,
                                   f"{entry.label}: breach {key} names {cid}, which is not a clause of the Disciplinary Procedure ({DISCIPLINARY})",
                                   "use the procedure's clause IDs as shown on its page"))
            elif key == "misconduct" and cid not in examples:
                out.append(Problem(f, line, ProblemKind.UNKNOWN_BREACH_CLAUSE,
                                   f"{entry.label}: breach misconduct names {cid}, which is not one of the procedure's "
                                   "misconduct or gross misconduct examples",
                                   "list examples of misconduct there, and the clauses that set the route (never sanctions) under procedure"))
    return out


def misconduct_examples(dis: Source) -> frozenset[str]:
    """The items (lettered or roman-numbered) of the procedure's lists of misconduct and gross misconduct examples."""
    by_id = {c.id: c for c in dis.document.clauses}
    out = set()
    for c in dis.document.clauses:
        if re.search(r"\.[a-z]+$", c.id):  # lettered (.a) or roman-numbered (.ii)
            parent = by_id.get(c.id.rsplit(".", 1)[0])
            # A list introduced as examples of misconduct (DIS-5.1, DIS-5.2); the stages of action that
            # mention misconduct (DIS-4.1: warnings, dismissal) are sanctions, never examples.
            lead = parent.text.lower() if parent is not None else ""
            if "misconduct" in lead and "example" in lead:
                out.add(c.id)
    return frozenset(out)
