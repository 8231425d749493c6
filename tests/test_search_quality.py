"""The judged query sets through the real search box.

tests/data/search_queries.yml (60 queries): P@1 at least 0.9.
tests/data/search_queries_heldout.yml (85 everyday queries, written and judged
before they were run, half `dev` and half `heldout`): P@1 at least 0.75 and
top-3 at least 0.9 over both halves (measured 0.79 and 0.94).

Each query is typed on a freshly opened page, as officers, HR, new starters,
tenants and committee members would type it; its first result must be one of
the clauses judged to answer it. bench/run.py reports the same P@1 and the top-3 rate.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from handbook.extract import ExtractionCache
from handbook.pipeline import load_handbook

from conftest import ROOT
from search_judged import HELDOUT, clause_urls, load_queries, run_queries, summary

pytestmark = pytest.mark.browser

P_AT_1 = 0.9
HELDOUT_P_AT_1 = 0.75  # measured 0.79 (67 of 85)
HELDOUT_TOP_3 = 0.9  # measured 0.94 (80 of 85)


def judged(page: Page, base: str, site: Path, queries: list[dict]) -> tuple[float, float, str]:
    handbook = load_handbook(ROOT / "source_pdfs" / "manifest.yml", ExtractionCache(None))
    urls = clause_urls(handbook, site)
    unknown = [a for q in queries for a in q["accept"] if a not in urls]
    assert unknown == [], f"judged answers that are no clause of the sample: {unknown}"
    outcomes = run_queries(page, base, queries, urls)
    p1, top3 = summary(outcomes)
    misses = "\n".join(f"  {o.query!r}: got {o.top}, want one of {o.accept}" for o in outcomes if not o.first_ok)
    return p1, top3, misses


def test_judged_queries_put_an_answer_first(page: Page, site_server: str, sample_site: Path) -> None:
    queries = load_queries()
    assert len(queries) >= 40
    p1, top3, misses = judged(page, site_server, sample_site, queries)
    assert p1 >= P_AT_1, f"P@1 {p1:.2f} (top-3 {top3:.2f}) is below {P_AT_1}; first results that miss:\n{misses}"


def test_everyday_queries_written_apart_put_an_answer_first(page: Page, site_server: str, sample_site: Path) -> None:
    queries = load_queries(HELDOUT)
    assert len(queries) >= 80 and {q["set"] for q in queries} == {"dev", "heldout"}
    p1, top3, misses = judged(page, site_server, sample_site, queries)
    assert p1 >= HELDOUT_P_AT_1 and top3 >= HELDOUT_TOP_3, (
        f"P@1 {p1:.2f} (floor {HELDOUT_P_AT_1}), top-3 {top3:.2f} (floor {HELDOUT_TOP_3}); first results that miss:\n{misses}"
    )
