"""`handbook build --shared-drive DIR`: a copy of the site that works opened from disk (file://)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from playwright.sync_api import Page, expect

from conftest import copy_project, run_cli


@pytest.fixture(scope="module")
def shared_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("project"))
    code, output = run_cli(["build", "-q", "--shared-drive", "on-disk"], cwd=project)
    assert code == 0, output
    assert "open on-disk/index.html" in output
    assert not (project / "site").exists()  # the served site is a separate build
    return project / "on-disk"


def test_every_page_is_a_file_and_every_link_points_at_one(shared_copy: Path) -> None:
    assert (shared_copy / "cih/code-of-conduct/v3/coc-1.4.html").is_file()
    assert (shared_copy / "cih/code-of-conduct/v3/index.html").is_file()
    broken = []
    pages = [p for p in shared_copy.rglob("*.html") if p.name != "404.html"]  # 404.html is for web servers only
    for page in pages:
        for link in re.findall(r'(?:href|src)="([^"]*)"', page.read_text(encoding="utf-8")):
            if re.match(r"[a-z][a-z0-9+.-]*:|#|$", link):
                continue
            target = (page.parent / unquote(link.split("#")[0].split("?")[0])).resolve()
            if not target.is_file():
                broken.append(f"{page.relative_to(shared_copy)}: {link}")
    assert broken == []
    assert len(pages) > 150


def test_citations_keep_the_published_addresses(shared_copy: Path) -> None:
    html = (shared_copy / "cih/code-of-conduct/v3/coc-1.4.html").read_text(encoding="utf-8")
    assert "https://handbook.example-borough.gov.uk/cih/code-of-conduct/v3/coc-1.4/" in html
    assert "https://handbook.example-borough.gov.uk/cih/code-of-conduct/v3/coc-1.4.html" not in html


@pytest.mark.browser
def test_opened_from_disk_navigation_and_search_work(page: Page, shared_copy: Path) -> None:
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((shared_copy / "index.html").as_uri())
    # Navigation: the Code of Conduct link opens its page, not a folder listing.
    page.locator(".md-nav a", has_text="Code of Conduct").first.click()
    expect(page).to_have_url((shared_copy / "cih/code-of-conduct/v3/index.html").as_uri())
    expect(page.locator("h1")).to_contain_text("Code of Conduct")
    # Search: a phrase finds its clause; opening the result shows it.
    box = page.locator("#hb-search-input")
    box.click()
    box.press_sequentially('"take no part in decisions"', delay=10)
    first = page.locator(".hb-search__result a").first
    expect(first).to_have_attribute("href", (shared_copy / "cih/code-of-conduct/v3/coc-1.4.html").as_uri())
    first.click()
    expect(page.locator("h1")).to_contain_text("COC-1.4")
    expect(page.locator(".handbook-clause-text")).to_be_visible()
    # A council clause ID too, on its own page.
    box = page.locator("#hb-search-input")
    box.click()
    box.press_sequentially("DOI-2.1", delay=10)
    expect(page.locator(".hb-search__result a").first).to_have_attribute(
        "href", (shared_copy / "council/declarations-of-interest-policy/1.4/doi-2.1.html").as_uri()
    )
    assert [u for u in requests if urlparse(u).scheme not in {"file", "data", "blob", "about"}] == []
    assert errors == []
