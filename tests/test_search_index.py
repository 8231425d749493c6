"""The search index's files: terms filed so each file stays small, and the words as written for the exact-word preference."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Page

from conftest import ROOT, serve
from handbook import search_index, search_text
from handbook.errors import HandbookError
from handbook.extract import ExtractionCache
from handbook.pipeline import load_handbook
from handbook.search_index import CLAUSE, REFINE_FORMS, Entry, build_index, group_titles, plan_shards, shard_key, write_index


def test_small_groups_stay_together_and_a_large_group_splits_letter_by_letter() -> None:
    sizes = {"conflict": 15, "confid": 15, "contract": 30, "cost": 5, "co": 5, "care": 5, "coc-1.4": 500, "coc12-1.4": 5}
    placed = plan_shards(sizes, limit=40)
    assert placed == {
        # "co…" weighs 70 > 40: split by a third letter; "con…" weighs 60: by a fourth.
        "conflict": "conf", "confid": "conf", "contract": "cont", "cost": "cos", "co": "co_",
        "care": "ca",  # a small group keeps two letters
        "coc-1.4": "id-coc", "coc12-1.4": "id-coc12",  # clause IDs by their code, whatever their size
    }


def test_every_term_has_one_file_and_no_file_name_starts_another() -> None:
    """What search.js relies on: a term's file is the shortest listed prefix of the term padded with '_'."""
    rng = random.Random(7)
    letters = "abcdefghij"
    sizes = {"".join(rng.choice(letters) for _ in range(rng.randint(1, 9))): rng.randint(1, 400) for _ in range(3000)}
    placed = plan_shards(sizes, limit=2000)
    assert set(placed) == set(sizes)
    keys = sorted(set(placed.values()))
    for a in keys:
        assert not any(b != a and b.startswith(a) for b in keys), a
    for t, key in placed.items():
        padded = t + "_" * 8
        assert next(padded[:n] for n in range(1, 9) if padded[:n] in keys) == key
    per_file: dict[str, int] = {}
    for t, key in placed.items():
        per_file[key] = per_file.get(key, 0) + sizes[t]
    # A file is over the limit only when it holds one term, or terms that cannot be split further.
    assert all(size <= 2000 or len({t for t, k in placed.items() if k == key}) == 1 or len(key) == 8 for key, size in per_file.items())


def test_words_as_written_are_filed_with_their_term() -> None:
    entries = [
        Entry("a/", "Supervision", CLAUSE, "", True, "", {"title": "Supervision", "body": "Regular supervision."}, "Regular supervision."),
        Entry("b/", "Supervise staff", CLAUSE, "", True, "", {"title": "Supervise staff", "body": "Supervise staff well."}, "Supervise staff well."),
    ]
    meta, shards, rows = build_index(entries)
    key = shard_key("supervis", 2)
    assert shards[key]["supervis"][0] == [0, 1]
    assert shards[key][REFINE_FORMS + "supervision"] == [0]
    assert shards[key][REFINE_FORMS + "supervise"] == [1]
    assert REFINE_FORMS + "staff" in shards[shard_key("staff", 2)]
    assert meta["shards"] == sorted(shards)


@pytest.fixture(scope="module")
def split_site(sample_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site with its index written again in files of about 1 KB: nearly every term's letters split."""
    site = tmp_path_factory.mktemp("split") / "site"
    shutil.copytree(sample_site, site)
    handbook = load_handbook(ROOT / "source_pdfs/manifest.yml", ExtractionCache(None))
    original = search_index.SHARD_BYTES
    search_index.SHARD_BYTES = 1000
    try:
        meta = write_index(site, handbook, group_titles(handbook))
    finally:
        search_index.SHARD_BYTES = original
    assert max(len(k) for k in meta["shards"] if not k.startswith("id-")) >= 4  # the split really happened
    return site


QUERIES = ["conflict of interest", "confidential", "confidentialty", "conf", "integ", "hosp", "gifts hospitality", '"take no part"', "COC-1.4", "discriminatory"]


def results(page: Page, base: str, query: str) -> list[str]:
    page.goto(f"{base}/")
    page.wait_for_function("window.handbookSearch")
    return page.evaluate(
        "q => handbookSearch.rank(q, {}).then(r => r.slice(0, 10).map(x => x[0] + ':' + x[1].toFixed(3)))", query
    )


@pytest.mark.browser
def test_an_index_split_into_many_small_files_ranks_exactly_as_the_whole(
    page: Page, site_server: str, sample_site: Path, split_site: Path
) -> None:
    whole = {q: results(page, site_server, q) for q in QUERIES}
    assert all(whole.values())
    for url in serve(split_site):
        split = {q: results(page, url, q) for q in QUERIES}
    assert split == whole
    assert len(list((split_site / "search/t").glob("*.js"))) > 2 * len(list((sample_site / "search/t").glob("*.js")))


@pytest.mark.browser
def test_refine_lifts_results_showing_the_words_as_typed(page: Page, site_server: str) -> None:
    """refine(ranked, forms): per typed word, the entries whose title or excerpt has it exactly, from the word's file."""
    page.goto(f"{site_server}/")
    page.wait_for_function("window.handbookSearch")
    ranked = [[5, 1.1], [7, 1.0], [9, 0.5]]
    # One typed word; entry 7 shows it as typed: 1.0 × 1.2 passes 1.1. Entry 9 shows it too, and stays below.
    assert page.evaluate("r => handbookSearch.refine(r, [{7: 1, 9: 1}])", ranked) == [[7, 1.2], [5, 1.1], [9, 0.6]]
    # Two typed words, entry 7 shows one of them: × 1.1 only.
    assert page.evaluate("r => handbookSearch.refine(r, [{7: 1}, {}])", ranked) == [[5, 1.1], [7, 1.1], [9, 0.5]]
    assert page.evaluate("r => handbookSearch.refine(r, [])", ranked) == ranked


def test_everyday_words_and_word_families_are_alternatives_of_index_terms() -> None:
    found = search_text.alternatives()
    assert found["sack"] == [["dismiss"]]  # sacked → dismissal
    assert found["ly"] == [["dishonesti"], ["truth"]]  # "lying": every form is written out in the list
    assert found["tweet"] == [["social", "media"]]  # a phrase
    assert found["memori stick"] == [["remov", "media"]]  # said in two words
    assert ["dishonesti"] in found["honesti"] and ["honesti"] in found["dishonesti"]  # word_families.yml, both ways
    assert "dismiss" not in found and "gift" not in found  # one way only: "gift" does not find "present"


def test_meta_lists_only_alternatives_the_index_has() -> None:
    entry = Entry(url="a/", title="A", kind=CLAUSE, group="", current=True, context="", fields={"body": "dismissal without notice"})
    meta, _, _ = build_index([entry])
    assert meta["alternatives"]["sack"] == [["dismiss"]]
    assert "tweet" not in meta["alternatives"]  # no "social media" in this index


def test_american_endings_are_read_as_british() -> None:
    assert [search_text.british(w) for w in ("organization", "victimized", "analyzes", "criticizing", "size", "prize", "citizen")] == [
        "organisation", "victimised", "analyses", "criticising", "size", "prize", "citizen",
    ]  # fmt: skip


def test_a_broken_synonyms_file_is_one_clear_error(synonyms_file: Path) -> None:
    synonyms_file.write_text("everyday:\n  - {say: [sacked]}\n", encoding="utf-8")
    with pytest.raises(HandbookError) as err:
        search_text.alternatives()
    assert str(err.value).endswith("entry 1 needs a 'say:' list and a 'means:' list; fix that entry")
    synonyms_file.write_text("words: []\n", encoding="utf-8")
    with pytest.raises(HandbookError, match="search synonyms file has no 'everyday:' list"):
        search_text.alternatives()
