"""The council's own policies as pages: each browsable in full, every clause with an anchor.

A policy clause's address is `/council/<slug>/#<clause-id>` (for example
`#ecc-4-2`), so mapping pages and citations can point straight at it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .model import Clause, Source
from .pipeline import Handbook
from .render import RenderedFile, front_matter, md_paragraphs, md_text, rel, source_pdf_path

INDEX = "council/index.md"


def policy_page(source: Source) -> str:
    return f"council/{source.entry.slug}.md"


def clause_anchor(clause: Clause) -> str:
    return re.sub(r"[^a-z0-9]+", "-", clause.id.lower()).strip("-")


def render_policy_pages(handbook: Handbook) -> list[RenderedFile]:
    if not handbook.policies:
        return []
    files = [RenderedFile(INDEX, policies_index(handbook), in_nav=True)]
    files += [RenderedFile(policy_page(p), policy_markdown(p)) for p in handbook.policies]
    return files


def policies_index(handbook: Handbook) -> str:
    out = [
        front_matter(title="Council policies"),
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
        out += [
            "",
            '!!! warning "Sample policies"',
            "    These policies are fictional samples for “Example Borough Council”, written for this project. "
            "The council replaces them with its own policies (PDF or Markdown) in the manifest.",
        ]
    return "\n".join(out) + "\n"


def no_extra(clause: Clause, here: str) -> list[str]:
    return []


def policy_markdown(source: Source, after_clause: Callable[[Clause, str], list[str]] = no_extra) -> str:
    """A policy in full; `after_clause` adds lines under each clause (e.g. the CIH clauses that engage it)."""
    entry, doc = source.entry, source.document
    here = policy_page(source)
    out = [
        front_matter(title=entry.title),
        "",
        f"# {md_text(entry.title)} <small>{md_text(entry.version)}</small>",
        "",
        f"{md_text(entry.publisher)}, version {md_text(entry.version)}, in force from {entry.in_force.isoformat()}. "
        f"[Source document]({rel(here, source_pdf_path(source))}) ({doc.pages} pages), SHA-256 `{doc.sha256}`.",
    ]
    for section in doc.sections:
        out += ["", f"## {md_text(section.number)} {md_text(section.title)}", ""]
        if section.intro:
            out += [md_paragraphs(section.intro), ""]
        for clause in section.clauses:
            out += [
                f'<p class="handbook-policy-clause" id="{clause_anchor(clause)}" markdown="span">'
                f"<strong>{md_text(clause.id)}</strong> {md_text(clause.text)}</p>",
                "",
                *after_clause(clause, here),
            ]
    return "\n".join(out) + "\n"
