"""The alignment report for the Housing committee, computed from the mapping.

The committee asked whether the CIH code is aligned with the council's own
policies. The answer is counted, not asserted: how many CIH clauses engage a
council clause, which engage none (policy gaps), which council clauses no CIH
clause reaches, and how the clauses spread over the Nolan principles.
"""

from __future__ import annotations

import os
import re
from datetime import date, datetime, timezone

from .committee import Committee, Concern, Statement, Test, Verdict
from .errors import HandbookError
from .model import Clause, Handbook, Source
from .report_output import Answer, Finding, Matrix, Quote, Report, Table
from .resolve import ClauseLinks  # the report's input, resolved from the mapping

MAX_DOCUMENT_COLUMNS = 6

# Verdicts on a share of clauses, stated in the report so a reader can check them.
THRESHOLDS = ((1.0, Verdict.SUPPORTED), (0.75, Verdict.LARGELY), (0.25, Verdict.PARTLY), (0.0, Verdict.NOT_SUPPORTED))
THRESHOLD_NOTE = (
    "Verdicts on a share of clauses: Supported when every clause meets the test, Largely supported from 75%, "
    "Partly supported from 25%, otherwise Not supported by the data."
)


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "–"


def verdict(part: int, whole: int) -> Verdict:
    share = part / whole if whole else 0.0
    return next(v for limit, v in THRESHOLDS if share >= limit)


def generated_date() -> str:
    """Today, or the date of SOURCE_DATE_EPOCH so that builds are reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), tz=timezone.utc) if epoch else datetime.now(tz=timezone.utc)
    return moment.date().isoformat()


def ids(clauses: list[Clause], limit: int = 12) -> str:
    return listed([c.id for c in clauses], ", ", limit)


def listed(items: list[str], sep: str, limit: int = 12) -> str:
    """The first `limit` items and how many more: a finding stays readable however large the handbook grows."""
    shown = sep.join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


# A council clause that makes CIH members follow the CIH codes: it names CIH and its codes or standards.
_NAMES_CIH = re.compile(r"\b(CIH|Chartered Institute of Housing)\b")
_NAMES_CODES = re.compile(r"\b(codes?|standards?)\b", re.IGNORECASE)


class _Facts:
    """The figures the findings and appendices share, counted once."""

    def __init__(self, handbook: Handbook, links: dict[str, ClauseLinks]):
        self.handbook = handbook
        self.links = links
        self.current = handbook.current_documents
        self.clauses = [(s, c) for s in self.current for c in s.document.clauses]
        # Procedures (the Disciplinary Procedure, the Training Agreement) say how things are done,
        # not how staff must behave: they are neither coverage nor gaps.
        self.policies = [p for p in handbook.policies if p.entry.kind != "procedure"]
        self.procedures = [p for p in handbook.policies if p.entry.kind == "procedure"]
        self.policy_codes = {p.entry.code for p in self.policies}

    def engages_policy(self, clause: Clause) -> bool:
        link = self.links.get(clause.id)
        return bool(link) and any(pid.split("-")[0] in self.policy_codes for pid in link.policy_clauses)

    def document(self, code: str) -> Source | None:
        return next((s for s in self.current if s.entry.code == code), None)

    def policy(self, code: str) -> Source | None:
        return next((p for p in self.handbook.policies if p.entry.code == code), None)


def build_report(
    handbook: Handbook,
    links: dict[str, ClauseLinks],
    principles: tuple[str, ...],
    committee: Committee | None = None,
) -> Report:
    facts = _Facts(handbook, links)
    clauses = facts.clauses
    mapped = [c for _, c in clauses if facts.engages_policy(c)]
    gaps = [(s, c) for s, c in clauses if c.id in links and not facts.engages_policy(c)]
    unmapped = [c for _, c in clauses if c.id not in links]
    council = [(p, c) for p in facts.policies for c in p.document.clauses]
    reached = {pid for link in links.values() for pid in link.policy_clauses}
    unreached = [(p, c) for p, c in council if c.id not in reached]

    rows = tuple(f"{s.entry.code} {sec.number}. {sec.title}"[:40] for s in facts.current for sec in s.document.sections)
    counts = tuple(
        tuple(sum(1 for c in sec.clauses if c.id in links and name in links[c.id].principles) for name in principles)
        for s in facts.current
        for sec in s.document.sections
    )
    summary = (
        f"Of {len(clauses)} clauses in the current CIH documents, {len(mapped)} ({percent(len(mapped), len(clauses))}) "
        f"engage at least one clause of the council's own policies; {len(gaps)} ({percent(len(gaps), len(clauses))}) "
        f"have no council equivalent and {len(unmapped)} are not yet mapped.",
        f"Of {len(council)} clauses in the council's {len(facts.policies)} policies, "
        f"{len(council) - len(unreached)} ({percent(len(council) - len(unreached), len(council))}) are engaged by at "
        f"least one CIH clause."
        + (
            f" Procedures ({', '.join(p.entry.title for p in facts.procedures)}) are not counted: they say how the "
            "council acts, not how staff must behave."
            if facts.procedures
            else ""
        ),
    )
    findings = tuple(_finding(s, facts, principles) for s in committee.statements) if committee else ()
    answers = tuple(_answer(c, committee, findings) for c in committee.concerns) if committee else ()
    recommendations = _recommendations(facts, committee)
    # A column per CIH document while they fit across an A4 page; a large library gets the totals only.
    columns = facts.current if len(facts.current) <= MAX_DOCUMENT_COLUMNS else ()
    by_principle = tuple(
        (
            name,
            *(str(sum(1 for c in s.document.clauses if c.id in links and name in links[c.id].principles)) for s in columns),
            str(sum(1 for _, c in clauses if c.id in links and name in links[c.id].principles)),
            str(sum(1 for _, c in clauses if c.id in links and links[c.id].principles[:1] == (name,))),
        )
        for name in principles
    )
    coverage_rows = tuple(
        (
            f"{p.entry.code} {p.entry.title}",
            p.entry.version,
            str(len(p.document.clauses)),
            str(sum(1 for c in p.document.clauses if c.id in reached)),
            percent(sum(1 for c in p.document.clauses if c.id in reached), len(p.document.clauses)),
        )
        for p in facts.policies
    )
    return Report(
        title="Alignment of the CIH standards with the council's policies",
        subtitle=committee.meeting if committee else "",
        summary=summary,
        findings=findings,
        answers=answers,
        recommendations=recommendations,
        review=_review(links, len(clauses)),
        appendices=(
            Table(
                "Appendix A: CIH clauses by Nolan principle",
                ("Principle", *(s.entry.code for s in columns), "All", "As primary principle"),
                by_principle,
            ),
            Matrix("Appendix B: CIH clauses by section and Nolan principle", rows, principles, counts),
            Table(
                "Appendix C: Coverage of each council policy",
                ("Policy", "Version", "Clauses", "Engaged by CIH", "Share"),
                coverage_rows,
            ),
            Table(
                "Appendix D: CIH clauses with no council policy equivalent (gaps to consider)",
                ("Clause", "Text", "Note"),
                tuple((c.id, c.text, links[c.id].gap_note) for _, c in gaps),
            ),
            Table(
                "Appendix E: Council policy clauses with no CIH counterpart",
                ("Clause", "Policy", "Text"),
                tuple((c.id, p.entry.title, c.text) for p, c in unreached),
            ),
        ),
        sources=tuple(
            f"{s.entry.publisher} – {s.entry.title} {s.entry.version}, in force from {s.entry.in_force.isoformat()}"
            f"{' (sample)' if s.entry.sample else ''}"
            for s in (*facts.current, *handbook.policies)
        ),
        generated=generated_date(),
        notes=(THRESHOLD_NOTE,),
    )


def _finding(statement: Statement, facts: _Facts, principles: tuple[str, ...]) -> Finding:
    links = facts.links
    if statement.test is Test.NOLAN:
        n = len(facts.clauses)
        named = [c for _, c in facts.clauses if c.id in links and links[c.id].reviewed and links[c.id].principles]
        primary = {name: sum(1 for _, c in facts.clauses if c.id in links and links[c.id].principles[:1] == (name,)) for name in principles}
        least = min(principles, key=lambda name: primary[name]) if principles else ""
        text = (
            f"{len(named)} of {n} clauses of the current CIH documents ({percent(len(named), n)}) are mapped, after review, "
            f"to at least one of the seven principles. Every principle is the primary one for at least {primary[least]} "
            f"clause{'s' if primary[least] != 1 else ''} (fewest: {least})."
            if principles
            else "The Nolan principles are not loaded."
        )
        return Finding(statement.text, statement.said_by, text, verdict(len(named), n).value)
    if statement.test is Test.SIMILAR:
        doc, policy = facts.document(statement.document), facts.policy(statement.policy)
        if doc is None or policy is None:
            return Finding(statement.text, statement.said_by, "The document or policy named is not in the handbook.", Verdict.NOT_TESTED.value)
        own = doc.document.clauses
        prefix = f"{policy.entry.code}-"
        hits = [c for c in own if any(p.startswith(prefix) for p in links.get(c.id, ClauseLinks((), ())).policy_clauses)]
        equivalent = [
            c for c in hits
            if any(p.startswith(prefix) and r == "equivalent-to" for p, r in zip(links[c.id].policy_clauses, links[c.id].relations))
        ]
        other = [c for c in own if c not in hits and facts.engages_policy(c)]
        text = (
            f"{len(hits)} of {len(own)} clauses of the {doc.entry.title} ({percent(len(hits), len(own))}) engage a clause of the "
            f"council's {policy.entry.title}, {len(equivalent)} of them as equivalent; {len(other)} more "
            f"{'engages' if len(other) == 1 else 'engage'} other council policies only, and "
            f"{len(own) - len(hits) - len(other)} {'engages' if len(own) - len(hits) - len(other) == 1 else 'engage'} none."
        )
        return Finding(statement.text, statement.said_by, text, verdict(len(hits), len(own)).value)
    if statement.test is Test.BREACH:
        doc = facts.document(statement.document)
        if doc is None:
            return Finding(statement.text, statement.said_by, "The document named is not in the handbook.", Verdict.NOT_TESTED.value)
        own = list(doc.document.clauses)
        engaged = [c for c in own if facts.engages_policy(c)]
        missing = [c for c in own if c not in engaged]
        text = (
            f"A breach of {len(engaged)} of the {len(own)} clauses of the {doc.entry.title} ({percent(len(engaged), len(own))}) "
            "would engage a council policy, and so could be taken forward under the Disciplinary Procedure."
        )
        if missing:
            text += f" For the other {len(missing)} ({ids(missing)}) no council policy applies: they are gaps."
        return Finding(statement.text, statement.said_by, text, verdict(len(engaged), len(own)).value)
    if statement.test is Test.EVIDENCE:
        quotes = tuple(
            Quote(cid, f"{source.entry.title} {source.entry.version}", clause.text)
            for cid in statement.evidence
            for source, clause in (facts.handbook.policy_clauses[cid],)
        )
        assert statement.verdict is not None
        return Finding(statement.text, statement.said_by, statement.finding, statement.verdict.value, quotes)
    # Test.CURRENCY
    today = date.fromisoformat(generated_date())
    limit = statement.max_age_years
    old = [
        p for p in facts.handbook.policies
        if (today.year - p.entry.in_force.year) - ((today.month, today.day) < (p.entry.in_force.month, p.entry.in_force.day)) >= limit
    ]
    n = len(facts.handbook.policies)
    names = listed([f"{p.entry.title} {p.entry.version} (in force from {p.entry.in_force.isoformat()})" for p in old], "; ")
    text = (
        "The handbook cannot show what Legal Services scans. It shows whether the council's policies are kept current: "
        + (
            f"{len(old)} of {n} have had no new version for more than {limit} years: {names}."
            if old
            else f"all {n} have had a new version within the last {limit} years."
        )
    )
    return Finding(statement.text, statement.said_by, text, Verdict.NOT_TESTED.value)


def _answer(concern: Concern, committee: Committee, findings: tuple[Finding, ...]) -> Answer:
    """A concern answered by the verdicts of the numbered statements that bear on it, or by its note."""
    number = {s.id: n for n, s in enumerate(committee.statements, start=1)}
    parts = [f"statement {number[i]} – {findings[number[i] - 1].verdict.lower()}" for i in concern.answered_by]
    text = ("Answered by " + "; ".join(parts) + ".") if parts else ""
    return Answer(concern.text, " ".join(t for t in (text, concern.note) if t))


def _recommendations(facts: _Facts, committee: Committee | None) -> tuple[str, ...]:
    out = []
    names_cih = [
        c for p in facts.policies for c in p.document.clauses if _NAMES_CIH.search(c.text) and _NAMES_CODES.search(c.text)
    ]
    gaps = [c for _, c in facts.clauses if c.id in facts.links and not facts.engages_policy(c)]
    if not names_cih:
        out.append(
            "No council policy clause requires staff who are CIH members to follow the CIH codes. Adding one, for example "
            f"to the Employee Code of Conduct, would make a breach of any of the {len(facts.clauses)} CIH clauses a breach of "
            "council policy, and the Director's statement on breaches true for every clause."
        )
    if gaps:
        out.append(
            f"Review the {len(gaps)} CIH clauses with no council policy equivalent (Appendix D) and decide, for each, whether "
            "a council policy should cover it."
        )
    unreviewed = [c for _, c in facts.clauses if c.id not in facts.links or not facts.links[c.id].reviewed]
    if unreviewed:
        out.append(f"Complete the review of the mapping: {len(unreviewed)} clauses ({ids(unreviewed)}) are not yet reviewed.")
    return tuple(out)


def _review(links: dict[str, ClauseLinks], total: int) -> str:
    reviewed = [link for link in links.values() if link.reviewed]
    if not reviewed:
        return "The mapping has not been reviewed yet."
    people = sorted({link.reviewed_by for link in reviewed if link.reviewed_by})
    days = sorted(link.reviewed_on for link in reviewed if link.reviewed_on)
    when = (f"on {days[0]}" if days[0] == days[-1] else f"between {days[0]} and {days[-1]}") if days else "on dates not recorded"
    who = ", ".join(people) if people else "reviewers not recorded"
    return (
        f"The mapping behind these figures was reviewed by {who} {when}: {len(reviewed)} of {total} current CIH clauses "
        f"have a reviewed entry{'' if len(reviewed) == total else f'; {total - len(reviewed)} still need review'}."
    )


def committee_problems(committee: Committee, handbook: Handbook) -> list[HandbookError]:
    """Statements that name a document, policy or clause the handbook does not hold."""
    out = []
    for s in committee.statements:
        named = [("CIH document", s.document, s.document in handbook.codes)] if s.document else []
        if s.policy:
            named.append(("council policy", s.policy, any(p.entry.code == s.policy for p in handbook.policies)))
        named += [("council clause", cid, cid in handbook.policy_clauses) for cid in s.evidence]
        for what, name, found in named:
            if not found:
                out.append(
                    HandbookError(committee.path, f"statement {s.id} names {what} {name}, which the handbook does not hold",
                                  f"correct it or add the {what} to the manifest", line=s.line)
                )
    return out
