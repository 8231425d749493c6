"""Extraction of hard layouts, drawn in the test so each difficulty is explicit."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook.errors import HandbookError
from handbook.extract import parse_document
from handbook.model import Document
from pdf_factory import Box, Inline, Marker, Run, SoftHyphen, bullet_item, make_pdf, text_width, wrap_lines

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


# ---------------------------------------------------------------------------
# Hazards of PDFs made by common tools (issue 11): each drawn as the tool draws it.


def abutting(pieces: list[tuple[str, str]], x: float, y: float, size: float = 10.5) -> list[Run]:
    """Runs drawn one after another, each starting exactly where the one before ends (no gap)."""
    out = []
    for font, text in pieces:
        out.append(Run(text, x, y, size=size, font=font))
        x += text_width(text, size, "bold" if font == "bold" else "body")
    return out


@pytest.mark.parametrize("kind", ["disc", "circle", "square", "dash"])
def test_bullets_drawn_as_paths(tmp_path: Path, kind: str) -> None:
    # Chromium draws CSS list markers (disc, circle, square) as vector shapes, not characters.
    page = [
        heading("1. Be accountable", TOP),
        *wrap_lines(["Members must:"], 56, TOP - 24),
        Marker(64, TOP - 42 + 3.2, kind=kind),
        *wrap_lines(["report mistakes promptly to the", "right person"], 74, TOP - 42),
        Marker(64, TOP - 72 + 3.2, kind=kind),
        *wrap_lines(["accept fair scrutiny of decisions"], 74, TOP - 72),
    ]
    doc = extract(tmp_path, [page])
    assert texts(doc) == {"COC-1.1": "report mistakes promptly to the right person", "COC-1.2": "accept fair scrutiny of decisions"}
    assert doc.sections[0].intro == "Members must:"


def test_word_gaps_follow_glyph_advances_in_a_subset_font(tmp_path: Path) -> None:
    # Subset fonts (Chromium, Typst, LibreOffice) key widths by glyph code; a ligature
    # or a kerned quote drawn as its own run must not open a space inside a word.
    line = abutting(
        [("coded", "respect other people"), ("coded", "’"), ("coded", "s con"), ("coded", "ﬁ"), ("coded", "dential “Standards"),
         ("coded", "”"), ("coded", " and in"), ("coded", "ﬂ"), ("coded", "uence")],
        72, TOP - 30,
    )
    page = [heading("1. Respect privacy", TOP), Run("•", 60, TOP - 30), *line]
    assert texts(extract(tmp_path, [page])) == {
        "COC-1.1": "respect other people’s confidential “Standards” and influence",
    }


def test_inline_font_change_continues_the_line(tmp_path: Path) -> None:
    # An inline bold word: one BT, a Tf switch, no new position; pypdf reports every piece at the line's start.
    page = [
        heading("1. Be fair", TOP),
        Run("•", 60, TOP - 30),
        Inline((("body", "treat every resident "), ("bold", "fairly"), ("body", " and with respect")), 72, TOP - 30),
    ]
    assert texts(extract(tmp_path, [page])) == {"COC-1.1": "treat every resident fairly and with respect"}


def test_soft_hyphens_drawn_by_a_browser_leave_no_space(tmp_path: Path) -> None:
    page = [
        heading("1. Act with integrity", TOP),
        Run("•", 60, TOP - 30),
        SoftHyphen(("act with integ", "rity and hon", "esty towards res", "id", "ents"), 72, TOP - 30),
    ]
    assert texts(extract(tmp_path, [page])) == {"COC-1.1": "act with integrity and honesty towards residents"}


def test_line_end_hyphens_kept_in_compounds_removed_in_split_words(tmp_path: Path) -> None:
    items = [
        ["support staff working out-", "of-hours and their well-", "being at work"],
        ["promote diver-", "sity and take respon-", "sibility for decision-", "making"],
        ["keep records up-", "to-date and con-", "fidential"],
    ]
    page = [heading("1. Support colleagues", TOP)]
    for n, lines in enumerate(items):
        page += bullet_item(lines, 60, 72, TOP - 30 - n * 60)
    assert texts(extract(tmp_path, [page])) == {
        "COC-1.1": "support staff working out-of-hours and their well-being at work",
        "COC-1.2": "promote diversity and take responsibility for decision-making",
        "COC-1.3": "keep records up-to-date and confidential",
    }


def test_wrapped_bullet_lines_at_any_hanging_indent(tmp_path: Path) -> None:
    page = [
        heading("1. Respect", TOP),
        # Typst: wrapped lines hang left of the first line's wording.
        Run("•", 60, TOP - 30), Run("treat every resident with courtesy and", 74, TOP - 30),
        Run("fairness in every dealing", 67, TOP - 43),
        # A CSS ::before marker: the wrapped line goes back under the dash.
        Run("– listen carefully to complaints and", 60, TOP - 60),
        Run("acknowledge mistakes", 60, TOP - 73),
        Run("– keep confidential information safe", 60, TOP - 90),
    ]
    assert texts(extract(tmp_path, [page])) == {
        "COC-1.1": "treat every resident with courtesy and fairness in every dealing",
        "COC-1.2": "listen carefully to complaints and acknowledge mistakes",
        "COC-1.3": "keep confidential information safe",
    }


def test_shaded_callout_in_a_subset_font_is_an_aside(tmp_path: Path) -> None:
    # A LibreOffice one-cell table with shading: a filled rectangle fitting closely around
    # text in a subset font (widths keyed by glyph code).
    callout = ["Case study: if a tenant still will not fill in it all,", "tell them it is still their right to visit the office."]
    inner = max(text_width(t, 10.5) for t in callout)
    page = [
        heading("1. Customer focus", TOP),
        *bullet_item(["listen to residents"], 60, 72, TOP - 30),
        Box(52, TOP - 95, inner + 10, 40, fill_grey=0.85),
        Run(callout[0], 57, TOP - 72, font="coded"),
        Run(callout[1], 57, TOP - 86, font="coded"),
        heading("2. Working together", TOP - 130),
        *bullet_item(["share knowledge with colleagues"], 60, 72, TOP - 160),
    ]
    doc = extract(tmp_path, [page])
    assert texts(doc) == {"COC-1.1": "listen to residents", "COC-2.1": "share knowledge with colleagues"}
    assert doc.sections[0].asides == (" ".join(callout),)


def test_section_numbers_past_99(tmp_path: Path) -> None:
    pages = []
    for first in range(1, 106, 14):
        page = []
        for n in range(first, min(first + 14, 106)):
            y = TOP - (n - first) * 46
            page += [heading(f"{n}. Standard {n}", y), *bullet_item([f"meet standard {n}"], 60, 72, y - 24)]
        pages.append(page)
    doc = extract(tmp_path, pages)
    assert [s.number for s in doc.sections] == [str(n) for n in range(1, 106)]
    assert doc.clauses[-1].id == "COC-105.1"
    assert doc.clauses[-1].text == "meet standard 105"


def test_contents_page_is_not_taken_for_sections(tmp_path: Path) -> None:
    contents = [
        Run("Contents", 56, TOP, size=15, font="bold"),
        Run("1. Act with integrity .................... 2", 56, TOP - 30, font="bold"),
        Run("2. Be accountable ........................ 2", 56, TOP - 46, font="bold"),
        Run("3. Respect others ........................ 3", 56, TOP - 62, font="bold"),
    ]
    body = [
        heading("1. Act with integrity", TOP), *bullet_item(["be honest"], 60, 72, TOP - 30),
        heading("2. Be accountable", TOP - 60), *bullet_item(["own mistakes"], 60, 72, TOP - 90),
        heading("3. Respect others", TOP - 120), *bullet_item(["listen first"], 60, 72, TOP - 150),
    ]
    doc = extract(tmp_path, [contents, body])
    assert [(s.number, s.title, s.page) for s in doc.sections] == [
        ("1", "Act with integrity", 2), ("2", "Be accountable", 2), ("3", "Respect others", 2),
    ]
    assert texts(doc) == {"COC-1.1": "be honest", "COC-2.1": "own mistakes", "COC-3.1": "listen first"}


def test_section_number_in_its_own_box_and_dash_questions(tmp_path: Path) -> None:
    page = [
        heading("1. Values", TOP), *bullet_item(["act with integrity"], 60, 72, TOP - 30),
        Box(56, TOP - 86, 22, 22, fill_grey=0.3),
        Run("2", 62, TOP - 80, size=15, font="bold"),
        Run("Reflective questions", 96, TOP - 80, size=15, font="bold"),
        Run("– Have I explained my decision to the resident?", 60, TOP - 110),
        Run("– Would I be comfortable if my manager saw this?", 60, TOP - 126),
    ]
    doc = extract(tmp_path, [page], code="COE")
    assert [(s.number, s.title) for s in doc.sections] == [("1", "Values"), ("2", "Reflective questions")]
    assert texts(doc) == {
        "COE-1.1": "act with integrity",
        "COE-2.1": "Have I explained my decision to the resident?",
        "COE-2.2": "Would I be comfortable if my manager saw this?",
    }


def test_bullet_at_an_unassigned_winansi_code(tmp_path: Path) -> None:
    # A "•" written as 0x7F in a WinAnsi standard-14 font: drawn as a bullet, read back as "\x7f".
    page = [
        heading("1. Be accountable", TOP),
        *bullet_item(["report mistakes promptly"], 60, 72, TOP - 30, bullet="\x7f"),
        *bullet_item(["accept fair scrutiny"], 60, 72, TOP - 46, bullet="\x7f"),
    ]
    assert texts(extract(tmp_path, [page])) == {"COC-1.1": "report mistakes promptly", "COC-1.2": "accept fair scrutiny"}


def test_one_list_under_a_lead_in_is_an_implicit_section(tmp_path: Path) -> None:
    items = [f"uphold standard number {n} in all their work" for n in range(1, 11)]
    page = [
        Run("Code of personal and professional conduct", 56, TOP, size=20, font="bold"),
        *wrap_lines(["CIH members must:"], 56, TOP - 40),
    ]
    for n, item in enumerate(items):
        page += bullet_item([item], 60, 72, TOP - 64 - n * 18)
    doc = extract(tmp_path, [page])
    (section,) = doc.sections
    assert (section.number, section.intro) == ("", "CIH members must:")
    assert [(c.id, c.text) for c in doc.clauses] == [(f"COC-{n}", t) for n, t in enumerate(items, start=1)]


def test_no_sections_and_no_list_is_refused(tmp_path: Path) -> None:
    page = wrap_lines(["Minutes of the housing committee.", "The committee noted the report."], 56, TOP)
    with pytest.raises(HandbookError, match=r"no numbered sections and no bulleted list of clauses found in 1 page\(s\)"):
        extract(tmp_path, [page])


def test_a_gap_in_section_numbering_stops_naming_the_page(tmp_path: Path) -> None:
    pages = [
        [heading("1. One", TOP), *bullet_item(["a"], 60, 72, TOP - 30), heading("2. Two", TOP - 60), *bullet_item(["b"], 60, 72, TOP - 90)],
        [heading("4. Four", TOP), *bullet_item(["d"], 60, 72, TOP - 30)],
    ]
    with pytest.raises(HandbookError) as caught:
        extract(tmp_path, pages)
    assert str(caught.value) == (
        f"{tmp_path / 'doc.pdf'}: page 2: section 4 follows section 2, so section 3 was not found; "
        "check that heading in the PDF (is it styled like the other headings?), or report the layout with the file"
    )
