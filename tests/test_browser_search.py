"""Search in real headless Chromium: clause IDs, words as typed, exact phrases, filters, versions, keyboard."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from handbook.search_text import stem, term, words

pytestmark = pytest.mark.browser


def search(page: Page, base: str, query: str, *, fresh: bool = True):
    """Type a query into the header's search box; wait until its results are shown."""
    if fresh:
        page.goto(f"{base}/")
    box = page.locator("#hb-search-input")
    box.click()
    box.fill("")
    box.press_sequentially(query, delay=10)
    page.wait_for_function(
        "q => { const s = document.querySelector('.hb-search__status'); return s && s.dataset.query === q; }", arg=query
    )
    return page.locator(".hb-search__result")


def hrefs(page: Page) -> list[str]:
    return page.eval_on_selector_all(".hb-search__result a", "as => as.map(a => a.getAttribute('href'))")


def test_clause_id_brings_its_clause_first(page: Page, site_server: str) -> None:
    results = search(page, site_server, "COC-1.4")
    expect(results.first.locator("a")).to_have_attribute("href", f"{site_server}/cih/code-of-conduct/v3/coc-1.4/")
    expect(results.first).to_contain_text("declare any personal, financial or family interest")
    # The superseded version comes next, and says so.
    expect(results.nth(1).locator("a")).to_have_attribute("href", f"{site_server}/cih/code-of-conduct/v2/coc-1.4/")
    expect(results.nth(1).locator(".hb-search__badge")).to_have_text("superseded")
    expect(results.first.locator(".hb-search__badge")).to_have_count(0)


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("DOI-2.1", "/council/declarations-of-interest-policy/1.4/doi-2.1/"),
        ("gif-2.2.a", "/council/gifts-and-hospitality-policy/2.2/gif-2.2.a/"),
        ("COE-3.10", "/cih/code-of-ethics/v3/coe-3.10/"),
        ("psf 6.3", "/cih/professional-standards-framework/v2/psf-6.3/"),
    ],
)
def test_clause_ids_of_every_prefix_jump_to_their_clause(page: Page, site_server: str, query: str, first: str) -> None:
    search(page, site_server, query)
    assert hrefs(page)[0] == site_server + first
    page.locator("#hb-search-input").press("Enter")
    expect(page).to_have_url(site_server + first)


def test_the_box_is_named_for_screen_readers_without_its_label_taking_header_room(page: Page, site_server: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{site_server}/")
    expect(page.get_by_role("searchbox", name="Search the handbook")).to_be_visible()
    label = page.locator("label[for=hb-search-input]").bounding_box()
    assert label is not None and label["width"] <= 1 and label["height"] <= 1


def test_words_match_as_typed_not_by_prefix(page: Page, site_server: str) -> None:
    # Stemming: "discrimination" finds "discriminate" (COC-1.2) and "discriminatory" (COC-1.8).
    search(page, site_server, "discrimination")
    found = hrefs(page)
    assert f"{site_server}/cih/code-of-conduct/v3/coc-1.8/" in found
    page.locator(".hb-search__more").click() if page.locator(".hb-search__more").is_visible() else None
    assert f"{site_server}/cih/code-of-conduct/v3/coc-1.2/" in hrefs(page)
    # "of" is no word to search for: "conflict of interest" does not match "offer" or "office".
    search(page, site_server, "conflict of interest", fresh=False)
    assert hrefs(page)[0] in {
        f"{site_server}/cih/code-of-conduct/v3/coc-1.4/",
        f"{site_server}/cih/professional-standards-framework/v2/psf-1.3/",
    }
    marks = page.eval_on_selector_all(".hb-search__excerpt mark", "ms => ms.map(m => m.textContent.toLowerCase())")
    assert marks and set(marks) <= {"conflict", "conflicts", "interest", "interests"}


def test_exact_phrase_in_quotes(page: Page, site_server: str) -> None:
    results = search(page, site_server, '"take no part in decisions"')
    # Only the clause with these words in this order (current, then superseded) – no page merely using the words.
    assert hrefs(page) == [f"{site_server}/cih/code-of-conduct/v3/coc-1.4/", f"{site_server}/cih/code-of-conduct/v2/coc-1.4/"]
    expect(results.first).to_contain_text("take no part in decisions affected by it")
    # The same words out of order are no match.
    search(page, site_server, '"decisions take no part"', fresh=False)
    expect(page.locator(".hb-search__status")).to_contain_text("No results")


def test_filters_by_document_and_current_version(page: Page, site_server: str) -> None:
    search(page, site_server, "gifts")
    all_results = hrefs(page)
    assert any("/council/" in h for h in all_results) and any("/cih/" in h for h in all_results)
    page.locator("#hb-search-doc").select_option("COC")
    page.wait_for_function("() => document.querySelector('.hb-search__status').dataset.query === 'gifts'")
    expect(page.locator(".hb-search__result").first).to_be_visible()
    only_coc = hrefs(page)
    assert only_coc and all("/cih/code-of-conduct/" in h for h in only_coc), only_coc
    assert any("/v2/" in h for h in only_coc)
    page.locator("#hb-search-versions").select_option("current")
    expect(page.locator(".hb-search__result a").first).to_have_attribute("href", re.compile("/v3/"))
    current = hrefs(page)
    assert current and all("/cih/code-of-conduct/v3/" in h for h in current), current
    page.locator("#hb-search-doc").select_option("council:*")
    expect(page.locator(".hb-search__result a").first).to_have_attribute("href", re.compile("/council/"))
    assert all("/council/" in h for h in hrefs(page))


def test_opening_a_result_shows_the_clause(page: Page, site_server: str) -> None:
    results = search(page, site_server, "PSF-3.2")
    results.first.locator("a").click()
    expect(page.locator("h1")).to_contain_text("PSF-3.2")
    expect(page.locator(".handbook-clause-text")).to_be_visible()


def test_browser_and_index_make_the_same_terms(page: Page, site_server: str, sample_site: Path) -> None:
    """The index is built in Python and queried in JavaScript: every word of the site stems alike in both."""
    text = " ".join(p.read_text(encoding="utf-8") for p in sample_site.rglob("*.html"))
    vocabulary = sorted({w for w in words(re.sub(r"<[^>]+>", " ", text)) if w.isalpha()})
    assert len(vocabulary) > 1000
    page.goto(f"{site_server}/")
    page.wait_for_function("window.handbookSearch")
    in_browser = page.evaluate("ws => ws.map(w => handbookSearch.stem(w))", vocabulary)
    assert in_browser == [stem(w) for w in vocabulary]


def excerpts(page: Page) -> list[str]:
    return page.eval_on_selector_all(".hb-search__excerpt", "es => es.map(e => e.textContent.toLowerCase())")


def test_everyday_words_find_what_they_mean_in_the_handbooks_words(page: Page, site_server: str) -> None:
    # search_synonyms.yml: no clause says "sacked"; the first results are about dismissal, and say so.
    search(page, site_server, "sacked")
    shown = excerpts(page)
    assert len(shown) >= 4 and all("dismiss" in e for e in shown[:4]), shown
    assert page.eval_on_selector_all(".hb-search__result:first-child mark", "ms => ms.map(m => m.textContent)") == ["dismissed"]
    # "tweeting" finds the clauses that say "social media", and marks those words.
    search(page, site_server, "tweeting", fresh=False)
    first = hrefs(page)[0]
    assert "/council/social-media-policy/" in first or first.endswith("/ecc-6.4/"), first
    assert page.eval_on_selector_all(".hb-search__result:first-child mark", "ms => ms.map(m => m.textContent)") == ["social", "media"]


def test_a_word_with_a_listed_meaning_is_no_slip_of_the_finger(page: Page, site_server: str) -> None:
    # "process" is no word of the handbook; it once stood in, as a slip of the finger, for "profession" and
    # put a clause on the profession above the Disciplinary Procedure. Now it means "procedure", and is
    # not also guessed at.
    search(page, site_server, "disciplinary process")
    assert "/council/disciplinary-procedure/" in hrefs(page)[0]


def test_american_spellings_and_words_typed_apart(page: Page, site_server: str) -> None:
    search(page, site_server, "victimisation")
    british = set(hrefs(page)[:4])
    search(page, site_server, "victimization", fresh=False)
    assert set(hrefs(page)[:4]) == british
    # "time sheets" finds "timesheets" (DIS-5.2.b), the one clause that has it.
    search(page, site_server, "time sheets", fresh=False)
    assert hrefs(page)[0].endswith("/council/disciplinary-procedure/4.0/dis-5.2.b/")
    assert "timesheets" in page.eval_on_selector_all(".hb-search__result:first-child mark", "ms => ms.map(m => m.textContent)")


def test_browser_and_index_make_the_same_index_terms(page: Page, site_server: str, sample_site: Path) -> None:
    """Stop words, apostrophes, American endings and stems: every word of the site, and American forms, alike."""
    text = " ".join(p.read_text(encoding="utf-8") for p in sample_site.rglob("*.html"))
    vocabulary = sorted({w for w in words(re.sub(r"<[^>]+>", " ", text)) if w.isalpha()})
    vocabulary += ["organization", "organizations", "victimized", "analyze", "criticizing", "size", "prize", "wants", "tenant's"]
    vocabulary += ["i'll", "didn't", "can't", "needn't", "mightn't", "they're", "we've", "you'd", "i'm", "dont", "frm"]  # contractions, phone shorthand
    page.goto(f"{site_server}/")
    page.wait_for_function("window.handbookSearch && handbookSearch.term('the') === ''")  # stop words loaded
    in_browser = page.evaluate("ws => ws.map(w => handbookSearch.term(w))", vocabulary)
    assert in_browser == [term(w) for w in vocabulary]
    assert [term(w) for w in ("organization", "victimized", "analyze", "size", "wants")] == ["organis", "victimis", "analys", "size", ""]
