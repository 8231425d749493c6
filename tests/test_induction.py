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
    modules = load_induction(ROOT / "content/induction.yml").modules
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
    assert (
        '<tr><th scope="row">Code of Conduct</th><td>Chartered Institute of Housing</td><td>v3</td><td>2024-01-01</td></tr>'
        in ack
    )
    assert (
        '<tr data-module="nolan" data-questions="2"><th scope="row">1. The Nolan principles</th>'
        '<td class="handbook-completed"></td><td class="handbook-score"></td></tr>' in ack
    )
    assert '<input type="checkbox" data-ack="training-agreement"> If the council pays for my CIH qualification' in ack
    glossary = (sample_site / "glossary/index.html").read_text(encoding="utf-8")
    assert "Regulator of Social Housing" in glossary
    clause = (sample_site / "cih/code-of-conduct/v3/coc-2.1/index.html").read_text(encoding="utf-8")
    assert '<abbr title="continuing professional development">CPD</abbr>' in clause


def test_acknowledgements_are_checked(tmp_path: Path) -> None:
    head = "modules:\n  - id: a\n    title: A\n"
    cases = {
        "acknowledgements:\n  - id: x\n": "2: each acknowledgement needs an id and a text; add 'id:' and 'text:' to it",
        "acknowledgements:\n  - id: x\n    text: One\n  - id: x\n    text: Two\n": (
            "4: acknowledgement id x appears twice; give each statement its own id"
        ),
        "acknowledgements:\n  - id: a b\n    text: One\n": "2: acknowledgement id 'a b' is not a simple name; use letters, digits and hyphens",
    }
    for n, (tail, message) in enumerate(cases.items()):
        bad = tmp_path / f"induction{n}.yml"
        bad.write_text(tail + head)
        with pytest.raises(HandbookError) as err:
            load_induction(bad)
        assert str(err.value) == f"{bad}:{message}"
    good = tmp_path / "good.yml"
    good.write_text(head + "acknowledgements:\n  - id: pay-back\n    text: I repay.\n")
    assert [(a.id, a.text) for a in load_induction(good).acknowledgements] == [("pay-back", "I repay.")]


@pytest.mark.browser
def test_a_wrong_answer_does_not_complete_a_module(page: Page, site_server: str) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{site_server}/induction/nolan/")
    page.get_by_label("Integrity").check()
    feedback = page.locator("fieldset[data-question='1'] .handbook-quiz-feedback")
    expect(feedback).to_have_text(
        "Correct. Integrity asks you not to place yourself under an obligation to people who might try to influence your work."
    )
    page.get_by_label("Selflessness").check()
    expect(page.locator("fieldset[data-question='2'] .handbook-quiz-feedback")).to_have_text("Not quite – try again. ")
    status = page.locator("form.handbook-quiz .handbook-quiz-status")
    expect(status).to_have_text("1 of 2 correct; answer every question correctly to complete")
    page.reload()
    expect(page.get_by_label("Integrity")).to_be_checked()
    expect(feedback).to_contain_text("Correct.")
    page.goto(f"{site_server}/induction/")
    nolan = page.locator("li[data-module='nolan'] .handbook-progress")
    expect(nolan).to_have_text("– 1 of 2 correct; answer every question correctly to complete")
    expect(page.locator("li[data-module='code-of-conduct'] .handbook-progress")).to_have_text("– not started")
    # A retry completes the module; the first-try score keeps the wrong first answer.
    page.goto(f"{site_server}/induction/nolan/")
    page.get_by_label("Objectivity").check()
    today = page.evaluate("new Date().toISOString().slice(0, 10)")
    expect(status).to_have_text(f"completed on {today}, first-try score 1 of 2")
    page.goto(f"{site_server}/induction/")
    expect(nolan).to_have_text(f"– completed on {today}, first-try score 1 of 2")
    assert all(url.startswith(site_server) for url in requests)  # nothing leaves the device
    page.get_by_role("button", name="Clear my answers on this device").click()
    expect(nolan).to_have_text("– not started")


@pytest.mark.browser
def test_the_printed_sheet_shows_scores_dates_details_and_acknowledgements(page: Page, site_server: str, tmp_path: Path) -> None:
    from pypdf import PdfReader

    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{site_server}/induction/code-of-conduct/")
    page.get_by_label("Follow the gifts policy and record the offer, whatever you decide").check()
    page.get_by_label("Declare the interest and take no part in the decision").check()
    today = page.evaluate("new Date().toISOString().slice(0, 10)")
    page.goto(f"{site_server}/induction/acknowledgement/")
    page.get_by_label("Name").fill("Sam Example")
    page.get_by_label("Role").fill("Housing Officer")
    page.get_by_label("Employee number").fill("E12345")
    page.locator("input[data-ack='training-agreement']").check()
    page.reload()  # typed details and ticks are kept in this browser
    expect(page.get_by_label("Name")).to_have_value("Sam Example")
    expect(page.locator("input[data-ack='training-agreement']")).to_be_checked()
    row = page.locator("tr[data-module='code-of-conduct']")
    expect(row.locator(".handbook-completed")).to_have_text(today)
    expect(row.locator(".handbook-score")).to_have_text("2 of 2")
    expect(page.locator("tr[data-module='nolan'] .handbook-completed")).to_have_text("not completed")
    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="Print this sheet")).to_be_hidden()
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    pdf = tmp_path / "sheet.pdf"
    page.pdf(path=str(pdf), format="A4")
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(pdf).pages)
    assert "Print this sheet" not in text
    assert f"2. The CIH Code of Conduct {today} 2 of 2" in text
    assert "1. The Nolan principles not completed" in text
    assert "New starter: Sam Example Signature:" in text
    assert "A breach of the CIH Code of Conduct is likely also to breach the council's own policies" in text
    assert "Manager – name:" in text
    assert all(url.startswith(site_server) for url in requests)
