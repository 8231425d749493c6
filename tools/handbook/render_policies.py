"""The council's own policies as pages: each browsable in full, every clause with an anchor and a page.

The current version of a policy is at `/council/<slug>/`, each clause there
with an anchor (`#ecc-4-2`). Every version held also has pages that never
move: `/council/<slug>/<version>/` and one per clause,
`/council/<slug>/<version>/<clause-id>/`, with the verbatim text (a clause
with lettered items shows them all), a permalink and a citation in the same
form as a CIH clause's. Superseded versions say so and lead on to the current
wording; `/council/<slug>/changes/` says what changed between versions.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .citation import version_name
from .model import Clause
from .render import RenderedFile, citation_fence, details_block, front_matter, md_paragraphs, md_text, source_json, unsearched
from .render_versions import changes_markdown, superseded_note
from .resolve import CouncilClause, PolicyClause, PolicyFacts, PolicyHistory, PolicyVersion, Resolved
from .urls import COUNCIL_INDEX, clause_anchor, council_clause_page, page_url, policy_page, rel, source_pdf_path

SAMPLE_POLICIES_ADMONITION = [
    '!!! warning "Sample policies"',
    "    These policies are fictional samples for “Example Borough Council”, written for this project. "
    "The council replaces them with its own policies (PDF or Markdown) in the manifest.",
]


def render_policy_pages(resolved: Resolved) -> list[RenderedFile]:
    if not resolved.policies:
        return []
    files = [RenderedFile(COUNCIL_INDEX, policies_index(resolved), in_nav=True)]
    files += [RenderedFile(p.page, policy_markdown(p, current_links=policy_links(resolved, p))) for p in resolved.policies]
    return files


def policies_index(resolved: Resolved) -> str:
    out = [
        *front_matter("Council policies"),
        "# Council policies",
        "",
        "The council's own policies that apply to Housing staff, clause by clause.",
        "",
        "| Code | Policy | Version | In force from | Clauses |",
        "| --- | --- | --- | --- | ---: |",
    ]
    for policy in resolved.policies:
        entry = policy.source.entry
        out.append(
            f"| {md_text(entry.code)} | [{md_text(entry.title)}]({rel(COUNCIL_INDEX, policy.page)}) "
            f"| {md_text(entry.version)} | {entry.in_force.isoformat()} | {len(policy.clauses)} |"
        )
    if any(p.source.entry.sample for p in resolved.policies):
        out += ["", *SAMPLE_POLICIES_ADMONITION]
    return "\n".join(out) + "\n"


def no_extra(clause: CouncilClause, here: str) -> list[str]:
    return []


def policy_markdown(
    policy: PolicyFacts,
    after_clause: Callable[[CouncilClause, str], list[str]] = no_extra,
    current_links: list[str] = [],  # noqa: B006 - never mutated
) -> str:
    """A policy in full; `after_clause` adds lines under each clause (e.g. the CIH clauses that engage it)."""
    entry, doc = policy.source.entry, policy.source.document
    here = policy.page
    facts = {c.clause.id: c for c in policy.clauses}
    out = [
        *front_matter(entry.title),
        f"# {md_text(entry.title)} <small>{md_text(entry.version)}</small>",
        "",
        f"{md_text(entry.publisher)}, version {md_text(entry.version)}, in force from {entry.in_force.isoformat()}. "
        f"[Source document]({rel(here, source_pdf_path(entry))}) ({doc.pages} pages), SHA-256 `{doc.sha256}`.",
    ]
    if current_links:
        out += ["", *current_links]
    for section in doc.sections:
        out += ["", f"## {md_text(section.number)} {md_text(section.title)}", ""]
        if section.intro:
            out += [md_paragraphs(section.intro), ""]
        for clause in section.clauses:
            out += [
                f'<p class="handbook-policy-clause" id="{clause_anchor(clause.id)}" markdown="span">'
                f"<strong>{md_text(clause.id)}</strong> {md_text(clause.text)} "
                f"[permalink]({rel(here, facts[clause.id].page)})</p>",
                "",
                *after_clause(facts[clause.id], here),
            ]
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------
# Every version at its own address, a page per clause, what changed.


def history_of(resolved: Resolved, code: str) -> PolicyHistory:
    return next(h for h in resolved.policy_histories if h.code == code)


def policy_links(resolved: Resolved, policy: PolicyFacts) -> list[str]:
    """On the current policy page: this version's permanent address and the versions held."""
    history = history_of(resolved, policy.source.entry.code)
    entry = policy.source.entry
    return [
        f"This version's permanent address: [{md_text(entry.title)} {md_text(version_name(entry.version))}]"
        f"({rel(policy.page, history.current.page)}); each clause has its own page there, with a citation.",
        "",
        *versions_lines(history, None, policy.page),
    ]


def versions_lines(history: PolicyHistory, this: PolicyVersion | None, here: str) -> list[str]:
    """Every version held with its dates, linked, and the what-changed page."""
    rows = []
    for v in history.versions:
        span = f"in force from {v.source.entry.in_force.isoformat()}" + (f" until {v.until.isoformat()}" if v.until else " (current)")
        label = md_text(v.source.entry.version)
        rows.append(f"- **{label}** {span} (this page)" if v is this else f"- [{label}]({rel(here, v.page)}) {span}")
    return [
        "## Versions { data-search-exclude }",
        "",
        *unsearched([*rows, "", f"[What changed between versions]({rel(here, history.changes_page)})"]),
    ]


def render_policy_versions(resolved: Resolved, details: Callable[[PolicyClause, str], list[str]] | None = None) -> list[RenderedFile]:
    """Every version of every policy: its page, a page per clause, and what changed between versions."""
    files: list[RenderedFile] = []
    for history in resolved.policy_histories:
        files.append(RenderedFile(history.changes_page, changes_markdown(history)))
        for version in history.versions:
            files.append(RenderedFile(version.page, policy_version_markdown(history, version)))
            for facts in version.clauses:
                extra = details(facts, facts.page) if details else []
                files.append(RenderedFile(facts.page, policy_clause_markdown(version, facts, superseded_note(version, facts, facts.page)) + details_block(extra)))
    return files


def item_letter(clause: Clause) -> str:
    return clause.id.rpartition(".")[2]


_ROMAN = {"i": 1, "v": 5, "x": 10}


def item_list(items: tuple[Clause, ...] | list[Clause]) -> tuple[str, list[int]]:
    """The HTML list type and each item's number: "a" (a, b, c …) or, for a list opening at (i), "i" (i, ii, iii …)."""
    labels = [item_letter(i) for i in items]
    if labels and (labels[0] == "i" or any(len(label) > 1 for label in labels)):
        return "i", [_roman_value(label) for label in labels]
    return "a", [ord(label) - ord("a") + 1 for label in labels]


def _roman_value(numeral: str) -> int:
    values = [_ROMAN.get(c, 0) for c in numeral]
    return sum(-v if n + 1 < len(values) and v < values[n + 1] else v for n, v in enumerate(values))


def policy_version_markdown(history: PolicyHistory, version: PolicyVersion) -> str:
    """One version of a policy at its permanent address, each clause linked to its own page."""
    entry, doc = version.source.entry, version.source.document
    here = version.page
    out = [
        *front_matter(f"{entry.title} {version_name(entry.version)}"),
        f"# {md_text(entry.title)} <small>{md_text(version_name(entry.version))}</small>",
        "",
        *superseded_note(version, None, here),
        f"{md_text(entry.publisher)}, version {md_text(entry.version)}, in force from {entry.in_force.isoformat()}. "
        f"[Source document]({rel(here, source_pdf_path(entry))}) ({doc.pages} pages), SHA-256 `{doc.sha256}`.",
        "",
        *versions_lines(history, version, here),
    ]
    facts = {c.clause.id: c for c in version.clauses}
    for section in doc.sections:
        out += ["", f"## {md_text(section.number)} {md_text(section.title)}", ""]
        if section.intro:
            out += [md_paragraphs(section.intro), ""]
        out += unsearched(
            [
                f"- [**{md_text(c.id)}**]({rel(here, facts[c.id].page)}) {md_text(c.text)}"
                if facts[c.id].parent is None
                else f"    - [**({item_letter(c)})**]({rel(here, facts[c.id].page)}) {md_text(c.text)}"
                for c in section.clauses
            ]
        )
    if entry.sample:
        out += ["", *SAMPLE_POLICIES_ADMONITION]
    return "\n".join(out) + "\n"


def policy_clause_markdown(version: PolicyVersion, facts: PolicyClause, notice: list[str]) -> str:
    """A council clause's own page: verbatim text with its lettered items, reference, permalink and citation."""
    entry, clause, here = facts.source.entry, facts.clause, facts.page
    # Search finds a council clause once, on its policy's current page (which anchors it).
    out = [*front_matter(facts.heading, search_exclude=True), f"# {md_text(facts.heading)}", "", *notice]
    if facts.parent is not None:
        parent_page = council_clause_page(entry, facts.parent.id)
        out += [
            f'<p class="handbook-clause-lead" markdown="span">Item ({item_letter(clause)}) of '
            f"[{md_text(facts.parent.id)}]({rel(here, parent_page)}): {md_text(facts.parent.text)}</p>",
            "",
        ]
    out.append(f'<p class="handbook-clause-text" markdown="span">{md_text(clause.text)}</p>')
    if facts.items:
        kind, values = item_list(facts.items)
        out += ["", f'<ol class="handbook-clause-items" type="{kind}" markdown>']
        out += [f'<li value="{n}" markdown="span">{md_text(i.text)}</li>' for n, i in zip(values, facts.items, strict=True)]
        out.append("</ol>")
    span = f"in force from {entry.in_force.isoformat()}" + (f" until {version.until.isoformat()}" if version.until else "")
    section = facts.section
    out += [
        "",
        *unsearched(
            [
                "| Reference | |",
                "| --- | --- |",
                f"| Policy | [{md_text(entry.title)} {md_text(version_name(entry.version))}]({rel(here, version.page)}) |",
                f"| Version | {md_text(entry.version)}, {span}{' (current)' if facts.current else ' (superseded)'} |",
                f"| Section | {md_text(section.number)} {md_text(section.title)} |",
                f"| Page | [page {clause.page} of the source document]({rel(here, source_pdf_path(entry))}#page={clause.page}) |",
                f"| Text SHA-256 | `{clause.sha256}` |",
            ]
        ),
        "",
        *citation_fence(facts.citation, facts.full_text, facts.permalink),
    ]
    if entry.sample:
        out += ["", *SAMPLE_POLICIES_ADMONITION]
    return "\n".join(out) + "\n"


def council_clause_item(here: str, clause: CouncilClause, suffix: str = "") -> list[str]:
    """A council clause in full as a list item on another page: linked to its own page, with its policy's version and its lettered items."""
    entry = clause.source.entry
    return [
        f"- [**{md_text(clause.clause.id)}**]({rel(here, clause.page)}) {md_text(entry.title)} {md_text(version_name(entry.version))} "
        f"(in force from {entry.in_force.isoformat()}): {md_text(clause.clause.text)}{suffix}",
        *(f"    - {md_text(f'({item_letter(i)}) {i.text}')}" for i in clause.items),
    ]


# ---------------------------------------------------------------------------
# handbook.json: every version of every policy, each clause with its address and citation.


def policies_json(resolved: Resolved) -> list[dict[str, Any]]:
    return [policy_version_json(history, version) for history in resolved.policy_histories for version in history.versions]


def policy_version_json(history: PolicyHistory, version: PolicyVersion) -> dict[str, Any]:
    entry = version.source.entry
    data = source_json(version.source, version.current, version.url) | {
        "kind": entry.kind,
        "until": version.until.isoformat() if version.until else None,
        "cite_as": entry.cite_as or entry.title,
        "current_url": page_url(policy_page(entry)),
        "changes_url": page_url(history.changes_page),
    }
    clauses = iter(version.clauses)
    for section_data in data["sections"]:
        for clause_data in section_data["clauses"]:
            facts = next(clauses)
            clause_data["url"] = facts.url
            clause_data["anchor"] = f"{page_url(policy_page(entry))}#{clause_anchor(facts.clause.id)}" if facts.current else None
            clause_data["heading"] = facts.heading
            clause_data["citation"] = facts.citation
            clause_data["items"] = [i.id for i in facts.items]
            clause_data["parent"] = facts.parent.id if facts.parent else None
            clause_data["full_text"] = facts.full_text
    return data
