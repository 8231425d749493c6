"""The whole pipeline, shared by the CLI and the mkdocs plugin:

    extract → map → resolve → render → engine

`load_handbook` reads the manifest and extracts every source; `check_mapping`
loads the mapping (entries keyed by the wording they were reviewed against)
and validates it; `read_inputs` does both and reads the other hand-edited data
(induction, glossary, committee, the tenants' page), stopping at the first broken input, for
`handbook check`; `load_inputs` also stops at a mapping problem that fails a
build and drafts suggestions for wordings without an entry; and
`site_files` (site.py) resolves and renders. `handbook check`, `handbook
suggest` and a build therefore can never disagree about what the sources say,
and the plugin is only the wiring between mkdocs' events and these calls.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .committee import load_committee
from .errors import HandbookError, display_path
from .extract import ExtractionCache, Progress
from .glossary import load_glossary
from .induction import Induction, load_induction
from .manifest import load_manifest
from .mapping import Mapping, Problem, is_error, load_mapping, validate
from .mapping_update import draft_missing
from .model import Handbook, Source, SourceEntry
from .nolan import Principles, load_principles
from .render import site_nav
from .render_cache import RenderCache
from .report import committee_problems
from .site import Content
from .tenants import load_tenants, tenants_problems
from .urls import module_page, source_pdf_path

# Where the inputs are, relative to the project folder (mkdocs.yml's folder).
DEFAULT_MANIFEST = "source_pdfs/manifest.yml"
DEFAULT_MAPPING = "mapping/cih-to-council.yml"
DEFAULT_INDUCTION = "content/induction.yml"
DEFAULT_GLOSSARY = "content/glossary.yml"
DEFAULT_COMMITTEE = "content/committee.yml"
DEFAULT_TENANTS = "content/tenants.yml"
DEFAULT_CACHE = ".cache/handbook"


@dataclass(frozen=True)
class Inputs:
    """The files a handbook is built from; None leaves an optional one out."""

    manifest: Path
    mapping: Path | None = None
    induction: Path | None = None
    glossary: Path | None = None
    committee: Path | None = None
    tenants: Path | None = None

    @classmethod
    def at(
        cls, root: Path, manifest: str, mapping: str, induction: str, glossary: str, committee: str, tenants: str = ""
    ) -> Inputs:
        """Paths relative to `root`; '' for an optional input leaves it out."""

        def path(value: str) -> Path | None:
            return (root / value).resolve() if value else None

        return cls((root / manifest).resolve(), path(mapping), path(induction), path(glossary), path(committee), path(tenants))

    @property
    def watched(self) -> tuple[Path, ...]:
        """What a live preview watches: the sources' folder and each data file."""
        return (self.manifest.parent, *(p for p in (self.mapping, self.induction, self.glossary, self.committee, self.tenants) if p))


def load_handbook(
    manifest_path: Path,
    cache: ExtractionCache,
    progress_for: Callable[[SourceEntry], Progress | None] | None = None,
) -> Handbook:
    """Extract: the manifest and every source it lists."""
    manifest = load_manifest(manifest_path)

    def read(entry: SourceEntry) -> Source:
        progress = progress_for(entry) if progress_for else None
        document = cache.get(Path(entry.path), code=entry.code, kind=entry.kind, progress=progress)
        return Source(entry=entry, document=document)

    history = tuple(read(e) for e in manifest.policies)
    latest: dict[str, Source] = {}  # the version of each policy in force last
    for source in history:
        if source.entry.code not in latest or source.entry.in_force > latest[source.entry.code].entry.in_force:
            latest[source.entry.code] = source
    return Handbook(
        manifest=manifest,
        documents=tuple(read(e) for e in manifest.documents),
        policies=tuple(latest.values()),
        policy_history=history,
    )


@dataclass(frozen=True)
class CheckedMapping:
    """The mapping as the site uses it and every problem with it."""

    mapping: Mapping
    principles: Principles
    problems: tuple[Problem, ...]


def check_mapping(path: Path, handbook: Handbook, cache: Path | None = None) -> CheckedMapping:
    """Map: load the mapping (its parse kept in the `cache` folder) and validate it against the handbook."""
    principles = load_principles()
    mapping = load_mapping(path, cache)
    return CheckedMapping(mapping, principles, tuple(validate(mapping, handbook, principles.ids)))


def first_error(problems: tuple[Problem, ...], strict: bool) -> HandbookError | None:
    """The first mapping problem that stops a build, as one error line that says how many more there are."""
    errors = [p for p in problems if is_error(p, strict)]
    if not errors:
        return None
    first = errors[0]
    more = f" (and {len(errors) - 1} more: run handbook check)" if len(errors) > 1 else ""
    return HandbookError(first.file, first.problem + more, first.fix, line=first.line)


@dataclass(frozen=True)
class Loaded:
    handbook: Handbook
    content: Content
    problems: tuple[Problem, ...] = ()  # every problem with the mapping, in file order


def read_inputs(
    inputs: Inputs, cache: ExtractionCache, progress_for: Callable[[SourceEntry], Progress | None] | None = None
) -> Loaded:
    """Everything a build reads; a broken input raises HandbookError, the mapping's problems are returned."""
    handbook = load_handbook(inputs.manifest, cache, progress_for)
    checked = check_mapping(inputs.mapping, handbook, cache.folder) if inputs.mapping else None
    content = Content(
        induction=load_induction(inputs.induction) if inputs.induction else Induction(()),
        glossary=load_glossary(inputs.glossary) if inputs.glossary else (),
        mapping=checked.mapping if checked else None,
        principles=checked.principles if checked else None,
        committee=load_committee(inputs.committee) if inputs.committee else None,
        tenants=load_tenants(inputs.tenants) if inputs.tenants else None,
    )
    for problem in committee_problems(content.committee, handbook) if content.committee else ():
        raise problem
    for problem in tenants_problems(content.tenants, handbook) if content.tenants else ():
        raise problem
    return Loaded(handbook, content, checked.problems if checked else ())


def load_inputs(inputs: Inputs, cache: ExtractionCache, strict: bool = False) -> Loaded:
    """What a build needs, checked: the first broken input, or mapping problem that fails the build, raises."""
    loaded = read_inputs(inputs, cache)
    if error := first_error(loaded.problems, strict):
        raise error
    content = loaded.content
    if content.mapping is None or content.principles is None:
        return loaded
    # Current wordings the file has no entry for: suggestions for the build, shown marked as such.
    drafts = draft_missing(content.mapping, loaded.handbook, content.principles)
    return dataclasses.replace(loaded, content=dataclasses.replace(content, drafts=drafts))


def check_engine_settings(config_file: str | None, *, directory_urls: bool) -> None:
    """The engine settings the handbook's links rely on (a shared-drive build makes its own .html links)."""
    if not directory_urls:
        raise HandbookError(config_file or "mkdocs.yml", "the handbook needs use_directory_urls: true", "remove the setting that turns it off")


def caches(root: Path, cache_dir: str) -> tuple[ExtractionCache, RenderCache]:
    """The extraction cache and, inside it, the cache of rendered files ('' for neither)."""
    folder = (root / cache_dir).resolve() if cache_dir else None
    return ExtractionCache(folder), RenderCache(folder / "rendered" if folder else None)


def build_messages(loaded: Loaded, cache: ExtractionCache) -> list[tuple[int, str]]:
    """What a build logs after loading, as (logging level, message): manifest warnings, the clauses found,
    the mapping's problems (shown on the site as "needs review"; --strict fails on them) and the cache's use."""
    return [
        *((logging.WARNING, w) for w in loaded.handbook.manifest.warnings),
        *((logging.INFO, line) for line in summary_lines(loaded.handbook)),
        *((logging.WARNING, str(problem)) for problem in loaded.problems),
        (logging.DEBUG, f"extraction cache: {cache.hits} hits, {cache.misses} misses"),
    ]


def navigation(inputs: Inputs, handwritten: list[str]) -> list[Any]:
    """mkdocs `nav`, from the manifest and the induction modules alone: mkdocs needs it before extraction."""
    modules = load_induction(inputs.induction).modules if inputs.induction else ()
    return site_nav(
        load_manifest(inputs.manifest),
        handwritten,
        [module_page(m.id) for m in modules],
        inputs.glossary is not None,
        inputs.mapping is not None,
        inputs.tenants is not None,
    )


def published_sources(handbook: Handbook) -> list[tuple[str, str]]:
    """(site path, file) of every source document, published for download."""
    return [(source_pdf_path(s.entry), s.entry.path) for s in (*handbook.documents, *handbook.all_policy_versions)]


def summary_lines(handbook: Handbook) -> list[str]:
    """Clauses per document and section, as the build reports them."""
    out = []
    for source in (*handbook.documents, *handbook.all_policy_versions):
        doc = source.document
        per_section = ", ".join(f"{s.number}: {len(s.clauses)}" for s in doc.sections)
        out.append(
            f"{source.entry.code} {source.entry.title} {source.entry.version} "
            f"({display_path(source.entry.path)}): {len(doc.sections)} sections, "
            f"{len(doc.clauses)} clauses [{per_section}]"
        )
    return out
