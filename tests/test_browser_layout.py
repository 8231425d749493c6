"""On a phone no page of the handbook is wider than the screen: one page of every kind, in real Chromium."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

# One page of each kind the site has (README, "What the site has").
PAGES = (
    "",
    "cih/",
    "cih/code-of-conduct/v3/",
    "cih/code-of-conduct/v3/coc-1.3/",
    "cih/professional-standards-framework/v2/psf-6.3/",
    "cih/code-of-conduct/changes/",
    "cih/in-force/",
    "council/",
    "council/gifts-and-hospitality-policy/",
    "council/declarations-of-interest-policy/1.4/doi-2.1/",
    "council/gifts-and-hospitality-policy/changes/",
    "case/?clause=COC-1.4&date=2020-06-01",
    "nolan/",
    "nolan/honesty/",
    "report/",
    "induction/",
    "induction/code-of-conduct/",
    "induction/acknowledgement/",
    "glossary/",
    "tenants/",
    "how-to-cite/",
    "sources/",
)

# Elements past the screen's right edge, other than inside a region that scrolls sideways on its own
# (Material wraps a Markdown table in one).
OVERFLOW = """() => {
  const scrolls = e => { for (let p = e.parentElement; p; p = p.parentElement)
    if (['auto', 'scroll'].includes(getComputedStyle(p).overflowX)) return true; return false; };
  const wide = [...document.querySelectorAll('article *')].filter(e => e.getBoundingClientRect().right > innerWidth + 1 && !scrolls(e));
  return {width: document.documentElement.scrollWidth, wide: wide.slice(0, 3).map(e => e.tagName + ' ' + e.textContent.slice(0, 40))};
}"""


@pytest.mark.parametrize("width", [360])
def test_no_page_is_wider_than_a_phone(page: Page, site_server: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 740})
    too_wide = {}
    for path in PAGES:
        page.goto(f"{site_server}/{path}")
        found = page.evaluate(OVERFLOW)
        if found["width"] > width or found["wide"]:
            too_wide[path] = found
    assert too_wide == {}


def test_forms_fit_the_narrowest_screen_reflow_asks_for(page: Page, site_server: str) -> None:
    """WCAG 1.4.10: content reflows at 320 CSS pixels (data tables excepted): the forms a user fills in."""
    page.set_viewport_size({"width": 320, "height": 640})
    for path in ("induction/acknowledgement/", "case/?clause=COC-1.4&date=2020-06-01"):
        page.goto(f"{site_server}/{path}")
        inputs = page.evaluate(
            "() => [...document.querySelectorAll('article input, article select, article button')]"
            ".filter(e => e.getBoundingClientRect().right > innerWidth).map(e => e.id || e.textContent)"
        )
        assert inputs == [], path
