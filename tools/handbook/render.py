"""Render stage: the handbook as Markdown pages and `handbook.json`.

Pure functions from plain data to `(path, content)` pairs, with no mkdocs
import, so the pages can be checked in tests and fed to any generator.

Every piece of text that came from a source file goes through `md_text`,
which backslash-escapes all ASCII punctuation (read by the `pymdownx.escapeall`
extension): whatever a PDF contains, HTML, Markdown links, template syntax or
table pipes, it is shown literally and never interpreted.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
import string
from dataclasses import dataclass
from collections.abc import Callable
from typing import Any

import yaml

from .model import Document, Manifest, Section, Source
from .resolve import CihClause, DocumentVersion, Resolved
from .urls import (
    ACKNOWLEDGEMENT,
    CASE_SHEET,
    CIH_INDEX,
    COUNCIL_INDEX,
    GLOSSARY,
    HOME,
    IN_FORCE_PAGE,
    INDUCTION_INDEX,
    NOLAN_INDEX,
    REPORT_PAGE,
    TENANTS,
    clause_page,
    document_page,
    rel,
    source_pdf_path,
)

# Every ASCII punctuation mark backslash-escaped: CommonMark allows that for each of them.
_ESCAPE_PUNCTUATION = str.maketrans({ch: "\\" + ch for ch in string.punctuation})


@dataclass(frozen=True)
class RenderedFile:
    path: str  # relative to docs_dir, POSIX separators
    content: str | bytes
    in_nav: bool = False


def md_text(text: str) -> str:
    """Source text made safe to place anywhere in Markdown, shown literally."""
    return text.replace("\n", " ").translate(_ESCAPE_PUNCTUATION)


def unsearched(lines: list[str]) -> list[str]:
    """Markdown shown on the page but kept out of the search index.

    For lists that repeat what is indexed on its own page (a clause's text,
    a document's title): a search then finds each clause once, on the page
    that cites it, and pages that list every clause do not make every query
    slower as the handbook grows.
    """
    return ["<div data-search-exclude markdown>", "", *lines, "", "</div>"]


def md_paragraphs(text: str) -> str:
    return "\n\n".join(md_text(p) for p in text.split("\n\n") if p.strip())


def nav_title(text: str) -> str:
    """A council-edited name as a title mkdocs puts into HTML: the theme inserts titles unescaped."""
    return html.escape(" ".join(text.splitlines()), quote=True)  # one line: YAML folds \n, \x85, \u2028


def front_matter(title: str, search_boost: float | None = None, search_exclude: bool = False) -> list[str]:
    """A page's YAML front matter, safely quoted, as lines (the last one blank) to start the page with.

    `title` is the page's name as the council wrote it: it is HTML-escaped here,
    exactly once, because the theme puts `page.meta.title` into the `<title>`,
    the header and the navigation without escaping it. PyYAML's emitter quotes
    whatever needs it (a colon, a quote, `---`, a tag, a control character), so
    no title can break out of the front matter and mkdocs reads back exactly it.
    """
    fields: dict[str, Any] = {"title": nav_title(title)}
    if search_boost is not None:
        fields["search"] = {"boost": search_boost}
    if search_exclude:
        fields["search"] = {"exclude": True}
    body = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=float("inf"))
    return ["---", *body.splitlines(), "---", ""]


def version_label(source: Source) -> str:
    return f"{source.entry.version}, in force from {source.entry.in_force.isoformat()}"


# ---------------------------------------------------------------------------
# Pages.


Notice = Callable[[DocumentVersion, CihClause | None, str], list[str]]
Details = Callable[[CihClause, str], list[str]]


def no_notice(version: DocumentVersion, clause: CihClause | None, here: str) -> list[str]:
    return []


def no_details(clause: CihClause, here: str) -> list[str]:
    return []


def render_handbook(resolved: Resolved, notice: Notice = no_notice, details: Details = no_details) -> list[RenderedFile]:
    """Document and clause pages; `notice` adds lines at the top (e.g. a superseded warning), `details` at the end."""
    files: list[RenderedFile] = [RenderedFile(CIH_INDEX, standards_index(resolved), in_nav=True)]
    for version in resolved.documents:
        files.append(RenderedFile(version.page, document_markdown(version, notice(version, None, version.page)), in_nav=version.current))
        for facts in version.clauses:
            markdown = clause_markdown(facts, notice(version, facts, facts.page))
            files.append(RenderedFile(facts.page, markdown + details_block(details(facts, facts.page))))
    return files


def details_block(lines: list[str]) -> str:
    """What a clause page adds below the clause (the mapping), in a block that a printed clause leaves out."""
    if not lines:
        return ""
    return "\n".join(["", '<div class="handbook-clause-details" markdown>', "", *lines, "", "</div>"]) + "\n"


def standards_index(resolved: Resolved) -> str:
    lines = [
        *front_matter("CIH standards"),
        "# CIH standards",
        "",
        "The professional standards of the Chartered Institute of Housing, clause by clause. "
        "Each clause has its own page with a stable address that can be cited.",
        "",
    ]
    table = ["| Document | Version | In force from | Sections | Clauses |", "| --- | --- | --- | ---: | ---: |"]
    for version in resolved.current_documents:
        entry, doc = version.source.entry, version.source.document
        table.append(
            f"| [{md_text(entry.title)}]({rel(CIH_INDEX, version.page)}) "
            f"| {md_text(entry.version)} | {entry.in_force.isoformat()} "
            f"| {len(doc.sections)} | {len(doc.clauses)} |"
        )
    lines += unsearched(table)
    if any(v.source.entry.sample for v in resolved.documents):
        lines += ["", SAMPLE_ADMONITION]
    return "\n".join(lines) + "\n"


SAMPLE_ADMONITION = (
    '!!! warning "Sample text"\n'
    "    These documents are stand-ins written for this project with the structure of the CIH documents. "
    "They are not CIH's wording. See the README for how to build the handbook from the real PDFs."
)


def document_markdown(version: DocumentVersion, notice: list[str] = []) -> str:  # noqa: B006 - never mutated
    source = version.source
    entry, doc = source.entry, source.document
    here = version.page
    out = [
        *front_matter(f"{entry.title} ({entry.version})"),
        f"# {md_text(entry.title)} <small>{md_text(entry.version)}</small>",
        "",
        *notice,
    ]
    if entry.sample:
        out += [SAMPLE_ADMONITION, ""]
    out += provenance_table(source, here, version.current)
    if doc.intro:
        out += ["", "## Introduction", "", md_paragraphs(doc.intro)]
    for section in doc.sections:
        out += ["", section_heading(section), "", *section_body(source, section, here)]
    return "\n".join(out) + "\n"


def provenance_table(source: Source, here: str, current: bool) -> list[str]:
    entry, doc = source.entry, source.document
    return [
        "| Source | |",
        "| --- | --- |",
        f"| Publisher | {md_text(entry.publisher)} |",
        f"| Version | {md_text(entry.version)}{' (current)' if current else ''} |",
        f"| In force from | {entry.in_force.isoformat()} |",
        f"| Source PDF | [{md_text(posixpath.basename(entry.path))}]({rel(here, source_pdf_path(entry))}) "
        f"({doc.pages} pages) |",
        f"| PDF title | {md_text(doc.title) or '–'} |",
        f"| SHA-256 | `{doc.sha256}` |",
        f"| Clauses | {len(doc.clauses)} in {len(doc.sections)} sections |",
    ]


def section_heading(section: Section) -> str:
    return f"## {md_text(section_label(section))}"


def section_label(section: Section) -> str:
    return section.title if section.number in ("Q", "") else f"{section.number}. {section.title}"


def section_body(source: Source, section: Section, here: str) -> list[str]:
    out: list[str] = []
    if section.intro:
        out += [md_paragraphs(section.intro), ""]
    out += unsearched(
        [f"- [**{md_text(c.id)}**]({rel(here, clause_page(source.entry, c.id))}) {md_text(c.text)}" for c in section.clauses]
    )
    for aside in section.asides:
        out += ["", '!!! note "Box in the source"', "    " + md_text(aside)]
    return out


def clause_markdown(facts: CihClause, notice: list[str] = []) -> str:  # noqa: B006 - never mutated
    source, clause, here = facts.source, facts.clause, facts.page
    entry = source.entry
    out = [
        # Superseded versions stay findable but below the current wording.
        *front_matter(facts.heading, search_boost=4 if facts.current else 0.5),
        f"# {md_text(facts.heading)}",
        "",
        *notice,
        f'<p class="handbook-clause-text" markdown="span">{md_text(clause.text)}</p>',
        "",
        # The reference, the citation and the mapping sections repeat text found
        # elsewhere; kept out of the search index so that results point at the
        # clause and the index stays small on large handbooks.
        *unsearched(
            [
                "| Reference | |",
                "| --- | --- |",
                f"| Document | [{md_text(entry.title)} {md_text(entry.version)}]({rel(here, document_page(entry))}) |",
                f"| Version | {md_text(version_label(source))}{'' if facts.current else ' (superseded)'} |",
                f"| Section | {md_text(section_label(facts.section))} |",
                f"| Kind | {clause.kind} |",
                f"| Page | [page {clause.page} of the source PDF]({rel(here, source_pdf_path(entry))}#page={clause.page}) |",
                f"| Text SHA-256 | `{clause.sha256}` |",
            ]
        ),
        "",
        *citation_block(facts),
    ]
    if entry.sample:
        out += ["", SAMPLE_ADMONITION]
    return "\n".join(out) + "\n"


def citation_block(facts: CihClause) -> list[str]:
    """The standard reference and the verbatim text, in a block with a copy button."""
    return citation_fence(facts.citation, facts.clause.text, facts.permalink)


def citation_fence(citation: str, text: str, link: str) -> list[str]:
    """A citation and the words it cites in a copyable block, and the stamp a printed page carries in its footer."""
    body = f"{citation}\n“{text}”"
    fence = "`" * max(3, 1 + max((len(run) for run in re.findall(r"`+", body)), default=0))
    return [
        "## Citation { data-search-exclude }",
        "",
        '<div class="handbook-citation" markdown>',
        "",
        f"{fence}text",
        body,
        fence,
        "",
        "</div>",
        "",
        f'<p class="handbook-print-note" data-permalink="{html.escape(link)}">'
        "Printed from the Professional Standards Handbook.</p>",
    ]


# ---------------------------------------------------------------------------
# handbook.json: the same content for other systems.


def handbook_json(resolved: Resolved, extra: dict[str, Any] | None = None) -> str:
    data: dict[str, Any] = {
        "schema": "professional-standards-handbook/1",
        "documents": [document_version_json(v) for v in resolved.documents],
        "policies": [source_json(p.source, True) for p in resolved.policies],
        **(extra or {}),
    }
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def document_version_json(version: DocumentVersion) -> dict[str, Any]:
    data = source_json(version.source, version.current, version.url)
    clauses = iter(version.clauses)
    for section_data in data["sections"]:
        for clause_data in section_data["clauses"]:
            facts = next(clauses)
            clause_data["url"] = facts.url
            clause_data["citation"] = facts.citation
            clause_data["heading"] = facts.heading
            before, after = facts.predecessor, facts.successor
            clause_data["predecessor"] = {"version": before.version, "id": before.id} if before else None
            clause_data["successor"] = (
                {"version": after.version, "id": after.clause.id} if after is not None and after.clause is not None else None
            )
    return data


def source_json(source: Source, current: bool, url: str | None = None) -> dict[str, Any]:
    """A source file's entry and extracted text; clauses get a URL where they have pages (CIH documents)."""
    entry = source.entry
    data: dict[str, Any] = {
        "code": entry.code,
        "title": entry.title,
        "publisher": entry.publisher,
        "version": entry.version,
        "in_force": entry.in_force.isoformat(),
        "current": current,
        "sample": entry.sample,
        "file": source_pdf_path(entry),
        "url": url,
    }
    data.update(document_json(source.document))
    for section_data in data["sections"]:
        for clause_data in section_data["clauses"]:
            clause_data["url"] = None
    return data


def document_json(doc: Document) -> dict[str, Any]:
    return {k: v for k, v in doc.to_json().items() if k != "title"} | {"pdf_title": doc.title}


# ---------------------------------------------------------------------------
# Navigation, from the manifest alone so mkdocs can have it before extraction.


MAX_DOCUMENTS_IN_NAV = 12


def site_nav(  # noqa: B006 - the lists are never mutated
    manifest: Manifest,
    handwritten: list[str],
    induction: list[str] = [],
    glossary: bool = False,
    mapped: bool = False,
    tenants: bool = False,
) -> list[Any]:
    """mkdocs `nav`: home and hand-written pages, then the generated sections."""
    pages = [p for p in handwritten if p != HOME]
    standards: list[Any] = [{"Overview": CIH_INDEX}]
    codes = list(dict.fromkeys(e.code for e in manifest.documents))
    # mkdocs-material puts the open section's whole list on every page: past a
    # handful of documents that makes the build grow with the square of the
    # corpus, so a large library is reached through the overview page instead.
    for code in codes if len(codes) <= MAX_DOCUMENTS_IN_NAV else ():
        versions = sorted((e for e in manifest.documents if e.code == code), key=lambda e: e.in_force)
        current = versions[-1]
        standards.append({nav_title(current.title): document_page(current)})
    standards.append({"In force on a date": IN_FORCE_PAGE})
    nav: list[Any] = [{"Home": HOME}, *pages]
    if tenants:
        nav.append({"For tenants and residents": TENANTS})
    nav.append({"CIH standards": standards})
    if manifest.policies:
        nav.append({"Council policies": COUNCIL_INDEX})
    nav.append({"Case sheet": CASE_SHEET})
    if mapped:
        nav += [{"Nolan principles": NOLAN_INDEX}, {"Alignment report": REPORT_PAGE}]
    if induction:
        nav.append({"Induction": [INDUCTION_INDEX, *induction, ACKNOWLEDGEMENT]})
    if glossary:
        nav.append({"Glossary": GLOSSARY})
    return nav
