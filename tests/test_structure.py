"""Extraction of hard layouts, drawn in the test so each difficulty is explicit."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook.errors import HandbookError
from handbook.extract import parse_document
from handbook.model import Document
from pdf_factory import Box, Run, bullet_item, make_pdf, wrap_lines

TOP = 780.0


def heading(text: str, y: float, x: float = 56) -> Run:
    return Run(text, x, y, size=15, font="bold")


def running(page: int, total: int) -> list[Run]:
    return [
        Run("Code of Conduct · v3 · SAMPLE stand-in", 56, 815, size=8),
        Run(f"Page {page} of {total}", 480, 30, size=8),
        Run("SAMPLE – not CIH text", 56, 30, size=8),
    ]


def extract(tmp_path: Path, pages: list, *, code: str = "COC", kind: str = "code") -> Document:
    pdf = make_pdf(pages, tmp_path / "doc.pdf")
    return parse_document(pdf, code=code, kind=kind)


def texts(doc: Document) -> dict[str, str]:
    return {c.id: c.text for c in doc.clauses}


def test_lead_in_kept_apart_and_wrapped_lines_joined(tmp_path: Path) -> None:
    page = [
        heading("1. Act with integrity", TOP),
        *wrap_lines(["Members must:"], 56, TOP - 24),
        *bullet_item(["be honest with tenants and colleagues in every", "dealing, written or spoken"], 60, 72, TOP - 42),
        *bullet_item(["keep accurate records"], 60, 72, TOP - 72),
    ]
    doc = extract(tmp_path, [page])
    (section,) = doc.sections
    assert (section.number, section.title, section.intro) == ("1", "Act with integrity", "Members must:")
    assert texts(doc) == {
        "COC-1.1": "be honest with tenants and colleagues in every dealing, written or spoken",
        "COC-1.2": "keep accurate records",
    }
    assert [c.page for c in doc.clauses] == [1, 1]


@pytest.mark.parametrize(
    ("style", "number", "title"),
    [
        ("1. Act with integrity", "1", "Act with integrity"),
        ("1 Act with integrity", "1", "Act with integrity"),
        ("Principle 1 – Act with integrity", "1", "Act with integrity"),
        ("Principle 1: Act with integrity", "1", "Act with integrity"),
        ("Section 2 - Act with integrity", "2", "Act with integrity"),
    ],
)
def test_numbered_heading_styles(tmp_path: Path, style: str, number: str, title: str) -> None:
    page = [heading(style, TOP), *bullet_item(["act lawfully"], 60, 72, TOP - 30)]
    (section,) = extract(tmp_path, [page]).sections
    assert (section.number, section.title) == (number, title)
    assert section.clauses[0].id == f"COC-{number}.1"


@pytest.mark.parametrize(
    ("glyph", "font"),
    [("•", "body"), ("•", "symbol"), ("n", "dingbats"), ("l", "dingbats"), ("\uf0b7", "pua"), ("–", "body")],
)
def test_bullets_in_any_glyph(tmp_path: Path, glyph: str, font: str) -> None:
    page = [
        heading("1. Be accountable", TOP),
        *bullet_item(["report mistakes promptly"], 60, 74, TOP - 30, bullet=glyph, bullet_font=font),
        *bullet_item(["accept fair scrutiny of decisions"], 60, 74, TOP - 46, bullet=glyph, bullet_font=font),
    ]
    assert texts(extract(tmp_path, [page])) == {
        "COC-1.1": "report mistakes promptly",
        "COC-1.2": "accept fair scrutiny of decisions",
    }


def test_bullet_sharing_a_run_with_its_text(tmp_path: Path) -> None:
    page = [
        heading("1. Be accountable", TOP),
        Run("• report mistakes promptly", 60, TOP - 30),
        Run("• accept fair scrutiny", 60, TOP - 46),
    ]
    assert texts(extract(tmp_path, [page])) == {"COC-1.1": "report mistakes promptly", "COC-1.2": "accept fair scrutiny"}


def test_hyphenation_rejoined_and_real_compounds_kept(tmp_path: Path) -> None:
    page = [
        heading("1. Competence", TOP),
        *bullet_item(["keep up to date with changes affecting organi-", "sations and residents"], 60, 72, TOP - 30),
        *bullet_item(["look after their own well-", "being and that of colleagues"], 60, 72, TOP - 60),
        *bullet_item(["use evidence-based practice and avoid short-", "term fixes"], 60, 72, TOP - 90),
    ]
    assert texts(extract(tmp_path, [page])) == {
        "COC-1.1": "keep up to date with changes affecting organisations and residents",
        "COC-1.2": "look after their own well-being and that of colleagues",
        "COC-1.3": "use evidence-based practice and avoid short-term fixes",
    }


def test_ligatures_spelt_out_for_display_and_matching(tmp_path: Path) -> None:
    page = [
        heading("1. Integrity", TOP),
        Run("•", 60, TOP - 30),
        Run("never seek ﬁnancial beneﬁt or ﬂattery", 72, TOP - 30, font="lig"),
    ]
    doc = extract(tmp_path, [page])
    (clause,) = doc.clauses
    assert clause.text == "never seek financial benefit or flattery"
    from handbook.textnorm import text_sha256

    assert clause.sha256 == text_sha256("never seek financial benefit or flattery")


def test_typographic_characters_kept_for_display(tmp_path: Path) -> None:
    page = [heading("1. Respect", TOP), *bullet_item(["respect each tenant’s “home” – always"], 60, 72, TOP - 30)]
    (clause,) = extract(tmp_path, [page]).clauses
    assert clause.text == "respect each tenant’s “home” – always"


def test_running_headers_footers_and_page_numbers_removed(tmp_path: Path) -> None:
    pages = []
    for n in (1, 2, 3):
        pages.append(
            [
                *running(n, 3),
                heading(f"{n}. Principle number {n}", TOP),
                *bullet_item([f"requirement one of principle {n}"], 60, 72, TOP - 30),
                *bullet_item([f"requirement two of principle {n}"], 60, 72, TOP - 46),
            ]
        )
    doc = extract(tmp_path, pages)
    assert [s.number for s in doc.sections] == ["1", "2", "3"]
    assert texts(doc)["COC-3.2"] == "requirement two of principle 3"
    assert "SAMPLE" not in doc.intro and "Page" not in doc.intro
    assert [c.page for c in doc.clauses] == [1, 1, 2, 2, 3, 3]


def test_two_columns_read_left_then_right(tmp_path: Path) -> None:
    left, right = 56, 310
    page = [
        Run("Professional Standards Framework", left, TOP + 10, size=20, font="bold"),
        heading("1 Integrity", TOP - 30, left),
        *wrap_lines(["A housing professional acts", "honestly."], left, TOP - 50),
        *bullet_item(["tells the truth even when it", "is unwelcome"], left + 4, left + 16, TOP - 80, bullet="–"),
        *bullet_item(["keeps promises"], left + 4, left + 16, TOP - 110, bullet="–"),
        heading("2 Inclusive", TOP - 30, right),
        *wrap_lines(["A housing professional", "values difference."], right, TOP - 50),
        *bullet_item(["adapts services to people’s", "needs"], right + 4, right + 16, TOP - 80, bullet="–"),
        *bullet_item(["challenges exclusion"], right + 4, right + 16, TOP - 110, bullet="–"),
    ]
    doc = extract(tmp_path, [page], code="PSF", kind="framework")
    assert [(s.number, s.title, s.intro) for s in doc.sections] == [
        ("1", "Integrity", "A housing professional acts honestly."),
        ("2", "Inclusive", "A housing professional values difference."),
    ]
    assert texts(doc) == {
        "PSF-1.1": "tells the truth even when it is unwelcome",
        "PSF-1.2": "keeps promises",
        "PSF-2.1": "adapts services to people’s needs",
        "PSF-2.2": "challenges exclusion",
    }
    assert {c.kind for c in doc.clauses} == {"behaviour"}


def test_sidebar_box_kept_out_of_clauses(tmp_path: Path) -> None:
    page = [
        Box(380, 560, 160, 200),
        Run("Did you know?", 390, 740, size=10.5, font="bold"),
        Run("CIH members number", 390, 724),
        Run("in the thousands.", 390, 710),
        heading("1. Integrity", TOP),
        *bullet_item(["act with honesty"], 60, 72, TOP - 30),
        *bullet_item(["avoid conflicts of interest"], 60, 72, TOP - 46),
    ]
    doc = extract(tmp_path, [page])
    assert texts(doc) == {"COC-1.1": "act with honesty", "COC-1.2": "avoid conflicts of interest"}
    assert doc.sections[0].asides == ("Did you know? CIH members number in the thousands.",)


def test_questions_get_their_own_ids(tmp_path: Path) -> None:
    page = [
        heading("1. Integrity", TOP),
        *bullet_item(["act with honesty"], 60, 72, TOP - 30),
        heading("Self-evaluation questions", TOP - 70),
        *wrap_lines(["Ask yourself:"], 56, TOP - 94),
        *bullet_item(["Would I be happy to explain this decision to a tenant?"], 60, 72, TOP - 112),
        *bullet_item(["Have I declared every interest?"], 60, 72, TOP - 128),
    ]
    doc = extract(tmp_path, [page], code="COE")
    assert [(c.id, c.kind) for c in doc.clauses] == [
        ("COE-1.1", "requirement"),
        ("COE-Q1", "question"),
        ("COE-Q2", "question"),
    ]
    assert doc.sections[1].intro == "Ask yourself:"


def test_title_page_and_introduction_are_front_matter(tmp_path: Path) -> None:
    title_page = [Run("Code of Conduct", 56, 600, size=28, font="bold"), Run("Version 3", 56, 570, size=12)]
    body = [
        *running(2, 2),
        heading("Introduction", TOP),
        *wrap_lines(["This code sets out what members must do."], 56, TOP - 24),
        heading("1. Integrity", TOP - 60),
        *bullet_item(["act with honesty"], 60, 72, TOP - 90),
    ]
    doc = extract(tmp_path, [title_page, body])
    assert doc.title == "Code of Conduct"
    assert doc.intro == "Version 3\n\nIntroduction\n\nThis code sets out what members must do."
    assert [s.number for s in doc.sections] == ["1"]


def test_stray_text_after_a_list_is_reported(tmp_path: Path) -> None:
    page = [
        heading("1. Integrity", TOP),
        *bullet_item(["act with honesty"], 60, 72, TOP - 30),
        *wrap_lines(["This paragraph belongs to no clause."], 56, TOP - 80),
    ]
    with pytest.raises(HandbookError) as err:
        extract(tmp_path, [page])
    assert str(err.value) == (
        f"{err.value.path}: text on page 1 was not assigned to any clause: “This paragraph belongs to no clause.”; "
        "check the PDF's layout (text after a list that is not a bullet) or report it with the file"
    )


def test_section_without_clauses_is_reported(tmp_path: Path) -> None:
    page = [
        heading("1. Integrity", TOP),
        *bullet_item(["act with honesty"], 60, 72, TOP - 30),
        heading("2. Competence", TOP - 70),
        *wrap_lines(["Members must keep learning."], 56, TOP - 94),
    ]
    with pytest.raises(HandbookError, match=r"section “Competence” on page 1 yields no clauses; check that"):
        extract(tmp_path, [page])


def test_pdf_encrypted_only_to_restrict_editing_is_read(tmp_path: Path) -> None:
    """Publishers often encrypt with an empty password just to stop editing: that must still work."""
    from pypdf import PdfReader, PdfWriter

    plain = make_pdf([[heading("1. Integrity", TOP), *bullet_item(["act with honesty"], 60, 72, TOP - 30)]], tmp_path / "plain.pdf")
    writer = PdfWriter(clone_from=PdfReader(plain))
    writer.encrypt(user_password="", owner_password="publisher", algorithm="AES-256", permissions_flag=4)
    locked = tmp_path / "locked.pdf"
    with locked.open("wb") as handle:
        writer.write(handle)
    assert PdfReader(locked).is_encrypted
    assert texts(parse_document(locked, code="COC", kind="code")) == {"COC-1.1": "act with honesty"}
