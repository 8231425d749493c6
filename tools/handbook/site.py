"""Every generated file of the site, from the render modules, in one list.

The mkdocs plugin calls only this, so adding a kind of page means adding it
here, not touching the adapter.
"""

from __future__ import annotations

from dataclasses import dataclass

from .committee import Committee
from .glossary import Term, render_glossary
from .induction import Induction, render_induction
from .mapping import Mapping, MappingEntry, current_entries
from .nolan import Principles
from .pipeline import Handbook
from .render_mapping import clause_mapping_markdown, mapping_json, nolan_pages, policy_pages
from .report import PAGE as REPORT_PAGE
from .report import PDF_NAME, build_report, links_from_mapping
from .report_output import report_markdown, report_pdf
from .render import RenderedFile, handbook_json, render_handbook
from .render_cache import RenderCache
from .render_policies import render_policy_pages
from .render_versions import render_version_pages, superseded_note


@dataclass(frozen=True)
class Content:
    """The hand-edited data besides the sources: induction modules and glossary."""

    induction: Induction = Induction(())
    glossary: tuple[Term, ...] = ()
    mapping: Mapping | None = None
    principles: Principles | None = None
    drafts: dict[str, MappingEntry] | None = None  # suggested entries for current wordings with none, by text_sha256
    committee: Committee | None = None


def site_files(
    handbook: Handbook, site_url: str = "", content: Content = Content(), cache: RenderCache | None = None
) -> list[RenderedFile]:
    cache = cache or RenderCache(None)
    mapping, principles = content.mapping, content.principles
    mapped = mapping is not None and principles is not None

    def details(source, clause, here):  # type: ignore[no-untyped-def]
        return clause_mapping_markdown(source, clause, mapping, principles, handbook, here, content.drafts) if mapped else []

    files = render_handbook(
        handbook,
        site_url,
        notice=lambda source, clause, here: superseded_note(handbook, source, clause, here),
        details=details,
    )
    files += render_version_pages(handbook)
    if mapped:
        assert mapping is not None and principles is not None
        files += policy_pages(handbook, mapping) if handbook.policies else []
        files += nolan_pages(handbook, mapping, principles)
        report = build_report(
            handbook, links_from_mapping(current_entries(mapping, handbook), principles), tuple(p.name for p in principles), content.committee
        )
        files.append(RenderedFile(REPORT_PAGE, report_markdown(report, PDF_NAME), in_nav=True))
        pdf = cache.get(PDF_NAME, repr(report), lambda: report_pdf(report), code=report_pdf, library="fpdf2")
        files.append(RenderedFile(f"report/{PDF_NAME}", pdf))
    else:
        files += render_policy_pages(handbook)
    links = {name: path for name, path in (("nolan", "nolan/index.md"), ("council", "council/index.md")) if any(f.path == path for f in files)}
    if content.induction.modules:
        files += render_induction(content.induction, handbook, links)
    if content.glossary:
        files += render_glossary(content.glossary)
    extra = {"mapping": mapping_json(mapping, handbook)} if mapped and mapping is not None else None
    files.append(RenderedFile("handbook.json", handbook_json(handbook, site_url, extra)))
    return files
