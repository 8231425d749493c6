"""Render the mapping: Nolan principle pages, council policy pages and clause-page sections.

Pure functions, no mkdocs import, like render.py. Links go both ways: a CIH
clause page lists its principles and council clauses (linked to the policy
page anchor), and the principle and policy pages list the CIH clauses mapped
to them (linked to the clause pages). All source text goes through md_text.

The breach route on a clause page answers "what happens if I break this?":
the council policies the clause engages, and the Disciplinary Procedure (code
DIS) clauses that apply - those the mapping links directly, otherwise the
examples of misconduct and gross misconduct in DIS that share words with the
engaged council clauses (the shared words are shown, so the reader can judge).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from .mapping import Mapping, MappingEntry, ReviewState, clause_sort_key, nearest_reviewed, review_state, reviewed_current
from .model import Clause, Source
from .nolan import Principle, Principles
from .pipeline import Handbook
from .render import RenderedFile, clause_page, md_text, rel, unsearched, yaml_str
from .render_policies import clause_anchor, policy_markdown, policy_page
from .render_versions import diff_html

NOLAN_INDEX = "nolan/index.md"
COUNCIL_INDEX = "council/index.md"
DISCIPLINARY = "DIS"



def nolan_page(principle: Principle) -> str:
    return f"nolan/{principle.id}.md"


def policy_clause_link(here: str, source: Source, clause: Clause) -> str:
    return f"{rel(here, policy_page(source))}#{clause_anchor(clause)}"


# ---------------------------------------------------------------------------
# Nolan pages.


def nolan_pages(handbook: Handbook, mapping: Mapping, principles: Principles) -> list[RenderedFile]:
    reviewed = reviewed_current(mapping, handbook)
    files = [RenderedFile(NOLAN_INDEX, nolan_index(reviewed, principles), in_nav=True)]
    for p in principles:
        files.append(RenderedFile(nolan_page(p), nolan_markdown(p, handbook, reviewed, principles)))
    return files


def attribution_lines(principles: Principles) -> list[str]:
    a = principles.attribution
    return [
        f"The descriptions are the official wording of the {md_text(a.publisher)}, "
        f"[{md_text(a.title)}]({a.url}): {md_text(a.wording)}. "
        f"Published under the [{md_text(a.licence)}]({a.licence_url or a.url}).",
    ]


def nolan_index(reviewed: dict[str, MappingEntry], principles: Principles) -> str:
    out = [
        "---",
        "title: The Seven Principles of Public Life",
        "---",
        "",
        "# The Seven Principles of Public Life",
        "",
        "Everyone who works for the council is expected to follow the Seven Principles of Public Life "
        "(the Nolan principles). Each principle's page lists the CIH clauses that express it, as reviewed by the council.",
        "",
        *attribution_lines(principles),
        "",
        "| | Principle | Description | CIH clauses (primary) |",
        "| ---: | --- | --- | ---: |",
    ]
    for p in principles:
        entries = [e for e in reviewed.values() if p.id in e.nolan]
        primary = sum(1 for e in entries if e.primary == p.id)
        out.append(
            f"| {p.number} | [{md_text(p.name)}]({rel(NOLAN_INDEX, nolan_page(p))}) | {md_text(p.description)} "
            f"| {len(entries)} ({primary}) |"
        )
    return "\n".join(out) + "\n"


def nolan_markdown(p: Principle, handbook: Handbook, reviewed: dict[str, MappingEntry], principles: Principles) -> str:
    here = nolan_page(p)
    out = [
        "---",
        f"title: {yaml_str(p.name)}",
        "---",
        "",
        f"# {p.number}. {md_text(p.name)}",
        "",
        f'<blockquote class="handbook-nolan-description" markdown="span">{md_text(p.description)}</blockquote>',
        "",
        *attribution_lines(principles),
        "",
        f"[All seven principles]({rel(here, NOLAN_INDEX)})",
        "",
        "COUNT",
    ]
    mapped = {cid: e for cid, e in reviewed.items() if p.id in e.nolan}
    total = 0
    for source in handbook.current_documents:
        rows = []
        for clause in source.document.clauses:
            entry = mapped.get(clause.id)
            if entry is None:
                continue
            role = "primary" if entry.primary == p.id else "also"
            rows.append(
                f"- [**{md_text(clause.id)}**]({rel(here, clause_page(source, clause))}) ({role}) {md_text(clause.text)}"
            )
        total += len(rows)
        out += ["", f"## {md_text(source.entry.title)} {md_text(source.entry.version)}", ""]
        out += unsearched(rows) if rows else ["No clause of this document is mapped to this principle."]
    out[out.index("COUNT")] = f"{total} current CIH clauses are mapped to this principle (reviewed mappings only)."
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------
# Council policy pages.


def policy_pages(handbook: Handbook, mapping: Mapping) -> list[RenderedFile]:
    if not handbook.policies:
        return []
    reviewed = reviewed_current(mapping, handbook)
    engaging = engaged_by(handbook, reviewed)
    files = [RenderedFile(COUNCIL_INDEX, council_index(handbook, reviewed, engaging), in_nav=True)]
    files += [RenderedFile(policy_page(p), policy_markdown(p, engaged_lines(engaging))) for p in handbook.policies]
    return files


def engaged_by(handbook: Handbook, reviewed: dict[str, MappingEntry]) -> dict[str, list[tuple[Source, Clause, MappingEntry]]]:
    """For each council clause ID, the current CIH clauses whose reviewed entry links it, in clause-ID order."""
    cih = handbook.current_clauses
    out: dict[str, list[tuple[Source, Clause, MappingEntry]]] = {}
    for clause_id in sorted(reviewed, key=clause_sort_key):
        entry = reviewed[clause_id]
        source, clause = cih[clause_id]
        for council_id in dict.fromkeys(link.clause for link in entry.policies):
            out.setdefault(council_id, []).append((source, clause, entry))
    return out


def council_index(
    handbook: Handbook, reviewed: dict[str, MappingEntry], engaging: dict[str, list[tuple[Source, Clause, MappingEntry]]]
) -> str:
    out = [
        "---",
        "title: Council policies",
        "---",
        "",
        "# Council policies",
        "",
        "The council's own policies that apply to Housing staff, clause by clause, with the CIH clauses that "
        "engage each one. Coverage is the share of a policy's clauses that at least one current CIH clause engages.",
        "",
    ]
    table = [
        "| Code | Policy | Version | In force from | Clauses | Engaged by CIH | Coverage |",
        "| --- | --- | --- | --- | ---: | ---: | ---: |",
    ]
    for source in handbook.policies:
        clauses = source.document.clauses
        engaged = sum(1 for c in clauses if c.id in engaging)
        share = f"{100 * engaged / len(clauses):.0f}%" if clauses else "–"
        table.append(
            f"| {md_text(source.entry.code)} | [{md_text(source.entry.title)}]({rel(COUNCIL_INDEX, policy_page(source))}) "
            f"| {md_text(source.entry.version)} | {source.entry.in_force.isoformat()} | {len(clauses)} | {engaged} | {share} |"
        )
    out += unsearched(table)
    gaps = [cid for cid, e in reviewed.items() if not e.policies]
    out += ["", f"{len(gaps)} current CIH clauses engage no council clause (policy gaps to consider)."]
    if any(p.entry.sample for p in handbook.policies):
        out += [
            "",
            '!!! warning "Sample policies"',
            "    These policies are fictional samples for “Example Borough Council”, written for this project. "
            "The council replaces them with its own policies (PDF or Markdown) in the manifest.",
        ]
    return "\n".join(out) + "\n"


def engaged_lines(engaging: dict[str, list[tuple[Source, Clause, MappingEntry]]]) -> Callable[[Clause, str], list[str]]:
    """Lines under a council clause listing the current CIH clauses whose reviewed mapping links it."""

    def lines(clause: Clause, here: str) -> list[str]:
        engaged = engaging.get(clause.id)
        if not engaged:
            return []
        out = ["CIH clauses that engage it:", ""]
        for cih_source, cih_clause, e in engaged:
            link = e.link(clause.id)
            assert link is not None
            out.append(
                f"- [**{md_text(cih_clause.id)}**]({rel(here, clause_page(cih_source, cih_clause))}) "
                f"{md_text(cih_clause.text)} – the CIH clause is {link.relation.label} this clause "
                f"({md_text(link.basis)})"
            )
        return [*unsearched(out), ""]

    return lines


# ---------------------------------------------------------------------------
# The mapping section of a CIH clause page.


def clause_mapping_markdown(
    source: Source,
    clause: Clause,
    mapping: Mapping,
    principles: Principles,
    handbook: Handbook,
    here: str,
    drafts: dict[str, MappingEntry] | None = None,
) -> list[str]:
    """Lines to append to a CIH clause page: the reviewed mapping of its wording, or why there is none.

    Only an entry reviewed against exactly this wording is shown as fact. A
    current clause without one says "Not yet reviewed" and shows suggestions
    (its suggested entry, or `drafts[sha]` made for the build) inside an element
    marked `data-mapping="suggested"`; a superseded clause without one says no
    mapping was reviewed for it.
    """
    current = handbook.current(source.entry.code) is source
    state = review_state(mapping, clause)
    # The review state and the lists below repeat across clause pages, so they are not indexed for search.
    heading = "How this applies at the council" if current else "How this applied at the council"
    out: list[str] = ["", f"## {heading} {{ data-search-exclude }}", ""]
    if state is ReviewState.REVIEWED:
        entry = mapping.for_wording(clause.sha256)
        assert entry is not None
        on = entry.reviewed_on.isoformat() if entry.reviewed_on else "an unknown date"
        out += [f"Mapping reviewed for this wording by {md_text(entry.reviewed_by)} on {on}.", ""]
        out += _reviewed_elsewhere(entry, source, clause, handbook, here)
        out += _entry_lines(entry, principles, handbook, here)
        out += ["", *breach_route(entry, handbook, here)]
        return out
    if not current:
        return [*out, "No mapping was reviewed for this wording of the clause.", ""]
    out += [
        '!!! warning "Not yet reviewed"',
        "    The council has not yet reviewed how this wording applies, so no Nolan principle, council clause or "
        "breach route is given for it here.",
        "",
    ]
    out += _nearest_lines(mapping, handbook, source, clause, here)
    draft = mapping.for_wording(clause.sha256) or (drafts or {}).get(clause.sha256)
    if draft is not None:
        out += [
            '<div class="handbook-suggested" data-mapping="suggested" markdown>',
            "",
            "**Suggested automatically, not reviewed** – a starting point for the reviewer, not guidance:",
            "",
            *_entry_lines(draft, principles, handbook, here, evidence=True),
            "",
            "</div>",
            "",
        ]
    out += [
        "### If this standard is breached { data-search-exclude }",
        "",
        "The breach route for this wording has not been reviewed yet.",
    ]
    return out


def _entry_lines(entry: MappingEntry, principles: Principles, handbook: Handbook, here: str, evidence: bool = False) -> list[str]:
    shared = {(e.kind.value, e.target): e.shared for e in entry.evidence} if evidence else {}

    def why(kind: str, target: str) -> str:
        terms = shared.get((kind, target))
        return f" *(shared terms: {md_text(', '.join(terms[:4]))})*" if terms else ""

    out = ["### Nolan principles { data-search-exclude }", ""]
    for i, pid in enumerate(entry.nolan):
        p = principles.get(pid)
        if p is None:
            continue
        out.append(
            f"- [{md_text(p.name)}]({rel(here, nolan_page(p))}){' (primary)' if i == 0 else ''}: {md_text(p.description)}"
            + why("nolan", pid)
        )
    out += ["", "### Council policies { data-search-exclude }", ""]
    council = handbook.policy_clauses
    for link in entry.policies:
        if link.clause not in council:
            continue
        psource, pclause = council[link.clause]
        out += [
            f"- [**{md_text(pclause.id)}**]({policy_clause_link(here, psource, pclause)}) "
            f"{md_text(psource.entry.title)}: {md_text(pclause.text)}" + why("policy", link.clause),
            f"    - This clause is {link.relation.label} it ({md_text(link.basis)}). {md_text(link.rationale)}",
        ]
    if not entry.policies:
        out.append("No council clause engages this standard.")
    if entry.gap:
        out += ["", '!!! note "Gap in the council\'s policies"', "    " + md_text(entry.gap)]
    return out


def _reviewed_elsewhere(entry: MappingEntry, source: Source, clause: Clause, handbook: Handbook, here: str) -> list[str]:
    """Where the review was done, when that was another clause ID or version with the same wording."""
    if entry.clause == clause.id and entry.version == source.entry.version:
        return []
    for other in handbook.versions(source.entry.code):
        if other.entry.version == entry.version:
            old = next((c for c in other.document.clauses if c.id == entry.clause and c.sha256 == entry.text_sha256), None)
            if old is not None:
                link = f"[{md_text(old.id)} in {md_text(other.entry.version)}]({rel(here, clause_page(other, old))})"
                return [f"The mapping was reviewed against {link}; this clause has the same wording.", ""]
    return []


def _nearest_lines(mapping: Mapping, handbook: Handbook, source: Source, clause: Clause, here: str) -> list[str]:
    """The nearest reviewed wording of this clause, labelled as such, with the words changed since."""
    near = nearest_reviewed(mapping, handbook, source, clause)
    if near is None:
        return []
    on = near.entry.reviewed_on.isoformat() if near.entry.reviewed_on else "an unknown date"
    if near.clause is not None and near.source is not None:
        where = f"[{md_text(near.clause.id)} in {md_text(near.source.entry.version)}]({rel(here, clause_page(near.source, near.clause))})"
        said = f"A mapping was reviewed on {on} for another wording of this clause, {where}; it applies to that wording only."
    else:
        said = (f"A mapping was reviewed on {on} for an earlier wording, {md_text(near.entry.clause)} "
                f"({md_text(near.entry.version)}), that is no longer in any version; it applies to that wording only.")
    return [
        said + " Words changed since (deleted words struck through, new words underlined):",
        "",
        diff_html(near.reviewed_text, clause.text),
        "",
    ]


def breach_route(entry: MappingEntry, handbook: Handbook, here: str) -> list[str]:
    """Which council policy is engaged and which Disciplinary Procedure clauses apply."""
    council = handbook.policy_clauses
    dis = next((p for p in handbook.policies if p.entry.code == DISCIPLINARY), None)
    out = ["### If this standard is breached { data-search-exclude }", ""]
    engaged_policies: dict[str, Source] = {}
    for link in entry.policies:
        if link.clause in council and council[link.clause][0].entry.code != DISCIPLINARY:
            engaged_policies.setdefault(council[link.clause][0].entry.code, council[link.clause][0])
    if not engaged_policies:
        out.append(
            "No council policy is engaged, so a breach of this standard alone is not a breach of a council policy. "
            "It may still be raised with the member's manager or with the Institute."
        )
        return out
    names = ", ".join(f"[{md_text(s.entry.title)}]({rel(here, policy_page(s))})" for s in engaged_policies.values())
    out.append(f"A breach would engage the council's {names}.")
    if dis is None:
        return out
    direct = [council[link.clause][1] for link in entry.policies if link.clause in council and council[link.clause][0] is dis]
    if direct:
        out += ["", f"The mapping names these {md_text(dis.entry.title)} clauses:", ""]
        out += [f"- [**{md_text(c.id)}**]({policy_clause_link(here, dis, c)}) {md_text(c.text)}" for c in direct]
        return out
    linked_text = " ".join(council[link.clause][1].text for link in entry.policies if link.clause in council)
    examples = disciplinary_examples(dis, linked_text)
    if not examples:
        out += ["", f"The {md_text(dis.entry.title)} applies; none of its examples shares this topic, so the stage "
                "of action depends on the facts of the case."]
        return out
    out += [
        "",
        f"It may be dealt with under the [{md_text(dis.entry.title)}]({rel(here, policy_page(dis))}). "
        "Its examples that share words with the engaged council clauses (shown in brackets):",
        "",
    ]
    for c, label, shared in examples:
        out.append(
            f"- [**{md_text(c.id)}**]({policy_clause_link(here, dis, c)}) {label}: {md_text(c.text)} "
            f"({md_text(', '.join(shared))})"
        )
    return out


def disciplinary_examples(dis: Source, topic_text: str, limit: int = 3) -> list[tuple[Clause, str, tuple[str, ...]]]:
    """The lettered examples in the DIS lists that share the most (rare) words with the topic."""
    from .suggest import terms

    clauses = dis.document.clauses
    by_id, examples, df = _misconduct_examples(clauses)
    if not examples:
        return []
    n = len(clauses)
    topic = {s for s, _ in terms(topic_text)}
    scored = []
    for c in examples:
        seq = terms(c.text)
        shared = {w: math.log((n + 1) / (df[s] + 1)) for s, w in seq if s in topic}
        score = sum(shared.values())
        if score >= 0.5 * math.log(n + 1):  # at least one fairly rare word in common
            parent = by_id.get(c.id.rsplit(".", 1)[0])
            gross = parent is not None and parent.text.lower().startswith("gross misconduct")
            label = "gross misconduct example" if gross else "misconduct example"
            scored.append((score, c, label, tuple(sorted(shared, key=lambda w: -shared[w]))))
    scored.sort(key=lambda t: (-t[0], clause_sort_key(t[1].id)))
    return [(c, label, shared) for _, c, label, shared in scored[:limit]]


@lru_cache(maxsize=4)  # one procedure, asked once per mapped clause page
def _misconduct_examples(clauses: tuple[Clause, ...]) -> tuple[dict[str, Clause], tuple[Clause, ...], Counter[str]]:
    """The procedure's clauses by ID, its lettered misconduct examples, and how many clauses use each word stem."""
    from .suggest import terms

    by_id = {c.id: c for c in clauses}
    examples = [c for c in clauses if re.search(r"\.[a-z]$", c.id)]
    examples = [c for c in examples if "misconduct" in by_id.get(c.id.rsplit(".", 1)[0], c).text.lower()]
    # Callers share these (cached), so they only read them.
    df = Counter(s for c in clauses for s in {s for s, _ in terms(c.text)})
    return by_id, tuple(examples), df


# ---------------------------------------------------------------------------
# handbook.json.


def mapping_json(mapping: Mapping, handbook: Handbook) -> dict[str, Any]:
    """The mapping as published in handbook.json: the entries as in the file, and each current clause's state."""

    def entry_json(e: MappingEntry) -> dict[str, Any]:
        return {
            "clause": e.clause,
            "version": e.version,
            "text_sha256": e.text_sha256,
            "status": e.status.value,
            "nolan": list(e.nolan),
            "policies": [
                {"clause": p.clause, "relation": p.relation.value, "basis": p.basis.value, "rationale": p.rationale}
                for p in e.policies
            ],
            "gap": e.gap or None,
            "breach": {"misconduct": list(e.breach.misconduct), "procedure": list(e.breach.procedure)} if e.breach else None,
            "reviewed_by": e.reviewed_by or None,
            "reviewed_on": e.reviewed_on.isoformat() if e.reviewed_on else None,
        }

    position = mapping.breach_position
    return {
        "schema": "professional-standards-handbook/mapping/2",
        "breach_position": {
            "statement": position.statement, "adopted_on": position.adopted_on.isoformat(), "adopted_by": position.adopted_by,
        } if position else None,
        "entries": [entry_json(e) for e in mapping.entries],
        "orphaned": [{**entry_json(e), "text": e.text or None} for e in mapping.orphaned],
        "clauses": {
            cid: {"text_sha256": c.sha256, "state": review_state(mapping, c).value}
            for cid, (_, c) in handbook.current_clauses.items()
        },
    }
