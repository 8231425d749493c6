"""The `handbook` command: extract, check and build from the command line.

Glue only: each command calls the pipeline and turns a `HandbookError` into
one `Error: …` line and exit status 1, never a traceback.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from .errors import HandbookError, display_path
from .extract import ExtractionCache, Progress
from .generate import refuse_foreign_site, restore_interrupted_swap, swap_into_place
from .manifest import load_manifest
from .mapping import is_error
from .model import SourceEntry
from .pipeline import (
    DEFAULT_CACHE,
    DEFAULT_COMMITTEE,
    DEFAULT_GLOSSARY,
    DEFAULT_INDUCTION,
    DEFAULT_MANIFEST,
    DEFAULT_MAPPING,
    DEFAULT_TENANTS,
    Inputs,
    check_mapping,
    load_handbook,
    read_inputs,
    summary_lines,
)
from .mapping_update import suggestion_drafter, update_mapping
from .suggest import evaluate as evaluate_mapping


@contextmanager
def _user_errors() -> Iterator[None]:
    try:
        yield
    except HandbookError as exc:
        raise click.ClickException(str(exc)) from None


class _ProgressBar:
    """A progress bar on stderr for PDFs long enough to make someone wait."""

    def __init__(self, label: str, min_pages: int = 8) -> None:
        self.label = label
        self.min_pages = min_pages
        self.bar: Any = None
        self.shown = 0

    def __call__(self, done: int, total: int) -> None:
        if total < self.min_pages or not sys.stderr.isatty():
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.shown)
        self.shown = done
        if done == total:
            self.bar.__exit__(None, None, None)


def _progress_for(entry: SourceEntry) -> Progress:
    return _ProgressBar(f"Reading {display_path(entry.path)}")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="professional-standards-handbook")
def main() -> None:
    """Build the Professional Standards Handbook from the CIH PDFs and council policies.

    \b
    Example:
        handbook check              # read and validate every source
        handbook build              # build the site into site/
        handbook extract source_pdfs/cih-code-of-conduct-v3-sample.pdf
    """


@main.command()
@click.argument("pdf", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--code", help="Clause ID prefix (default: the file's code in the manifest, else DOC).")
@click.option(
    "--kind",
    type=click.Choice(["code", "framework", "policy", "procedure"]),
    help="Document structure (default: from the manifest, else code).",
)
@click.option("--manifest", default=DEFAULT_MANIFEST, show_default=True, type=click.Path(path_type=Path))
def extract(pdf: Path, code: str | None, kind: str | None, manifest: Path) -> None:
    """Print one document's sections and clauses as JSON.

    \b
    Example:
        handbook extract source_pdfs/cih-code-of-conduct-v3-sample.pdf > coc.json
    """
    with _user_errors():
        listed = _manifest_entry(pdf, manifest)
        code = code or (listed.code if listed else "DOC")
        kind = kind or (listed.kind if listed else "code")
        cache = ExtractionCache(None)
        document = cache.get(pdf, code=code, kind=kind, progress=_ProgressBar(f"Reading {display_path(pdf)}"))
    click.echo(json.dumps(document.to_json(), ensure_ascii=False, indent=2))


def _manifest_entry(pdf: Path, manifest: Path) -> SourceEntry | None:
    if not manifest.is_file():
        return None
    try:
        entries = load_manifest(manifest)
    except HandbookError as exc:
        # Extracting a single file must not depend on a broken manifest, but say why it was not used.
        click.echo(f"Warning: {exc} (extracting without the manifest)", err=True)
        return None
    target = pdf.resolve()
    return next((e for e in (*entries.documents, *entries.policies) if Path(e.path) == target), None)


@main.command()
@click.option("--manifest", default=DEFAULT_MANIFEST, show_default=True, type=click.Path(path_type=Path))
@click.option("--mapping", "mapping_path", default=DEFAULT_MAPPING, show_default=True, help="The reviewed mapping; '' to skip it.")
@click.option("--strict", is_flag=True, help="Fail on entries that need review too (unreviewed, suggested, moved, orphaned).")
@click.option("--induction", "induction_path", default=DEFAULT_INDUCTION, show_default=True, help="The induction modules; '' to skip them.")
@click.option("--glossary", "glossary_path", default=DEFAULT_GLOSSARY, show_default=True, help="The glossary; '' to skip it.")
@click.option("--committee", "committee_path", default=DEFAULT_COMMITTEE, show_default=True, help="The committee's statements; '' to skip them.")
@click.option("--tenants", "tenants_path", default=DEFAULT_TENANTS, show_default=True, help="The page for tenants; '' to skip it.")
@click.option("--cache-dir", default=DEFAULT_CACHE, show_default=True, help="Extraction cache; '' to turn it off.")
def check(
    manifest: Path,
    mapping_path: str,
    induction_path: str,
    glossary_path: str,
    committee_path: str,
    tenants_path: str,
    strict: bool,
    cache_dir: str,
) -> None:
    """Read and validate every source and data file the build reads, without building the site.

    Broken mapping entries (malformed, unknown or duplicate IDs) always fail;
    with --strict, so do current clauses whose wording has no reviewed entry,
    and entries whose wording moved to another clause or is in no version any
    more (handbook suggest relabels them or sets them aside).

    \b
    Example:
        handbook check --strict
    """
    data = (Path(path) if path else None for path in (mapping_path, induction_path, glossary_path, committee_path, tenants_path))
    inputs = Inputs(manifest, *data)
    with _user_errors():
        loaded = read_inputs(inputs, ExtractionCache(Path(cache_dir) if cache_dir else None), _progress_for)
    handbook, problems = loaded.handbook, loaded.problems
    for warning in handbook.manifest.warnings:
        click.echo(f"Warning: {warning}", err=True)
    for line in summary_lines(handbook):
        click.echo(line)
    for problem in problems:
        click.echo(f"{'Error' if is_error(problem, strict) else 'Needs review'}: {problem}", err=True)
    errors = sum(1 for p in problems if is_error(p, strict))
    if errors:
        raise click.ClickException(f"{errors} mapping problem(s) in {mapping_path}; fix them and run handbook check again")
    total = sum(len(s.document.clauses) for s in handbook.documents)
    click.echo(
        f"OK: {len(handbook.codes)} documents ({len(handbook.documents)} versions), {total} clauses, "
        f"{len(handbook.policies)} policies"
        + (f", mapping checked ({len(problems)} entries need review)" if mapping_path else "")
    )


@main.command()
@click.option("-f", "--config-file", default="mkdocs.yml", show_default=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("-d", "--site-dir", type=click.Path(file_okay=False, path_type=Path), help="Output folder (default: mkdocs.yml's site_dir).")
@click.option("--strict", is_flag=True, help="Fail on any warning.")
@click.option("-q", "--quiet", is_flag=True, help="Only show warnings and errors.")
@click.option(
    "--shared-drive",
    type=click.Path(file_okay=False, path_type=Path),
    help="Build a copy to open from a shared drive (file://) into this folder instead: pages as .html files, search included.",
)
def build(config_file: Path, site_dir: Path | None, strict: bool, quiet: bool, shared_drive: Path | None) -> None:
    """Build the handbook site with mkdocs.

    The site is built into a temporary folder and only then moved into place,
    so a failed build leaves the previous site untouched. With --shared-drive
    the copy is made to be opened from disk: copy the folder to the drive and
    open its index.html; links and search work without a web server.

    \b
    Example:
        handbook build && python -m http.server -d site 8000
        handbook build --shared-drive handbook-on-disk
    """
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    _log_to_stderr(logging.WARNING if quiet else logging.INFO)
    if not config_file.is_file():
        raise click.ClickException(f"{config_file}: not found; run this in the handbook folder or pass --config-file")
    try:
        config = load_config(str(config_file), strict=strict)
    except (MkDocsException, Abort) as exc:
        raise click.ClickException(str(exc).strip() or "mkdocs.yml could not be loaded") from None
    if shared_drive is not None:
        config.use_directory_urls = False  # every page a .html file a browser opens from disk
        plugin = config.plugins.get("handbook")
        if plugin is not None:
            plugin.config.shared_drive = True
    final = Path(shared_drive or site_dir or config.site_dir).resolve()
    with _user_errors():
        restore_interrupted_swap(final)
        refuse_foreign_site(final, config_file.resolve().parent, Path(config.docs_dir))
    staging = final.with_name(f".{final.name}.building")
    shutil.rmtree(staging, ignore_errors=True)
    config.site_dir = str(staging)
    try:
        mkdocs_build(config)
    except (MkDocsException, Abort) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        plugin = config.plugins.get("handbook")
        reason = str(plugin.error) if getattr(plugin, "error", None) else str(exc).strip()
        raise click.ClickException(f"{reason} (the previous site in {display_path(final)}/ is unchanged)") from None
    swap_into_place(staging, final)
    if shared_drive is not None:
        click.echo(f"Built the shared-drive copy in {display_path(final)}/ – copy the folder to the drive and open "
                   f"{display_path(final / 'index.html')} from there", err=True)
        return
    click.echo(f"Built the handbook in {display_path(final)}/ – open {display_path(final / 'index.html')} "
               f"or serve it with: python -m http.server -d {display_path(final)} 8000", err=True)


def _log_to_stderr(level: int) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    # The build's own error is printed once, as the command's Error: line.
    handler.addFilter(lambda record: record.levelno < logging.ERROR)
    for name in ("mkdocs", "handbook"):
        logger = logging.getLogger(name)
        for old in [h for h in logger.handlers if getattr(h, "handbook_cli", False)]:
            logger.removeHandler(old)
        handler.handbook_cli = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
        logger.setLevel(level)
        logger.propagate = False


@main.command()
@click.option("--manifest", default=DEFAULT_MANIFEST, show_default=True, type=click.Path(path_type=Path))
@click.option("--mapping", "mapping_path", default=DEFAULT_MAPPING, show_default=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--cache-dir", default=DEFAULT_CACHE, show_default=True, help="Extraction cache; '' to turn it off.")
@click.option("--evaluate", is_flag=True, help="Only print how often the suggestions agree with the reviewed entries (leave-one-out).")
@click.option("--json", "as_json", is_flag=True, help="With --evaluate: print the figures as JSON fractions.")
def suggest(manifest: Path, mapping_path: Path, cache_dir: str, evaluate: bool, as_json: bool) -> None:
    """Keep the mapping in step with the CIH documents and draft entries for new wordings.

    Entries are keyed by the wording they were reviewed against. An entry whose
    wording moved to another clause ID is relabelled; one whose wording is in
    no version any more is set aside under `orphaned:` (with a pointer to the
    clause that seems to reword it, which gets a suggested entry); every
    current wording without an entry gets one marked `status: suggested`, with
    the evidence. Comments in the file are kept. Prints one summary line:
    kept, moved, reworded, orphaned, new.

    \b
    Example:
        handbook suggest                 # update mapping/cih-to-council.yml
        handbook suggest --evaluate      # agreement with the reviewed entries
        handbook suggest --evaluate --json

    --evaluate scores every reviewed entry with suggestions learned from all
    the other entries (leave-one-out) and prints, beside the figures, those of
    giving the same answer every time.
    """
    if as_json and not evaluate:
        raise click.UsageError("--json goes with --evaluate")
    with _user_errors():
        handbook = load_handbook(manifest, ExtractionCache(Path(cache_dir) if cache_dir else None), _progress_for)
        if evaluate:
            checked = check_mapping(mapping_path, handbook)
            result = evaluate_mapping(checked.mapping, handbook, checked.principles)
            if as_json:
                click.echo(json.dumps(result.model.fractions(), indent=2))
            else:
                for line in result.lines():
                    click.echo(line)
            return
        mapping = check_mapping(mapping_path, handbook).mapping if mapping_path.is_file() else None
        summary = update_mapping(mapping_path, handbook, suggestion_drafter(handbook, mapping=mapping))
    for line in summary.details:
        click.echo(f"  {line}", err=True)
    click.echo(f"{display_path(mapping_path)}: {summary}")


@main.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("-f", "--config-file", default="mkdocs.yml", show_default=True, type=click.Path(dir_okay=False, path_type=Path))
def generate(folder: Path, config_file: Path) -> None:
    """Write the handbook's pages, assets and a mkdocs.yml to FOLDER, for any engine.

    FOLDER gets every page and file the mkdocs plugin generates, the hand-written
    pages in docs/, the source PDFs and a mkdocs.yml with the navigation written
    out and the handbook plugin removed, so an engine that reads mkdocs.yml but
    runs no mkdocs plugins (Zensical) builds the same handbook. FOLDER must be
    new, empty or written by this command before; it is replaced whole.

    \b
    Example:
        handbook generate build/handbook && cd build/handbook && zensical build
    """
    from .generate import plugin_options, read_engine_config, refuse_foreign_folder, refuse_inside_docs, write_folder
    from .glossary import abbreviations
    from .pipeline import DEFAULT_COMMITTEE, DEFAULT_GLOSSARY, DEFAULT_INDUCTION, DEFAULT_TENANTS, Inputs, caches, load_inputs, navigation, published_sources
    from .site import site_files

    with _user_errors():
        config = read_engine_config(config_file)
        options = plugin_options(config)
        root = config_file.resolve().parent
        inputs = Inputs.at(
            root,
            options.get("manifest", DEFAULT_MANIFEST),
            options.get("mapping", DEFAULT_MAPPING),
            options.get("induction", DEFAULT_INDUCTION),
            options.get("glossary", DEFAULT_GLOSSARY),
            options.get("committee", DEFAULT_COMMITTEE),
            options.get("tenants", DEFAULT_TENANTS),
        )
        docs_dir = root / str(config.get("docs_dir", "docs"))
        refuse_inside_docs(folder, docs_dir)  # before anything is read or cached: nothing is changed
        refuse_foreign_folder(folder.resolve())
        cache, render_cache = caches(root, options.get("cache_dir", DEFAULT_CACHE))
        loaded = load_inputs(inputs, cache)
        handwritten = sorted(p.name for p in docs_dir.glob("*.md")) if docs_dir.is_dir() else []
        files = site_files(loaded.handbook, str(config.get("site_url") or ""), loaded.content, render_cache)
        result = write_folder(
            folder,
            config=config,
            docs_dir=docs_dir,
            nav=navigation(inputs, handwritten),
            files=files,
            sources=published_sources(loaded.handbook),
            abbreviation_lines=abbreviations(loaded.content.glossary),
        )
    click.echo(
        f"Wrote {result.pages} pages ({result.files} files) to {display_path(folder)}/ – build it with "
        f"`zensical build` or `mkdocs build` in that folder"
    )
