"""The mkdocs adapter: wires mkdocs' events to the pipeline, and does nothing else.

All the failing work (reading the sources and the data, checking them) happens
in `on_pre_build`, before mkdocs empties the site folder, so a bad input stops
the build with one error line and leaves the last good site as it was.
"""

from __future__ import annotations

from collections.abc import Callable
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

from . import pipeline as p
from .errors import HandbookError
from .extract import ExtractionCache
from .glossary import abbreviations
from .render_cache import RenderCache
from .search_index import SEARCH_ASSETS
from .site import finish_site, site_files

log = get_plugin_logger(__name__)


class HandbookConfig(base.Config):
    """Each path is relative to mkdocs.yml; '' leaves out an optional input."""

    manifest = c.Type(str, default=p.DEFAULT_MANIFEST)
    induction = c.Type(str, default=p.DEFAULT_INDUCTION)
    glossary = c.Type(str, default=p.DEFAULT_GLOSSARY)
    mapping = c.Type(str, default=p.DEFAULT_MAPPING)
    committee = c.Type(str, default=p.DEFAULT_COMMITTEE)
    tenants = c.Type(str, default=p.DEFAULT_TENANTS)
    cache_dir = c.Type(str, default=p.DEFAULT_CACHE)  # extraction results kept between builds; '' for none
    shared_drive = c.Type(bool, default=False)  # set by `handbook build --shared-drive`: pages as .html files


class HandbookPlugin(BasePlugin[HandbookConfig]):
    # `mkdocs serve` loads a fresh configuration (and plugin) for each rebuild:
    # the server's wrapper reads the failed rebuild's error here.
    last_error: HandbookError | None = None

    def __init__(self) -> None:
        self.loaded: p.Loaded | None = None
        self.cache: ExtractionCache | None = None
        self.render_cache: RenderCache | None = None
        self.error: HandbookError | None = None  # the last bad input, for the CLI to report

    def _inputs(self, config: MkDocsConfig) -> p.Inputs:
        cfg = self.config
        return p.Inputs.at(
            Path(config.config_file_path).parent, cfg.manifest, cfg.mapping, cfg.induction, cfg.glossary, cfg.committee, cfg.tenants
        )

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.cache is None:  # kept across rebuilds under `mkdocs serve`
            self.cache, self.render_cache = p.caches(Path(config.config_file_path).parent, self.config.cache_dir)
        for asset in SEARCH_ASSETS:  # the handbook's own search box, in every page's header
            extra = config.extra_css if asset.endswith(".css") else config.extra_javascript
            if asset not in extra:
                extra.append(asset)
        self.error = None
        docs = Path(config.docs_dir)
        try:
            p.check_engine_settings(config.config_file_path, directory_urls=config.use_directory_urls or self.config.shared_drive)
            if config.nav is None:
                config.nav = p.navigation(self._inputs(config), sorted(f.name for f in docs.glob("*.md")) if docs.is_dir() else [])
        except HandbookError as exc:
            self._fail(exc)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        assert self.cache is not None
        self.error = None
        try:
            self.loaded = p.load_inputs(self._inputs(config), self.cache, strict=bool(config.strict))
        except HandbookError as exc:
            self._fail(exc)
        for level, message in p.build_messages(self.loaded, self.cache):
            log.log(level, message)

    def _fail(self, exc: HandbookError) -> NoReturn:
        """Stop the build with the one-line message, kept for `handbook build` to print as it is."""
        self.error = HandbookPlugin.last_error = exc
        raise PluginError(str(exc)) from None

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        assert self.loaded is not None
        for rendered in site_files(self.loaded.handbook, config.site_url or "", self.loaded.content, self.render_cache):
            if files.get_file_from_path(rendered.path) is not None:
                log.info("keeping the hand-written %s instead of generating it", rendered.path)
                continue
            listed = rendered.in_nav or not rendered.path.endswith(".md")
            inclusion = InclusionLevel.UNDEFINED if listed else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, rendered.path, content=rendered.content, inclusion=inclusion))
        for target, source in (*((a, str(f)) for a, f in SEARCH_ASSETS.items()), *p.published_sources(self.loaded.handbook)):
            if files.get_file_from_path(target) is None:
                files.append(File.generated(config, target, abs_src_path=source))
        return files

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        # Abbreviations are explained wherever they appear, on every page.
        extra = abbreviations(self.loaded.content.glossary) if self.loaded else ""
        return f"{markdown}\n\n{extra}\n" if extra else markdown

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        assert self.loaded is not None
        finish_site(
            Path(config.site_dir),
            self.loaded.handbook,
            shared_drive=self.config.shared_drive,
            directory_urls=config.use_directory_urls,
            glossary=self.loaded.content.glossary,
        )

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: object) -> LiveReloadServer:
        for path in self._inputs(config).watched:  # rebuild when a PDF, the manifest or the data change, not only docs/
            server.watch(str(path))
        server.builder = self._keep_serving(server.builder)
        return server

    def _keep_serving(self, rebuild: Callable[[], None]) -> Callable[[], None]:
        """A rebuild that, when a source is broken, says why and keeps serving the last good site.

        mkdocs' own loop leaves every request waiting until a rebuild succeeds.
        The handbook fails before mkdocs empties the site folder (on_pre_build),
        so the folder still holds the last good build, which is served instead.
        """

        def keep_last_good_site() -> None:
            HandbookPlugin.last_error = None
            try:
                rebuild()
            except Exception as exc:  # noqa: BLE001 - any failed rebuild: report it, keep the server answering
                log.error(
                    "%s; still serving the last good build: fix the problem and save to rebuild",
                    HandbookPlugin.last_error or str(exc).strip() or type(exc).__name__,
                )

        return keep_last_good_site
