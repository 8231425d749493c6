"""The council's own policies as pages: each browsable in full, every clause with an anchor and a page.

The current version of a policy is at `/council/<slug>/`, each clause there
with an anchor (`#ecc-4-2`). Every version held also has pages of its own that
never move: `/council/<slug>/<version>/` and one per clause,
`/council/<slug>/<version>/<clause-id>/`, with the verbatim text (a clause with
lettered items shows them all), a permalink and a citation in the same form as
a CIH clause's. Superseded versions say so and link on to the current wording;
`/council/<slug>/changes/` says what changed between versions.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .citation import cite, document_name, permalink
from .manifest import version_slug
from .model import Clause, Section, Source
from .pipeline import Handbook
from .render import (
    SAMPLE_POLICIES,
    RenderedFile,
    citation_fence,
    details_block,
    document_json,
    md_paragraphs,
    md_text,
    page_url,
    rel,
    source_pdf_path,
    unsearched,
    version_heading,
    yaml_str,
)
from .render_versions import ended_on, superseded_lines, version_changes_markdown

INDEX = "council/index.md"


def policy_page(source: Source) -> str:
    return f"council/{source.entry.slug}.md"


def clause_anchor(clause: Clause) -> str:
    return re.sub(r"[^a-z0-9]+", "-", clause.id.lower()).strip("-")


def policy_version_dir(source: Source) -> str:
    return f"council/{source.entry.slug}/{version_slug(source.entry.version)}"


def policy_version_page(source: Source) -> str:
    return f"{policy_version_dir(source)}/index.md"


def policy_clause_page(source: Source, clause: Clause) -> str:
    return f"{policy_version_dir(source)}/{clause.id.lower()}.md"


def policy_changes_page(source: Source) -> str:
    return f"council/{source.entry.slug}/changes.md"


def lettered_items(source: Source, clause: Clause) -> tuple[Clause, ...]:
    """The lettered items (ECC-4.1.a, .b, …) that belong to a numbered clause, in order."""
    prefix = clause.id + "."
    return tuple(c for c in source.document.clauses if c.id.startswith(prefix) and re.fullmatch(r"[a-z]", c.id[len(prefix) :]))


def parent_clause(source: Source, clause: Clause) -> Clause | None:
    """The numbered clause a lettered item belongs to."""
    head, _, letter = clause.id.rpartition(".")
    if not re.fullmatch(r"[a-z]", letter):
        return None
    return next((c for c in source.document.clauses if c.id == head), None)


def item_letter(clause: Clause) -> str:
    return clause.id.rpartition(".")[2]


def full_text(source: Source, clause: Clause) -> str:
    """A clause's verbatim text followed by its lettered items: "… This includes: (a) …; (b) …"."""
    items = lettered_items(source, clause)
    return " ".join([clause.text, *(f"({item_letter(i)}) {i.text}" for i in items)])


def section_of(source: Source, clause: Clause) -> Section:
    return next(s for s in source.document.sections if clause in s.clauses)


def policy_name(source: Source) -> str:
    return source.entry.cite_as or source.entry.title


def policy_clause_heading(source: Source, clause: Clause) -> str:
    """"DOI-2.1 — Declarations of Interest Policy version 1.4": the clause, the policy and its version."""
    return f"{clause.id} — {policy_name(source)} {version_heading(source.entry.version)}"


def policy_clause_citation(source: Source, clause: Clause, site_url: str = "") -> str:
    return cite(source.entry, section_of(source, clause), clause, page_url(policy_clause_page(source, clause)), site_url)


def render_policy_pages(handbook: Handbook) -> list[RenderedFile]:
    if not handbook.policies:
        return []
    files = [RenderedFile(INDEX, policies_index(handbook), in_nav=True)]
    files += [RenderedFile(policy_page(p), policy_markdown(p, current_links=policy_links(handbook, p))) for p in handbook.policies]
    return files


ClauseExtra = Callable[[Source, Clause, str], list[str]]


def no_details(source: Source, clause: Clause, here: str) -> list[str]:
    return []


def render_policy_versions(handbook: Handbook, site_url: str = "", details: ClauseExtra = no_details) -> list[RenderedFile]:
    """Every version of every policy: its page, a page per clause, and what changed between versions."""
    files: list[RenderedFile] = []
    for current in handbook.policies:
        versions = handbook.policy_versions(current.entry.code)
        files.append(RenderedFile(policy_changes_page(current), version_changes_markdown(versions, policy_changes_page(current), policy_clause_page)))
        for source in versions:
            here = policy_version_page(source)
            notice = superseded_lines(versions, source, None, here, policy_version_page, policy_clause_page)
            files.append(RenderedFile(here, policy_version_markdown(handbook, source, notice)))
            for clause in source.document.clauses:
                page = policy_clause_page(source, clause)
                notice = superseded_lines(versions, source, clause, page, policy_version_page, policy_clause_page)
                markdown = policy_clause_markdown(handbook, source, clause, site_url, notice)
                files.append(RenderedFile(page, markdown + details_block(details(source, clause, page))))
    return files


def versions_lines(handbook: Handbook, source: Source, here: str) -> list[str]:
    """Every version held, with its dates, linked; and the what-changed page."""
    versions = handbook.policy_versions(source.entry.code)
    rows = []
    for v in versions:
        ended = ended_on(versions, v)
        span = f"in force from {v.entry.in_force.isoformat()}" + (f" until {ended.isoformat()}" if ended else " (current)")
        label = md_text(v.entry.version)
        rows.append(f"- [{label}]({rel(here, policy_version_page(v))}) {span}" if v is not source else f"- **{label}** {span} (this page)")
    return [
        "## Versions { data-search-exclude }",
        "",
        *unsearched([*rows, "", f"[What changed between versions]({rel(here, policy_changes_page(source))})"]),
    ]


def policy_links(handbook: Handbook, source: Source) -> list[str]:
    """On the current policy page: where this version's own pages and the older versions are."""
    here = policy_page(source)
    return [
        f"This version's permanent address: [{md_text(source.entry.title)} {md_text(version_heading(source.entry.version))}]"
        f"({rel(here, policy_version_page(source))}); each clause has its own page there, with a citation.",
        "",
        *versions_lines(handbook, source, here),
    ]


def policy_version_markdown(handbook: Handbook, source: Source, notice: list[str]) -> str:
    """One version of a policy at its permanent address, each clause linked to its own page."""
    entry, doc = source.entry, source.document
    here = policy_version_page(source)
    heading = f"{entry.title} {version_heading(entry.version)}"
    out = ["---", f"title: {yaml_str(heading)}", "---", "", f"# {md_text(entry.title)} <small>{md_text(version_heading(entry.version))}</small>", "", *notice]
    out += [
        f"{md_text(entry.publisher)}, version {md_text(entry.version)}, in force from {entry.in_force.isoformat()}. "
        f"[Source document]({rel(here, source_pdf_path(source))}) ({doc.pages} pages), SHA-256 `{doc.sha256}`.",
        "",
        *versions_lines(handbook, source, here),
    ]
    for section in doc.sections:
        out += ["", f"## {md_text(section.number)} {md_text(section.title)}", ""]
        if section.intro:
            out += [md_paragraphs(section.intro), ""]
        out += unsearched(
            [
                f"- [**{md_text(c.id)}**]({rel(here, policy_clause_page(source, c))}) {md_text(c.text)}"
                if parent_clause(source, c) is None
                else f"    - [**({item_letter(c)})**]({rel(here, policy_clause_page(source, c))}) {md_text(c.text)}"
                for c in section.clauses
            ]
        )
    if entry.sample:
        out += ["", *SAMPLE_POLICIES]
    return "\n".join(out) + "\n"


def policy_clause_markdown(handbook: Handbook, source: Source, clause: Clause, site_url: str, notice: list[str]) -> str:
    """A council clause's own page: verbatim text with its lettered items, reference, permalink and citation."""
    entry = source.entry
    here = policy_clause_page(source, clause)
    section = section_of(source, clause)
    current = handbook.policy_current(entry.code) is source
    heading = policy_clause_heading(source, clause)
    parent = parent_clause(source, clause)
    items = lettered_items(source, clause)
    out = [
        "---",
        f"title: {yaml_str(heading)}",
        # Search finds a council clause once, on its policy's current page (which anchors it).
        "search:",
        "  exclude: true",
        "---",
        "",
        f"# {md_text(heading)}",
        "",
        *notice,
    ]
    if parent is not None:
        out += [
            f'<p class="handbook-clause-lead" markdown="span">Item ({item_letter(clause)}) of '
            f"[{md_text(parent.id)}]({rel(here, policy_clause_page(source, parent))}): {md_text(parent.text)}</p>",
            "",
        ]
    out.append(f'<p class="handbook-clause-text" markdown="span">{md_text(clause.text)}</p>')
    if items:
        out += ["", '<ol class="handbook-clause-items" type="a" markdown>']
        out += [
            f'<li value="{"abcdefghijklmnopqrstuvwxyz".index(item_letter(i)) + 1}" markdown="span">{md_text(i.text)}</li>' for i in items
        ]
        out.append("</ol>")
    ended = ended_on(handbook.policy_versions(entry.code), source)
    span = f"in force from {entry.in_force.isoformat()}" + (f" until {ended.isoformat()}" if ended else "")
    out += [
        "",
        *unsearched(
            [
                "| Reference | |",
                "| --- | --- |",
                f"| Policy | [{md_text(entry.title)} {md_text(version_heading(entry.version))}]({rel(here, policy_version_page(source))}) |",
                f"| Version | {md_text(entry.version)}, {span}{' (current)' if current else ' (superseded)'} |",
                f"| Section | {md_text(section.number)} {md_text(section.title)} |",
                f"| Page | [page {clause.page} of the source document]({rel(here, source_pdf_path(source))}#page={clause.page}) |",
                f"| Text SHA-256 | `{clause.sha256}` |",
            ]
        ),
        "",
        *policy_citation_block(source, clause, site_url),
    ]
    if entry.sample:
        out += ["", *SAMPLE_POLICIES]
    return "\n".join(out) + "\n"


def council_clause_item(here: str, source: Source, clause: Clause, suffix: str = "") -> list[str]:
    """A council clause in full as a list item on another page: linked to its own page, with the policy's version and its lettered items."""
    return [
        f"- [**{md_text(clause.id)}**]({rel(here, policy_clause_page(source, clause))}) "
        f"{md_text(source.entry.title)} {md_text(version_heading(source.entry.version))} "
        f"(in force from {source.entry.in_force.isoformat()}): {md_text(clause.text)}{suffix}",
        *(f"    - {md_text(f'({item_letter(i)}) {i.text}')}" for i in lettered_items(source, clause)),
    ]


def policy_citation_block(source: Source, clause: Clause, site_url: str) -> list[str]:
    reference = policy_clause_citation(source, clause, site_url)
    return citation_fence(reference, full_text(source, clause), permalink(site_url, page_url(policy_clause_page(source, clause))))


def policies_index(handbook: Handbook) -> str:
    out = [
        "---",
        "title: Council policies",
        "---",
        "",
        "# Council policies",
        "",
        "The council's own policies that apply to Housing staff, clause by clause.",
        "",
        "| Code | Policy | Version | In force from | Clauses |",
        "| --- | --- | --- | --- | ---: |",
    ]
    for source in handbook.policies:
        out.append(
            f"| {md_text(source.entry.code)} | [{md_text(source.entry.title)}]({rel(INDEX, policy_page(source))}) "
            f"| {md_text(source.entry.version)} | {source.entry.in_force.isoformat()} | {len(source.document.clauses)} |"
        )
    if any(p.entry.sample for p in handbook.policies):
        out += ["", *SAMPLE_POLICIES]
    return "\n".join(out) + "\n"


def no_extra(clause: Clause, here: str) -> list[str]:
    return []


def policy_markdown(
    source: Source, after_clause: Callable[[Clause, str], list[str]] = no_extra, current_links: list[str] = []  # noqa: B006 - never mutated
) -> str:
    """A policy in full; `after_clause` adds lines under each clause (e.g. the CIH clauses that engage it)."""
    entry, doc = source.entry, source.document
    here = policy_page(source)
    out = [
        "---",
        f"title: {yaml_str(entry.title)}",
        "---",
        "",
        f"# {md_text(entry.title)} <small>{md_text(entry.version)}</small>",
        "",
        f"{md_text(entry.publisher)}, version {md_text(entry.version)}, in force from {entry.in_force.isoformat()}. "
        f"[Source document]({rel(here, source_pdf_path(source))}) ({doc.pages} pages), SHA-256 `{doc.sha256}`.",
    ]
    if current_links:
        out += ["", *current_links]
    for section in doc.sections:
        out += ["", f"## {md_text(section.number)} {md_text(section.title)}", ""]
        if section.intro:
            out += [md_paragraphs(section.intro), ""]
        for clause in section.clauses:
            out += [
                f'<p class="handbook-policy-clause" id="{clause_anchor(clause)}" markdown="span">'
                f"<strong>{md_text(clause.id)}</strong> {md_text(clause.text)} "
                f"[permalink]({rel(here, policy_clause_page(source, clause))})</p>",
                "",
                *after_clause(clause, here),
            ]
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------
# handbook.json: every version of every policy, each clause with its address and citation.


def policies_json(handbook: Handbook, site_url: str = "") -> list[dict[str, Any]]:
    out = []
    for current in handbook.policies:
        versions = handbook.policy_versions(current.entry.code)
        out += [policy_version_json(source, versions, site_url) for source in versions]
    return out


def policy_version_json(source: Source, versions: tuple[Source, ...], site_url: str = "") -> dict[str, Any]:
    entry = source.entry
    ended = ended_on(versions, source)
    data: dict[str, Any] = {
        "code": entry.code,
        "title": entry.title,
        "publisher": entry.publisher,
        "kind": entry.kind,
        "version": entry.version,
        "version_slug": version_slug(entry.version),
        "in_force": entry.in_force.isoformat(),
        "until": ended.isoformat() if ended else None,
        "current": source is versions[-1],
        "sample": entry.sample,
        "cite_as": policy_name(source),
        "file": source_pdf_path(source),
        "url": page_url(policy_version_page(source)),
        "current_url": page_url(policy_page(source)),
        "changes_url": page_url(policy_changes_page(source)),
    }
    data.update(document_json(source.document))
    for section_data, section in zip(data["sections"], source.document.sections, strict=True):
        for clause_data, clause in zip(section_data["clauses"], section.clauses, strict=True):
            parent = parent_clause(source, clause)
            clause_data["url"] = page_url(policy_clause_page(source, clause))
            clause_data["anchor"] = f"{page_url(policy_page(source))}#{clause_anchor(clause)}"
            clause_data["citation"] = policy_clause_citation(source, clause, site_url)
            clause_data["heading"] = policy_clause_heading(source, clause)
            clause_data["items"] = [i.id for i in lettered_items(source, clause)]
            clause_data["parent"] = parent.id if parent else None
            clause_data["full_text"] = full_text(source, clause)
    return data
