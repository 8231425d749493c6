"""Privacy: no page of the handbook asks any other host for anything, served or opened from disk.

An intranet handbook must not leak who reads which clause to a font CDN, an
analytics service or the theme's website, and must work with no internet.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

# One page of each type; the mapping pages only once the mapping modules build them.
PAGE_TYPES = {
    "home": "/",
    "standards": "/cih/",
    "document": "/cih/code-of-conduct/v3/",
    "clause": "/cih/code-of-conduct/v3/coc-1.4/",
    "what changed": "/cih/code-of-conduct/changes/",
    "induction quiz": "/induction/nolan/",
    "council policy": "/council/disciplinary-procedure/",
    "nolan principle": "/nolan/integrity/",
    "alignment report": "/report/",
    "case sheet": "/case/?clause=COC-1.4&date=2020-06-01",
}
# Schemes that never reach the network.
LOCAL_SCHEMES = {"data", "blob", "about"}



@pytest.mark.parametrize("path", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_every_request_stays_on_the_site(page: Page, sample_site: Path, site_server: str, path: str) -> None:
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
    response = page.goto(site_server + path)
    assert response is not None and response.status == 200, f"{path}: HTTP {response and response.status}"
    search = page.locator("#hb-search-input")
    search.click()
    search.press_sequentially("tenant", delay=10)
    expect(page.locator(".hb-search__result").first).to_be_visible()
    page.locator(".hb-search__result a").first.click()  # follow a result, as a reader would
    page.wait_for_load_state("load")
    page.wait_for_timeout(200)
    outside = [
        url for url in requests if urlparse(url).scheme not in LOCAL_SCHEMES and urlparse(url).hostname != "127.0.0.1"
    ]
    assert outside == [], f"{path} requested other hosts: {outside}"
    assert any(urlparse(u).path.endswith("/search/meta.js") for u in requests), "the search index was never loaded"
    assert errors == [], f"console errors on {path}: {errors}"


def test_site_opened_from_disk_fetches_nothing_from_elsewhere(page: Page, sample_site: Path) -> None:
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((sample_site / "index.html").as_uri())
    expect(page.locator("h1")).to_contain_text("Professional Standards Handbook")
    expect(page.locator(".md-nav").first).to_be_visible()
    # Follow a link on disk too: a document page renders from file:// as well.
    page.goto((sample_site / "cih/code-of-conduct/v3/coc-1.4/index.html").as_uri())
    expect(page.locator(".handbook-clause-text")).to_be_visible()
    page.wait_for_timeout(300)
    outside = [url for url in requests if urlparse(url).scheme not in LOCAL_SCHEMES | {"file"}]
    assert outside == [], f"opened from disk, the site requested: {outside}"
    # The search index is loaded as scripts, which browsers allow from file://.
    assert errors == []
    assert any(u.endswith("/search/meta.js") for u in requests)
