"""A full build of the sample handbook in a temp dir: pages, permalinks, search index, handbook.json."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from conftest import ROOT, build_site, copy_project, without_abbr
from handbook.extract import ExtractionCache
from handbook.pipeline import load_handbook
from handbook.search_index import council_clause_url, read_index, site_entries


@pytest.fixture(scope="module")
def handbook():
    return load_handbook(ROOT / "source_pdfs" / "manifest.yml", ExtractionCache(None))


def clause_html(site: Path, url: str) -> str:
    """A page's HTML with glossary abbreviations unwrapped (they add <abbr title> around terms)."""
    return without_abbr((site / url / "index.html").read_text(encoding="utf-8"))


def test_every_clause_has_a_permalink_with_its_verbatim_text(sample_site: Path, handbook) -> None:
    count = 0
    for source in handbook.documents:
        folder = f"cih/{source.entry.slug}/{source.entry.version.lower()}"
        for clause in source.document.clauses:
            html = clause_html(sample_site, f"{folder}/{clause.id.lower()}")
            assert f'<p class="handbook-clause-text">{clause.text.replace("&", "&amp;")}</p>' in html
            heading = f"{clause.id} — {source.entry.cite_as} {source.entry.version}"
            assert re.search(f'<h1 id="[^"]+">{re.escape(heading)}<', html), heading
            assert f"<title>{heading} - Professional Standards Handbook</title>" in html
            assert f"#page={clause.page}" in html
            count += 1
    assert count == 119  # 20 in the superseded Code of Conduct v2, 99 current


def test_clause_page_shows_document_version_section_and_page(sample_site: Path) -> None:
    html = clause_html(sample_site, "cih/code-of-conduct/v3/coc-1.4")
    assert "<title>COC-1.4 — CIH Code of Conduct v3 - Professional Standards Handbook</title>" in html
    assert '<h1 id="coc-14-cih-code-of-conduct-v3">COC-1.4 — CIH Code of Conduct v3<' in html
    assert "<td>v3, in force from 2024-01-01</td>" in html
    assert "<td>1. Act with integrity and respect</td>" in html
    assert '<a href="../../../../sources/cih-code-of-conduct-v3-sample.pdf#page=2">page 2 of the source PDF</a>' in html
    assert '<a href="../">Code of Conduct v3</a>' in html


def test_document_page_lists_sections_and_links_each_clause(sample_site: Path, handbook) -> None:
    html = (sample_site / "cih/code-of-ethics/v3/index.html").read_text(encoding="utf-8")
    for section in handbook.current("COE").document.sections:
        for clause in section.clauses:
            assert f'<a href="{clause.id.lower()}/"><strong>{clause.id}</strong></a>' in html
    assert ">Self-evaluation questions<a class=\"headerlink\"" in html
    assert ">1. Act with integrity and respect<a class=\"headerlink\"" in html
    sha = hashlib.sha256((ROOT / "source_pdfs/cih-code-of-ethics-v3-sample.pdf").read_bytes()).hexdigest()
    assert f"<code>{sha}</code>" in html


def test_source_pdfs_are_published(sample_site: Path) -> None:
    for pdf in (ROOT / "source_pdfs").glob("*.pdf"):
        assert (sample_site / "sources" / pdf.name).read_bytes() == pdf.read_bytes()


def test_search_index_has_one_entry_per_clause_titled_by_id(sample_site: Path, handbook) -> None:
    meta, postings, rows = read_index(sample_site)
    by_url = {row[0]: n for n, row in enumerate(rows)}
    n = by_url["cih/code-of-conduct/v3/coc-1.4/"]
    clause = next(c for c in handbook.current("COC").document.clauses if c.id == "COC-1.4")
    assert rows[n] == ["cih/code-of-conduct/v3/coc-1.4/", "COC-1.4", "Code of Conduct v3 · 1. Act with integrity and respect", clause.text]
    assert meta["flags"][n] == 1  # a clause (kind 0), current
    assert meta["flags"][by_url["cih/code-of-conduct/v2/coc-1.4/"]] == 0  # a clause, superseded
    # The clause ID is one term; its clause scores highest for it, the superseded one next (before the priors).
    entries, scores, _ = postings["coc-1.4"]
    ranked = [rows[e][0] for _, e in sorted(zip(scores, entries), reverse=True)]
    assert ranked[:2] in (["cih/code-of-conduct/v3/coc-1.4/", "cih/code-of-conduct/v2/coc-1.4/"], ["cih/code-of-conduct/v2/coc-1.4/", "cih/code-of-conduct/v3/coc-1.4/"])
    assert "coc" not in postings and "1.4" not in postings
    # Council clauses are entries of their own, on their own pages.
    assert rows[by_url["council/declarations-of-interest-policy/1.4/doi-2.1/"]][1] == "DOI-2.1"


def test_search_index_leaves_out_what_clause_pages_repeat(sample_site: Path, handbook) -> None:
    """Citation, reference table and mapping sections repeat text indexed elsewhere; only the clause is indexed."""
    entries = site_entries(sample_site, handbook)
    clause = next(c for c in handbook.current("COC").document.clauses if c.id == "COC-1.4")
    (entry,) = [e for e in entries if e.url == "cih/code-of-conduct/v3/coc-1.4/"]
    assert entry.fields == {"id": "COC-1.4", "heading": "Act with integrity and respect", "document": "Code of Conduct", "body": clause.text}
    text = " ".join(" ".join(e.fields.values()) for e in entries)
    assert clause.sha256 not in text
    assert "Mapping reviewed by" not in text
    assert "Its pages stay at these addresses" not in text  # the superseded notice, on every page of v2
    # The excluded sections are still on the page.
    html = (sample_site / "cih/code-of-conduct/v3/coc-1.4/index.html").read_text(encoding="utf-8")
    for heading in ("how-this-applies-at-the-council", "citation", "nolan-principles", "council-policies", "if-this-standard-is-breached"):
        assert f'data-search-exclude id="{heading}"' in html


def test_search_finds_each_clause_on_its_own_page_only(sample_site: Path, handbook) -> None:
    """Lists of clauses (document, Nolan, policy, report and induction pages) are shown but not indexed.

    A CIH clause's words are indexed on its own page only; a council clause's
    on its own entry and on its whole policy (ranked below). Without this every
    query also matched every page that lists clauses.
    """
    entries = site_entries(sample_site, handbook)

    def pages_with(text: str) -> set[str]:
        return {e.url for e in entries if text in e.fields.get("body", "")}

    for source in handbook.documents:
        for clause in source.document.clauses:
            same_wording = {
                f"cih/{s.entry.slug}/{s.entry.version.lower()}/{c.id.lower()}/"
                for s in handbook.documents
                for c in s.document.clauses
                if c.text == clause.text
            }
            # "What changed" shows the wording of added, removed and reworded clauses: one page per document.
            assert {p for p in pages_with(clause.text) if "/changes/" not in p} == same_wording, clause.id
    for source in handbook.policies:
        for clause in source.document.clauses:
            own = council_clause_url(source, clause, sample_site)
            found = {p for p in pages_with(clause.text) if "/changes/" not in p}
            # Its own entry, and its policy's pages (the whole policy, each version that has the wording).
            assert own in found and all(p.startswith(f"council/{source.entry.slug}/") for p in found), (clause.id, found)
    # The pages that list clauses are still indexed by their own words.
    titles = {e.url: e.title for e in entries}
    assert titles["report/"] and titles["council/"] and titles["nolan/integrity/"] and titles["cih/code-of-conduct/v3/"]


def test_handbook_json_carries_every_document_section_and_clause(sample_site: Path, handbook) -> None:
    data = json.loads((sample_site / "handbook.json").read_text(encoding="utf-8"))
    assert data["schema"] == "professional-standards-handbook/1"
    assert [(d["code"], d["version"], d["current"]) for d in data["documents"]] == [
        ("COC", "v2", False),
        ("COC", "v3", True),
        ("COE", "v3", True),
        ("PSF", "v2", True),
    ]
    coc = data["documents"][1]
    assert {k: coc[k] for k in ("title", "version", "in_force", "current", "sample", "file", "url", "pages")} == {
        "title": "Code of Conduct",
        "version": "v3",
        "in_force": "2024-01-01",
        "current": True,
        "sample": True,
        "file": "sources/cih-code-of-conduct-v3-sample.pdf",
        "url": "cih/code-of-conduct/v3/",
        "pages": 3,
    }
    clauses = [c for d in data["documents"] for s in d["sections"] for c in s["clauses"]]
    expected = [c for s in handbook.documents for c in s.document.clauses]
    assert [(c["id"], c["text"], c["page"], c["sha256"], c["kind"]) for c in clauses] == [
        (c.id, c.text, c.page, c.sha256, c.kind) for c in expected
    ]
    assert clauses[20 + 3]["url"] == "cih/code-of-conduct/v3/coc-1.4/"


def test_hand_written_pages_are_never_overwritten(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    (project / "docs" / "cih").mkdir()
    (project / "docs" / "cih" / "index.md").write_text("# Our own standards page\n")
    build_site(project, project / "site", cache_dir=tmp_path / "cache")
    html = (project / "site" / "cih" / "index.html").read_text(encoding="utf-8")
    assert "Our own standards page" in html
    assert (project / "site" / "cih/code-of-conduct/v3/coc-1.1/index.html").exists()


def test_unchanged_pdfs_are_not_parsed_again(tmp_path: Path) -> None:
    cache = ExtractionCache(tmp_path / "cache")
    first = load_handbook(ROOT / "source_pdfs/manifest.yml", cache)
    assert (cache.hits, cache.misses) == (0, 15)  # 4 CIH versions, 11 council policy versions (9 policies)
    again = ExtractionCache(tmp_path / "cache")
    second = load_handbook(ROOT / "source_pdfs/manifest.yml", again)
    assert (again.hits, again.misses) == (15, 0)
    assert second.documents == first.documents
