"""Induction path, quizzes kept in the browser, acknowledgement sheet, glossary and abbreviations."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from conftest import ROOT
from handbook.errors import HandbookError
from handbook.extract import ExtractionCache
from handbook.glossary import abbreviations, load_glossary
from handbook.induction import load_induction, reading_minutes
from handbook.pipeline import load_handbook


def test_modules_are_ordered_with_reading_times() -> None:
    modules = load_induction(ROOT / "content/induction.yml")
    assert [m.id for m in modules] == [
        "nolan", "code-of-conduct", "code-of-ethics", "professional-standards-framework", "council-policies",
    ]
    handbook = load_handbook(ROOT / "source_pdfs/manifest.yml", ExtractionCache(None))
    coc = modules[1]
    words = sum(len(s.split()) for s in coc.summary) + sum(len(c.text.split()) for c in handbook.current("COC").document.clauses)
    assert reading_minutes(coc, handbook) == -(-words // 200)


def test_a_quiz_answer_out_of_range_is_reported(tmp_path: Path) -> None:
    bad = tmp_path / "induction.yml"
    bad.write_text("modules:\n  - id: a\n    title: A\n    quiz:\n      - question: Q?\n        options: [x, y]\n        answer: 3\n")
    with pytest.raises(HandbookError) as err:
        load_induction(bad)
    assert str(err.value) == f"{bad}:5: module a: a question's answer must be the number of one of its options; fix 'answer'"


def test_glossary_abbreviations() -> None:
    terms = load_glossary(ROOT / "content/glossary.yml")
    lines = abbreviations(terms).splitlines()
    assert "*[CIH]: Chartered Institute of Housing" in lines
    assert "*[CPD]: continuing professional development" in lines


def test_pages_built(sample_site: Path) -> None:
    index = (sample_site / "induction/index.html").read_text(encoding="utf-8")
    assert index.index('data-module="nolan"') < index.index('data-module="code-of-conduct"') < index.index('data-module="council-policies"')
    ethics = (sample_site / "induction/code-of-ethics/index.html").read_text(encoding="utf-8")
    assert "Reflect" in ethics and "?" in ethics
    ack = (sample_site / "induction/acknowledgement/index.html").read_text(encoding="utf-8")
    assert "<tr><td>Code of Conduct</td><td>Chartered Institute of Housing</td><td>v3</td><td>2024-01-01</td></tr>" in ack
    glossary = (sample_site / "glossary/index.html").read_text(encoding="utf-8")
    assert "Regulator of Social Housing" in glossary
    clause = (sample_site / "cih/code-of-conduct/v3/coc-2.1/index.html").read_text(encoding="utf-8")
    assert '<abbr title="continuing professional development">CPD</abbr>' in clause


@pytest.mark.browser
def test_quiz_answers_survive_a_reload_and_show_as_progress(page: Page, site_server: str) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{site_server}/induction/nolan/")
    page.get_by_label("Integrity").check()
    feedback = page.locator("fieldset[data-question='1'] .handbook-quiz-feedback")
    expect(feedback).to_have_text(
        "Correct. Integrity asks you not to place yourself under an obligation to people who might try to influence your work."
    )
    page.get_by_label("Selflessness").check()
    expect(page.locator("fieldset[data-question='2'] .handbook-quiz-feedback")).to_contain_text("Not quite.")
    page.reload()
    expect(page.get_by_label("Integrity")).to_be_checked()
    expect(feedback).to_contain_text("Correct.")
    page.goto(f"{site_server}/induction/")
    expect(page.locator("li[data-module='nolan'] .handbook-progress")).to_have_text("– quiz done")
    expect(page.locator("li[data-module='code-of-conduct'] .handbook-progress")).to_have_text("– not started")
    assert all(url.startswith(site_server) for url in requests)  # nothing leaves the device
    page.get_by_role("button", name="Clear my answers on this device").click()
    expect(page.locator("li[data-module='nolan'] .handbook-progress")).to_have_text("– not started")
