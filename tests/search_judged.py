"""The judged query sets (tests/data/search_queries*.yml) run through the real search box.

Shared by tests/test_search_quality.py (fails below its floors) and bench/run.py
(reports P@1 and top-3). An accepted answer `COC-1.4` means that clause's
address in its current version, `COC-2.6@v2` the clause in version v2, and an
answer ending in "/" (`how-to-cite/`, `nolan/openness/`) that page of the site.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from handbook.pipeline import Handbook
from handbook.urls import clause_page, page_url
from handbook.search_index import council_clause_url

QUERIES = Path(__file__).parent / "data" / "search_queries.yml"
HELDOUT = Path(__file__).parent / "data" / "search_queries_heldout.yml"  # written apart, in `dev` and `heldout` halves
FRESH = Path(__file__).parent / "data" / "search_queries_fresh.yml"  # queries of other kinds, written apart, in halves too
ROUND4 = Path(__file__).parent / "data" / "search_queries_round4.yml"  # tenants, committee, HR, new starters, pages; in halves
ROUND5 = Path(__file__).parent / "data" / "search_queries_round5.yml"  # tenants' complaints, two senses, principles, long; in halves


def load_queries(path: Path = QUERIES) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["queries"]


def clause_urls(handbook: Handbook, site: Path) -> dict[str, str]:
    """'COC-1.4' → its current address, 'COC-1.4@v2' → version v2's, 'glossary/' → itself (site-relative)."""
    urls: dict[str, str] = {}
    for source in handbook.documents:
        current = handbook.current(source.entry.code) is source
        for clause in source.document.clauses:
            url = page_url(clause_page(source.entry, clause.id))
            urls[f"{clause.id}@{source.entry.version}"] = url
            if current:
                urls[clause.id] = url
    for source in sorted(handbook.all_policy_versions, key=lambda s: s.entry.in_force):
        for clause in source.document.clauses:
            url = council_clause_url(source, clause, site)
            urls[f"{clause.id}@{source.entry.version}"] = url
            urls[clause.id] = url  # the latest version wins
    for path in site.rglob("index.html"):
        page = path.parent.relative_to(site).as_posix() + "/"
        if page != "./":
            urls.setdefault(page, page)
    return urls


@dataclass
class Outcome:
    query: str
    accept: list[str]
    top: list[str]  # site-relative addresses of the first results, best first
    first_ok: bool
    top3_ok: bool


def run_queries(page, base: str, queries: list[dict], urls: dict[str, str]) -> list[Outcome]:  # type: ignore[no-untyped-def]
    """Type each query into the search box of a freshly opened home page; read the results' links."""
    outcomes = []
    for q in queries:
        page.goto(f"{base}/")
        box = page.locator("#hb-search-input")
        box.click()
        box.press_sequentially(q["query"], delay=5)
        page.wait_for_function(
            "q => { const s = document.querySelector('.hb-search__status');"
            " return window.handbookSearch && s && s.dataset.query === q; }",
            arg=q["query"],
            timeout=10_000,
        )
        hrefs = page.eval_on_selector_all(".hb-search__result a", "as => as.slice(0, 3).map(a => a.href)")
        top = [h[len(base) + 1 :] if h.startswith(base) else h for h in hrefs]
        wanted = {urls[a] for a in q["accept"]}
        outcomes.append(Outcome(q["query"], q["accept"], top, bool(top) and top[0] in wanted, any(t in wanted for t in top)))
    return outcomes


def summary(outcomes: list[Outcome]) -> tuple[float, float]:
    n = len(outcomes)
    return sum(o.first_ok for o in outcomes) / n, sum(o.top3_ok for o in outcomes) / n
