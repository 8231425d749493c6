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

from .citation import cite, permalink
from .model import Clause, Document, Manifest, Section, Source
from .pipeline import Handbook

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


def yaml_str(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # JSON strings are valid YAML


# ---------------------------------------------------------------------------
# Where things live. URLs are derived from the manifest's slug, the version and
# the clause ID only, so they stay put whatever else changes in the sources.


def document_dir(source: Source) -> str:
    return f"cih/{source.entry.slug}/{source.entry.version.lower()}"


def document_page(source: Source) -> str:
    return f"{document_dir(source)}/index.md"


def clause_page(source: Source, clause: Clause) -> str:
    return f"{document_dir(source)}/{clause.id.lower()}.md"


def page_url(path: str) -> str:
    """The directory URL mkdocs gives a page (use_directory_urls)."""
    if path.endswith("index.md"):
        return path[: -len("index.md")]
    return path[: -len(".md")] + "/"


def source_pdf_path(source: Source) -> str:
    return f"sources/{posixpath.basename(source.entry.path)}"


def rel(from_page: str, to: str) -> str:
    """A Markdown link from one docs file to another docs file or asset."""
    return posixpath.relpath(to, posixpath.dirname(from_page) or ".")


def version_label(source: Source) -> str:
    return f"{source.entry.version}, in force from {source.entry.in_force.isoformat()}"


# ---------------------------------------------------------------------------
# Pages.


Notice = Callable[[Source, Clause | None, str], list[str]]


def no_notice(source: Source, clause: Clause | None, here: str) -> list[str]:
    return []


def render_handbook(
    handbook: Handbook, site_url: str = "", notice: Notice = no_notice, details: Notice = no_notice
) -> list[RenderedFile]:
    """Document and clause pages; `notice` adds lines at the top (e.g. a superseded warning), `details` at the end."""
    files: list[RenderedFile] = [RenderedFile("cih/index.md", standards_index(handbook), in_nav=True)]
    for source in handbook.documents:
        current = handbook.current(source.entry.code) is source
        here = document_page(source)
        files.append(RenderedFile(here, document_markdown(source, current, notice(source, None, here)), in_nav=current))
        for section in source.document.sections:
            for clause in section.clauses:
                page = clause_page(source, clause)
                markdown = clause_markdown(source, section, clause, current, site_url, notice(source, clause, page))
                extra = details(source, clause, page)
                files.append(RenderedFile(page, markdown + ("\n".join(extra) + "\n" if extra else "")))
    return files


def standards_index(handbook: Handbook) -> str:
    lines = [
        "---",
        "title: CIH standards",
        "---",
        "",
        "# CIH standards",
        "",
        "The professional standards of the Chartered Institute of Housing, clause by clause. "
        "Each clause has its own page with a stable address that can be cited.",
        "",
    ]
    table = ["| Document | Version | In force from | Sections | Clauses |", "| --- | --- | --- | ---: | ---: |"]
    for source in handbook.current_documents:
        doc = source.document
        table.append(
            f"| [{md_text(source.entry.title)}]({rel('cih/index.md', document_page(source))}) "
            f"| {md_text(source.entry.version)} | {source.entry.in_force.isoformat()} "
            f"| {len(doc.sections)} | {len(doc.clauses)} |"
        )
    lines += unsearched(table)
    if any(s.entry.sample for s in handbook.documents):
        lines += ["", SAMPLE_ADMONITION]
    return "\n".join(lines) + "\n"


SAMPLE_ADMONITION = (
    '!!! warning "Sample text"\n'
    "    These documents are stand-ins written for this project with the structure of the CIH documents. "
    "They are not CIH's wording. See the README for how to build the handbook from the real PDFs."
)


def document_markdown(source: Source, current: bool, notice: list[str] = []) -> str:  # noqa: B006 - never mutated
    entry, doc = source.entry, source.document
    here = document_page(source)
    out = [
        "---",
        f"title: {yaml_str(f'{entry.title} ({entry.version})')}",
        "---",
        "",
        f"# {md_text(entry.title)} <small>{md_text(entry.version)}</small>",
        "",
        *notice,
    ]
    if entry.sample:
        out += [SAMPLE_ADMONITION, ""]
    out += provenance_table(source, here, current)
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
        f"| Source PDF | [{md_text(posixpath.basename(entry.path))}]({rel(here, source_pdf_path(source))}) "
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
        [f"- [**{md_text(c.id)}**]({rel(here, clause_page(source, c))}) {md_text(c.text)}" for c in section.clauses]
    )
    for aside in section.asides:
        out += ["", '!!! note "Box in the source"', "    " + md_text(aside)]
    return out


def clause_markdown(
    source: Source, section: Section, clause: Clause, current: bool, site_url: str = "", notice: list[str] = []  # noqa: B006
) -> str:
    entry = source.entry
    here = clause_page(source, clause)
    section_name = section_label(section)
    out = [
        "---",
        f"title: {yaml_str(clause.id)}",
        "search:",
        # Superseded versions stay findable but below the current wording.
        f"  boost: {4 if current else 0.5}",
        "---",
        "",
        f"# {md_text(clause.id)}",
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
                f"| Document | [{md_text(entry.title)} {md_text(entry.version)}]({rel(here, document_page(source))}) |",
                f"| Version | {md_text(version_label(source))}{'' if current else ' (superseded)'} |",
                f"| Section | {md_text(section_name)} |",
                f"| Kind | {clause.kind} |",
                f"| Page | [page {clause.page} of the source PDF]({rel(here, source_pdf_path(source))}#page={clause.page}) |",
                f"| Text SHA-256 | `{clause.sha256}` |",
            ]
        ),
        "",
        *citation_block(source, section, clause, site_url),
    ]
    if entry.sample:
        out += ["", SAMPLE_ADMONITION]
    return "\n".join(out) + "\n"


def citation_block(source: Source, section: Section, clause: Clause, site_url: str) -> list[str]:
    """The standard reference and the verbatim text, in a block with a copy button."""
    reference = cite(source.entry, section, clause, page_url(clause_page(source, clause)), site_url)
    body = f"{reference}\n“{clause.text}”"
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
        f'<p class="handbook-print-note" data-permalink="{html.escape(permalink(site_url, page_url(clause_page(source, clause))))}">'
        "Printed from the Professional Standards Handbook.</p>",
    ]


# ---------------------------------------------------------------------------
# handbook.json: the same content for other systems.


def handbook_json(handbook: Handbook, site_url: str = "", extra: dict[str, Any] | None = None) -> str:
    data: dict[str, Any] = {
        "schema": "professional-standards-handbook/1",
        "documents": [source_json(s, handbook.current(s.entry.code) is s, site_url) for s in handbook.documents],
        "policies": [source_json(s, True, site_url) for s in handbook.policies],
        **(extra or {}),
    }
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def source_json(source: Source, current: bool, site_url: str = "") -> dict[str, Any]:
    entry, doc = source.entry, source.document
    is_cih = entry.kind != "policy"
    data: dict[str, Any] = {
        "code": entry.code,
        "title": entry.title,
        "publisher": entry.publisher,
        "version": entry.version,
        "in_force": entry.in_force.isoformat(),
        "current": current,
        "sample": entry.sample,
        "file": source_pdf_path(source),
        "url": page_url(document_page(source)) if is_cih else None,
    }
    data.update(document_json(doc))
    for section_data, section in zip(data["sections"], doc.sections, strict=True):
        for clause_data, clause in zip(section_data["clauses"], section.clauses, strict=True):
            clause_data["url"] = page_url(clause_page(source, clause)) if is_cih else None
            if is_cih:
                clause_data["citation"] = cite(source.entry, section, clause, clause_data["url"], site_url)
    return data


def document_json(doc: Document) -> dict[str, Any]:
    return {k: v for k, v in doc.to_json().items() if k != "title"} | {"pdf_title": doc.title}


# ---------------------------------------------------------------------------
# Navigation, from the manifest alone so mkdocs can have it before extraction.


MAX_DOCUMENTS_IN_NAV = 12


def site_nav(  # noqa: B006 - the lists are never mutated
    manifest: Manifest, handwritten: list[str], induction: list[str] = [], glossary: bool = False, mapped: bool = False
) -> list[Any]:
    """mkdocs `nav`: home and hand-written pages, then the generated sections."""
    pages = [p for p in handwritten if p != "index.md"]
    standards: list[Any] = [{"Overview": "cih/index.md"}]
    codes = list(dict.fromkeys(e.code for e in manifest.documents))
    # mkdocs-material puts the open section's whole list on every page: past a
    # handful of documents that makes the build grow with the square of the
    # corpus, so a large library is reached through the overview page instead.
    for code in codes if len(codes) <= MAX_DOCUMENTS_IN_NAV else ():
        versions = sorted((e for e in manifest.documents if e.code == code), key=lambda e: e.in_force)
        current = versions[-1]
        standards.append({current.title: f"cih/{current.slug}/{current.version.lower()}/index.md"})
    standards.append({"In force on a date": "cih/in-force.md"})
    nav: list[Any] = [{"Home": "index.md"}, *pages, {"CIH standards": standards}]
    if manifest.policies:
        nav.append({"Council policies": "council/index.md"})
    if mapped:
        nav += [{"Nolan principles": "nolan/index.md"}, {"Alignment report": "report/index.md"}]
    if induction:
        nav.append({"Induction": ["induction/index.md", *induction, "induction/acknowledgement.md"]})
    if glossary:
        nav.append({"Glossary": "glossary.md"})
    return nav
