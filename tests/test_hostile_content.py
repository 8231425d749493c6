"""A PDF whose clauses carry HTML, script, Markdown, template syntax and pipes shows them literally.

Every clause text must come out exactly as typed: HTML-escaped exactly once in
the HTML and the search index, unchanged in ``handbook.json``, never turned
into markup, a link, a template expression or a table, and nothing in it may
run in the browser.
"""

from __future__ import annotations

import functools
import html
import http.server
import json
import threading
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from handbook.search_index import read_index
from playwright.sync_api import Page, expect

from conftest import build_site, copy_project
from pdf_factory import Run, bullet_item, make_pdf

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "[click me](javascript:alert(3))",
    "{{ config.site_name }} {% if x %}",
    "a | b | c",
    "*stars* and _underscores_ and ~~tilde~~ and ==mark==",
    ":smile: &amp; &lt;",
]
CLAUSE_IDS = [f"COC-1.{n}" for n in range(1, len(HOSTILE) + 1)]
DOCUMENT = "cih/code-of-conduct/v3"


def clause_path(n: int) -> str:
    return f"{DOCUMENT}/coc-1.{n}/"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample project with COC v3 replaced by a hostile PDF of the same file name."""
    project = copy_project(tmp_path_factory.mktemp("hostile"), with_mapping=False)
    runs = [Run("1. Act with integrity", 56, 780, size=15, font="bold")]
    for n, text in enumerate(HOSTILE):
        runs += bullet_item([text], 60, 72, 750 - n * 20)
    make_pdf([runs], project / "source_pdfs" / "cih-code-of-conduct-v3-sample.pdf")
    site = project / "site"
    build_site(project, site, strict=True, cache_dir=project / "cache")
    return site


def escaped(text: str) -> str:
    return html.escape(text, quote=False)


def test_clause_ids_and_texts_are_extracted_verbatim(hostile_site: Path) -> None:
    data = json.loads((hostile_site / "handbook.json").read_text(encoding="utf-8"))
    coc = next(d for d in data["documents"] if (d["code"], d["version"]) == ("COC", "v3"))
    clauses = [c for s in coc["sections"] for c in s["clauses"]]
    assert [(c["id"], c["text"]) for c in clauses] == list(zip(CLAUSE_IDS, HOSTILE, strict=True))
    assert coc["sections"][0]["title"] == "Act with integrity"


@pytest.mark.parametrize("n", range(1, len(HOSTILE) + 1), ids=CLAUSE_IDS)
def test_text_is_escaped_exactly_once_on_clause_and_document_pages(hostile_site: Path, n: int) -> None:
    text = HOSTILE[n - 1]
    clause = (hostile_site / clause_path(n) / "index.html").read_text(encoding="utf-8")
    document = (hostile_site / DOCUMENT / "index.html").read_text(encoding="utf-8")
    assert f'<p class="handbook-clause-text">{escaped(text)}</p>' in clause
    assert escaped(text) in document
    if MARKUP & set(text):  # only there can escaping twice be told from escaping once
        for content in (clause, document):
            assert escaped(escaped(text)) not in content


MARKUP = set("&<>")


def test_the_escaped_once_checks_are_not_vacuous() -> None:
    """Most hostile strings contain characters that escaping changes, so a double escape would show."""
    telling = [t for t in HOSTILE if MARKUP & set(t)]
    assert len(telling) >= 3
    assert all(escaped(escaped(t)) != escaped(t) for t in telling)


def test_text_is_literal_in_handbook_json(hostile_site: Path) -> None:
    raw = (hostile_site / "handbook.json").read_text(encoding="utf-8")
    data = json.loads(raw)
    texts = [c["text"] for d in data["documents"] if d["code"] == "COC" and d["version"] == "v3" for s in d["sections"] for c in s["clauses"]]
    assert texts == HOSTILE  # JSON holds the text as typed, not HTML-escaped


@pytest.mark.parametrize("n", range(1, len(HOSTILE) + 1), ids=CLAUSE_IDS)
def test_text_is_held_as_typed_in_search_index(hostile_site: Path, n: int) -> None:
    """The index holds plain text (the search box shows it as text nodes, never as HTML): as typed, not escaped."""
    meta, postings, rows = read_index(hostile_site)
    matching = [row for row in rows if row[0] == clause_path(n)]
    assert matching, f"no search entry for {clause_path(n)}"
    assert [row[3] for row in matching] == [HOSTILE[n - 1][:400]]


class _ActiveContent(HTMLParser):
    """Collects active content that came from the PDF: scripts, handlers, javascript: URLs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_script = tag == "script"
        for name, value in attrs:
            # The site's own markup may use a handler (the in-force form's
            # onsubmit); none may carry anything from the source text.
            if name.startswith("on") and (name == "onerror" or "alert" in (value or "")):
                self.found.append(f"<{tag} {name}={value!r}>")
            if name in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value!r}>")
        if tag == "img" and dict(attrs).get("src") == "x":
            self.found.append("<img src=x>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and "alert(" in data:
            self.found.append(f"<script>{data[:80]}")


def test_no_active_content_in_any_html(hostile_site: Path) -> None:
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        content = page.read_text(encoding="utf-8")
        # Raw markup never appears unescaped.  (The words "onerror=" do appear,
        # as escaped text inside &lt;img …&gt;, so attributes are checked by parsing.)
        assert "<script>alert" not in content, page
        assert "<img src=x" not in content, page
        assert 'href="javascript:' not in content.lower(), page
        parser = _ActiveContent()
        parser.feed(content)
        assert parser.found == [], (str(page.relative_to(hostile_site)), parser.found)


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
        page.goto(f"{hostile_server}/{clause_path(n)}")
        expect(page.locator(".handbook-clause-text")).to_have_count(1)
        assert page.locator(".handbook-clause-text").text_content() == text
        expect(page.locator(".handbook-clause-text")).to_have_text(text)
        assert page.locator(".handbook-clause-text a, .handbook-clause-text img, .handbook-clause-text script").count() == 0
    page.goto(f"{hostile_server}/{DOCUMENT}/")
    search = page.locator("#hb-search-input")
    for query in ("alert", "onerror", "javascript", "config", "smile"):
        search.click()
        search.fill("")
        search.press_sequentially(query, delay=10)
        expect(page.locator(".hb-search__result").first).to_be_visible()
        expect(page.locator(".hb-search__result").first).to_contain_text(query)
        assert page.locator(".hb-search__results script, .hb-search__results img, .hb-search__results b").count() == 0
    page.wait_for_timeout(300)
    assert dialogs == []
