"""The mkdocs adapter: runs the pipeline and hands mkdocs the generated pages.

All the failing work (reading the manifest, extracting, checking) happens in
`on_pre_build`, before mkdocs empties the site folder, so a bad source stops
the build with one error line and leaves the last good site as it was.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import NoReturn

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from .errors import HandbookError
from .extract import ExtractionCache
from .pipeline import Handbook, load_handbook, summary_lines
from .manifest import load_manifest
from .render import site_nav
from .render_cache import RenderCache
from .search_index import SEARCH_ASSETS, group_titles, write_index
from .shared_drive import open_from_disk
from .glossary import abbreviations, load_glossary
from .induction import Induction, load_induction
from .mapping import Mapping, is_error, load_mapping, validate
from .mapping_versions import follow_versions
from .nolan import Principles, load_principles
from .committee import load_committee
from .report import committee_problems
from .site import Content, site_files
from .urls import module_page, source_pdf_path

log = get_plugin_logger(__name__)


class HandbookConfig(base.Config):
    manifest = c.Type(str, default="source_pdfs/manifest.yml")
    """The manifest listing the source PDFs, relative to mkdocs.yml."""
    induction = c.Type(str, default="content/induction.yml")
    """The induction modules and quizzes, relative to mkdocs.yml; '' for none."""
    glossary = c.Type(str, default="content/glossary.yml")
    """The glossary terms, relative to mkdocs.yml; '' for none."""
    mapping = c.Type(str, default="mapping/cih-to-council.yml")
    """The reviewed CIH-to-council mapping, relative to mkdocs.yml; '' for none."""
    committee = c.Type(str, default="content/committee.yml")
    """The committee's concerns and the statements the alignment report tests, relative to mkdocs.yml; '' for none."""
    shared_drive = c.Type(bool, default=False)
    """Set by `handbook build --shared-drive`: pages as .html files (use_directory_urls: false), to open from disk."""
    cache_dir = c.Type(str, default=".cache/handbook")
    """Where extraction results are kept between builds, relative to mkdocs.yml; '' turns the disk cache off."""


class HandbookPlugin(BasePlugin[HandbookConfig]):
    def __init__(self) -> None:
        self.handbook: Handbook | None = None
        self.cache: ExtractionCache | None = None
        self.render_cache: RenderCache | None = None
        self.error: HandbookError | None = None  # the last bad input, for the CLI to report
        self.content = Content()

    def _path(self, config: MkDocsConfig, value: str) -> Path:
        return (Path(config.config_file_path).parent / value).resolve()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.cache is None:  # kept across rebuilds under `mkdocs serve`
            folder = self._path(config, self.config.cache_dir) if self.config.cache_dir else None
            self.cache = ExtractionCache(folder)
            self.render_cache = RenderCache(folder / "rendered" if folder else None)
        for asset in SEARCH_ASSETS:  # the handbook's own search box, in every page's header
            extra = config.extra_css if asset.endswith(".css") else config.extra_javascript
            if asset not in extra:
                extra.append(asset)
        self.error = None
        if not config.use_directory_urls and not self.config.shared_drive:
            self._fail(
                HandbookError(config.config_file_path or "mkdocs.yml", "the handbook needs use_directory_urls: true", "remove the setting that turns it off")
            )
        if config.nav is None:
            try:
                manifest = load_manifest(self._path(config, self.config.manifest))
                modules = load_induction(self._path(config, self.config.induction)).modules if self.config.induction else ()
            except HandbookError as exc:
                self._fail(exc)
            docs = Path(config.docs_dir)
            handwritten = sorted(p.name for p in docs.glob("*.md")) if docs.is_dir() else []
            config.nav = site_nav(
                manifest, handwritten, [module_page(m.id) for m in modules], bool(self.config.glossary), bool(self.config.mapping)
            )
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        assert self.cache is not None
        quiet = logging.getLogger("handbook")
        self.error = None
        try:
            self.handbook = load_handbook(self._path(config, self.config.manifest), self.cache)
            mapping, principles = self._load_mapping(config)
            self.content = Content(
                induction=load_induction(self._path(config, self.config.induction)) if self.config.induction else Induction(()),
                glossary=load_glossary(self._path(config, self.config.glossary)) if self.config.glossary else (),
                mapping=mapping,
                principles=principles,
                committee=load_committee(self._path(config, self.config.committee)) if self.config.committee else None,
            )
            if self.content.committee is not None:
                for problem in committee_problems(self.content.committee, self.handbook):
                    raise problem
        except HandbookError as exc:
            self._fail(exc)
        for warning in self.handbook.manifest.warnings:
            log.warning(warning)
        for line in summary_lines(self.handbook):
            log.info(line)
        quiet.debug("extraction cache: %d hits, %d misses", self.cache.hits, self.cache.misses)

    def _fail(self, exc: HandbookError) -> NoReturn:
        """Stop the build with the one-line message, kept for `handbook build` to print as it is."""
        self.error = exc
        raise PluginError(str(exc)) from None

    def _load_mapping(self, config: MkDocsConfig) -> tuple[Mapping | None, Principles | None]:
        """The mapping, checked: broken entries stop the build; entries needing review are warned about."""
        if not self.config.mapping:
            return None, None
        assert self.handbook is not None
        principles = load_principles()
        mapping = follow_versions(load_mapping(self._path(config, self.config.mapping)), self.handbook)
        problems = validate(mapping, self.handbook, principles.ids)
        errors = [p for p in problems if is_error(p, strict=bool(config.strict))]
        if errors:
            more = f" (and {len(errors) - 1} more: run handbook check)" if len(errors) > 1 else ""
            first = errors[0]
            problem, _, fix = first.message.partition("; ")
            raise HandbookError(
                f"{first.file}:{first.line}" if first.line else first.file, problem + more, fix or "fix the mapping"
            )
        for problem in problems:
            log.warning(str(problem))  # shown on the site as "needs review"; --strict fails on them
        return mapping, principles

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        assert self.handbook is not None
        for rendered in site_files(self.handbook, config.site_url or "", self.content, self.render_cache):
            if files.get_file_from_path(rendered.path) is not None:
                log.info("keeping the hand-written %s instead of generating it", rendered.path)
                continue
            inclusion = InclusionLevel.UNDEFINED if rendered.in_nav or not rendered.path.endswith(".md") else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, rendered.path, content=rendered.content, inclusion=inclusion))
        for asset, path in SEARCH_ASSETS.items():
            if files.get_file_from_path(asset) is None:
                files.append(File.generated(config, asset, abs_src_path=str(path)))
        for source in (*self.handbook.documents, *self.handbook.policies):
            target = source_pdf_path(source.entry)
            if files.get_file_from_path(target) is None:
                files.append(File.generated(config, target, abs_src_path=source.entry.path))
        return files

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        # Abbreviations are explained wherever they appear, on every page.
        extra = abbreviations(self.content.glossary)
        return f"{markdown}\n\n{extra}\n" if extra else markdown

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        assert self.handbook is not None
        site = Path(config.site_dir)
        if self.config.shared_drive:
            open_from_disk(site)
        write_index(site, self.handbook, group_titles(self.handbook), config.use_directory_urls)

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: object) -> LiveReloadServer:
        # Rebuild when a PDF or the manifest changes, not only docs/.
        server.watch(str(self._path(config, self.config.manifest).parent))
        for data in (self.config.induction, self.config.glossary, self.config.mapping, self.config.committee):
            if data:
                server.watch(str(self._path(config, data)))
        return server
