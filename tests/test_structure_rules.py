"""Extraction rules that a one-line change would break without another test noticing.

Each test pins one rule through the public functions (`join_wrapped`,
`parse_document`) on input generated here: numbers before a line-end hyphen,
a section is a question list only when every item is a question, and running
headers that alternate between left and right pages are still removed.
"""

from __future__ import annotations

from pathlib import Path

from handbook.extract import parse_document
from handbook.lines import join_wrapped
from pdf_factory import Run, bullet_item, make_pdf

TOP = 780.0


def heading(text: str, y: float) -> Run:
    return Run(text, 56, y, size=15, font="bold")


def test_a_hyphen_after_a_number_is_kept_when_lines_are_joined() -> None:
    assert join_wrapped("open for 24-", "hour repairs") == "open for 24-hour repairs"
    assert join_wrapped("a 2-", "year term") == "a 2-year term"
    # The same break after a word is a hyphenation and is undone.
    assert join_wrapped("the profes-", "sional body") == "the professional body"


def test_one_question_among_requirements_does_not_make_a_question_list(tmp_path: Path) -> None:
    page = [
        heading("1. Integrity", TOP),
        *bullet_item(["act with honesty"], 60, 72, TOP - 30),
        heading("Working with others", TOP - 70),
        *bullet_item(["share information with partner agencies lawfully"], 60, 72, TOP - 100),
        *bullet_item(["ask: is this fair to every tenant?"], 60, 72, TOP - 116),
    ]
    doc = parse_document(make_pdf([page], tmp_path / "doc.pdf"), code="COC", kind="code")
    assert [(c.id, c.kind) for c in doc.clauses] == [
        ("COC-1.1", "requirement"),
        ("COC-2.1", "requirement"),
        ("COC-2.2", "requirement"),
    ]
    assert [s.number for s in doc.sections] == ["1", "2"]


def test_running_headers_alternating_left_and_right_are_removed(tmp_path: Path) -> None:
    """Book-style headers: the document's name on even pages, the chapter's on odd ones, each on half the pages.

    They are body-sized, so only their repetition (on 40% of pages or more) marks them as running text.
    """
    pages = []
    for n in range(1, 5):
        header = Run("Code of Conduct for members" if n % 2 == 0 else "Standards of behaviour in practice", 56 if n % 2 == 0 else 300, 815)
        pages.append(
            [
                header,
                heading(f"{n}. Principle number {n}", TOP),
                *bullet_item([f"requirement one of principle {n}"], 60, 72, TOP - 30),
                *bullet_item([f"requirement two of principle {n}"], 60, 72, TOP - 46),
            ]
        )
    doc = parse_document(make_pdf(pages, tmp_path / "doc.pdf"), code="COC", kind="code")
    assert {c.id: c.text for c in doc.clauses} == {
        f"COC-{n}.{i}": f"requirement {word} of principle {n}" for n in range(1, 5) for i, word in ((1, "one"), (2, "two"))
    }
    assert "Code of Conduct for members" not in doc.intro and "Standards of behaviour" not in doc.intro
