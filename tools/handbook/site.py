"""Every generated file of the site, from the render modules, in one list.

The mkdocs plugin calls only this, so adding a kind of page means adding it
here, not touching the adapter. The facts are resolved once (`resolve`), then
each render module lays out its pages from them.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .committee import Committee
from .glossary import Term, render_glossary
from .induction import Induction, render_induction
from .mapping import Mapping, MappingEntry
from .model import Handbook
from .nolan import Principles
from .render import RenderedFile, handbook_json, no_details, render_handbook
from .render_cache import RenderCache
from .render_case import principles_json, render_case_sheet
from .render_mapping import clause_mapping_markdown, mapping_json, nolan_pages, policy_pages
from .render_policies import policies_json, render_policy_pages, render_policy_versions
from .render_versions import render_version_pages, superseded_note
from .report import build_report
from .report_output import report_markdown, report_pdf
from .resolve import resolve
from .search_index import group_titles, write_index
from .shared_drive import open_from_disk
from .tenants import TenantsPage, render_tenants
from .urls import COUNCIL_INDEX, HANDBOOK_JSON, NOLAN_INDEX, REPORT_PAGE, REPORT_PDF, rel


@dataclass(frozen=True)
class Content:
    """The hand-edited data besides the sources: induction, glossary, the mapping, the principles, the committee's
    statements and the tenants' page."""

    induction: Induction = Induction(())
    glossary: tuple[Term, ...] = ()
    mapping: Mapping | None = None
    principles: Principles | None = None
    committee: Committee | None = None
    tenants: TenantsPage | None = None
    drafts: dict[str, MappingEntry] | None = None  # suggested entries for current wordings with none, by text_sha256


def site_files(
    handbook: Handbook, site_url: str = "", content: Content = Content(), cache: RenderCache | None = None
) -> list[RenderedFile]:
    cache = cache or RenderCache(None)
    resolved = resolve(handbook, site_url, content.mapping, content.principles, content.drafts)
    files = render_handbook(resolved, notice=superseded_note, details=clause_mapping_markdown if resolved.mapped else no_details)
    files += render_version_pages(resolved)
    if resolved.mapped and resolved.principles is not None:
        files += policy_pages(resolved)
        files += nolan_pages(resolved)
        report = build_report(handbook, resolved.report_links, tuple(p.name for p in resolved.principles), content.committee)
        files.append(RenderedFile(REPORT_PAGE, report_markdown(report, rel(REPORT_PAGE, REPORT_PDF)), in_nav=True))
        pdf = cache.get(posixpath.basename(REPORT_PDF), repr(report), lambda: report_pdf(report), code=report_pdf, library="fpdf2")
        files.append(RenderedFile(REPORT_PDF, pdf))
    else:
        files += render_policy_pages(resolved)
    files += render_policy_versions(resolved)
    files += render_case_sheet(resolved)
    links = {"nolan": NOLAN_INDEX} if resolved.mapped else {}
    if resolved.policies:
        links["council"] = COUNCIL_INDEX
    if content.induction.modules:
        files += render_induction(content.induction, handbook, links)
    if content.glossary:
        files += render_glossary(content.glossary)
    if content.tenants:
        files += render_tenants(content.tenants, resolved)
    extra: dict[str, Any] = {"policies": policies_json(resolved), "principles": principles_json(resolved)}
    if resolved.mapped and content.mapping is not None:
        extra["mapping"] = mapping_json(content.mapping, handbook)
    files.append(RenderedFile(HANDBOOK_JSON, handbook_json(resolved, extra)))
    return files


def finish_site(site: Path, handbook: Handbook, *, shared_drive: bool, directory_urls: bool, glossary: tuple[Term, ...] = ()) -> None:
    """After the engine has written the pages: links made to work from disk (a shared-drive build), then the search index
    (which finds the glossary's abbreviations as what they stand for)."""
    if shared_drive:
        open_from_disk(site)
    expansions = tuple((t.term, t.expansion) for t in glossary if t.expansion.strip())
    write_index(site, handbook, group_titles(handbook), directory_urls, expansions)
