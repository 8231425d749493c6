"""The council's own policies as pages: each browsable in full, every clause with an anchor.

A policy clause's address is `/council/<slug>/#<clause-id>` (for example
`#ecc-4-2`), so mapping pages and citations can point straight at it.
"""

from __future__ import annotations

from collections.abc import Callable

from .render import RenderedFile, front_matter, md_paragraphs, md_text
from .resolve import CouncilClause, PolicyFacts, Resolved
from .urls import COUNCIL_INDEX, clause_anchor, rel, source_pdf_path

SAMPLE_POLICIES_ADMONITION = [
    '!!! warning "Sample policies"',
    "    These policies are fictional samples for “Example Borough Council”, written for this project. "
    "The council replaces them with its own policies (PDF or Markdown) in the manifest.",
]


def render_policy_pages(resolved: Resolved) -> list[RenderedFile]:
    if not resolved.policies:
        return []
    files = [RenderedFile(COUNCIL_INDEX, policies_index(resolved), in_nav=True)]
    files += [RenderedFile(p.page, policy_markdown(p)) for p in resolved.policies]
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


def policy_markdown(policy: PolicyFacts, after_clause: Callable[[CouncilClause, str], list[str]] = no_extra) -> str:
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
    for section in doc.sections:
        out += ["", f"## {md_text(section.number)} {md_text(section.title)}", ""]
        if section.intro:
            out += [md_paragraphs(section.intro), ""]
        for clause in section.clauses:
            out += [
                f'<p class="handbook-policy-clause" id="{clause_anchor(clause.id)}" markdown="span">'
                f"<strong>{md_text(clause.id)}</strong> {md_text(clause.text)}</p>",
                "",
                *after_clause(facts[clause.id], here),
            ]
    return "\n".join(out) + "\n"
