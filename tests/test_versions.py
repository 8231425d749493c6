"""Versions: matched by content, old URLs kept and marked superseded, a What changed page, in force on a date."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from conftest import ROOT, build_site, copy_project
from handbook.model import Clause, Document, Section
from handbook.textnorm import text_sha256
from handbook.versions import compare, word_diff


def doc(*texts: str) -> Document:
    clauses = tuple(Clause(f"C-1.{i}", t, "requirement", 1, text_sha256(t)) for i, t in enumerate(texts, 1))
    return Document("t", "0", 1, "", (Section("1", "S", "", clauses, 1),))


def test_clauses_are_matched_by_content_not_position() -> None:
    old = doc("act honestly", "keep records accurate and complete", "hold a practising certificate")
    new = doc("challenge discrimination", "act honestly", "keep records accurate, complete and timely")
    summary = [(c.status, c.old.id if c.old else None, c.new.id if c.new else None) for c in compare(old, new)]
    assert summary == [
        ("added", None, "C-1.1"),
        ("unchanged", "C-1.1", "C-1.2"),
        ("reworded", "C-1.2", "C-1.3"),
        ("removed", "C-1.3", None),
    ]


def test_word_diff_marks_deleted_and_inserted_words() -> None:
    assert word_diff("record any offer in the register", "record every offer in the register promptly") == [
        ("=", "record "),
        ("-", "any "),
        ("+", "every "),
        ("=", "offer in the "),
        ("-", "register"),
        ("+", "register promptly"),
    ]


def test_what_changed_page_for_the_sample_code_of_conduct(sample_site: Path) -> None:
    html = (sample_site / "cih/code-of-conduct/changes/index.html").read_text(encoding="utf-8")
    assert "v3 took effect on 2024-01-01: 4 added, 1 removed, 3 reworded, 16 unchanged." in html
    assert (
        '<p class="handbook-diff">refuse gifts, hospitality or other benefits that could reasonably be seen as an '
        "attempt to influence a professional decision, and record <del>any offer </del><ins>every offer, whether "
        "accepted or declined, </ins>in their employer’s register of gifts and <del>hospitality</del>"
        "<ins>hospitality within the time their employer sets</ins></p>"
    ) in html
    assert "hold a current practising certificate where their employer or role requires one" in html
    assert '<a href="../v2/coc-3.6/">COC-3.6 (v2)</a> → <a href="../v3/coc-3.7/">COC-3.7 (v3)</a>' in html


def test_old_version_clause_resolves_and_names_its_successor(sample_site: Path) -> None:
    html = (sample_site / "cih/code-of-conduct/v2/coc-3.6/index.html").read_text(encoding="utf-8")
    assert "This is <strong>v2</strong>, in force from 2019-09-01 until 2024-01-01. It has been superseded by" in html
    assert 'In v3 it continues as <a href="../../v3/coc-3.7/">COC-3.7</a>, with the same wording.' in html
    removed = (sample_site / "cih/code-of-conduct/v2/coc-2.6/index.html").read_text(encoding="utf-8")
    assert "This clause was removed in v3." in removed
    current = (sample_site / "cih/code-of-conduct/v3/coc-3.7/index.html").read_text(encoding="utf-8")
    assert "Superseded version" not in current


def test_permalinks_survive_a_new_version(tmp_path: Path, sample_site: Path) -> None:
    """Adding a version (with clauses added, removed and reworded) moves no existing page."""
    project = copy_project(tmp_path, with_mapping=False)
    shutil.copy(ROOT / "source_pdfs/cih-code-of-conduct-v2-sample.pdf", project / "source_pdfs/coc-v4.pdf")
    manifest = project / "source_pdfs/manifest.yml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace(
            "        file: cih-code-of-conduct-v3-sample.pdf\n",
            "        file: cih-code-of-conduct-v3-sample.pdf\n      - version: v4\n        in_force: 2027-01-01\n        file: coc-v4.pdf\n",
        ),
        encoding="utf-8",
    )
    site = project / "site"
    build_site(project, site, cache_dir=tmp_path / "cache")
    before = {p.relative_to(sample_site) for p in (sample_site / "cih").rglob("index.html")}
    after = {p.relative_to(site) for p in (site / "cih").rglob("index.html")}
    assert before <= after
    assert {p for p in after - before} == {p.relative_to(site) for p in (site / "cih/code-of-conduct/v4").rglob("index.html")}
    for rel in before:
        if "code-of-conduct/v3/coc-" in str(rel):
            old = (sample_site / rel).read_text(encoding="utf-8")
            new = (site / rel).read_text(encoding="utf-8")
            text = old.split('<p class="handbook-clause-text">')[1].split("</p>")[0]
            assert f'<p class="handbook-clause-text">{text}</p>' in new
            assert "Superseded version" in new


@pytest.mark.browser
def test_in_force_on_a_date_picks_the_version(page: Page, site_server: str) -> None:
    page.goto(f"{site_server}/cih/in-force/")
    page.fill("#handbook-date", "2021-05-04")
    expect(page.locator("#handbook-in-force-result")).to_have_text(
        "In force on 2021-05-04: Code of Conduct v2."
    )
    page.fill("#handbook-date", "2024-03-01")
    expect(page.locator("#handbook-in-force-result")).to_have_text(
        "In force on 2024-03-01: Code of Conduct v3; Code of Ethics v3; Professional Standards Framework v2."
    )
    expect(page.locator("tr.handbook-in-force-row")).to_have_count(3)
    page.fill("#handbook-date", "2018-01-01")
    expect(page.locator("#handbook-in-force-result")).to_have_text("None of the documents held was in force on 2018-01-01.")


def test_the_similarity_threshold_decides_reworded_or_removed_at_its_boundary() -> None:
    """Six of ten words kept (similarity 0.6) is a rewording; five of ten (0.5) is a removal and an addition."""
    kept_six = ("tenants colleagues records gifts interests privacy complaints training budgets contractors",
                "tenants colleagues records gifts interests privacy minutes ledgers permits vehicles")
    kept_five = ("housing officers declare hospitality registers promptly whenever asked by managers",
                 "housing officers declare hospitality registers ferries orchards meadows rivers valleys")
    changes = compare(doc(kept_six[0], kept_five[0]), doc(kept_six[1], kept_five[1]))
    summary = [(c.status, c.old.text if c.old else None, c.new.text if c.new else None) for c in changes]
    assert summary == [
        ("reworded", kept_six[0], kept_six[1]),
        ("added", None, kept_five[1]),
        ("removed", kept_five[0], None),
    ]
    assert [c.similarity for c in changes] == [0.6, 0.0, 0.0]
