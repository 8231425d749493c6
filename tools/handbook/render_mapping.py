"""Render the mapping: Nolan principle pages, council policy pages and clause-page sections.

Pure functions, no mkdocs import, like render.py. Links go both ways: a CIH
clause page lists its principles and council clauses (linked to the policy
page anchor), and the principle and policy pages list the CIH clauses mapped
to them (linked to the clause pages). All source text goes through md_text.

The breach route on a clause page answers "what happens if I break this?":
the council policies the clause engages, and the Disciplinary Procedure (code
DIS) clauses that apply. Every fact comes decided from `resolve`; these
functions only lay it out.
"""

from __future__ import annotations

from typing import Any

from .mapping import Mapping
from .nolan import Principles
from .render import RenderedFile, front_matter, md_text, unsearched
from .render_policies import SAMPLE_POLICIES_ADMONITION, policy_markdown
from .render_versions import diff_html
from .resolve import Applies, BreachRoute, CihClause, CouncilClause, PrincipleFacts, Resolved
from .urls import COUNCIL_INDEX, NOLAN_INDEX, nolan_page, policy_page, rel

RELATION_LABEL = {
    "equivalent-to": "equivalent to",
    "subset-of": "a subset of",
    "superset-of": "a superset of",
    "intersects-with": "overlapping with",
    "no-relationship": "unrelated to",
}


def _review_badge(state: str) -> str:
    return "" if state == "reviewed" else f" *(needs review: {state})*"


# ---------------------------------------------------------------------------
# Nolan pages.


def nolan_pages(resolved: Resolved) -> list[RenderedFile]:
    assert resolved.principles is not None
    files = [RenderedFile(NOLAN_INDEX, nolan_index(resolved.nolan, resolved.principles), in_nav=True)]
    for facts in resolved.nolan:
        files.append(RenderedFile(nolan_page(facts.principle.id), nolan_markdown(facts, resolved.principles)))
    return files


def attribution_lines(principles: Principles) -> list[str]:
    a = principles.attribution
    return [
        f"The descriptions are the official wording of the {md_text(a.publisher)}, "
        f"[{md_text(a.title)}]({a.url}): {md_text(a.wording)}. "
        f"Published under the [{md_text(a.licence)}]({a.licence_url or a.url}).",
    ]


def nolan_index(nolan: tuple[PrincipleFacts, ...], principles: Principles) -> str:
    out = [
        *front_matter("The Seven Principles of Public Life"),
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
    for facts in nolan:
        p = facts.principle
        out.append(
            f"| {p.number} | [{md_text(p.name)}]({rel(NOLAN_INDEX, nolan_page(p.id))}) | {md_text(p.description)} "
            f"| {facts.count} ({facts.primary}) |"
        )
    return "\n".join(out) + "\n"


def nolan_markdown(facts: PrincipleFacts, principles: Principles) -> str:
    p = facts.principle
    here = nolan_page(p.id)
    out = [
        *front_matter(p.name),
        f"# {p.number}. {md_text(p.name)}",
        "",
        f'<blockquote class="handbook-nolan-description" markdown="span">{md_text(p.description)}</blockquote>',
        "",
        *attribution_lines(principles),
        "",
        f"[All seven principles]({rel(here, NOLAN_INDEX)})",
        "",
        f"{facts.count} current CIH clauses are mapped to this principle.",
    ]
    for source, clauses in facts.by_document:
        rows = [
            f"- [**{md_text(c.clause.id)}**]({rel(here, c.clause.page)}) ({'primary' if c.primary else 'also'}) "
            f"{md_text(c.clause.text)}{_review_badge(c.state)}"
            for c in clauses
        ]
        out += ["", f"## {md_text(source.entry.title)} {md_text(source.entry.version)}", ""]
        out += unsearched(rows) if rows else ["No clause of this document is mapped to this principle."]
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------
# Council policy pages.


def policy_pages(resolved: Resolved) -> list[RenderedFile]:
    if not resolved.policies:
        return []
    files = [RenderedFile(COUNCIL_INDEX, council_index(resolved), in_nav=True)]
    files += [RenderedFile(p.page, policy_markdown(p, engaged_lines)) for p in resolved.policies]
    return files


def council_index(resolved: Resolved) -> str:
    out = [
        *front_matter("Council policies"),
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
    for policy in resolved.policies:
        entry, clauses = policy.source.entry, policy.clauses
        share = f"{100 * policy.engaged / len(clauses):.0f}%" if clauses else "–"
        table.append(
            f"| {md_text(entry.code)} | [{md_text(entry.title)}]({rel(COUNCIL_INDEX, policy.page)}) "
            f"| {md_text(entry.version)} | {entry.in_force.isoformat()} | {len(clauses)} | {policy.engaged} | {share} |"
        )
    out += unsearched(table)
    out += ["", f"{len(resolved.gaps)} current CIH clauses engage no council clause (policy gaps to consider)."]
    if any(p.source.entry.sample for p in resolved.policies):
        out += ["", *SAMPLE_POLICIES_ADMONITION]
    return "\n".join(out) + "\n"


def engaged_lines(clause: CouncilClause, here: str) -> list[str]:
    """Lines under a council clause listing the CIH clauses that engage it."""
    if not clause.engaged_by:
        return []
    out = ["CIH clauses that engage it:", ""]
    for e in clause.engaged_by:
        out.append(
            f"- [**{md_text(e.cih.id)}**]({rel(here, e.cih.page)}) "
            f"{md_text(e.cih.text)} – the CIH clause is {RELATION_LABEL[e.relation]} this clause "
            f"({md_text(e.basis)}){_review_badge(e.state)}"
        )
    return [*unsearched(out), ""]


# ---------------------------------------------------------------------------
# The mapping section of a CIH clause page.


def clause_mapping_markdown(facts: CihClause, here: str) -> list[str]:
    """Lines to append to a CIH clause page (current versions only)."""
    applies = facts.applies
    if applies is None:
        return []
    entry = applies.entry
    # The review state and the lists below repeat across clause pages, so they are not indexed for search.
    out: list[str] = ["", "## How this applies at the council { data-search-exclude }", ""]
    out += _review_admonition(applies)
    out += _reviewed_wording_lines(applies, here)
    if entry is None:
        return out
    out += ["### Nolan principles { data-search-exclude }", ""]
    for p, primary in applies.principles:
        out.append(
            f"- [{md_text(p.name)}]({rel(here, nolan_page(p.id))}){' (primary)' if primary else ''}: {md_text(p.description)}"
        )
    out += ["", "### Council policies { data-search-exclude }", ""]
    for link in applies.council:
        council = link.clause
        out += [
            f"- [**{md_text(council.clause.id)}**]({rel(here, council.target)}) "
            f"{md_text(council.source.entry.title)}: {md_text(council.clause.text)}",
            f"    - This clause is {RELATION_LABEL[link.relation]} it ({md_text(link.basis)}). {md_text(link.rationale)}",
        ]
    if not entry.policies:
        out.append("No council clause engages this standard.")
    if entry.gap:
        out += ["", '!!! note "Gap in the council\'s policies"', "    " + md_text(entry.gap)]
    assert applies.breach is not None
    out += ["", *breach_route(applies.breach, here)]
    return out


def _review_admonition(applies: Applies) -> list[str]:
    entry = applies.entry
    if applies.state == "reviewed":
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
    }[applies.state]
    return ['!!! warning "Needs review"', f"    {text}", ""]


def _reviewed_wording_lines(applies: Applies, here: str) -> list[str]:
    """Which wording the review was against, when it was an earlier version's or differs from this one."""
    old = applies.reviewed_against
    if old is None:
        return []
    link = f"[{md_text(old.id)} in {md_text(old.version)}]({rel(here, old.page)})"
    if applies.changes_since is None:
        return [f"The mapping was reviewed against {link}; this clause has the same wording.", ""]
    return [
        f"It was reviewed against the wording of {link}. Changes since (deleted words struck through, new words underlined):",
        "",
        diff_html(applies.changes_since),
        "",
    ]


def breach_route(route: BreachRoute, here: str) -> list[str]:
    """Which council policy is engaged and which Disciplinary Procedure clauses apply."""
    out = ["### If this standard is breached { data-search-exclude }", ""]
    if not route.policies:
        out.append(
            "No council policy is engaged, so a breach of this standard alone is not a breach of a council policy. "
            "It may still be raised with the member's manager or with the Institute."
        )
        return out
    names = ", ".join(f"[{md_text(s.entry.title)}]({rel(here, policy_page(s.entry))})" for s in route.policies)
    out.append(f"A breach would engage the council's {names}.")
    dis = route.procedure
    if dis is None:
        return out
    if route.named:
        out += ["", f"The mapping names these {md_text(dis.entry.title)} clauses:", ""]
        out += [f"- [**{md_text(c.clause.id)}**]({rel(here, c.target)}) {md_text(c.clause.text)}" for c in route.named]
        return out
    if not route.examples:
        out += ["", f"The {md_text(dis.entry.title)} applies; none of its examples shares this topic, so the stage "
                "of action depends on the facts of the case."]
        return out
    out += [
        "",
        f"It may be dealt with under the [{md_text(dis.entry.title)}]({rel(here, policy_page(dis.entry))}). "
        "Its examples that share words with the engaged council clauses (shown in brackets):",
        "",
    ]
    for example in route.examples:
        c = example.clause
        out.append(
            f"- [**{md_text(c.clause.id)}**]({rel(here, c.target)}) {example.label}: {md_text(c.clause.text)} "
            f"({md_text(', '.join(example.shared))})"
        )
    return out


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
