"""Every string the council edits is shown exactly as typed, on every page type, and nothing in it runs.

The manifest (document and policy titles, publishers, citation names, versions),
the induction modules and quiz, the glossary, the tenants' page and the mapping's notes all hold
HTML, quotes, a `javascript:` Markdown link, template syntax, pipes, emphasis
and an entity (see `hostile_project.py`). Each must reach the HTML escaped
exactly once (in the navigation, page titles, headings, tables, the report and
search), stay raw in `handbook.json`, and never become a tag, a link or a
dialog in Chromium.
"""

from __future__ import annotations

import html
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from conftest import build_site, serve
from hostile_project import FIELDS, PAYLOAD, make_hostile_project
from test_hostile_content import _ActiveContent


def version_folder(label: str) -> str:
    """The URL folder of a version label (lower-case, runs outside [a-z0-9.] become '-')."""
    return re.sub(r"[^a-z0-9.]+", "-", label.lower()).strip("-")


COC = "cih/code-of-conduct"
GIF = "council/gifts-and-hospitality-policy"
# Where each field must be shown (at least), as site paths of pages.
SHOWN_ON = {
    "doc_title": ["cih/", f"{COC}/v3/", f"{COC}/v3/coc-1.1/", f"{COC}/changes/", "cih/in-force/", "report/", "induction/acknowledgement/"],
    "doc_publisher": [f"{COC}/v3/", "report/", "induction/acknowledgement/"],
    "doc_cite_as": [f"{COC}/v3/coc-1.1/"],
    "doc_version": [f"{COC}/{version_folder(FIELDS['doc_version'])}/", f"{COC}/changes/", "cih/in-force/"],
    "policy_title": ["council/", f"{GIF}/", "report/", "induction/acknowledgement/"],
    "policy_publisher": [f"{GIF}/", "report/"],
    "policy_version": [f"{GIF}/", "council/", "report/"],
    "module_title": ["induction/", "induction/nolan/"],
    "module_summary": ["induction/nolan/"],
    "quiz_question": ["induction/nolan/"],
    "quiz_option": ["induction/nolan/"],
    "quiz_explain": ["induction/nolan/"],
    "glossary_term": ["glossary/"],
    "glossary_meaning": ["glossary/"],
    "glossary_expansion": ["glossary/"],
    "rationale": [],  # on the clause page of the first mapping entry, found below
    "gap": ["report/"],
    "reviewed_by": [],
    "tenants_title": ["tenants/"],
    "tenants_intro": ["tenants/"],
    "tenants_promise": ["tenants/"],
    "tenants_concern": ["tenants/"],
    "tenants_applied": ["tenants/"],
    "tenants_format": ["tenants/"],
}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_hostile_project(tmp_path_factory.mktemp("hostile-fields"))
    site = project / "site"
    build_site(project, site, strict=True, cache_dir=project / "cache")
    return site


def pages(site: Path) -> Iterator[tuple[str, str]]:
    for path in sorted(site.rglob("*.html")):
        yield str(path.relative_to(site)), path.read_text(encoding="utf-8")


def occurrences(content: str, text: str) -> list[str]:
    """Each place a field's label appears, as the text from there to the next tag, decoded once."""
    label = text.split(" ")[0] + " "
    return [html.unescape(content[m.start() : content.find("<", m.start())]) for m in re.finditer(re.escape(label), content)]


def test_the_payload_makes_the_escaping_check_meaningful() -> None:
    # Escaping changes it, and escaping twice differs from escaping once: a check can tell them apart.
    assert {"<", ">", "&", '"', "'"} <= set(PAYLOAD)
    assert html.escape(PAYLOAD) != PAYLOAD and html.escape(html.escape(PAYLOAD)) != html.escape(PAYLOAD)


def test_no_active_content_on_any_page(hostile_site: Path) -> None:
    checked = 0
    for name, content in pages(hostile_site):
        assert "<img src=x" not in content, name
        assert "<b>b</b>" not in content, name
        assert "<em>emph</em>" not in content, name  # *emph* from a field never became Markdown emphasis
        assert not re.search(r"<p>\s*title:", content), name  # front matter never falls through as text
        parser = _ActiveContent()
        parser.feed(content)
        assert parser.found == [], (name, parser.found)
        checked += 1
    assert checked > 100


@pytest.mark.parametrize("field", sorted(FIELDS))
def test_field_is_escaped_exactly_once_wherever_it_appears(hostile_site: Path, field: str) -> None:
    text = FIELDS[field]
    found = {}
    for name, content in pages(hostile_site):
        places = occurrences(content, text)
        if places:
            found[name] = places
        for place in places:
            # Decoding the HTML once gives back exactly what the council typed: not raw
            # markup (which would end at the first tag), not escaped twice, not a link.
            assert place.startswith(text), (field, name, place[:160])
    expected = SHOWN_ON[field] or [next(iter(found)).removesuffix("index.html")]
    for path in expected:
        assert f"{path}index.html" in found, (field, path, sorted(found)[:10])


def test_the_mapping_notes_are_on_their_clause_pages(hostile_site: Path) -> None:
    for field in ("rationale", "gap", "reviewed_by"):
        clause_pages = [name for name, content in pages(hostile_site) if name.startswith("cih/") and occurrences(content, FIELDS[field])]
        assert clause_pages, field


def test_navigation_shows_titles_escaped_once_on_every_page(hostile_site: Path) -> None:
    """Titles from the manifest and the induction file are in the nav of every page that lists them."""
    nav_titles = {"module_title": [], "doc_title": []}
    for name, content in pages(hostile_site):
        start = content.find('<nav class="md-nav md-nav--primary"')
        nav = content[start : content.find('<div class="md-content"', start)]
        for field in nav_titles:
            for place in occurrences(nav, FIELDS[field]):
                assert place.startswith(FIELDS[field]), (name, place)
                nav_titles[field].append(name)
    assert "induction/index.html" in nav_titles["module_title"]
    assert "cih/index.html" in nav_titles["doc_title"]


def test_page_titles_are_escaped_once(hostile_site: Path) -> None:
    for path, field in ((f"{COC}/v3/", "doc_title"), (f"{GIF}/", "policy_title"), ("induction/nolan/", "module_title"), (f"{COC}/changes/", "doc_title")):
        content = (hostile_site / path / "index.html").read_text(encoding="utf-8")
        title = re.search(r"<title>(.*?)</title>", content, re.S)
        assert title and FIELDS[field] in html.unescape(title.group(1)), (path, title and title.group(1))
        assert "<" not in title.group(1)


def test_handbook_json_holds_the_fields_as_typed(hostile_site: Path) -> None:
    data = json.loads((hostile_site / "handbook.json").read_text(encoding="utf-8"))
    coc = [d for d in data["documents"] if d["code"] == "COC"]
    assert {(d["title"], d["publisher"]) for d in coc} == {(FIELDS["doc_title"], FIELDS["doc_publisher"])}
    assert FIELDS["doc_version"] in {d["version"] for d in coc}
    gif = next(p for p in data["policies"] if p["code"] == "GIF" and p["current"])
    assert (gif["title"], gif["publisher"], gif["version"]) == (FIELDS["policy_title"], FIELDS["policy_publisher"], FIELDS["policy_version"])
    raw = json.dumps(data["mapping"], ensure_ascii=False)
    for field in ("rationale", "gap", "reviewed_by"):
        assert json.dumps(FIELDS[field], ensure_ascii=False)[1:-1] in raw, field
    assert "&lt;" not in json.dumps(data, ensure_ascii=False)  # nothing HTML-escaped in the data


def test_report_pdf_shows_the_fields_as_typed(hostile_site: Path) -> None:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO((hostile_site / "report" / "alignment-report.pdf").read_bytes()))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    for field in ("doc_title", "doc_publisher", "policy_title", "policy_publisher", "gap"):
        assert " ".join(FIELDS[field].split()) in text, field


BROWSER_PAGES = [
    ("", "doc_title", None),
    ("cih/", "doc_title", "table"),
    (f"{COC}/v3/", "doc_title", "h1"),
    (f"{COC}/v3/coc-1.1/", "doc_cite_as", ".handbook-citation"),
    (f"{COC}/changes/", "doc_title", "h1"),
    (f"{COC}/{version_folder(FIELDS['doc_version'])}/", "doc_version", "h1"),
    ("cih/in-force/", "doc_version", "table"),
    ("council/", "policy_title", "table"),
    (f"{GIF}/", "policy_title", "h1"),
    ("report/", "doc_title", ".md-content"),
    ("induction/", "module_title", ".handbook-induction-path"),
    ("induction/nolan/", "module_title", "h1"),
    ("induction/nolan/", "quiz_question", "legend"),
    ("induction/acknowledgement/", "policy_title", "table"),
    ("glossary/", "glossary_meaning", ".md-content"),
]


@pytest.fixture(scope="module")
def hostile_server(hostile_site: Path) -> Iterator[str]:
    yield from serve(hostile_site)


@pytest.mark.browser
def test_nothing_runs_and_text_shows_literally_in_chromium(page: Page, hostile_server: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path, field, selector in BROWSER_PAGES:
        page.goto(f"{hostile_server}/{path}")
        if selector:
            expect(page.locator(selector).filter(has_text=FIELDS[field]).first).to_be_visible()
        assert page.locator(".md-content img[src='x'], .md-nav img, .md-content b, nav b").count() == 0, path
        assert page.locator("a[href^='javascript']").count() == 0, path
    # The navigation and the tab title show the names literally.
    page.goto(f"{hostile_server}/cih/")
    expect(page.locator("nav.md-nav--primary").get_by_text(FIELDS["doc_title"], exact=True).first).to_be_attached()
    page.goto(f"{hostile_server}/induction/")
    expect(page.locator("nav.md-nav--primary").get_by_text(FIELDS["module_title"], exact=True).first).to_be_attached()
    page.goto(f"{hostile_server}/{GIF}/")
    assert FIELDS["policy_title"] in page.title()
    # Search results show the text, with nothing in it active.
    page.goto(f"{hostile_server}/glossary/")
    search = page.locator("#hb-search-input")
    search.click()
    search.press_sequentially("pipes", delay=10)
    expect(page.locator(".hb-search__result").first).to_be_visible()
    expect(page.locator(".hb-search__result").first).to_contain_text("pipes")
    assert page.locator(".hb-search__results img, .hb-search__results script, .hb-search__results a[href^='javascript']").count() == 0
    page.wait_for_timeout(300)
    assert dialogs == []
