"""Accessibility (axe-core, WCAG 2.2 AA), keyboard use and privacy, in real headless Chromium."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}

# One page of every type the site generates.
PAGE_TYPES = {
    "home": "/",
    "standards": "/cih/",
    "document": "/cih/code-of-conduct/v3/",
    "clause": "/cih/code-of-conduct/v3/coc-1.4/",
    "superseded clause": "/cih/code-of-conduct/v2/coc-1.3/",
    "what changed": "/cih/code-of-conduct/changes/",
    "in force on a date": "/cih/in-force/",
    "how to cite": "/how-to-cite/",
    "induction": "/induction/",
    "induction module with quiz": "/induction/code-of-ethics/",
    "acknowledgement sheet": "/induction/acknowledgement/",
    "glossary": "/glossary/",
    "accessibility statement": "/accessibility/",
}


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_no_wcag_violations(page: Page, site_server: str, path: str) -> None:
    page.goto(site_server + path)
    violations = Axe().run(page, options=WCAG).response["violations"]
    assert violations == [], [(v["id"], v["help"], [n["html"][:120] for n in v["nodes"]]) for v in violations]


@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_no_request_leaves_the_site_and_no_console_errors(page: Page, site_server: str, path: str) -> None:
    hosts: set[str] = set()
    errors: list[str] = []
    page.on("request", lambda request: hosts.add(urlparse(request.url).netloc))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(site_server + path)
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("tenant", delay=10)
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    assert hosts == {urlparse(site_server).netloc}
    assert errors == []


def test_site_opened_from_disk_fetches_nothing(page: Page, sample_site: Path) -> None:
    schemes: set[str] = set()
    page.on("request", lambda request: schemes.add(urlparse(request.url).scheme))
    page.goto((sample_site / "index.html").as_uri())
    expect(page.locator("h1")).to_contain_text("Professional Standards Handbook")
    assert schemes == {"file"}


def test_keyboard_only_navigation_and_search(page: Page, site_server: str) -> None:
    page.goto(site_server + "/")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Skip to content")
    # Tab on through the header and navigation until the CIH standards link has focus.
    for _ in range(40):
        page.keyboard.press("Tab")
        if (page.evaluate("document.activeElement.textContent") or "").strip() == "Code of Conduct":
            break
    else:
        pytest.fail("the navigation link to the Code of Conduct was never reached with Tab")
    page.keyboard.press("Enter")
    expect(page).to_have_url(site_server + "/cih/code-of-conduct/v3/")
    page.keyboard.press("/")
    expect(page.locator("input.md-search__input")).to_be_focused()
    page.keyboard.type("COC-2.1", delay=20)
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{site_server}/cih/code-of-conduct/v3/coc-2.1/?h=coc+2.1")
    expect(page.locator("h1")).to_contain_text("COC-2.1")
