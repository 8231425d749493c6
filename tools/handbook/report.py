"""The alignment report for the Housing committee, computed from the mapping.

The committee asked whether the CIH code is aligned with the council's own
policies. The answer is counted, not asserted: how many CIH clauses engage a
council clause, which engage none (policy gaps), which council clauses no CIH
clause reaches, and how the clauses spread over the Nolan principles.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from .pipeline import Handbook
from .report_output import Matrix, Report, Table

PDF_NAME = "alignment-report.pdf"
PAGE = "report/index.md"


@dataclass(frozen=True)
class ClauseLinks:
    """What the mapping says of one CIH clause, as far as the report needs it."""

    principles: tuple[str, ...]  # Nolan principle names, primary first
    policy_clauses: tuple[str, ...]  # council clause IDs
    gap_note: str = ""


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "–"


def generated_date() -> str:
    """Today, or the date of SOURCE_DATE_EPOCH so that builds are reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), tz=timezone.utc) if epoch else datetime.now(tz=timezone.utc)
    return moment.date().isoformat()


def build_report(handbook: Handbook, links: dict[str, ClauseLinks], principles: tuple[str, ...]) -> Report:
    current = handbook.current_documents
    clauses = [(s, c) for s in current for c in s.document.clauses]
    mapped = [c for _, c in clauses if links.get(c.id) and links[c.id].policy_clauses]
    gaps = [(s, c) for s, c in clauses if c.id in links and not links[c.id].policy_clauses]
    unmapped = [c for _, c in clauses if c.id not in links]
    council = [(p, c) for p in handbook.policies for c in p.document.clauses]
    reached = {pid for link in links.values() for pid in link.policy_clauses}
    unreached = [(p, c) for p, c in council if c.id not in reached]

    rows = tuple(f"{s.entry.code} {sec.number}. {sec.title}"[:40] for s in current for sec in s.document.sections)
    counts = tuple(
        tuple(sum(1 for c in sec.clauses if c.id in links and name in links[c.id].principles) for name in principles)
        for s in current
        for sec in s.document.sections
    )
    coverage_rows = tuple(
        (
            f"{p.entry.code} {p.entry.title}",
            str(len(p.document.clauses)),
            str(sum(1 for c in p.document.clauses if c.id in reached)),
            percent(sum(1 for c in p.document.clauses if c.id in reached), len(p.document.clauses)),
        )
        for p in handbook.policies
    )
    summary = (
        f"Of {len(clauses)} clauses in the current CIH documents, {len(mapped)} ({percent(len(mapped), len(clauses))}) "
        f"engage at least one clause of the council's own policies; {len(gaps)} ({percent(len(gaps), len(clauses))}) "
        f"have no council equivalent and {len(unmapped)} are not yet mapped.",
        f"Of {len(council)} clauses in the council's {len(handbook.policies)} policies, "
        f"{len(council) - len(unreached)} ({percent(len(council) - len(unreached), len(council))}) are engaged by at "
        f"least one CIH clause.",
        "Every CIH clause is mapped to at least one of the Seven Principles of Public Life; the matrix shows how "
        "the clauses of each section spread across them.",
    )
    return Report(
        title="Alignment of the CIH standards with the council's policies",
        summary=summary,
        matrix=Matrix("CIH clauses by section and Nolan principle", rows, principles, counts),
        tables=(
            Table("Coverage of each council policy", ("Policy", "Clauses", "Engaged by CIH", "Share"), coverage_rows),
            Table(
                "CIH clauses with no council equivalent (policy gaps to consider)",
                ("Clause", "Text", "Note"),
                tuple((c.id, c.text, links[c.id].gap_note) for _, c in gaps),
            ),
            Table(
                "Council clauses with no CIH counterpart",
                ("Clause", "Policy", "Text"),
                tuple((c.id, p.entry.title, c.text) for p, c in unreached),
            ),
        ),
        sources=tuple(
            f"{s.entry.publisher} – {s.entry.title} {s.entry.version}, in force from {s.entry.in_force.isoformat()}"
            f"{' (sample)' if s.entry.sample else ''}"
            for s in (*current, *handbook.policies)
        ),
        generated=generated_date(),
    )


def links_from_mapping(reviewed: dict[str, Any], principles: Any) -> dict[str, ClauseLinks]:
    """The report's view of the reviewed mapping: principle names and council clause IDs per current CIH clause ID."""
    out = {}
    for clause_id, entry in reviewed.items():
        names = tuple(principles.get(pid).name for pid in entry.nolan if principles.get(pid) is not None)
        out[clause_id] = ClauseLinks(names, tuple(link.clause for link in entry.policies), entry.gap)
    return out
