"""Shared fixtures: the project paths, a built sample site, a local server and Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from handbook import search_text

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("HANDBOOK_CHROMIUM", "/usr/bin/chromium")  # Debian's; another path only to test its absence
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Debian's Chromium, never a browser downloaded by Playwright."""
    if not Path(CHROMIUM).exists():
        # Never a skip: a suite that passes without its browser checks would mislead.
        pytest.fail(f"{CHROMIUM} is missing: run bash tools/test.sh (it installs it) or apt-get install -y chromium")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


def build_site(project: Path, site_dir: Path, *, strict: bool = True, cache_dir: Path | None = None) -> None:
    """Build a handbook project with mkdocs, as `mkdocs build --strict` would."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site_dir), strict=strict)
    if cache_dir is not None:
        for name, plugin in config.plugins.items():
            if name == "handbook":
                plugin.config.cache_dir = str(cache_dir)
    build(config)


def without_abbr(html: str) -> str:
    """HTML with glossary abbreviations unwrapped (they add <abbr title> around terms such as CPD)."""
    import re

    return re.sub(r'<abbr title="[^"]*">([^<]*)</abbr>', r"\1", html)


def baselines(pdf_page: Any) -> list[tuple[float, str]]:
    """Each run of text on a pypdf page with the height of its baseline above the foot of the page, in points."""
    runs: list[tuple[float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            runs.append((tm[5] * cm[3] + cm[5], text.strip()))

    pdf_page.extract_text(visitor_text=visit)
    return runs


def run_cli(args: list[str], cwd: Path = ROOT) -> tuple[int, str]:
    """Run the handbook command in a folder; a crash (rather than a clean exit) fails the test."""
    from click.testing import CliRunner

    from handbook.cli import main

    old = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(main, args)
    finally:
        os.chdir(old)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    return result.exit_code, result.output


def copy_project(dest: Path, *, with_mapping: bool = True) -> Path:
    """A copy of the handbook's inputs (config, docs, sources) to change in a test.

    Tests that change the CIH sources drop the mapping, which would (rightly)
    fail a strict build as stale, and keep a tenants' page naming a council
    clause only (the sample's names CIH clause IDs, and a build stops on one
    that is not a current clause).
    """
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if not with_mapping:
        config = config.replace("mapping: mapping/cih-to-council.yml", 'mapping: ""')
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    for folder in ("docs", "source_pdfs", "content", *(("mapping",) if with_mapping else ())):
        shutil.copytree(ROOT / folder, dest / folder)
    if not with_mapping:
        (dest / "content" / "tenants.yml").write_text(
            "title: For tenants\npromises:\n  - text: We refuse gifts that could sway a decision.\n    clauses: [GIF-2.1]\n", encoding="utf-8"
        )
    return dest


@pytest.fixture
def synonyms_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A search synonyms file of the test's own in place of the shipped one (the readers' cache cleared
    before and after): write it, then call search_text's readers."""
    path = tmp_path / "search_synonyms.yml"
    monkeypatch.setattr(search_text, "SYNONYMS", path)
    search_text.alternatives.cache_clear()
    yield path
    search_text.alternatives.cache_clear()


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample handbook, built once per test session."""
    site = tmp_path_factory.mktemp("sample") / "site"
    build_site(ROOT, site, cache_dir=tmp_path_factory.mktemp("cache"))
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def serve(site: Path) -> Iterator[str]:
    """A built site on a plain static server on localhost (for a fixture to `yield from`)."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_server(sample_site: Path) -> Iterator[str]:
    """The sample site on a plain static server on localhost, as on an intranet."""
    handler = functools.partial(_QuietHandler, directory=str(sample_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Clause counts per producer of the extraction corpus (tests/test_corpus.py), when it ran."""
    import sys

    counts = getattr(sys.modules.get("test_corpus"), "COUNTS", None)
    if not counts:
        return
    terminalreporter.section("extraction corpus: clauses per producer")
    for producer, (docs, refused, expected, exact) in counts.items():
        share = f"{100 * exact / expected:.0f}%" if expected else "-"
        terminalreporter.write_line(
            f"{producer:12} {docs} documents ({refused} refused), {expected} clauses, {exact} exact ({share})"
        )
