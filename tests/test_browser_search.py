"""Search in real headless Chromium: a clause ID or a distinctive word brings the clause up first."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def search(page: Page, base: str, query: str):
    page.goto(f"{base}/")
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially(query, delay=20)
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible(timeout=10_000)
    return results


def test_clause_id_brings_its_clause_first(page: Page, site_server: str) -> None:
    results = search(page, site_server, "COC-1.4")
    first = results.first.locator("a").first
    expect(first).to_have_attribute("href", re.compile(re.escape(f"{site_server}/cih/code-of-conduct/v3/coc-1.4/")))
    expect(results.first).to_contain_text("declare any personal, financial or family interest")


def test_distinctive_word_brings_its_clause_first(page: Page, site_server: str) -> None:
    # "bankrupt" appears in COC-3.4 of both versions; the current one comes first.
    results = search(page, site_server, "bankrupt")
    first = results.first.locator("a").first
    expect(first).to_have_attribute("href", re.compile(re.escape(f"{site_server}/cih/code-of-conduct/v3/coc-3.4/")))
    expect(results.first).to_contain_text("made bankrupt or dismissed for misconduct")


def test_opening_a_result_shows_the_clause(page: Page, site_server: str) -> None:
    results = search(page, site_server, "PSF-3.2")
    # Results update as the query is typed: wait for those of the whole query.
    first = results.first.locator("a").first
    expect(first).to_have_attribute("href", re.compile(r"/psf-3\.2/"))
    first.click()
    expect(page.locator("h1")).to_contain_text("PSF-3.2")
    expect(page.locator(".handbook-clause-text")).to_be_visible()
