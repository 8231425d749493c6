"""A PDF whose clauses carry HTML, script, Markdown, template syntax and pipes shows them literally."""

from __future__ import annotations

import functools
import html
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from conftest import build_site, copy_project
from pdf_factory import Run, bullet_item, make_pdf

HOSTILE = [
    "<script>alert(1)</script> must not run",
    "<img src=x onerror=alert(2)> must not load",
    "[click me](javascript:alert(3)) is not a link",
    "{{ config.site_name }} {% if x %} stays as typed",
    "a | b | c stays in one cell",
    "*stars* and _underscores_ and ~~tilde~~ and ==mark== stay plain",
    ":smile: &amp; &lt; stay as typed",
]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("hostile"))
    runs = [Run("1. Act with integrity", 56, 780, size=15, font="bold")]
    for n, text in enumerate(HOSTILE):
        runs += bullet_item([text], 60, 72, 750 - n * 20)
    make_pdf([runs], project / "source_pdfs" / "cih-code-of-conduct-v3-sample.pdf")
    site = project / "site"
    build_site(project, site, cache_dir=project / "cache")
    return site


def test_text_is_escaped_once_on_every_page(hostile_site: Path) -> None:
    document = (hostile_site / "cih/code-of-conduct/v3/index.html").read_text(encoding="utf-8")
    for n, text in enumerate(HOSTILE, start=1):
        clause = (hostile_site / f"cih/code-of-conduct/v3/coc-1.{n}/index.html").read_text(encoding="utf-8")
        assert f'<p class="handbook-clause-text">{html.escape(text, quote=False)}</p>' in clause
        assert html.escape(text, quote=False) in document
    for page in hostile_site.rglob("*.html"):
        content = page.read_text(encoding="utf-8")
        assert "<script>alert" not in content and "<img src=x" not in content
        assert 'href="javascript:' not in content


def test_text_is_literal_in_json_and_search_index(hostile_site: Path) -> None:
    data = json.loads((hostile_site / "handbook.json").read_text(encoding="utf-8"))
    coc = next(d for d in data["documents"] if (d["code"], d["version"]) == ("COC", "v3"))
    assert [c["text"] for c in coc["sections"][0]["clauses"]] == HOSTILE
    index = json.loads((hostile_site / "search/search_index.json").read_text(encoding="utf-8"))
    entry = next(d for d in index["docs"] if d["location"] == "cih/code-of-conduct/v3/coc-1.1/")
    assert entry["text"].startswith("<p>&lt;script&gt;alert(1)&lt;/script&gt; must not run</p>")


@pytest.fixture(scope="module")
def hostile_server(hostile_site: Path) -> Iterator[str]:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(hostile_site))
    handler.log_message = lambda *args: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.browser
def test_nothing_executes_in_the_browser(page: Page, hostile_server: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for n, text in enumerate(HOSTILE, start=1):
        page.goto(f"{hostile_server}/cih/code-of-conduct/v3/coc-1.{n}/")
        expect(page.locator(".handbook-clause-text")).to_have_text(text)
    page.goto(f"{hostile_server}/cih/code-of-conduct/v3/")
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("alert", delay=10)
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    expect(page.locator(".md-search-result__item").first).to_contain_text("alert")
    page.wait_for_timeout(300)
    assert dialogs == []
