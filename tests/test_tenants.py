"""The page for tenants and residents: its file's errors, its clauses checked, and the wording it quotes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, run_cli
from handbook.errors import HandbookError
from handbook.extract import ExtractionCache
from handbook.pipeline import load_handbook
from handbook.resolve import resolve
from handbook.search_index import read_index
from handbook.tenants import Promise, TenantsPage, load_tenants, tenants_facts, tenants_markdown, tenants_problems

SAMPLE = ROOT / "content" / "tenants.yml"


@pytest.fixture(scope="module")
def handbook():
    return load_handbook(ROOT / "source_pdfs" / "manifest.yml", ExtractionCache(None))


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "tenants.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_sample_names_only_current_clauses(handbook) -> None:
    page = load_tenants(SAMPLE)
    assert page.title == "What you can expect from our housing staff"
    assert len(page.promises) == 10
    assert page.promises[0] == Promise(
        "We will be honest with you, and if we tell you something that turns out to be wrong, we will put it right.", ("COC-1.1", "COE-1.1"), 30
    )
    assert tenants_problems(page, handbook) == []


@pytest.mark.parametrize(
    ("text", "problem", "line"),
    [
        ("- a list\n", "not a mapping of keys", None),
        ("intro: [x]\npromises: [{text: a, clauses: [COC-1.1]}]\n", "no 'title'", None),
        ("title: T\n", "no 'promises' list", 1),
        ("title: T\npromises:\n  - clauses: [COC-1.1]\n", "a promise has no 'text'", 3),
        ("title: T\npromises:\n  - text: Be kind\n", 'the promise "Be kind" names no clauses', 3),
        ("title: T\npromises:\n  - text: Be kind\n    clauses: [COC-1.1, 4]\n", 'the promise "Be kind" names no clauses', 3),
        ("title: T\nintro: {a: b}\npromises:\n  - text: Be kind\n    clauses: COC-1.1\n", "'intro' is not a list of paragraphs", 1),
    ],
)
def test_a_broken_file_is_one_line_naming_the_problem(tmp_path: Path, text: str, problem: str, line: int | None) -> None:
    with pytest.raises(HandbookError) as caught:
        load_tenants(write(tmp_path, text))
    assert caught.value.problem == problem
    assert caught.value.line == line


def test_a_single_clause_and_a_single_paragraph_may_be_written_without_a_list(tmp_path: Path) -> None:
    page = load_tenants(write(tmp_path, "title: T\nintro: Hello\npromises:\n  - text: Be kind\n    clauses: coc-1.2\n"))
    assert page.intro == ("Hello",)
    assert page.promises[0].clauses == ("COC-1.2",)


def test_a_clause_that_is_not_current_is_named_with_its_line(tmp_path: Path, handbook) -> None:
    path = write(tmp_path, "title: T\npromises:\n  - text: Be kind\n    clauses: [COC-1.2]\n  - text: Be fair to everyone you meet at work, every single day of the week\n    clauses: [COC-9.9, GIF-2.1]\n")
    problems = tenants_problems(load_tenants(path), handbook)
    assert [(p.problem, p.line) for p in problems] == [
        ('the promise "Be fair to everyone you meet at work, every sin…" names COC-9.9, '
         "which is not a clause of the current CIH documents or council policies", 5)
    ]


def test_the_page_quotes_the_current_wording_of_each_clause(handbook) -> None:
    page = TenantsPage("t.yml", "For tenants", ("Hello & welcome",), (Promise("We <will> be honest", ("COC-1.3", "GIF-2.2")),))
    facts = tenants_facts(page, resolve(handbook))
    [(promise, wordings)] = facts.wordings
    current = {c.id: c for s in handbook.documents if s.entry.version == "v3" and s.entry.code == "COC" for c in s.document.clauses}
    gif = {c.id: c for s in handbook.policies if s.entry.code == "GIF" for c in s.document.clauses}
    assert [w.id for w in wordings] == ["COC-1.3", "GIF-2.2"]
    assert wordings[0].text == current["COC-1.3"].text  # reworded in v3: the current wording, never v2's
    assert wordings[0].heading == "COC-1.3 — CIH Code of Conduct v3"
    assert wordings[1].items == tuple(gif[f"GIF-2.2.{x}"].text for x in "abc")
    markdown = tenants_markdown(facts)
    assert "<li><p>We &lt;will&gt; be honest</p>" in markdown
    assert f'<blockquote class="handbook-promise-quote"><p>{current["COC-1.3"].text}</p>' in markdown
    assert '<footer><a href="../cih/code-of-conduct/v3/coc-1.3/">COC-1.3 — CIH Code of Conduct v3</a></footer>' in markdown
    assert "<summary>What the standards say</summary>" in markdown
    assert "<ul><li>a tenant, applicant or resident whose case they are dealing with;</li>" in markdown
    assert "\n\nHello \\& welcome\n\n" in markdown  # Markdown text, shown literally
    assert "[council's policies](council/index.md)." in markdown


def test_the_built_page_is_in_the_navigation_and_in_search(sample_site: Path) -> None:
    content = (sample_site / "tenants" / "index.html").read_text(encoding="utf-8")
    assert "<title>What you can expect from our housing staff - Professional Standards Handbook</title>" in content
    assert content.count('class="handbook-promise-quote"') == 19  # every clause the ten promises name
    home = (sample_site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="tenants/"[^>]*>\s*(<span[^>]*>\s*)?For tenants and residents', home)
    _, _, rows = read_index(sample_site)
    assert [row[:2] for row in rows if row[0] == "tenants/"] == [["tenants/", "What you can expect from our housing staff"]]


def test_check_stops_on_an_unknown_clause_with_one_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    (project / "content" / "tenants.yml").write_text("title: T\npromises:\n  - text: Be kind\n    clauses: [COC-1.2, XYZ-1]\n", encoding="utf-8")
    code, output = run_cli(["check", "--cache-dir", ""], cwd=project)
    assert code == 1
    assert output.strip().splitlines()[-1] == (
        'Error: content/tenants.yml:3: the promise "Be kind" names XYZ-1, which is not a clause of the current '
        "CIH documents or council policies; use the ID shown on the clause's page (COC-1.4, GIF-2.1), or remove it"
    )
    assert "Traceback" not in output
