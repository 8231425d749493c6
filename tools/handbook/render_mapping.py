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

from .mapping import Mapping, MappingEntry, review_state
from .nolan import Principle, Principles
from .model import Handbook
from .render import RenderedFile, front_matter, md_text, unsearched
from .render_policies import SAMPLE_POLICIES_ADMONITION, council_clause_item, policy_links, policy_markdown
from .render_versions import diff_html
from .resolve import BreachRoute, CihClause, CouncilClause, CouncilLink, NearestReview, PrincipleFacts, Resolved
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
    files += [RenderedFile(p.page, policy_markdown(p, engaged_lines, policy_links(resolved, p))) for p in resolved.policies]
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
    """Lines to append to a CIH clause page: the reviewed mapping of its wording, or why there is none.

    Only an entry reviewed against exactly this wording is shown as fact. A
    current clause without one says "Not yet reviewed" and shows suggestions
    only inside an element marked `data-mapping="suggested"`; a superseded
    clause without one says no mapping was reviewed for it.
    """
    applies = facts.applies
    if applies is None:
        return []
    # The review state and the lists below repeat across clause pages, so they are not indexed for search.
    heading = "How this applies at the council" if applies.current else "How this applied at the council"
    out: list[str] = ["", f"## {heading} {{ data-search-exclude }}", ""]
    entry = applies.entry
    if entry is not None:
        on = entry.reviewed_on.isoformat() if entry.reviewed_on else "an unknown date"
        out += [f"Mapping reviewed for this wording by {md_text(entry.reviewed_by)} on {on}.", ""]
        if applies.reviewed_against is not None:
            old = applies.reviewed_against
            link = f"[{md_text(old.id)} in {md_text(old.version)}]({rel(here, old.page)})"
            out += [f"The mapping was reviewed against {link}; this clause has the same wording.", ""]
        out += _links_lines(applies.principles, applies.council, entry, here)
        assert applies.breach is not None
        out += ["", *breach_route(applies.breach, here)]
        return out
    if not applies.current:
        return [*out, "No mapping was reviewed for this wording of the clause.", ""]
    out += [
        '!!! warning "Not yet reviewed"',
        "    The council has not yet reviewed how this wording applies, so no Nolan principle, council clause or "
        "breach route is given for it here.",
        "",
    ]
    out += _nearest_lines(applies.nearest, here)
    suggestion = applies.suggestion
    if suggestion is not None:
        out += [
            '<div class="handbook-suggested" data-mapping="suggested" markdown>',
            "",
            "**Suggested automatically, not reviewed** – a starting point for the reviewer, not guidance:",
            "",
            *_links_lines(suggestion.principles, suggestion.council, suggestion.entry, here, evidence=True),
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


def _links_lines(
    principles: tuple[tuple[Principle, bool], ...],
    council: tuple[CouncilLink, ...],
    entry: MappingEntry,
    here: str,
    evidence: bool = False,
) -> list[str]:
    shared = {(e.kind.value, e.target): e.shared for e in entry.evidence} if evidence else {}

    def why(kind: str, target: str) -> str:
        terms = shared.get((kind, target))
        return f" *(shared terms: {md_text(', '.join(terms[:4]))})*" if terms else ""

    out = ["### Nolan principles { data-search-exclude }", ""]
    for p, primary in principles:
        out.append(
            f"- [{md_text(p.name)}]({rel(here, nolan_page(p.id))}){' (primary)' if primary else ''}: {md_text(p.description)}"
            + why("nolan", p.id)
        )
    out += ["", "### Council policies { data-search-exclude }", ""]
    for link in council:
        c = link.clause
        out += [
            *council_clause_item(here, c, suffix=why("policy", c.clause.id)),
            f"    - This clause is {RELATION_LABEL[link.relation]} it ({md_text(link.basis)}). {md_text(link.rationale)}",
        ]
    if not entry.policies:
        out.append("No council clause engages this standard.")
    if entry.gap:
        out += ["", '!!! note "Gap in the council\'s policies"', "    " + md_text(entry.gap)]
    return out


def _nearest_lines(near: NearestReview | None, here: str) -> list[str]:
    """A review of another wording of this clause, labelled with that wording, and the words changed since."""
    if near is None:
        return []
    on = near.entry.reviewed_on.isoformat() if near.entry.reviewed_on else "an unknown date"
    if near.clause is not None:
        where = f"[{md_text(near.clause.id)} in {md_text(near.clause.version)}]({rel(here, near.clause.page)})"
        said = f"A mapping was reviewed on {on} for another wording of this clause, {where}; it applies to that wording only."
    else:
        said = (f"A mapping was reviewed on {on} for an earlier wording, {md_text(near.entry.clause)} "
                f"({md_text(near.entry.version)}), that is no longer in any version; it applies to that wording only.")
    return [
        said + " Words changed since (deleted words struck through, new words underlined):",
        "",
        diff_html(near.changes_since),
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
