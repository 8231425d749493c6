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

from .mapping import ClauseMapping, Mapping, clause_sort_key, review_state
from .mapping_versions import reviewed_clause
from .model import Clause, Source
from .nolan import Principle, Principles
from .pipeline import Handbook
from .render import RenderedFile, clause_page, md_text, rel, unsearched, yaml_str
from .render_policies import clause_anchor, council_clause_item, policy_links, policy_markdown, policy_page
from .render_versions import diff_html

NOLAN_INDEX = "nolan/index.md"
COUNCIL_INDEX = "council/index.md"
DISCIPLINARY = "DIS"

RELATION_LABEL = {
    "equivalent-to": "equivalent to",
    "subset-of": "a subset of",
    "superset-of": "a superset of",
    "intersects-with": "overlapping with",
    "no-relationship": "unrelated to",
}


def nolan_page(principle: Principle) -> str:
    return f"nolan/{principle.id}.md"


def policy_clause_link(here: str, source: Source, clause: Clause) -> str:
    return f"{rel(here, policy_page(source))}#{clause_anchor(clause)}"


def _review_badge(state: str) -> str:
    return "" if state == "reviewed" else f" *(needs review: {state})*"


# ---------------------------------------------------------------------------
# Nolan pages.


def nolan_pages(handbook: Handbook, mapping: Mapping, principles: Principles) -> list[RenderedFile]:
    cih = handbook.current_clauses
    files = [RenderedFile(NOLAN_INDEX, nolan_index(mapping, principles, cih), in_nav=True)]
    for p in principles:
        files.append(RenderedFile(nolan_page(p), nolan_markdown(p, handbook, mapping, principles, cih)))
    return files


def attribution_lines(principles: Principles) -> list[str]:
    a = principles.attribution
    return [
        f"The descriptions are the official wording of the {md_text(a.publisher)}, "
        f"[{md_text(a.title)}]({a.url}): {md_text(a.wording)}. "
        f"Published under the [{md_text(a.licence)}]({a.licence_url or a.url}).",
    ]


def nolan_index(mapping: Mapping, principles: Principles, cih: dict[str, tuple[Source, Clause]]) -> str:
    out = [
        "---",
        "title: The Seven Principles of Public Life",
        "---",
        "",
        "# The Seven Principles of Public Life",
        "",
        "Everyone who works for the council is expected to follow the Seven Principles of Public Life "
        "(the Nolan principles). Each principle's page lists the CIH clauses that express it.",
        "",
        *attribution_lines(principles),
        "",
        "| | Principle | Description | CIH clauses (primary) |",
        "| ---: | --- | --- | ---: |",
    ]
    for p in principles:
        entries = [e for e in mapping.clauses_for_principle(p.id) if e.clause in cih]
        primary = sum(1 for e in entries if e.primary == p.id)
        out.append(
            f"| {p.number} | [{md_text(p.name)}]({rel(NOLAN_INDEX, nolan_page(p))}) | {md_text(p.description)} "
            f"| {len(entries)} ({primary}) |"
        )
    return "\n".join(out) + "\n"


def nolan_markdown(p: Principle, handbook: Handbook, mapping: Mapping, principles: Principles, cih: dict[str, tuple[Source, Clause]]) -> str:
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
    mapped = {e.clause: e for e in mapping.clauses_for_principle(p.id)}
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
                f"{_review_badge(review_state(mapping, clause))}"
            )
        total += len(rows)
        out += ["", f"## {md_text(source.entry.title)} {md_text(source.entry.version)}", ""]
        out += unsearched(rows) if rows else ["No clause of this document is mapped to this principle."]
    out[out.index("COUNT")] = f"{total} current CIH clauses are mapped to this principle."
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------
# Council policy pages.


def policy_pages(handbook: Handbook, mapping: Mapping) -> list[RenderedFile]:
    if not handbook.policies:
        return []
    cih = handbook.current_clauses
    files = [RenderedFile(COUNCIL_INDEX, council_index(handbook, mapping, cih), in_nav=True)]
    files += [
        RenderedFile(policy_page(p), policy_markdown(p, engaged_lines(mapping, cih), policy_links(handbook, p))) for p in handbook.policies
    ]
    return files


def _engaged(mapping: Mapping, clause: Clause, cih: dict[str, tuple[Source, Clause]]) -> list[ClauseMapping]:
    return [e for e in mapping.clauses_for_policy_clause(clause.id) if e.clause in cih]


def council_index(handbook: Handbook, mapping: Mapping, cih: dict[str, tuple[Source, Clause]]) -> str:
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
        engaged = sum(1 for c in clauses if _engaged(mapping, c, cih))
        share = f"{100 * engaged / len(clauses):.0f}%" if clauses else "–"
        table.append(
            f"| {md_text(source.entry.code)} | [{md_text(source.entry.title)}]({rel(COUNCIL_INDEX, policy_page(source))}) "
            f"| {md_text(source.entry.version)} | {source.entry.in_force.isoformat()} | {len(clauses)} | {engaged} | {share} |"
        )
    out += unsearched(table)
    gaps = [e for e in mapping.sorted_entries() if e.clause in cih and not e.policies]
    out += ["", f"{len(gaps)} current CIH clauses engage no council clause (policy gaps to consider)."]
    if any(p.entry.sample for p in handbook.policies):
        out += [
            "",
            '!!! warning "Sample policies"',
            "    These policies are fictional samples for “Example Borough Council”, written for this project. "
            "The council replaces them with its own policies (PDF or Markdown) in the manifest.",
        ]
    return "\n".join(out) + "\n"


def engaged_lines(mapping: Mapping, cih: dict[str, tuple[Source, Clause]]) -> Callable[[Clause, str], list[str]]:
    """Lines under a council clause listing the CIH clauses that engage it."""

    def lines(clause: Clause, here: str) -> list[str]:
        engaged = _engaged(mapping, clause, cih)
        if not engaged:
            return []
        out = ["CIH clauses that engage it:", ""]
        for e in engaged:
            cih_source, cih_clause = cih[e.clause]
            link = e.link(clause.id)
            assert link is not None
            out.append(
                f"- [**{md_text(cih_clause.id)}**]({rel(here, clause_page(cih_source, cih_clause))}) "
                f"{md_text(cih_clause.text)} – the CIH clause is {RELATION_LABEL[link.relation]} this clause "
                f"({md_text(link.basis)}){_review_badge(review_state(mapping, cih_clause))}"
            )
        return [*unsearched(out), ""]

    return lines


# ---------------------------------------------------------------------------
# The mapping section of a CIH clause page.


def clause_mapping_markdown(
    source: Source, clause: Clause, mapping: Mapping, principles: Principles, handbook: Handbook, here: str
) -> list[str]:
    """Lines to append to a CIH clause page (current versions only)."""
    if handbook.current(source.entry.code) is not source:
        return []
    state = review_state(mapping, clause)
    entry = mapping.for_clause(clause.id)
    # The review state and the lists below repeat across clause pages, so they are not indexed for search.
    out: list[str] = ["", "## How this applies at the council { data-search-exclude }", ""]
    out += _review_admonition(state, entry, clause)
    out += _reviewed_wording_lines(state, entry, handbook, here)
    if entry is None:
        return out
    out += ["### Nolan principles { data-search-exclude }", ""]
    for i, pid in enumerate(entry.nolan):
        p = principles.get(pid)
        if p is None:
            continue
        out.append(
            f"- [{md_text(p.name)}]({rel(here, nolan_page(p))}){' (primary)' if i == 0 else ''}: {md_text(p.description)}"
        )
    out += ["", "### Council policies { data-search-exclude }", ""]
    council = handbook.policy_clauses
    for link in entry.policies:
        if link.clause not in council:
            continue
        psource, pclause = council[link.clause]
        out += [
            *council_clause_item(here, psource, pclause),
            f"    - This clause is {RELATION_LABEL[link.relation]} it ({md_text(link.basis)}). {md_text(link.rationale)}",
        ]
    if not entry.policies:
        out.append("No council clause engages this standard.")
    if entry.gap:
        out += ["", '!!! note "Gap in the council\'s policies"', "    " + md_text(entry.gap)]
    out += ["", *breach_route(entry, handbook, here)]
    return out


def _review_admonition(state: str, entry: ClauseMapping | None, clause: Clause) -> list[str]:
    if state == "reviewed":
        assert entry is not None
        on = entry.reviewed_on.isoformat() if entry.reviewed_on else "an unknown date"
        return [f"Mapping reviewed by {md_text(entry.reviewed_by)} on {on}.", ""]
    text = {
        "unmapped": "This clause has not been mapped to the Nolan principles or the council's policies yet.",
        "suggested": "The links below were suggested automatically from shared words and have not yet been "
        "checked by a person.",
        "stale": "The wording of this clause has changed since its mapping was reviewed"
        + (f" on {entry.reviewed_on.isoformat()}" if entry and entry.reviewed_on else "")
        + "; the links below may no longer fit.",
    }[state]
    return ['!!! warning "Needs review"', f"    {text}", ""]


def _reviewed_wording_lines(state: str, entry: ClauseMapping | None, handbook: Handbook, here: str) -> list[str]:
    """Which wording the review was against, when it was an earlier version's or differs from this one."""
    if entry is None or state not in ("reviewed", "stale"):
        return []
    origin = reviewed_clause(handbook, entry) if (entry.reviewed_version or state == "stale") else None
    if origin is None:
        return []
    source, old = origin
    link = f"[{md_text(old.id)} in {md_text(source.entry.version)}]({rel(here, clause_page(source, old))})"
    if state == "reviewed":
        return [f"The mapping was reviewed against {link}; this clause has the same wording.", ""]
    current = handbook.current(source.entry.code)
    new = next((c for c in current.document.clauses if c.id == entry.clause), None)
    if new is None:
        return []
    return [
        f"It was reviewed against the wording of {link}. Changes since (deleted words struck through, new words underlined):",
        "",
        diff_html(old.text, new.text),
        "",
    ]


def breach_route(entry: ClauseMapping, handbook: Handbook, here: str) -> list[str]:
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


def mapping_json(mapping: Mapping) -> dict[str, Any]:
    return {
        "schema": "professional-standards-handbook/mapping/1",
        "clauses": {
            e.clause: {
                "status": e.status,
                "nolan": list(e.nolan),
                "policies": [
                    {"clause": p.clause, "relation": p.relation, "basis": p.basis, "rationale": p.rationale}
                    for p in e.policies
                ],
                "gap": e.gap or None,
                "reviewed_by": e.reviewed_by or None,
                "reviewed_on": e.reviewed_on.isoformat() if e.reviewed_on else None,
                "text_sha256": e.text_sha256 or None,
                "reviewed_against": {"version": e.reviewed_version, "clause": e.reviewed_id} if e.reviewed_version else None,
            }
            for e in mapping.sorted_entries()
        },
    }
