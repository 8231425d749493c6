"""The judged query sets through the real search box.

tests/data/search_queries.yml (60 queries): P@1 at least 0.9 (measured 0.93).
tests/data/search_queries_heldout.yml (85 everyday queries, written and judged
before they were run, half `dev` and half `heldout`): P@1 at least 0.78 and
top-3 at least 0.92 over both halves (measured 0.82 and 0.95).
tests/data/search_queries_fresh.yml (137 queries of other kinds: questions,
negation, tenants' and the regulator's words, typos, abbreviations, clause IDs
in odd forms, council words, long and phone queries; written, judged and split
before they were run): P@1 at least 0.74 and top-3 at least 0.84 over both
halves (measured 0.77 and 0.87).
tests/data/search_queries_round4.yml (139 queries of users and kinds the first three sets have few
of: tenants and advocates on staff behaviour, committee members on alignment and the Nolan
principles, HR on disciplinary routes and clause references, new starters, council clauses by policy
name, glossary terms, citing and versions, long and mixed queries; judged, also with pages as
answers, and split before they were run): P@1 at least 0.66 and top-3 at least 0.77 over both
halves (measured 0.70 and 0.81).
tests/data/search_queries_round5.yml (148 queries: tenants' plain complaints about what staff did,
words with two senses, HR's disciplinary wording, the Nolan principles by name, council words, clause
IDs typed oddly, misspellings, phone-typed and long rambling queries, pages; judged and split before
they were run): P@1 at least 0.59 and top-3 at least 0.72 over both halves (measured 0.63 and 0.76).

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
from search_judged import FRESH, HELDOUT, ROUND4, ROUND5, clause_urls, load_queries, run_queries, summary

pytestmark = pytest.mark.browser

P_AT_1 = 0.9
HELDOUT_P_AT_1 = 0.78  # measured 0.82 (70 of 85); 0.84 (71) since round 4; 0.82 (70) since round 5
HELDOUT_TOP_3 = 0.92  # measured 0.95 (81 of 85)
FRESH_P_AT_1 = 0.74  # measured 0.77 (105 of 137: dev 54 of 68, heldout 51 of 69); 0.76 (104: heldout 50) since round 4; 0.77 (105: dev 55) since round 5
FRESH_TOP_3 = 0.84  # measured 0.87 (119 of 137: dev 60 of 68, heldout 59 of 69); 0.88 (120) since round 4 and round 5
ROUND4_P_AT_1 = 0.66  # measured 0.70 (97 of 139: dev 54 of 70, heldout 43 of 69)
ROUND4_TOP_3 = 0.77  # measured 0.81 (112 of 139: dev 61 of 70, heldout 51 of 69)
# since round 5: P@1 0.72 (100: dev 55, heldout 45), top-3 0.83 (116: dev 62, heldout 54)
ROUND5_P_AT_1 = 0.59  # measured 0.63 (93 of 148: dev 47 of 74, heldout 46 of 74)
ROUND5_TOP_3 = 0.72  # measured 0.76 (113 of 148: dev 56 of 74, heldout 57 of 74)


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


@pytest.mark.parametrize(
    ("path", "floor_p1", "floor_top3"),
    [
        (HELDOUT, HELDOUT_P_AT_1, HELDOUT_TOP_3),
        (FRESH, FRESH_P_AT_1, FRESH_TOP_3),
        (ROUND4, ROUND4_P_AT_1, ROUND4_TOP_3),
        (ROUND5, ROUND5_P_AT_1, ROUND5_TOP_3),
    ],
    ids=["everyday", "other-kinds", "round-4", "round-5"],
)
def test_query_sets_written_apart_put_an_answer_first(
    page: Page, site_server: str, sample_site: Path, path: Path, floor_p1: float, floor_top3: float
) -> None:
    """The everyday set, the set of other kinds, round 4's and round 5's, each judged and split into dev and heldout before it ran."""
    queries = load_queries(path)
    assert len(queries) >= 80 and {q["set"] for q in queries} == {"dev", "heldout"}
    p1, top3, misses = judged(page, site_server, sample_site, queries)
    assert p1 >= floor_p1 and top3 >= floor_top3, (
        f"P@1 {p1:.2f} (floor {floor_p1}), top-3 {top3:.2f} (floor {floor_top3}); first results that miss:\n{misses}"
    )
