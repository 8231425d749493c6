"""Every page path and link comes from urls.py; version labels become slugs, v2/v3 addresses stay put."""

from __future__ import annotations

import html

from datetime import date

import pytest

from handbook.model import SourceEntry
from handbook.render import front_matter
from handbook.urls import (
    clause_anchor,
    clause_page,
    council_clause_page,
    document_page,
    href,
    page_url,
    policy_clause_target,
    policy_page,
    policy_version_page,
    rel,
    source_pdf_path,
    version_slug,
)
from handbook.yamlio import load_yaml


def entry(version: str, slug: str = "code-of-conduct", path: str = "/x/source_pdfs/coc.pdf") -> SourceEntry:
    return SourceEntry("COC", "Code of Conduct", "CIH", version, date(2024, 1, 1), path, "code", slug=slug)


@pytest.mark.parametrize(
    ("label", "slug"),
    [("v3", "v3"), ("V2", "v2"), ("Edition 4", "edition-4"), ("4.0", "4.0"), (" 2024 / rev. B ", "2024-rev.-b"), ("v3_1", "v3-1")],
)
def test_version_slug(label: str, slug: str) -> None:
    assert version_slug(label) == slug


def test_cih_paths_are_unchanged_for_v2_and_v3() -> None:
    assert document_page(entry("v3")) == "cih/code-of-conduct/v3/index.md"
    assert clause_page(entry("v2"), "COC-1.4") == "cih/code-of-conduct/v2/coc-1.4.md"
    assert page_url(clause_page(entry("v3"), "COC-1.4")) == "cih/code-of-conduct/v3/coc-1.4/"
    assert page_url(document_page(entry("v3"))) == "cih/code-of-conduct/v3/"
    assert clause_page(entry("Edition 4"), "COC-1.4") == "cih/code-of-conduct/edition-4/coc-1.4.md"


def test_council_paths() -> None:
    ecc = entry("3.1", slug="employee-code-of-conduct", path="/x/ecc.md")
    assert policy_page(ecc) == "council/employee-code-of-conduct.md"
    assert policy_version_page(ecc) == "council/employee-code-of-conduct/3.1/index.md"
    assert council_clause_page(ecc, "ECC-4.2.a") == "council/employee-code-of-conduct/3.1/ecc-4.2.a.md"
    assert clause_anchor("ECC-4.2.a") == "ecc-4-2-a"
    assert policy_clause_target(ecc, "ECC-4.2") == "council/employee-code-of-conduct.md#ecc-4-2"
    assert source_pdf_path(ecc) == "sources/ecc.md.txt"  # as .md, the engine would render it as a page, HTML live


def test_links() -> None:
    here = "cih/code-of-conduct/v3/coc-1.4.md"
    assert rel(here, "council/employee-code-of-conduct.md#ecc-4-2") == "../../../council/employee-code-of-conduct.md#ecc-4-2"
    assert rel(here, "sources/coc.pdf") == "../../../sources/coc.pdf"
    assert rel("cih/index.md", "cih/code-of-conduct/v3/index.md") == "code-of-conduct/v3/index.md"
    assert href("cih/in-force.md", "cih/code-of-conduct/v3/index.md") == "../code-of-conduct/v3/"
    assert href("induction/index.md", "induction/welcome.md") == "welcome/"


def test_front_matter_quotes_every_value(tmp_path) -> None:
    hostile = 'Policy: "A" --- \n# not a comment {x: [1]}'
    lines = front_matter(hostile, search_boost=0.5)
    assert lines[0] == "---" and lines[-2:] == ["---", ""]
    path = tmp_path / "fm.yml"
    path.write_text("\n".join(lines[1:-2]) + "\n", encoding="utf-8")
    # The theme prints page titles unescaped, so the title is HTML-escaped once, on one line.
    assert load_yaml(path, what="front matter") == {
        "title": 'Policy: &quot;A&quot; ---  # not a comment {x: [1]}', "search": {"boost": 0.5}
    }
