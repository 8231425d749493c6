"""Extraction rules that a one-line change would break without another test noticing.

Each test pins one rule through the public functions (`join_wrapped`,
`parse_document`) on input generated here: numbers before a line-end hyphen,
a section is a question list only when every item is a question, running
headers that alternate between left and right pages are still removed, a
column gutter keeps level lines of two columns apart (also when a shared
baseline grid leaves no right-column line alone to show it), a soft hyphen drawn
apart at a justified line's end ends its word, and an unnumbered heading above
a document's only list leaves it one implicit section.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfWriter, Transformation
from pypdf.generic import NameObject, NumberObject, RectangleObject

from handbook.errors import HandbookError
from handbook.extract import parse_document
from handbook.lines import Lexicon, join_wrapped
from handbook.pdf_layout import Line, read_layout
from handbook.pdf_layout import Run as PdfRun
from pdf_factory import Box, CairoText, Glyphs, Ligature, Marker, PenText, Run, TJRun, bullet_item, make_pdf, text_width, wrap_lines

TOP = 780.0


def heading(text: str, y: float, x: float = 56) -> Run:
    return Run(text, x, y, size=15, font="bold")


def test_a_hyphen_after_a_number_is_kept_when_lines_are_joined() -> None:
    assert join_wrapped("open for 24-", "hour repairs") == "open for 24-hour repairs"
    assert join_wrapped("a 2-", "year term") == "a 2-year term"
    # The same break after a word is a hyphenation and is undone.
    assert join_wrapped("the profes-", "sional body") == "the professional body"


def joined(head: str, tail: str) -> str:
    """A word hyphenated at a line end, joined with a lexicon of no document words: the word list decides."""
    return join_wrapped(f"they {head}-", f"{tail} it", Lexicon([]))


def test_a_prefix_split_from_its_word_at_a_line_end_is_rejoined() -> None:
    """A word hyphenated after a letter group that is also a compound's prefix ("ex-", "part-",
    "self-") is one word when the rest is no word of its own and the two together are; a real
    compound of such a prefix keeps its hyphen."""
    assert joined("ex", "plaining") == "they explaining it"
    assert joined("part", "ner") == "they partner it"
    assert joined("self", "ish") == "they selfish it"
    assert joined("ex", "partner") == "they ex-partner it"
    assert joined("co", "operate") == "they co-operate it"
    assert joined("long", "term") == "they long-term it"


def test_a_word_split_before_an_ending_at_a_line_end_is_rejoined() -> None:
    """The rest of a word after a line-end hyphen that is an ending ("-ed", "-est", "-able") is no word
    of a compound, though the word list lists it as one ("ed", "est", "able"): "record-" + "ed" is
    "recorded" when that is a word; "record-keeping" keeps its hyphen."""
    assert joined("record", "ed") == "they recorded it"
    assert joined("person", "able") == "they personable it"
    assert joined("high", "est") == "they highest it"
    assert joined("record", "keeping") == "they record-keeping it"
    assert joined("self", "employed") == "they self-employed it"


def test_a_line_end_hyphen_follows_how_the_document_writes_another_form_of_the_word() -> None:
    """A prefix split whose rest is a word too ("ex-ample", "pre-vent", "up-date") is one word when the
    document writes another form of the whole word elsewhere ("examples", "prevention", "updated");
    with no such evidence the hyphen stays, as in "co-operate" here (the word list cannot tell
    "ex-ample" from "co-operate")."""
    texts = [
        "see the examples in the annex to this code",
        "harm prevention is part of every visit made",
        "records are updated every week by the team",
        "they work in co-operation with other bodies",
    ]
    lexicon = Lexicon([Line(runs=(PdfRun(t, 56, 700 - 14 * n, 10.5, "Helvetica", 200),), page=1) for n, t in enumerate(texts)])

    def joined(head: str, tail: str, lexicon: Lexicon = lexicon) -> str:
        return join_wrapped(f"they {head}-", f"{tail} it", lexicon)

    assert joined("ex", "ample") == "they example it"
    assert joined("pre", "vent") == "they prevent it"
    assert joined("up", "date") == "they update it"
    assert joined("co", "operate") == "they co-operate it"
    assert joined("ex", "ample", Lexicon([])) == "they ex-ample it"


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


def _column_items(
    items: list[list[str]], x_bullet: float, y_top: float, leading: float = 13.0, indent: float = 12
) -> tuple[list[Run], float]:
    """Bulleted items one under another; returns the runs and the baseline below the last."""
    runs: list[Run] = []
    y = y_top
    for lines in items:
        runs += bullet_item(lines, x_bullet, x_bullet + indent, y, leading=leading)
        y -= leading * len(lines) + 4
    return runs, y


def test_a_column_gutter_keeps_a_left_line_apart_from_a_right_heading_on_its_baseline(tmp_path: Path) -> None:
    """Two columns: a left-column line ending 12pt before the right column, on the baseline of a
    right-column heading, is close enough to be taken for one line with it (under two ems); the gutter
    the page's other lines show keeps them apart."""
    left = [
        ["keep confidential information safe and", "use it only for its proper purpose"],
        ["admit mistakes early and put them right"],
        ["declare a conflict of interest straight away", "before it can affect a decision, and step back"],
    ]
    right_top = [["plan work so that urgent repairs and", "emergencies are dealt with first"], ["finish what you start"]]
    right_bottom = [["treat every resident with courtesy"], ["listen before deciding what to do"]]
    column = 288
    left_runs, _ = _column_items(left, 56, TOP - 24)
    right_runs, below = _column_items(right_top, column + 2, TOP - 24)
    # The right column's next heading sits on the baseline of the left column's last wrapped line.
    baseline = left_runs[-1].y
    assert below > baseline
    more, _ = _column_items(right_bottom, column + 2, baseline - 24)
    # That left line ends about 12pt short of the right column: less than two ems of the heading.
    assert column - 13 < 68 + text_width(left[-1][-1], 10.5) < column - 6
    page = [
        heading("1. Integrity", TOP), heading("2. Reliability", TOP, x=column), *left_runs, *right_runs,
        heading("3. Respect", baseline, x=column), *more,
    ]
    doc = parse_document(make_pdf([page], tmp_path / "doc.pdf"), code="COC", kind="code")
    assert [(s.number, s.title) for s in doc.sections] == [("1", "Integrity"), ("2", "Reliability"), ("3", "Respect")]
    assert {c.id: c.text for c in doc.clauses} == {
        "COC-1.1": "keep confidential information safe and use it only for its proper purpose",
        "COC-1.2": "admit mistakes early and put them right",
        "COC-1.3": "declare a conflict of interest straight away before it can affect a decision, and step back",
        "COC-2.1": "plan work so that urgent repairs and emergencies are dealt with first",
        "COC-2.2": "finish what you start",
        "COC-3.1": "treat every resident with courtesy",
        "COC-3.2": "listen before deciding what to do",
    }


def test_a_soft_hyphen_glyph_drawn_apart_at_a_justified_line_end_ends_its_word(tmp_path: Path) -> None:
    """Justified text stretches its word gaps (TJ offsets the run's glyph widths do not show), so a
    hyphen drawn as a glyph of its own that reads as U+00AD stands further from the words before it
    than their widths add up to: it still ends the word, which goes on on the next line."""
    words = ("understands", -1500, "how", -1500, "housing", -1500, "af")
    end = 72 + text_width("understandshowhousingaf", 10.5) + 3 * (1.5 + 0.278) * 10.5
    page = [
        heading("1. Knowledge", TOP),
        Run("•", 60, TOP - 30), TJRun(words, 72, TOP - 30), Run("\u00ad", end, TOP - 30),
        Run("fects health and life chances", 72, TOP - 43),
        *bullet_item(["keeps up to date with the law"], 60, 72, TOP - 60),
    ]
    doc = parse_document(make_pdf([page], tmp_path / "doc.pdf"), code="COC", kind="code")
    assert [c.text for c in doc.clauses] == [
        "understands how housing affects health and life chances",
        "keeps up to date with the law",
    ]


def _cover_and_list(tmp_path: Path, *, heading_text: str, items: list[str]) -> Path:
    """A cover (title, and a publisher line larger than the text), then a page of one list under a lead-in."""
    cover = [
        Run("Code of personal and professional conduct", 56, 600, size=26, font="bold"),
        Run(heading_text, 56, 570, size=11),
        Run("Approved by the board", 56, 520, size=9),
    ]
    page = [
        *wrap_lines(["Membership brings responsibilities as well as benefits."], 56, TOP, size=9),
        Run("Members must:", 56, TOP - 20, size=9, font="bold"),
    ]
    for n, item in enumerate(items):
        page += bullet_item([item], 58, 70, TOP - 36 - n * 14, size=9)
    return make_pdf([cover, page], tmp_path / "doc.pdf")


def test_an_unnumbered_heading_above_the_only_list_leaves_it_one_implicit_section(tmp_path: Path) -> None:
    """No numbered heading anywhere, one list under a lead-in: the clauses are COC-1 … COC-n even though
    a line on the cover, set larger than the text, reads as an unnumbered heading above them."""
    items = [f"uphold standard number {n} in all their work" for n in range(1, 7)]
    doc = parse_document(_cover_and_list(tmp_path, heading_text="Chartered Institute of Housing", items=items), code="COC", kind="code")
    (section,) = doc.sections
    assert (section.number, section.intro) == ("", "Members must:")
    assert [(c.id, c.text) for c in doc.clauses] == [(f"COC-{n}", t) for n, t in enumerate(items, 1)]
    assert "Chartered Institute of Housing" in doc.intro and "Membership brings responsibilities" in doc.intro


def test_only_questions_under_an_unnumbered_heading_stay_a_question_section(tmp_path: Path) -> None:
    items = [f"have I checked question number {n} with a colleague?" for n in range(1, 4)]
    doc = parse_document(_cover_and_list(tmp_path, heading_text="Reflective questions", items=items), code="COE", kind="code")
    assert [c.id for c in doc.clauses] == ["COE-Q1", "COE-Q2", "COE-Q3"]


@pytest.mark.parametrize("gutter", [9, 14])
def test_two_columns_on_one_baseline_grid_are_kept_apart(tmp_path: Path, gutter: float) -> None:
    """Justified columns on a shared baseline grid: every left line runs to the column's edge and has a
    right-column line level with it, under two ems away, so few or no right-column lines stand alone
    to show the second column (9pt: none; 14pt: only its wrapped lines, not its bullets). The merged
    lines themselves show it: each breaks, at one x, between runs the PDF drew apart (the left column
    first, then the right)."""
    # Each left line holds the same words, so all end at the same x, as justified lines do.
    left = [
        ["keep records safe and share them lawfully", "share records lawfully and keep them safe"],
        ["keep them safe and share records lawfully", "share them lawfully and keep records safe"],
        ["and keep them safe share records lawfully", "keep records safe and share them lawfully"],
    ]
    right = [["plan urgent repairs first", "and finish what you start"], ["treat residents with courtesy", "and listen before deciding"],
             ["answer letters on time", "and say who is dealing"]]
    end = 68 + text_width(left[0][0], 10.5)
    assert all(68 + text_width(line, 10.5) == end for item in left for line in item)
    column = end + gutter
    left_runs, _ = _column_items(left, 56, TOP - 24)
    right_runs, _ = _column_items(right, column, TOP - 24, indent=10)
    assert sorted(r.y for r in left_runs if r.text != "•") == sorted(r.y for r in right_runs if r.text != "•")
    page = [heading("1. Integrity", TOP), heading("2. Reliability", TOP, x=column), *left_runs, *right_runs]
    doc = parse_document(make_pdf([page], tmp_path / "doc.pdf"), code="COC", kind="code")
    assert {c.id: c.text for c in doc.clauses} == {
        **{f"COC-1.{n}": " ".join(item) for n, item in enumerate(left, 1)},
        **{f"COC-2.{n}": " ".join(item) for n, item in enumerate(right, 1)},
    }


def test_a_lead_in_set_as_large_as_a_heading_still_leads_in_the_only_list(tmp_path: Path) -> None:
    items = [f"uphold standard number {n} in all their work" for n in range(1, 5)]
    page = [Run("Code of personal and professional conduct", 56, TOP, size=22, font="bold"), Run("CIH members must:", 56, TOP - 40, size=13, font="bold")]
    for n, item in enumerate(items):
        page += bullet_item([item], 58, 70, TOP - 60 - n * 14, size=9)
    doc = parse_document(make_pdf([page], tmp_path / "doc.pdf"), code="COC", kind="code")
    (section,) = doc.sections
    assert (section.number, section.intro) == ("", "CIH members must:")
    assert [(c.id, c.text) for c in doc.clauses] == [(f"COC-{n}", t) for n, t in enumerate(items, 1)]


def test_text_drawn_on_from_the_pen_after_a_ligature_span_keeps_its_place(tmp_path: Path) -> None:
    """Chromium draws a ligature inside a word as its own glyph in an ActualText span and the rest of
    the word from the pen, with no new position. pypdf does not move the text matrix by the glyphs
    shown, so positions come from the glyphs' widths: the ligature and the letters after it stay in
    the word, and a word after a space stays a word of its own."""
    top = TOP - 30
    page = [
        heading("1. Interests", TOP),
        Run("•", 60, top),
        PenText((("declare any con", None), ("\ufb02", "fl"), ("ict of interest in any ", None), ("\ufb01", "fi"),
                 ("nal decision", None)), 72, top),
        *bullet_item(["keeps up to date with the law"], 60, 72, top - 17),
    ]
    doc = parse_document(make_pdf([page], tmp_path / "doc.pdf"), code="COC", kind="code")
    assert [c.text for c in doc.clauses] == [
        "declare any conflict of interest in any final decision",
        "keeps up to date with the law",
    ]


def test_a_heading_in_a_face_bold_only_by_its_weight_is_a_heading(tmp_path: Path) -> None:
    """Chromium embeds some OpenType faces as Type 3 fonts named by their descriptor ("LinLibertineOB"):
    the name does not say bold, the descriptor's /FontWeight 700 does. A numbered line in that face,
    barely larger than the text, heads a section."""
    page = [
        Run("Characteristic 1: Trustworthy", 56, TOP, size=12, font="weighted"),
        *bullet_item(["does what they said they would do"], 60, 72, TOP - 22),
        *bullet_item(["declares a conflict of interest"], 60, 72, TOP - 38),
        Run("Characteristic 2: Inclusive", 56, TOP - 70, size=12, font="weighted"),
        *bullet_item(["removes barriers that stop people using services"], 60, 72, TOP - 92),
    ]
    doc = parse_document(make_pdf([page], tmp_path / "doc.pdf"), code="PSF", kind="framework")
    assert [(s.number, s.title) for s in doc.sections] == [("1", "Trustworthy"), ("2", "Inclusive")]
    assert {c.id: c.text for c in doc.clauses} == {
        "PSF-1.1": "does what they said they would do",
        "PSF-1.2": "declares a conflict of interest",
        "PSF-2.1": "removes barriers that stop people using services",
    }


def _headed_column(
    x: float, sections: list[tuple[str, list[list[str]]]], *, top: float = TOP, bullet: float = 22, text: float = 36,
    leading: float = 15, size: float = 10.5,
) -> list[Run]:
    """A column of sections: a 16pt bold heading at x, then bulleted items (bullet and wording indented)."""
    runs: list[Run] = []
    y = top
    for title, items in sections:
        runs.append(Run(title, x, y, size=16, font="bold"))
        y -= 26
        for lines in items:
            runs += bullet_item(lines, x + bullet, x + text, y, leading=leading, size=size)
            y -= leading * len(lines) + 5
        y -= 12
    return runs


def test_a_right_column_whose_headings_stand_left_of_its_indented_list_is_read_after_the_left_column(tmp_path: Path) -> None:
    """Two columns whose headings stand at the column's edge and whose bullets are indented under them,
    wrapped lines further in (most lines start there). The headings, 40pt left of that commonest start,
    still belong to the right column: its edge is where two or more of its lines start, right of every
    left-column line level with them. Headings larger than the text put the columns' lines at
    different heights, so a heading taken for the left column lands inside the left column's list."""
    column = _headed_column
    left = column(56, [
        ("1. Trustworthy", [["does what they said they would", "do, when they said they would"], ["declares a conflict of", "interest before it can affect", "a decision"]]),
        ("2. Inclusive", [["removes barriers that stop", "people from using services"], ["offers information in formats", "that people can use"]]),
    ])
    right = column(310, [
        ("3. Effective", [["plans work so that urgent", "repairs are dealt with first"], ["uses data to find problems", "before they become complaints"]]),
        ("4. Reflective", [["asks residents for feedback", "and acts on what they hear"], ["records what difference", "their development made"]]),
    ])
    doc = parse_document(make_pdf([left + right], tmp_path / "doc.pdf"), code="PSF", kind="framework")
    assert [s.number for s in doc.sections] == ["1", "2", "3", "4"]
    assert {c.id: c.text for c in doc.clauses} == {
        "PSF-1.1": "does what they said they would do, when they said they would",
        "PSF-1.2": "declares a conflict of interest before it can affect a decision",
        "PSF-2.1": "removes barriers that stop people from using services",
        "PSF-2.2": "offers information in formats that people can use",
        "PSF-3.1": "plans work so that urgent repairs are dealt with first",
        "PSF-3.2": "uses data to find problems before they become complaints",
        "PSF-4.1": "asks residents for feedback and acts on what they hear",
        "PSF-4.2": "records what difference their development made",
    }


@pytest.mark.parametrize("fuller", ["middle", "right"])
def test_three_columns_are_read_one_after_another_and_each_gutter_keeps_level_lines_apart(tmp_path: Path, fuller: str) -> None:
    """A three-column grid: the page splits into a left part and a right column, and the left part
    (read as a page as wide as it) into two columns again, or the other way round. A line ending
    about 10pt short of the next column, on the baseline of that column's heading, stays apart from
    it at both gutters: every gutter of the page keeps level lines apart, not only the first one found
    (the column with the most lines at one start is found first: the middle one, or the right one)."""
    extra = [["treats every resident", "with courtesy"], ["listens before deciding", "what to do"]]
    first = _headed_column(40, [
        ("1. Trustworthy", [["does what they said they would do", "when they said they would"], ["admits mistakes early and", "puts them right"],
                            ["keeps information safe", "and uses it properly"]]),
        ("2. Inclusive", [["removes barriers that stop people", "from using all our services equally well"], ["offers information in formats", "that people can use"]]),
    ], bullet=4, text=14)
    middle = _headed_column(250, [
        ("3. Effective", [["plans work so that urgent", "repairs are dealt with first"], ["uses data to find problems", "before they become complaints"],
                          *(extra if fuller == "middle" else [])]),
        ("4. Knowledgeable", [["keeps up to date with changes", "in housing law and in its regulation"]]),
    ], top=TOP - 4, bullet=4, text=14, leading=13)
    right = _headed_column(440, [
        ("5. Reflective", [["asks residents for feedback", "and acts on what they hear"], ["records what difference", "their development made"],
                           *(extra if fuller == "right" else [])]),
        ("6. Courageous", [["gives honest advice to", "senior colleagues"]]),
    ], top=TOP - 8, bullet=4, text=14, leading=14)

    def level_with(column: list[Run], number: str, line: Run) -> list[Run]:
        """The column with its heading `number` moved down onto `line`'s baseline, and what follows it by as much."""
        at = next(n for n, r in enumerate(column) if r.text.startswith(number))
        shift = line.y - column[at].y
        assert shift <= 0
        return column[:at] + [Run(r.text, r.x, r.y + shift, size=r.size, font=r.font) for r in column[at:]]

    left_line = next(r for r in first if r.text.startswith("from using"))
    middle = level_with(middle, "4.", left_line)
    middle_line = next(r for r in middle if r.text.startswith("in housing law"))
    right = level_with(right, "6.", middle_line)
    for line, column in ((left_line, 250), (middle_line, 440)):
        assert 0 < column - (line.x + text_width(line.text, 10.5)) < 21  # closer than two ems of the heading
    doc = parse_document(make_pdf([first + middle + right], tmp_path / "doc.pdf"), code="PSF", kind="framework")
    assert [s.number for s in doc.sections] == ["1", "2", "3", "4", "5", "6"]
    more = {"PSF-3.3": "treats every resident with courtesy", "PSF-3.4": "listens before deciding what to do"}
    assert {c.id: c.text for c in doc.clauses} == {
        "PSF-1.1": "does what they said they would do when they said they would",
        "PSF-1.2": "admits mistakes early and puts them right",
        "PSF-1.3": "keeps information safe and uses it properly",
        "PSF-2.1": "removes barriers that stop people from using all our services equally well",
        "PSF-2.2": "offers information in formats that people can use",
        "PSF-3.1": "plans work so that urgent repairs are dealt with first",
        "PSF-3.2": "uses data to find problems before they become complaints",
        **(more if fuller == "middle" else {}),
        "PSF-4.1": "keeps up to date with changes in housing law and in its regulation",
        "PSF-5.1": "asks residents for feedback and acts on what they hear",
        "PSF-5.2": "records what difference their development made",
        **({k.replace("3.", "5."): v for k, v in more.items()} if fuller == "right" else {}),
        "PSF-6.1": "gives honest advice to senior colleagues",
    }


def test_a_second_column_starting_at_a_third_of_the_page_is_a_column(tmp_path: Path) -> None:
    """A three-column grid with only two columns filled: the second starts at about a third of the
    page's width (here 200pt of 595), left of its middle, and is still read after the first."""
    first = _headed_column(40, [
        ("1. Trustworthy", [["does what they said", "they would do"], ["declares a conflict", "of interest early"]]),
        ("2. Inclusive", [["removes barriers that", "stop people using services"]]),
    ], bullet=4, text=14)
    second = _headed_column(200, [
        ("3. Effective", [["plans work so that", "urgent repairs come first"], ["uses data to find", "problems early"]]),
        ("4. Reflective", [["asks residents for", "feedback and acts on it"]]),
    ], top=TOP - 6, bullet=4, text=14, leading=13)
    doc = parse_document(make_pdf([first + second], tmp_path / "doc.pdf"), code="PSF", kind="framework")
    assert {c.id: c.text for c in doc.clauses} == {
        "PSF-1.1": "does what they said they would do",
        "PSF-1.2": "declares a conflict of interest early",
        "PSF-2.1": "removes barriers that stop people using services",
        "PSF-3.1": "plans work so that urgent repairs come first",
        "PSF-3.2": "uses data to find problems early",
        "PSF-4.1": "asks residents for feedback and acts on it",
    }


def test_justified_text_stretched_past_two_ems_in_a_narrow_column_stays_one_line(tmp_path: Path) -> None:
    """A justified line in a narrow column may stretch one word gap to three ems; the text drawn right
    after the line's last run, on its baseline, goes on with it: one line, not a second line starting
    mid-column (which a page with columns would take for the start of another column)."""
    gap = 30  # between two and four ems of 10.5pt text
    start = "understands how"
    page = [
        heading("1. Knowledgeable", TOP),
        Run("•", 60, TOP - 30),
        Run(start, 72, TOP - 30),
        Run("housing affects health", 72 + text_width(start, 10.5) + gap, TOP - 30),
        *bullet_item(["knows the local services"], 60, 72, TOP - 46),
    ]
    _, pages = read_layout(make_pdf([page], tmp_path / "doc.pdf"))
    assert [ln.text for ln in pages[0].lines] == [
        "1. Knowledgeable", "• understands how housing affects health", "• knows the local services",
    ]
    # Text drawn apart, not right after the line's last run, at that distance is not the same line.
    page[3], page[4] = page[4], page[3]
    _, pages = read_layout(make_pdf([page], tmp_path / "apart.pdf"))
    assert [ln.text for ln in pages[0].lines][:3] == ["1. Knowledgeable", "• understands how", "housing affects health"]


def test_a_column_beside_a_one_page_documents_title_may_start_above_its_baseline(tmp_path: Path) -> None:
    """A one-page document's running header is what stands above its title; a column set beside a large
    title starts higher than the title's baseline (not above its letters) and is no header."""
    page = [
        Run("SAMPLE header line", 400, 815, size=8),
        Run("Framework", 40, TOP, size=30, font="bold"),
        *_headed_column(40, [
            ("1. Trustworthy", [["does what they said", "they would do"], ["declares a conflict", "of interest early"]]),
            ("2. Inclusive", [["removes barriers that", "stop people using services"]]),
        ], top=TOP - 40, bullet=4, text=14),
        *bullet_item(["finishes what they start and", "hands over cleanly"], 304, 318, TOP + 14),
        *_headed_column(300, [
            ("3. Effective", [["plans work so that", "urgent repairs come first"], ["uses data to find", "problems early"]]),
            ("4. Reflective", [["asks residents for", "feedback and acts on it"]]),
        ], top=TOP - 34, bullet=4, text=14, leading=13),
    ]
    doc = parse_document(make_pdf([page], tmp_path / "doc.pdf"), code="PSF", kind="framework")
    assert {c.id: c.text for c in doc.clauses} == {
        "PSF-1.1": "does what they said they would do",
        "PSF-1.2": "declares a conflict of interest early",
        "PSF-2.1": "removes barriers that stop people using services",
        "PSF-2.2": "finishes what they start and hands over cleanly",
        "PSF-3.1": "plans work so that urgent repairs come first",
        "PSF-3.2": "uses data to find problems early",
        "PSF-4.1": "asks residents for feedback and acts on it",
    }


def test_a_bullet_set_larger_than_its_text_leaves_the_line_its_texts_size(tmp_path: Path) -> None:
    """A design with big bullet dots (16pt beside 10.5pt text): a line's size is its wording's, so
    the text's size is the body size, and a 12pt heading at the top of a page is a heading, not a
    running header smaller than the body."""
    pages = []
    for n, items in ((1, ["act with honesty and integrity at all times", "keep accurate records of visits and calls"]),
                     (2, ["treat every resident with courtesy and respect", "explain decisions in plain language"])):
        page = [Run(f"{n}. Principle number {n}", 56, 790, size=12, font="bold")]
        for k, item in enumerate(items):
            y = 760 - 22 * k
            page += [Run("•", 58, y - 2, size=16), Run(item, 74, y)]
        pages.append(page)
    doc = parse_document(make_pdf(pages, tmp_path / "doc.pdf"), code="COC", kind="code")
    assert [(s.number, s.title) for s in doc.sections] == [("1", "Principle number 1"), ("2", "Principle number 2")]
    assert {c.id: c.text for c in doc.clauses} == {
        "COC-1.1": "act with honesty and integrity at all times",
        "COC-1.2": "keep accurate records of visits and calls",
        "COC-2.1": "treat every resident with courtesy and respect",
        "COC-2.2": "explain decisions in plain language",
    }


def test_items_labelled_in_sequence_are_a_list_whose_labels_are_bullets(tmp_path: Path) -> None:
    """Requirements labelled i., ii., iii. (set apart from their text, right-aligned, so their left
    edges differ) or 1), 2) (typed with their text) are list items, like bullets: each is a clause,
    without its label. A one-item list stands at the other lists' indent, or is an "a." set apart as
    a bullet is. A label-like word alone, out of sequence, is wording."""
    size = 12.0

    def labelled(labels: list[str], texts: list[list[str]], y: float, right: float = 70) -> list[Run]:
        runs: list[Run] = []
        for label, lines in zip(labels, texts, strict=True):
            runs.append(Run(label, right - text_width(label, size), y, size=size))  # right-aligned at `right`
            runs += wrap_lines(lines, right + 6, y, leading=15, size=size)
            y -= 15 * len(lines) + 4
        return runs

    assert text_width("ii.", size) - text_width("i.", size) > 2.5  # the labels' left edges are not one indent
    page = [
        Run("(a) is the rule this code begins with.", 56, TOP + 30, size=size),
        heading("1. Integrity", TOP),
        Run("Members must:", 56, TOP - 24, size=size),
        *labelled(["i.", "ii.", "iii."], [["act with honesty"], ["keep accurate records of", "visits and calls"], ["declare any interest"]], TOP - 42),
        heading("2. Respect", TOP - 150),
        Run("Members must:", 56, TOP - 174, size=size),
        *labelled(["a."], [["treat everyone with courtesy"]], TOP - 192, right=90),
        heading("3. Care", TOP - 240),
        Run("1) take care of money entrusted to them", 60, TOP - 264, size=size),
        Run("2) report a concern without delay", 60, TOP - 280, size=size),
        heading("4. Learning", TOP - 320),
        Run("1) keep their knowledge up to date", 60, TOP - 344, size=size),
    ]
    doc = parse_document(make_pdf([page], tmp_path / "doc.pdf"), code="COC", kind="code")
    assert {c.id: c.text for c in doc.clauses} == {
        "COC-1.1": "act with honesty",
        "COC-1.2": "keep accurate records of visits and calls",
        "COC-1.3": "declare any interest",
        "COC-2.1": "treat everyone with courtesy",
        "COC-3.1": "take care of money entrusted to them",
        "COC-3.2": "report a concern without delay",
        "COC-4.1": "keep their knowledge up to date",
    }
    assert [s.intro for s in doc.sections] == ["Members must:", "Members must:", "", ""]
    assert doc.intro == "(a) is the rule this code begins with."


def test_a_section_number_hung_in_the_margin_below_its_titles_baseline_heads_the_title(tmp_path: Path) -> None:
    """A large section number set in the margin sits a little lower than its title's baseline (20pt
    beside 14pt), so it comes after the title top to bottom; it is read first, as it is printed."""
    page = [Run("Code of Conduct", 40, TOP, size=28, font="bold")]
    for n, (title, item) in enumerate((("Integrity", "act with honesty"), ("Respect", "treat everyone with courtesy")), start=1):
        y = TOP - 60 - 90 * (n - 1)
        page += [
            Run(title, 100, y, size=14, font="bold"),
            Run(str(n), 40, y - 6, size=20, font="bold"),  # further from the title than two of its ems: a line of its own
            *bullet_item([item], 104, 116, y - 30),
            *bullet_item([f"{item} at all times"], 104, 116, y - 46),
        ]
    doc = parse_document(make_pdf([page], tmp_path / "doc.pdf"), code="COC", kind="code")
    assert [(s.number, s.title) for s in doc.sections] == [("1", "Integrity"), ("2", "Respect")]
    assert [c.id for c in doc.clauses] == ["COC-1.1", "COC-1.2", "COC-2.1", "COC-2.2"]


def test_headings_set_at_the_texts_size_a_number_badge_and_an_unnumbered_heading_after_a_list(tmp_path: Path) -> None:
    """Headings set run-in size (bold, as large as the text): the section's number in a badge beside its
    bold title (the badge's baseline a hair lower), and, after the last list, an unnumbered bold heading
    over the questions; neither is wording."""
    page = [Run("Code of Ethics", 56, TOP, size=24, font="bold")]
    y = TOP - 60  # a bare number in the page's top tenth would be a page number
    for n, title in ((1, "Honesty"), (2, "Fairness")):
        page += [Run(title, 90, y, font="bold"), Run(str(n), 60, y - 0.3, font="bold")]
        page += [Run(f"Members value {title.lower()}.", 56, y - 18)]
        page += [*bullet_item([f"show {title.lower()} in every decision"], 60, 72, y - 34)]
        page += [*bullet_item([f"speak up for {title.lower()}"], 60, 72, y - 50)]
        y -= 90
    page += [
        Run("Before you decide", 56, y, font="bold"),
        Run("Ask yourself:", 56, y - 18),
        *bullet_item(["Is it honest?"], 60, 72, y - 34, bullet="–"),
        *bullet_item(["Is it fair?"], 60, 72, y - 50, bullet="–"),
    ]
    doc = parse_document(make_pdf([page], tmp_path / "doc.pdf"), code="COE", kind="ethics")
    assert [(s.number, s.title, s.intro) for s in doc.sections] == [
        ("1", "Honesty", "Members value honesty."),
        ("2", "Fairness", "Members value fairness."),
        ("Q", "Before you decide", "Ask yourself:"),
    ]
    assert {c.id: c.text for c in doc.clauses} == {
        "COE-1.1": "show honesty in every decision",
        "COE-1.2": "speak up for honesty",
        "COE-2.1": "show fairness in every decision",
        "COE-2.2": "speak up for fairness",
        "COE-Q1": "Is it honest?",
        "COE-Q2": "Is it fair?",
    }


def test_number_labels_set_larger_than_their_text_and_touching_it_are_labels(tmp_path: Path) -> None:
    """reportlab's numbered lists set the labels 1. … 10. larger than the text (12pt beside 10.5pt),
    in runs of their own; "10." is wide enough to touch its text. Still a list of ten items."""
    items = [f"keep promise number {n} to every tenant" for n in range(1, 11)]
    intro = [f"Paragraph line {n} of the introduction, which says what membership of the Institute means." for n in range(1, 9)]
    page = [Run("Code of personal conduct", 56, TOP, size=24, font="bold"), *wrap_lines(intro, 56, TOP - 40)]
    page.append(Run("CIH members must:", 56, TOP - 160))
    for n, item in enumerate(items, start=1):
        y = TOP - 180 - 16 * (n - 1)
        label = f"{n}."
        page += [Run(label, 56, y, size=12), Run(item, max(72.0, 56 + text_width(label, 12)), y)]
    assert 56 + text_width("10.", 12) >= 72  # the widest label touches its text
    doc = parse_document(make_pdf([page], tmp_path / "doc.pdf"), code="COC", kind="code")
    assert [c.text for c in doc.clauses] == items
    assert [c.id for c in doc.clauses] == [f"COC-{n}" for n in range(1, 11)]


def test_a_right_column_of_two_wrapped_bullets_is_a_column(tmp_path: Path) -> None:
    """A right column holding only two wrapped bullets starts two lines at its bullets' x and two at its
    text's, a hanging indent further right: no one x has three lines, yet it is a column, read after
    the left one (WeasyPrint's two-column framework ends a page so)."""
    left = [
        heading("1. Integrity", TOP),
        *bullet_item(["acts honestly in every dealing"], 56, 68, TOP - 24),
        *bullet_item(["keeps the promises they make"], 56, 68, TOP - 41),
        heading("2. Courage", TOP - 58),
        Run("Members must:", 56, TOP - 72),
    ]
    right = [
        *bullet_item(["challenge unsafe or unfair practice,", "whoever is responsible for it"], 300, 312, TOP - 24),
        *bullet_item(["give honest advice to senior", "colleagues and board members"], 300, 312, TOP - 54),
    ]
    doc = parse_document(make_pdf([left + right], tmp_path / "doc.pdf"), code="COC", kind="code")
    assert [(s.number, s.title) for s in doc.sections] == [("1", "Integrity"), ("2", "Courage")]
    assert {c.id: c.text for c in doc.clauses} == {
        "COC-1.1": "acts honestly in every dealing",
        "COC-1.2": "keeps the promises they make",
        "COC-2.1": "challenge unsafe or unfair practice, whoever is responsible for it",
        "COC-2.2": "give honest advice to senior colleagues and board members",
    }


def test_the_rest_of_a_hyphenated_word_starting_the_next_line_is_not_taken_for_a_word(tmp_path: Path) -> None:
    """The document's own words vouch for a line-end hyphen; the fragment a hyphenated word leaves at
    the start of the next line ("plaining") is not one of them, so "ex-" + "plaining" is one word."""
    page = [
        heading("1. Service", TOP),
        *bullet_item(["give fair warning when they cannot, ex-", "plaining the reason and the next step"], 56, 68, TOP - 24),
        *bullet_item(["keep to agreed appointment times"], 56, 68, TOP - 54),
    ]
    doc = parse_document(make_pdf([page], tmp_path / "doc.pdf"), code="COC", kind="code")
    assert [c.text for c in doc.clauses] == [
        "give fair warning when they cannot, explaining the reason and the next step",
        "keep to agreed appointment times",
    ]


def test_a_box_overflowing_its_column_leaves_the_next_columns_lines_under_it_in_their_clauses(tmp_path: Path) -> None:
    """A shaded table too wide for the left column reaches over the right column. The right-column
    lines under it stand at the indent of the lines just above them, a line's spacing or a list
    item's spacing away: they go on with that text and stay in their clauses; only the box's own
    text, set in from its edge, is an aside."""
    left = [
        heading("1. Integrity", TOP),
        *bullet_item(["acts honestly in every dealing"], 56, 68, TOP - 24),
        *bullet_item(["keeps the promises they make"], 56, 68, TOP - 41),
        Run("Good practice: note every referral.", 64, TOP - 87),
        heading("2. Courage", TOP - 140),
        *bullet_item(["speaks up when something is wrong"], 56, 68, TOP - 164),
    ]
    # Right column: items two lines each, 24pt from one item's last line to the next item's bullet.
    right = [heading("3. Records", TOP, x=310)]
    items = [
        ["records what was agreed at every", "visit and shares it with the tenant"],
        ["keeps case notes factual and free", "of personal opinion at all times"],
        ["corrects a wrong record as soon as", "the mistake is found by anyone"],
        ["stores records only where the policy", "says they belong and nowhere else"],
    ]
    y = TOP - 24
    for item in items:
        right += bullet_item(item, 314, 326, y)
        y -= 13 + 24
    # The box: from the left column's edge to the right column's, over the second item's wrapped
    # line and all of the third item.
    box = Box(56, TOP - 118, 484, 50, fill_grey=0.88)
    doc = parse_document(make_pdf([[box, *left, *right]], tmp_path / "doc.pdf"), code="COC", kind="code")
    assert {c.id: c.text for c in doc.clauses} == {
        "COC-1.1": "acts honestly in every dealing",
        "COC-1.2": "keeps the promises they make",
        "COC-2.1": "speaks up when something is wrong",
        "COC-3.1": "records what was agreed at every visit and shares it with the tenant",
        "COC-3.2": "keeps case notes factual and free of personal opinion at all times",
        "COC-3.3": "corrects a wrong record as soon as the mistake is found by anyone",
        "COC-3.4": "stores records only where the policy says they belong and nowhere else",
    }
    assert [a for s in doc.sections for a in s.asides] == ["Good practice: note every referral."]


@pytest.mark.parametrize(
    ("heading_font", "body_font", "render", "twice"),
    [("thickened", "outlined", 0, False), ("twin", "light", 0, False), ("body", "body", 2, False), ("body", "body", 0, True)],
    ids=["outlines-thickened", "outlines-beside-the-face", "filled-and-stroked", "drawn-twice"],
)
def test_a_face_made_bold_by_the_program_that_wrote_the_pdf_is_bold(
    tmp_path: Path, heading_font: str, body_font: str, render: int, twice: bool
) -> None:
    """Headings only 1.05 times the text's size, in a face with no bold that the PDF's maker made bold:
    Chromium embeds its thickened outlines as a Type 3 font under the face's own name (each glyph's
    box further out on every side than in the face drawn plainly; or any Type 3 font of a face also
    embedded as it is); LibreOffice fills and strokes the glyphs (text rendering mode 2, inside
    q … Q, so the text after it is plain); others draw the text again a hair to the right. Each is bold."""

    def head(text: str, y: float) -> list[Run]:
        runs = [Run(text, 56, y, size=11, font=heading_font, render=render)]
        return runs + [Run(text, 56.3, y, size=11, font=heading_font)] if twice else runs

    page = [
        *head("1. Integrity", TOP),
        *bullet_item(["acts honestly in every dealing"], 56, 68, TOP - 22, font=body_font),
        *bullet_item(["keeps the promises they make"], 56, 68, TOP - 38, font=body_font),
        *head("2. Courage", TOP - 64),
        Run("Members must:", 56, TOP - 84, font=body_font),
        *bullet_item(["speak up when something is wrong"], 56, 68, TOP - 100, font=body_font),
    ]
    path = make_pdf([page], tmp_path / "doc.pdf")
    _, pages = read_layout(path)
    assert [(ln.text, ln.bold) for ln in pages[0].lines] == [
        ("1. Integrity", True),
        ("• acts honestly in every dealing", False),
        ("• keeps the promises they make", False),
        ("2. Courage", True),
        ("Members must:", False),
        ("• speak up when something is wrong", False),
    ]
    doc = parse_document(path, code="COC", kind="code")
    assert [(s.number, s.title, s.intro) for s in doc.sections] == [("1", "Integrity", ""), ("2", "Courage", "Members must:")]
    assert {c.id: c.text for c in doc.clauses} == {
        "COC-1.1": "acts honestly in every dealing",
        "COC-1.2": "keeps the promises they make",
        "COC-2.1": "speak up when something is wrong",
    }


def test_a_type3_fonts_widths_are_read_in_its_own_glyph_space(tmp_path: Path) -> None:
    """A Type 3 font's /Widths are in the units its /FontMatrix sets (Chromium: 1/2048 em for a
    TrueType face), not always in thousandths: a line ends where its glyphs do."""
    path = make_pdf([[Run("Integrity and honesty", 56, TOP, size=12, font="twin")]], tmp_path / "doc.pdf")
    _, pages = read_layout(path)
    assert [(ln.text, round(ln.x1, 1)) for ln in pages[0].lines] == [
        ("Integrity and honesty", round(56 + text_width("Integrity and honesty", 12), 1))
    ]


def test_a_bold_section_number_at_the_texts_size_in_a_pages_top_band_is_kept(tmp_path: Path) -> None:
    """Each page starts with a section: its bold number at the text's size, hung level with its bold
    title, in the page's top tenth, where page numbers stand (and here, on every page, a number
    does). A number heading a title that is not running text is a section number; the bold page
    number above it, beside the repeated running header, is still dropped, and so is the footer's."""
    leads = ["Members must:", "Every member must:", "All members must:", "Members should always:"]
    pages = []
    for n in range(1, 5):
        pages.append(
            [
                Run("Code of Conduct for members", 90, 815, font="bold"),
                Run(str(n + 10), 56, 815, font="bold"),
                Run(["Integrity", "Respect", "Service", "Courage"][n - 1], 90, 790, font="bold"),
                Run(str(n), 56, 790, font="bold"),  # hung in the margin, drawn after its title
                Run(leads[n - 1], 56, 750),
                *bullet_item([f"meet requirement one of section {n}"], 56, 68, 734),
                *bullet_item([f"meet requirement two of section {n}"], 56, 68, 718),
                Run(str(n + 10), 290, 40),
            ]
        )
    doc = parse_document(make_pdf(pages, tmp_path / "doc.pdf"), code="COC", kind="code")
    assert [(s.number, s.title, s.intro) for s in doc.sections] == [
        ("1", "Integrity", leads[0]),
        ("2", "Respect", leads[1]),
        ("3", "Service", leads[2]),
        ("4", "Courage", leads[3]),
    ]
    assert {c.id: c.text for c in doc.clauses} == {
        f"COC-{n}.{i}": f"meet requirement {word} of section {n}" for n in range(1, 5) for i, word in ((1, "one"), (2, "two"))
    }
    assert doc.intro == ""


@pytest.mark.parametrize("reach", [8.0, 34.0], ids=["a-little-one-line", "far-two-lines"])
def test_text_drawn_over_other_text_stops_the_build_naming_the_page(tmp_path: Path, reach: float) -> None:
    """A table too wide for the left column writes its cell over the right column's text: the two
    share a baseline and overlap (by a little: one line of runs; or far: two lines), drawn at
    different times. No reading order untangles them, so extraction stops with one line naming the
    page and both texts, not with a mixed clause."""
    cell = "Visits tenants and records what was agreed"
    left = [
        heading("1. Duties", TOP),
        *bullet_item(["keeps records of every visit"], 56, 68, TOP - 24),
        Run("Housing officer", 56, TOP - 60),
        Run(cell, 326 + reach - text_width(cell, 10.5), TOP - 60),
    ]
    right = [
        heading("2. Referrals", TOP, x=310),
        *bullet_item(["knows the local services that residents can be referred", "to"], 314, 326, TOP - 47),
    ]
    with pytest.raises(HandbookError) as caught:
        parse_document(make_pdf([left + right], tmp_path / "doc.pdf"), code="COC", kind="code")
    assert str(caught.value).endswith(
        "doc.pdf: page 1: text is drawn over other text (“Visits tenants and records what was agr…” and “to”); "
        "a table or box may overflow its column: make it fit and export the PDF again, or report the layout with the file"
    )


def test_text_drawn_twice_at_the_very_same_place_is_read_once_and_not_bold(tmp_path: Path) -> None:
    """A shadow (CSS text-shadow) draws each piece of text a second time at the very same place, in a
    text object of its own: it is the same text once, in its own weight. A line-end hyphen drawn
    apart from the word its soft hyphen breaks (on its own, at the line's justified end) still only
    ends that word."""
    first = "be truthful in all they write or say on behalf of their organ\u00ad"
    hyphen = Run("-", 68 + text_width(first, 10.5) + 4, TOP - 44)
    second = Run("isation and put right what they find inaccurate", 68, TOP - 57)
    # The shadow's pass, then the text's: each piece twice, in the same order.
    page = [heading("1. Integrity", TOP)] * 2 + [Run("Members must:", 56, TOP - 24)]  # one right after the other too
    page += [Run(first, 68, TOP - 44), hyphen, second] * 2 + [Run("•", 56, TOP - 44)]
    path = make_pdf([page], tmp_path / "doc.pdf")
    _, pages = read_layout(path)
    assert [(ln.text, ln.bold) for ln in pages[0].lines] == [
        ("1. Integrity", True),
        ("Members must:", False),
        ("• be truthful in all they write or say on behalf of their organ\u00ad -", False),
        ("isation and put right what they find inaccurate", False),
    ]
    doc = parse_document(path, code="COC", kind="code")
    assert [c.text for c in doc.clauses] == [
        "be truthful in all they write or say on behalf of their organisation and put right what they find inaccurate"
    ]


def test_a_word_broken_after_its_slash_is_joined_without_a_space() -> None:
    """Typst, LibreOffice and browsers may break a line after a slash inside a word (a web address,
    "and/or"): no space was there. A slash standing alone between words keeps its spaces."""
    assert join_wrapped("see https://www.example.gov.uk/", "housing/policies today") == (
        "see https://www.example.gov.uk/housing/policies today"
    )
    assert join_wrapped("at https://", "www.example.gov.uk") == "at https://www.example.gov.uk"
    assert join_wrapped("tenants and/", "or residents") == "tenants and/or residents"
    assert join_wrapped("tenants /", "residents") == "tenants / residents"


def test_a_web_address_broken_inside_it_goes_on_without_a_space(tmp_path: Path) -> None:
    """A web or e-mail address too long for its line is broken inside it (LibreOffice anywhere:
    "…/polici" + "es"; Typst after a dot: "www." + "example.gov.uk"): it goes on with no space when
    it stopped at a dot or "@", when the next line starts with the rest of a path or host, or when its
    last letters and the next line's first make a word the letters alone do not. A complete address
    at a line's end keeps the space before the next word."""
    wrapped = [
        ["direct tenants to the published policies at https://www.example.gov.uk/housing/polici",
         "es when asked how a decision was made"],
        ["direct tenants to the published policies at https://www.", "example.gov.uk/housing/policies when asked"],
        ["use the shared inbox housing.team@", "example.gov.uk for all correspondence"],
        ["see the register at https://www.example.gov.uk/housing/policies", "when asked how a decision was made"],
    ]
    page = [heading("1. Records", TOP), Run("Members must:", 56, TOP - 24)]
    y = TOP - 44
    for lines in wrapped:
        page += bullet_item(lines, 56, 68, y)
        y -= 13 * len(lines) + 6
    doc = parse_document(make_pdf([page], tmp_path / "doc.pdf"), code="COC", kind="code")
    assert [c.text for c in doc.clauses] == [
        "direct tenants to the published policies at https://www.example.gov.uk/housing/policies when asked how a decision was made",
        "direct tenants to the published policies at https://www.example.gov.uk/housing/policies when asked",
        "use the shared inbox housing.team@example.gov.uk for all correspondence",
        "see the register at https://www.example.gov.uk/housing/policies when asked how a decision was made",
    ]
    assert join_wrapped("at https://www.example.gov.uk/hou", "sing/policies today") == (
        "at https://www.example.gov.uk/housing/policies today"
    )
    assert join_wrapped("see www.example.gov.uk", "or www.example.org.uk") == "see www.example.gov.uk or www.example.org.uk"
    assert join_wrapped("at www.example.gov.uk.", "Then ask") == "at www.example.gov.uk. Then ask"


@pytest.mark.parametrize("turn", [0, 90, 180, 270, -90])
def test_a_page_stored_turned_or_away_from_the_origin_is_read_as_shown(tmp_path: Path, turn: int) -> None:
    """A page stored on its side (/Rotate 90 or 270, its content drawn turned to suit, as a PDF rewritten
    by a tool or scanned in landscape) or upside down, and a page whose boxes sit away from the origin
    (a crop), are read as a viewer shows them: headings, bullets and wrapped lines where they appear.
    A page only turned in view (/Rotate 90 set on upright text, -90 here) is read as its text stands."""
    page = [heading("1. Records", TOP), Run("Members must:", 56, TOP - 24),
            *bullet_item(["keep accurate records of every visit and telephone call, made", "at the time"], 56, 68, TOP - 44),
            *bullet_item(["share information only with people entitled to see it"], 56, 68, TOP - 76),
            Run("Code of Conduct – page 1", 250, 30, size=8)]
    second = [heading("2. Respect", TOP), Run("Members must:", 56, TOP - 24),
              *bullet_item(["treat everyone with courtesy"], 56, 68, TOP - 44), Run("Code of Conduct – page 2", 250, 30, size=8)]
    source = make_pdf([page, second], tmp_path / "upright.pdf")
    writer = PdfWriter(clone_from=str(source))
    for sheet in writer.pages:
        if turn == -90:
            sheet[NameObject("/Rotate")] = NumberObject(90)
            continue
        w, h = float(sheet.mediabox.width), float(sheet.mediabox.height)
        turned = {0: Transformation().translate(120, 300), 90: Transformation().rotate(90).translate(h, 0),
                  180: Transformation().rotate(180).translate(w, h), 270: Transformation().rotate(-90).translate(0, w)}[turn]
        sheet.add_transformation(turned)
        box = [100, 250, w + 140, h + 350] if turn == 0 else [0, 0, h, w] if turn in (90, 270) else [0, 0, w, h]
        sheet.mediabox = RectangleObject(box)
        sheet.cropbox = RectangleObject([120, 300, w + 120, h + 300] if turn == 0 else box)
        sheet[NameObject("/Rotate")] = NumberObject(turn)
    path = tmp_path / "turned.pdf"
    with path.open("wb") as out:
        writer.write(out)
    doc = parse_document(path, code="COC", kind="code")
    assert [(s.number, s.title) for s in doc.sections] == [("1", "Records"), ("2", "Respect")]
    assert [(c.id, c.text) for c in doc.clauses] == [
        ("COC-1.1", "keep accurate records of every visit and telephone call, made at the time"),
        ("COC-1.2", "share information only with people entitled to see it"),
        ("COC-2.1", "treat everyone with courtesy"),
    ]


def test_a_dotted_border_is_a_box_and_its_dots_are_no_bullets(tmp_path: Path) -> None:
    """A browser draws a dotted border (CSS `border: 1px dotted`) as a row of tiny squares: the dots
    beside a callout's lines are not bullets making its lines clauses, and the dotted outline is a box
    whose lines are an aside. Bullets drawn as paths a line apart stay bullets."""
    page = [heading("1. Respect", TOP), Run("Members must:", 56, TOP - 24),
            Marker(62, TOP - 41, kind="square"), *wrap_lines(["treat everyone with courtesy"], 72, TOP - 44),
            Marker(62, TOP - 54, kind="square"), *wrap_lines(["keep to agreed appointment times"], 72, TOP - 57)]
    left, right, top, bottom = 56.0, 420.0, TOP - 72, TOP - 112
    step = 1.5
    for n in range(int((right - left) / step) + 1):
        page += [Marker(left + n * step, top, size=0.75, kind="square"), Marker(left + n * step, bottom, size=0.75, kind="square")]
    for n in range(int((top - bottom) / step) + 1):
        page += [Marker(left, bottom + n * step, size=0.75, kind="square"), Marker(right, bottom + n * step, size=0.75, kind="square")]
    page += wrap_lines(["Good practice: offer an interpreter before the meeting rather than", "relying on family members."],
                       62, top - 14)
    doc = parse_document(make_pdf([page], tmp_path / "doc.pdf"), code="COC", kind="code")
    assert [(c.id, c.text) for c in doc.clauses] == [
        ("COC-1.1", "treat everyone with courtesy"),
        ("COC-1.2", "keep to agreed appointment times"),
    ]
    assert doc.sections[0].asides == ("Good practice: offer an interpreter before the meeting rather than relying on family members.",)


def test_a_numbered_list_of_bold_titles_heads_sections_over_lettered_clauses(tmp_path: Path) -> None:
    """Sections set as a numbered list (Word's or Typst's "1." in the text's weight, the title after it
    bold, all at the text's size) with each section's requirements lettered (a), (b) under it: the
    numbered lines head sections, the lettered items are their clauses."""
    size = 10.5
    page = [Run("Code of Conduct", 56, TOP, size=22, font="bold"),
            Run("These standards apply to every member.", 56, TOP - 30, size=size)]
    y = TOP - 56
    for n, (title, items) in enumerate((("Honesty", ["declare any conflict of interest", "keep accurate records"]),
                                        ("Respect", ["treat everyone with courtesy", "listen before deciding"])), start=1):
        page += [Run(f"{n}.", 56, y, size=size), Run(title, 74, y, size=size, font="bold"),
                 Run("Members must:", 74, y - 14, size=size)]
        y -= 30
        for m, item in enumerate(items):
            page += [Run(f"({'ab'[m]})", 74, y, size=size), Run(item, 94, y, size=size)]
            y -= 14
        y -= 10
    doc = parse_document(make_pdf([page], tmp_path / "doc.pdf"), code="COC", kind="code")
    assert [(s.number, s.title) for s in doc.sections] == [("1", "Honesty"), ("2", "Respect")]
    assert [(c.id, c.text) for c in doc.clauses] == [
        ("COC-1.1", "declare any conflict of interest"), ("COC-1.2", "keep accurate records"),
        ("COC-2.1", "treat everyone with courtesy"), ("COC-2.2", "listen before deciding"),
    ]


def test_a_list_set_in_two_columns_under_each_heading_is_read_section_by_section(tmp_path: Path) -> None:
    """A one-column page whose lists are set in two columns under their headings (CSS `columns: 2` on a
    list): each section's items, left column then right, before the next heading, also where the
    columns start level at the top of a page and end level above the next heading. (Columns of the page
    itself, whose right column goes on beside the left one's headings, are the corpus's two-column looks.)"""
    size = 10.0
    right_x = 310

    def section(n: int, title: str, top: float, left: list[str], right: list[str], *, lead: bool = True) -> list[Run]:
        runs = [Run(f"{n}. {title}", 56, top, size=15, font="bold")] if title else []
        y = top - 26 if title else top
        if lead:
            runs.append(Run("Members must:", 56, y, size=size))
            y -= 22
        for k, item in enumerate(left):
            runs += bullet_item([item], 62, 74, y - 14 * k, size=size)
        for k, item in enumerate(right):
            runs += bullet_item([item], right_x, right_x + 12, y - 14 * k, size=size)
        return runs

    first = [Run("Code of Conduct", 56, TOP, size=22, font="bold"),
             *section(1, "Honesty", TOP - 40, ["declare any conflict of interest", "keep accurate records"],
                      ["refuse gifts that could influence"]),
             *section(2, "Respect", TOP - 150, ["treat everyone with courtesy", "listen before deciding"],
                      ["explain decisions in plain words", "keep to agreed appointment times"]),
             *section(3, "Safety", TOP - 260, ["follow the lone-working procedure"], ["report damp the same day"])]
    second = [*section(0, "", TOP, ["stop a visit if unsafe"], ["record every visit"], lead=False),
              *section(4, "Accountability", TOP - 50, ["report concerns through proper channels"],
                       ["cooperate with any investigation"])]
    doc = parse_document(make_pdf([first, second], tmp_path / "doc.pdf"), code="COC", kind="code")
    assert [(c.id, c.text) for c in doc.clauses] == [
        ("COC-1.1", "declare any conflict of interest"), ("COC-1.2", "keep accurate records"),
        ("COC-1.3", "refuse gifts that could influence"),
        ("COC-2.1", "treat everyone with courtesy"), ("COC-2.2", "listen before deciding"),
        ("COC-2.3", "explain decisions in plain words"), ("COC-2.4", "keep to agreed appointment times"),
        ("COC-3.1", "follow the lone-working procedure"), ("COC-3.2", "report damp the same day"),
        ("COC-3.3", "stop a visit if unsafe"), ("COC-3.4", "record every visit"),
        ("COC-4.1", "report concerns through proper channels"), ("COC-4.2", "cooperate with any investigation"),
    ]


def test_page_columns_with_a_gap_beside_a_heading_are_read_column_by_column(tmp_path: Path) -> None:
    """Columns of the page itself whose right column ends on the baseline of the left one's last line
    above a heading, leaves a gap beside it and goes on with a heading of its own: the right column is
    read after the whole left one (its first items go on with the left column's last section)."""
    size, pitch, right_x = 10.0, 14.0, 310

    def item(text: str, x: float, y: float) -> list[Run]:
        return bullet_item([text], x + 6, x + 18, y, size=size)

    y0 = TOP - 40
    left = [Run("1. Honesty", 56, y0, size=15, font="bold"), Run("Members must:", 56, y0 - 24, size=size)]
    for k, text in enumerate(["declare any conflict of interest", "keep accurate records", "refuse gifts"]):
        left += item(text, 56, y0 - 44 - pitch * k)
    heading_y = y0 - 44 - pitch * 2 - 34
    left += [Run("2. Respect", 56, heading_y, size=15, font="bold"), Run("Members must:", 56, heading_y - 24, size=size)]
    left += item("treat everyone with courtesy", 56, heading_y - 44) + item("listen before deciding", 56, heading_y - 58)
    right = []  # from the top, level with the left column's lines, the last on the baseline of "refuse gifts"
    for k, text in enumerate(["explain decisions in plain words", "keep to appointment times", "answer letters within ten days",
                              "offer an interpreter"]):
        right += item(text, right_x, y0 - 44 - pitch * 2 + 20 * (3 - k))
    right += [Run("3. Safety", right_x, heading_y - 30, size=15, font="bold"), Run("Members must:", right_x, heading_y - 54, size=size)]
    right += item("follow the lone-working procedure", right_x, heading_y - 74) + item("report damp the same day", right_x, heading_y - 88)
    page = [Run("Code of Conduct", 56, TOP, size=22, font="bold"), *left, *right]
    doc = parse_document(make_pdf([page], tmp_path / "doc.pdf"), code="COC", kind="code")
    assert [(c.id, c.text) for c in doc.clauses] == [
        ("COC-1.1", "declare any conflict of interest"), ("COC-1.2", "keep accurate records"), ("COC-1.3", "refuse gifts"),
        ("COC-2.1", "treat everyone with courtesy"), ("COC-2.2", "listen before deciding"),
        ("COC-2.3", "explain decisions in plain words"), ("COC-2.4", "keep to appointment times"),
        ("COC-2.5", "answer letters within ten days"), ("COC-2.6", "offer an interpreter"),
        ("COC-3.1", "follow the lone-working procedure"), ("COC-3.2", "report damp the same day"),
    ]


def test_items_numbered_within_their_section_are_a_list_whose_numbers_are_bullets(tmp_path: Path) -> None:
    """Requirements numbered 1.1, 1.2 … under section 1 and 2.1, 2.2 … under section 2 (a Typst or Word
    list numbered within its section, or a table with the number in a column of its own) are list
    items: each a clause, without its number, its wrapped lines hung at the wording's indent. A
    paragraph that happens to start with a decimal number is wording."""
    size = 10.5
    page = [Run("Code of Conduct", 56, TOP, size=24, font="bold"),
            Run("2.5 per cent of members answered the survey.", 56, TOP - 30, size=size)]
    y = TOP - 60
    for n, (title, items) in enumerate((
        ("Integrity", [["act with honesty in every dealing"], ["keep accurate records of visits", "and telephone calls"]]),
        ("Respect", [["treat everyone with courtesy"], ["explain decisions in plain words"], ["listen before deciding"]]),
    ), start=1):
        page += [heading(f"{n}. {title}", y), Run("Members must:", 56, y - 20, size=size)]
        y -= 38
        for m, lines in enumerate(items, start=1):
            if n == 1:  # the number typed with its text, the wrapped line hung at the wording
                page.append(Run(f"{n}.{m} {lines[0]}", 56, y, size=size))
                page += wrap_lines(lines[1:], 56 + text_width(f"{n}.{m} ", size), y - 13, size=size)
            else:  # the number in a column of its own
                page += [Run(f"{n}.{m}", 56, y, size=size), *wrap_lines(lines, 90, y, size=size)]
            y -= 13 * len(lines) + 6
        y -= 20
    doc = parse_document(make_pdf([page], tmp_path / "doc.pdf"), code="COC", kind="code")
    assert {c.id: c.text for c in doc.clauses} == {
        "COC-1.1": "act with honesty in every dealing",
        "COC-1.2": "keep accurate records of visits and telephone calls",
        "COC-2.1": "treat everyone with courtesy",
        "COC-2.2": "explain decisions in plain words",
        "COC-2.3": "listen before deciding",
    }
    assert doc.intro == "2.5 per cent of members answered the survey."
    assert [(s.number, s.title, s.intro) for s in doc.sections] == [
        ("1", "Integrity", "Members must:"), ("2", "Respect", "Members must:")]


def test_a_justified_line_narrowed_to_fit_its_box_is_the_boxs_text(tmp_path: Path) -> None:
    """Justified text may narrow its word gaps to fit (Typst does): measured by its glyphs' own widths
    the line reaches past the box it is set in, though it ends inside it. It is still the box's text,
    an aside, not text left after the list."""
    size = 10.5
    words = "Good practice: offer an interpreter before the meeting rather than relying on family members".split()
    natural = text_width(" ".join(words), size)
    # Each word gap narrowed by 40/1000 em in the TJ array: the line ends 0.42 pt × 13 gaps short.
    parts: list[str | float] = []
    for word in words[:-1]:
        parts += [word + " ", 40]
    parts.append(words[-1])
    box = Box(56, TOP - 118, 6 + natural - 3, 26, fill_grey=0.9)  # the line's natural end (62 + natural) overhangs by 3 pt
    page = [
        box,
        heading("1. Integrity", TOP),
        Run("Members must:", 56, TOP - 22, size=size),
        *bullet_item(["act with honesty"], 56, 68, TOP - 42),
        *bullet_item(["keep accurate records"], 56, 68, TOP - 58),
        TJRun(tuple(parts), 62, TOP - 106, size=size),
    ]
    doc = parse_document(make_pdf([page], tmp_path / "doc.pdf"), code="COC", kind="code")
    assert {c.id: c.text for c in doc.clauses} == {"COC-1.1": "act with honesty", "COC-1.2": "keep accurate records"}
    assert [a for s in doc.sections for a in s.asides] == [" ".join(words)]


def test_a_callout_after_a_list_at_its_indent_and_item_spacing_is_the_callouts_text(tmp_path: Path) -> None:
    """A shaded table used as a callout right after a list (LibreOffice sets a table's text at the body's
    indent): its first line stands where the last item's bullet does, one item's spacing below it, and
    its last line one item's spacing above the next heading. It still does not go on from that text:
    the last item's wrapped line stands between them, and text goes on from above, not from a heading
    further below than a line's spacing. The box's lines are its own: an aside."""
    pitch = 30.0
    page = [heading("1. Integrity", TOP), Run("Members must:", 56, TOP - 22)]
    y = TOP - 44
    for item in (["act with honesty in every", "dealing with tenants"], ["keep accurate records of", "visits and telephone calls"]):
        page += bullet_item(item, 56, 68, y)
        y -= pitch
    box_lines = ["Good practice: offer an interpreter before the", "meeting rather than relying on family members."]
    page = [Box(50, y - 17, 300, 30, fill_grey=0.9), *page, *wrap_lines(box_lines, 56, y)]
    y -= 13 + pitch
    page += [heading("2. Respect", y), Run("Members must:", 56, y - 22), *bullet_item(["treat everyone with courtesy"], 56, 68, y - 44)]
    doc = parse_document(make_pdf([page], tmp_path / "doc.pdf"), code="COC", kind="code")
    assert {c.id: c.text for c in doc.clauses} == {
        "COC-1.1": "act with honesty in every dealing with tenants",
        "COC-1.2": "keep accurate records of visits and telephone calls",
        "COC-2.1": "treat everyone with courtesy",
    }
    assert [s.asides for s in doc.sections] == [(" ".join(box_lines),), ()]


def test_a_clause_carried_into_the_next_column_goes_on_at_that_columns_indent(tmp_path: Path) -> None:
    """A bulleted clause that reaches the foot of the left column goes on at the top of the right
    column, at that column's wrapped-line indent, for two lines or more: all of them are the clause's."""
    left = [
        heading("1. Respect", TOP),
        Run("Members must:", 56, TOP - 22),
        *bullet_item(["make reasonable adjustments"], 56, 68, TOP - 44),
        *bullet_item(["treat tenants, residents and", "colleagues with courtesy,"], 56, 68, TOP - 62),
    ]
    right = [
        *wrap_lines(["dignity and respect, whatever their", "background, beliefs or", "circumstances"], 322, TOP),
        *bullet_item(["keep to agreed appointment times"], 310, 322, TOP - 44),
    ]
    doc = parse_document(make_pdf([left + right], tmp_path / "doc.pdf"), code="COC", kind="code")
    assert {c.id: c.text for c in doc.clauses} == {
        "COC-1.1": "make reasonable adjustments",
        "COC-1.2": "treat tenants, residents and colleagues with courtesy, dignity and respect, whatever their "
        "background, beliefs or circumstances",
        "COC-1.3": "keep to agreed appointment times",
    }


def test_a_title_set_in_a_coloured_band_is_the_documents_title(tmp_path: Path) -> None:
    """A cover whose title (and a line under it) is set in a coloured band, a box across the page: the
    title is still the document's title, not an aside, and a one-page edition's text is not taken for
    it (nothing else on the page is set larger than the text)."""
    items = ["act honestly in all their dealings", "declare any conflict of interest", "keep their knowledge up to date"]
    page = [
        Box(50, TOP - 40, 495, 62, fill_grey=0.3),
        Run("Code of personal conduct", 62, TOP, size=24, font="bold"),
        Run("Version 1, in force from 1 April 2012", 62, TOP - 24),
        Run("Membership brings responsibilities as well as benefits.", 56, TOP - 70),
        Run("CIH members must:", 56, TOP - 90),
    ]
    for n, item in enumerate(items):
        page += bullet_item([item], 56, 68, TOP - 110 - 16 * n)
    doc = parse_document(make_pdf([page], tmp_path / "doc.pdf"), code="COC", kind="code")
    assert doc.title == "Code of personal conduct"
    assert {c.id: c.text for c in doc.clauses} == {"COC-1": items[0], "COC-2": items[1], "COC-3": items[2]}
    assert doc.intro == "Membership brings responsibilities as well as benefits.\n\nVersion 1, in force from 1 April 2012"
    # The same page with no title set larger than its text: its lines are its text, not a title.
    plain = make_pdf([page[3:]], tmp_path / "plain.pdf")
    doc = parse_document(plain, code="COC", kind="code")
    assert doc.title == ""
    assert {c.id: c.text for c in doc.clauses} == {"COC-1": items[0], "COC-2": items[1], "COC-3": items[2]}


def _labelled_sections(callout: bool = False) -> list[list[Run | Box]]:
    """Each section (numbered from 4, as in a document's second part) on a page of its own under a small
    "SECTION n" label set over its bold title (at the top of pages 2 and 3, where running headers
    stand); each page's last clause unfinished. With
    `callout`, a boxed note after each list, its text at the wrapped lines' indent, as far below the
    last line as the title is below its label."""
    pages: list[list[Run | Box]] = []
    for n, (title, items) in enumerate((
        ("Honesty", [["be truthful in everything they", "write or say"], ["declare any conflict of interest"]]),
        ("Respect", [["treat everyone with courtesy"], ["make reasonable adjustments for", "disabled people"]]),
        ("Care", [["check that the person is safe"], ["refer to specialist services"]]),
    ), start=4):
        y = TOP if n > 4 else TOP - 60
        page: list[Run | Box] = [Run("Code of Conduct", 56, TOP, size=24, font="bold")] if n == 4 else []
        page += [Run(f"SECTION {n}", 56, y, size=9), Run(title, 56, y - 27.4, size=18, font="bold")]
        page.append(Run("Members must:", 56, y - 60))
        y -= 80
        for item in items:
            page += bullet_item(item, 56, 68, y, leading=15)
            y -= 15 * len(item) + 6
        if callout:
            y += 6 - 27.4 + 15
            page = [Box(60, y - 6, 300, 20, fill_grey=0.9), *page, Run("Good practice: ask before acting.", 68, y)]
        pages.append(page)
    return pages


def test_a_section_label_over_its_title_at_a_pages_top_numbers_the_section(tmp_path: Path) -> None:
    """"SECTION 2" set small over its title at the top of each page is not a running header though it
    stands there on every page with only its number changed: it gives the heading its number, and it
    does not go on with the unfinished clause at the foot of the page before."""
    doc = parse_document(make_pdf(_labelled_sections(), tmp_path / "doc.pdf"), code="COC", kind="code")
    assert [(s.number, s.title) for s in doc.sections] == [("4", "Honesty"), ("5", "Respect"), ("6", "Care")]
    assert {c.id: c.text for c in doc.clauses} == LABELLED_CLAUSES


LABELLED_CLAUSES = {
    "COC-4.1": "be truthful in everything they write or say",
    "COC-4.2": "declare any conflict of interest",
    "COC-5.1": "treat everyone with courtesy",
    "COC-5.2": "make reasonable adjustments for disabled people",
    "COC-6.1": "check that the person is safe",
    "COC-6.2": "refer to specialist services",
}


def test_a_headings_distance_from_its_label_is_no_spacing_of_the_text(tmp_path: Path) -> None:
    """A boxed note after a list, its text at the wrapped lines' indent, as far below the last line as
    each title is below its "SECTION n" label: that distance (between lines of two sizes) is no spacing
    the text keeps, so the note does not go on from the list; it is the box's own text, an aside."""
    doc = parse_document(make_pdf(_labelled_sections(callout=True), tmp_path / "doc.pdf"), code="COC", kind="code")
    assert {c.id: c.text for c in doc.clauses} == LABELLED_CLAUSES
    assert [s.asides for s in doc.sections] == [("Good practice: ask before acting.",)] * 3


def test_a_watermark_set_across_the_page_is_not_read(tmp_path: Path) -> None:
    """A "DRAFT" watermark set large at a slant across the page, under the text: no part of the wording
    (it was read as text drawn over the clauses, or taken into them)."""
    page = [Run("DRAFT", 150, 300, size=90, font="bold", angle=45), heading("1. Integrity", TOP), Run("Members must:", 56, TOP - 22)]
    items = [f"keep promise number {n} to every tenant and every colleague they work with" for n in range(1, 16)]
    for n, item in enumerate(items):
        page += bullet_item([item], 56, 68, TOP - 44 - 24 * n)
    doc = parse_document(make_pdf([page], tmp_path / "doc.pdf"), code="COC", kind="code")
    assert [c.text for c in doc.clauses] == items
    assert doc.intro == "" and [s.intro for s in doc.sections] == ["Members must:"]


def test_a_heading_hyphenated_at_a_line_end_is_rejoined(tmp_path: Path) -> None:
    """Typst hyphenates headings and titles as it does the text: a title or section title broken over
    two lines at a hyphen is one word again ("in-" + "tegrity"); a real compound keeps its hyphen."""
    page = [
        Run("Code of Profes-", 56, TOP, size=24, font="bold"),
        Run("sional Conduct", 56, TOP - 28, size=24, font="bold"),
        heading("1. Act with honesty and in-", TOP - 70),
        heading("tegrity", TOP - 88),
        *bullet_item(["be truthful in everything they write or say on behalf of the council"], 56, 68, TOP - 110),
        heading("2. Look after your well-", TOP - 140),
        heading("being", TOP - 158),
        *bullet_item(["take the breaks they are due and ask for support when work is hard"], 56, 68, TOP - 180),
    ]
    doc = parse_document(make_pdf([page], tmp_path / "doc.pdf"), code="COC", kind="code")
    assert doc.title == "Code of Professional Conduct"
    assert [(s.number, s.title) for s in doc.sections] == [("1", "Act with honesty and integrity"), ("2", "Look after your well-being")]


def test_a_hyphen_drawn_as_a_glyph_of_its_own_at_a_headings_end_starts_no_column(tmp_path: Path) -> None:
    """Two narrow columns (A5); a left-column heading hyphenated at its end, its hyphen drawn as a glyph
    of its own (U+00AD, as Typst draws it) just short of the gutter, level with a right-column item.
    The hyphen is not where the right column starts: the heading and the item stay apart."""
    size, big = 9.0, 12.6
    title = "Complaints – Communi"
    left = [
        Run("Manual of guidance for officers", 34, 560, size=18, font="bold"),
        Run("42.", 34, 500, size=big, font="bold"),
        Run(title, 57, 500, size=big, font="bold"),
        Run("\u00ad", 57 + text_width(title, big, "bold"), 500, size=big, font="bold"),
        Run("cation", 57, 484, size=big, font="bold"),
        Run("Officers must:", 34, 470, size=size),
    ]
    y = 456.0
    for item in (["confirm any arrangements in", "writing within five days"], ["explain the process to", "residents in plain words"]):
        left += bullet_item(item, 34, 42, y, leading=11.8, size=size)
        y -= 11.8 * len(item)
    right: list[Run] = []
    y = 502.2  # the first item 2.2pt above the heading's baseline
    for item in (["keep a full record of every", "decision on the system"], ["share the record with the", "resident when asked"],
                 ["check a sample of cases", "against the standard"], ["tell their manager when the", "guidance no longer fits"]):
        right += bullet_item(item, 216.8, 226.7, y, leading=11.8, size=size)
        y -= 11.8 * len(item)
    doc = parse_document(make_pdf([left + right], tmp_path / "doc.pdf", page_size=(420, 595)), code="LHG", kind="code")
    assert [(s.number, s.title) for s in doc.sections] == [("42", "Complaints – Communication")]
    assert [c.text for c in doc.clauses] == [
        "confirm any arrangements in writing within five days",
        "explain the process to residents in plain words",
        "keep a full record of every decision on the system",
        "share the record with the resident when asked",
        "check a sample of cases against the standard",
        "tell their manager when the guidance no longer fits",
    ]


def test_text_an_items_spacing_below_a_list_at_its_bullets_is_the_next_item_or_the_boxs_own(tmp_path: Path) -> None:
    """A callout box right after a list of one-line items, its text at the bullets' x, as far below the
    last item as the first item is below the lead-in: an item's spacing below an item leads to the
    next item, never to other text, so the box's text is its own, an aside."""
    page = [heading("1. Integrity", TOP), Run("Members must:", 56, TOP - 22)]
    y = TOP - 46  # 24pt below the lead-in
    for item in ("act with honesty", "keep accurate records", "declare every interest"):
        page += bullet_item([item], 56, 68, y)
        y -= 15
    y -= 24 - 15
    page = [Box(50, y - 18, 300, 30, fill_grey=0.9), *page, *wrap_lines(["Good practice: ask a colleague", "before you act."], 56, y)]
    page += [heading("2. Respect", y - 50), Run("Members must:", 56, y - 72), *bullet_item(["treat everyone with courtesy"], 56, 68, y - 96)]
    doc = parse_document(make_pdf([page], tmp_path / "doc.pdf"), code="COC", kind="code")
    assert [c.text for c in doc.clauses] == ["act with honesty", "keep accurate records", "declare every interest", "treat everyone with courtesy"]
    assert [s.asides for s in doc.sections] == [("Good practice: ask a colleague before you act.",), ()]


def test_items_numbered_on_from_one_section_to_the_next_past_99_are_a_list(tmp_path: Path) -> None:
    """Word's List Number goes on counting across headings unless restarted: a long document's items
    reach 100 and more. Labels of three digits count on like the others."""
    topics = [f"Topic {chr(65 + t // 26)}{chr(65 + t % 26)}" for t in range(36)]
    pages: list[list[Run]] = []
    n = 1
    for first in range(0, len(topics), 6):
        page: list[Run] = [Run("Guidance manual", 56, TOP + 20, size=24, font="bold")] if not first else []
        y = TOP - 20
        for section in range(first, first + 6):
            page += [heading(f"{section + 1}. {topics[section]}", y), Run("Officers must:", 56, y - 20)]
            y -= 40
            for word in ("record", "explain", "check"):
                page.append(Run(f"{n}. {word} every decision on {topics[section].lower()} in writing", 56, y))
                n += 1
                y -= 16
            y -= 14
        pages.append(page)
    assert n > 100
    doc = parse_document(make_pdf(pages, tmp_path / "doc.pdf"), code="LHG", kind="code")
    assert {c.id: c.text for c in doc.clauses} == {
        f"LHG-{s + 1}.{m + 1}": f"{word} every decision on {topic.lower()} in writing"
        for s, topic in enumerate(topics)
        for m, word in enumerate(("record", "explain", "check"))
    }


def test_a_quotation_closed_mid_sentence_at_a_line_end_does_not_end_the_clause(tmp_path: Path) -> None:
    """Items numbered 1.1, 1.2 typed at the start of a paragraph whose lines wrap back under the
    number: a line ending in a closing quotation mark inside the sentence (the app’s “report a hazard”
    | button) goes on into the next line; a quotation closing a sentence (“no”.) ends it."""
    page = [
        heading("1. Safety", TOP),
        Run("Officers must:", 56, TOP - 22),
        Run("1.1 report damp or mould the same day, using the app’s “report a hazard”", 56, TOP - 44),
        Run("button or form HS/12", 56, TOP - 58),
        Run("1.2 stop a visit when they feel unsafe and say “no”.", 56, TOP - 78),
        Run("1.3 follow the lone-working procedure on every visit", 56, TOP - 98),
    ]
    doc = parse_document(make_pdf([page], tmp_path / "doc.pdf"), code="STD", kind="code")
    assert {c.id: c.text for c in doc.clauses} == {
        "STD-1.1": "report damp or mould the same day, using the app’s “report a hazard” button or form HS/12",
        "STD-1.2": "stop a visit when they feel unsafe and say “no”.",
        "STD-1.3": "follow the lone-working procedure on every visit",
    }


def test_items_numbered_under_their_section_are_a_list_also_when_their_number_is_drawn_in_pieces(tmp_path: Path) -> None:
    """Requirements numbered 1.1, 1.2 … under each section are list items, like bullets: each is a clause,
    without its number. The number may be typed with the wording, drawn piece by piece in bold and hung
    left of the text (a CSS counter: "1" "." "1" each drawn on its own), or end inside the run that goes
    on with the wording ("3" then ".1 keep …")."""
    size = 10.5

    def pieces(label: str, lines: list[str], y: float) -> list[Run]:
        runs, x = [], 56.0
        for ch in label:
            runs.append(Run(ch, x, y, size=size, font="bold"))
            x += text_width(ch, size, "bold")
        return runs + wrap_lines(lines, 88, y, leading=14, size=size)

    page = [
        heading("1. Integrity", TOP),
        Run("Members must:", 56, TOP - 24),
        *pieces("1.1", ["be truthful in everything they write", "or say at work"], TOP - 44),
        *pieces("1.2", ["declare any conflict of interest"], TOP - 78),
        heading("2. Respect", TOP - 120),
        Run("Members must:", 56, TOP - 144),
        Run("2.1 treat everyone with courtesy and", 56, TOP - 164),
        Run("respect", 74, TOP - 178),
        Run("2.2 explain decisions in plain language", 56, TOP - 196),
        heading("3. Care", TOP - 236),
        Run("3", 56, TOP - 260, font="bold"),
        Run(".1 keep accurate records of visits", 56 + text_width("3", size, "bold"), TOP - 260),
        Run("3", 56, TOP - 278, font="bold"),
        Run(".2 report a concern without delay", 56 + text_width("3", size, "bold"), TOP - 278),
    ]
    doc = parse_document(make_pdf([page], tmp_path / "doc.pdf"), code="COC", kind="code")
    assert {c.id: c.text for c in doc.clauses} == {
        "COC-1.1": "be truthful in everything they write or say at work",
        "COC-1.2": "declare any conflict of interest",
        "COC-2.1": "treat everyone with courtesy and respect",
        "COC-2.2": "explain decisions in plain language",
        "COC-3.1": "keep accurate records of visits",
        "COC-3.2": "report a concern without delay",
    }
    assert [s.intro for s in doc.sections] == ["Members must:", "Members must:", ""]


def test_a_mark_drawn_before_a_heading_leaves_it_a_heading(tmp_path: Path) -> None:
    """A small shape before a heading (the triangle a browser draws before an open `<details>`'s summary,
    an icon) is no bullet of a list item: a numbered heading, or a short bold one, set larger than the
    text stays a heading, titled without the mark."""
    page = [Run("Code of Ethics", 56, TOP + 20, size=24, font="bold")]
    y = TOP - 30
    for n, (title, items) in enumerate((("Honesty", ["Have I told the whole truth?", "Would I say it again?"]),
                                        ("Fairness", ["Have I heard both sides?"])), start=1):
        page += [Marker(50, y + 4, size=6, kind="triangle"), heading(f"{n}. {title}", y, x=60)]
        for item in items:
            y -= 22
            page += bullet_item([item], 60, 72, y)
        y -= 36
    page += [Marker(50, y + 4, size=6, kind="triangle"), heading("Before you decide", y, x=60)]
    page += bullet_item(["Is it lawful?"], 60, 72, y - 22) + bullet_item(["Is it fair?"], 60, 72, y - 44)
    doc = parse_document(make_pdf([page], tmp_path / "doc.pdf"), code="COE", kind="code")
    assert [(s.number, s.title) for s in doc.sections] == [("1", "Honesty"), ("2", "Fairness"), ("Q", "Before you decide")]
    assert {c.id: c.text for c in doc.clauses} == {
        "COE-1.1": "Have I told the whole truth?",
        "COE-1.2": "Would I say it again?",
        "COE-2.1": "Have I heard both sides?",
        "COE-Q1": "Is it lawful?",
        "COE-Q2": "Is it fair?",
    }


def test_a_page_holding_a_columns_last_lines_beside_the_next_column_keeps_the_page_befores_columns(tmp_path: Path) -> None:
    """Two columns flow on to a page whose left column holds only an item's last two lines: too few lines
    level with the right column's to show the columns by that page alone. The page before's columns
    hold, since no line of the page crosses their gutter: the left column is read first."""
    column = 300
    first = [
        heading("1. Honesty", TOP), heading("2. Fairness", TOP, x=column),
        *_column_items([["tell the whole truth"], ["correct a mistake", "as soon as it is found"], ["keep records true"]], 56, TOP - 24)[0],
        *_column_items([["hear both sides"], ["apply the policy", "as it is written"], ["give reasons"]], column, TOP - 24)[0],
    ]
    second = [
        *bullet_item(["check that the decision is right even", "if nobody would ever find out"], 56, 68, TOP),
        *bullet_item(["explain the decision to the person", "most affected, face to face"], column, column + 12, TOP),
        heading("3. Care", TOP - 40, x=column),
        *_column_items([["check that the person is safe"], ["refer them to the right service"]], column, TOP - 64)[0],
    ]
    doc = parse_document(make_pdf([first, second], tmp_path / "doc.pdf"), code="COE", kind="code")
    assert {c.id: c.text for c in doc.clauses} == {
        "COE-1.1": "tell the whole truth",
        "COE-1.2": "correct a mistake as soon as it is found",
        "COE-1.3": "keep records true",
        "COE-2.1": "hear both sides",
        "COE-2.2": "apply the policy as it is written",
        "COE-2.3": "give reasons",
        "COE-2.4": "check that the decision is right even if nobody would ever find out",
        "COE-2.5": "explain the decision to the person most affected, face to face",
        "COE-3.1": "check that the person is safe",
        "COE-3.2": "refer them to the right service",
    }


def test_an_anchor_mark_printed_before_or_after_a_heading_is_no_part_of_it(tmp_path: Path) -> None:
    """A web page prints a heading's anchor link: "#" hung in the margin before it (a README's look) or
    "¶" after it (a documentation generator's), or an icon before it (★). The heading keeps its number
    and its title without the mark; sections whose items are all questions keep their numbers (not each taken for the question list)."""
    page = [
        Run("Code of Ethics", 56, TOP + 20, size=24, font="bold"),
        Run("#", 40, TOP - 30, size=15), heading("1. Honesty", TOP - 30),
        *bullet_item(["Have I told the whole truth?"], 56, 68, TOP - 54),
        *bullet_item(["Would I say it again?"], 56, 68, TOP - 72),
        heading("2. Fairness", TOP - 110), Run("\u00b6", 56 + text_width("2. Fairness", 15, "bold") + 6, TOP - 110, size=15),
        *bullet_item(["Have I heard both sides?"], 56, 68, TOP - 134),
        heading("3. Care", TOP - 170, x=72), Run("★", 54, TOP - 170, size=15, font="coded"),  # an icon before it
        *bullet_item(["Have I checked that they are safe?"], 56, 68, TOP - 194),
        Run("#", 40, TOP - 230, size=15), heading("Before you decide", TOP - 230),
        *bullet_item(["Is it lawful?"], 56, 68, TOP - 254),
    ]
    doc = parse_document(make_pdf([page], tmp_path / "doc.pdf"), code="COE", kind="code")
    assert [(s.number, s.title) for s in doc.sections] == [
        ("1", "Honesty"), ("2", "Fairness"), ("3", "Care"), ("Q", "Before you decide")
    ]
    assert {c.id: c.text for c in doc.clauses} == {
        "COE-1.1": "Have I told the whole truth?",
        "COE-1.2": "Would I say it again?",
        "COE-2.1": "Have I heard both sides?",
        "COE-3.1": "Have I checked that they are safe?",
        "COE-Q1": "Is it lawful?",
    }


def test_a_callout_marked_off_by_a_left_rule_or_a_frame_of_four_rules_is_an_aside(tmp_path: Path) -> None:
    """A callout whose only box is a rule down its left side (a blockquote, a "border-left" note), or a
    frame of four rules each painted on its own (a dashed border: its left side is such a rule), is an
    aside, not text after a list.
    A bar beside a bold heading (an accent) leaves it a heading, and a change bar in the margin beside
    a clause leaves the clause as it is."""
    rule = 0.3  # grey of the rules
    page = [
        heading("1. Integrity", TOP),
        *bullet_item(["act with honesty in every dealing"], 56, 68, TOP - 24),
        *bullet_item(["keep accurate records"], 56, 68, TOP - 42),
        Box(56, TOP - 88, 3, 30, rule),  # a blockquote's left border
        *wrap_lines(["Good practice: ask before you", "visit, and say why you came."], 68, TOP - 68),
        Box(56, TOP - 124, 4, 20, rule),  # an accent bar beside a heading
        heading("2. Respect", TOP - 118, x=66),
        Box(44, TOP - 160, 1.5, 24, rule),  # a change bar in the margin
        *bullet_item(["treat everyone with courtesy,", "whatever their background"], 56, 68, TOP - 142),
        # A dashed border: each side a rule of its own.
        Box(56, TOP - 176, 300, 0.75, rule), Box(56, TOP - 204, 300, 0.75, rule),
        Box(56, TOP - 204, 0.75, 28.75, rule), Box(355.25, TOP - 204, 0.75, 28.75, rule),
        Run("Good practice: offer an interpreter.", 64, TOP - 194),
        heading("3. Care", TOP - 236),
        *bullet_item(["check that the person is safe"], 56, 68, TOP - 260),
    ]
    doc = parse_document(make_pdf([page], tmp_path / "doc.pdf"), code="COC", kind="code")
    assert [(s.number, s.title) for s in doc.sections] == [("1", "Integrity"), ("2", "Respect"), ("3", "Care")]
    assert {c.id: c.text for c in doc.clauses} == {
        "COC-1.1": "act with honesty in every dealing",
        "COC-1.2": "keep accurate records",
        "COC-2.1": "treat everyone with courtesy, whatever their background",
        "COC-3.1": "check that the person is safe",
    }
    assert [s.asides for s in doc.sections] == [
        ("Good practice: ask before you visit, and say why you came.",), ("Good practice: offer an interpreter.",), ()
    ]


def test_justified_text_before_a_ligature_span_ends_where_the_span_starts(tmp_path: Path) -> None:
    """Justification widens a line's word gaps (here by TJ offsets), so the text before a ligature drawn in
    an ActualText span ends further right than its glyphs' widths say. The span is glued to it (no space
    before it): that text ends where the span starts, and the word the ligature is part of stays one
    word on one line ("ba" + "ck" + "ground"), not a line of its own beside the gap."""
    top = TOP - 30
    stretch = -3000  # three ems added to each of two word gaps
    before = ("treat everyone", stretch, " fairly and without", stretch, " discrimination, whatever their ba")
    end = 72 + text_width("treat everyone fairly and without discrimination, whatever their ba", 10.5) + 2 * 3 * 10.5
    page = [
        heading("1. Fairness", TOP),
        Run("•", 60, top),
        TJRun(before, 72, top),
        PenText((("ck", "ck"), ("ground", None)), end, top),
        Run("or circumstances", 72, top - 14),
        *bullet_item(["keep to agreed appointment times"], 60, 72, top - 32),
    ]
    doc = parse_document(make_pdf([page], tmp_path / "doc.pdf"), code="COC", kind="code")
    assert [c.text for c in doc.clauses] == [
        "treat everyone fairly and without discrimination, whatever their background or circumstances",
        "keep to agreed appointment times",
    ]


def test_capital_letters_and_capital_roman_numerals_set_right_aligned_are_list_labels(tmp_path: Path) -> None:
    """Items labelled A., B., C. or I., II., III. are a list like a., b., c.; labels set right-aligned
    before a common indent are one list though their right edges, measured without the font's
    kerning ("V." is narrower than "V" and "." apart), differ by a point or two."""
    def labelled(labels: list[str], texts: list[str], y: float) -> list[Run]:
        runs: list[Run] = []
        for n, (label, text) in enumerate(zip(labels, texts, strict=True)):
            jitter = 2.0 if n % 2 else 0.0  # the right edge as measured: kerned labels end a little short of it
            runs += [Run(label, 86 - text_width(label, 10.5) + jitter, y), Run(text, 92, y)]
            y -= 16
        return runs

    page = [
        heading("1. Integrity", TOP),
        Run("Members must:", 56, TOP - 22),
        *labelled(["I.", "II.", "III.", "IV.", "V.", "VI."],
                  ["act with honesty", "keep accurate records", "declare any interest", "refuse gifts", "report concerns",
                   "cooperate with any investigation"], TOP - 42),
        heading("2. Respect", TOP - 160),
        *labelled(["A.", "B."], ["treat everyone with courtesy", "explain decisions plainly"], TOP - 184),
    ]
    doc = parse_document(make_pdf([page], tmp_path / "doc.pdf"), code="COC", kind="code")
    assert {c.id: c.text for c in doc.clauses} == {
        "COC-1.1": "act with honesty",
        "COC-1.2": "keep accurate records",
        "COC-1.3": "declare any interest",
        "COC-1.4": "refuse gifts",
        "COC-1.5": "report concerns",
        "COC-1.6": "cooperate with any investigation",
        "COC-2.1": "treat everyone with courtesy",
        "COC-2.2": "explain decisions plainly",
    }


def test_a_line_after_a_lead_in_list_that_does_not_go_on_from_its_last_item_is_not_joined_to_it(tmp_path: Path) -> None:
    """In an edition with no numbered sections, a line after the list that is no wrapped line of the last
    item (here left of its bullet) is a paragraph after the list, never more words of that item: the list
    is then not one list under a lead-in, and the document is refused rather than given a wrong clause."""
    page = [
        Run("Code of personal conduct", 56, TOP, size=24, font="bold"),
        Run("CIH members must:", 56, TOP - 40),
        *bullet_item(["act honestly"], 60, 72, TOP - 58),
        *bullet_item(["avoid any conflict of interest"], 60, 72, TOP - 72),
        Run("VI. not accept gifts that could be seen as an inducement", 50, TOP - 86),
    ]
    with pytest.raises(HandbookError, match="no numbered sections and no bulleted list of clauses found in 1 page"):
        parse_document(make_pdf([page], tmp_path / "doc.pdf"), code="COC", kind="code")


def test_a_heading_set_on_a_coloured_band_is_a_heading_not_a_sidebar(tmp_path: Path) -> None:
    """A box holding one line set larger than the text (a heading on a coloured band), or one bold
    numbered line at the text's size, is a heading; a box of several lines stays a callout."""
    page = [
        Box(50, TOP - 6, 420, 22), heading("1. Integrity", TOP),
        *bullet_item(["act with honesty"], 56, 68, TOP - 28),
        Box(50, TOP - 66, 420, 18), Run("2. Respect", 56, TOP - 60, font="bold"),
        *bullet_item(["treat everyone with courtesy"], 56, 68, TOP - 84),
        Box(50, TOP - 134, 420, 36), *wrap_lines(["Good practice: offer an interpreter", "before the meeting."], 62, TOP - 112),
        Box(50, TOP - 166, 420, 22), heading("Before you decide", TOP - 160),
        *bullet_item(["Is it lawful?"], 56, 68, TOP - 188),
    ]
    doc = parse_document(make_pdf([page], tmp_path / "doc.pdf"), code="COE", kind="code")
    assert [(s.number, s.title) for s in doc.sections] == [("1", "Integrity"), ("2", "Respect"), ("Q", "Before you decide")]
    assert {c.id: c.text for c in doc.clauses} == {
        "COE-1.1": "act with honesty",
        "COE-2.1": "treat everyone with courtesy",
        "COE-Q1": "Is it lawful?",
    }
    assert [s.asides for s in doc.sections] == [(), ("Good practice: offer an interpreter before the meeting.",), ()]


def test_sections_each_set_in_a_box_stop_the_build_naming_the_boxed_heading(tmp_path: Path) -> None:
    """Sections each set in a box with their clauses (a web page's "cards") are read as sidebars; a
    numbered heading among the asides with no section of its number found stops the build, rather than
    leaving the clauses among the asides and the document short of them."""
    page = [Run("Code of Ethics", 56, TOP + 30, size=24, font="bold")]
    y = TOP
    for n, title in enumerate(("Honesty", "Fairness"), start=1):
        page += [Box(48, y - 50, 420, 66, fill_grey=1.0, stroke=True), heading(f"{n}. {title}", y, x=62)]
        page += bullet_item(["Have I told the whole truth?"], 62, 74, y - 24) + bullet_item(["Would I say it again?"], 62, 74, y - 40)
        y -= 90
    page += [heading("Before you decide", y), *bullet_item(["Is it lawful?"], 56, 68, y - 24)]
    with pytest.raises(HandbookError, match="page 1: the heading “1. Honesty” is inside a box, read as a sidebar, and no section 1 was found"):
        parse_document(make_pdf([page], tmp_path / "doc.pdf"), code="COE", kind="code")


def test_a_label_whose_closing_point_is_drawn_apart_and_touches_the_wording_is_all_label(tmp_path: Path) -> None:
    """A nested list numbered "10.1." draws "10.1" and "." apart (a CSS counters() label), and a label
    wider than its indent touches the wording: the point is part of the label, never of the clause."""
    size = 10.5

    def item(label: str, text: str, y: float) -> list[Run]:
        x = 56 + text_width(label, size)
        return [Run(label, 56, y), Run(".", x, y), Run(text, x + text_width(".", size), y)]

    page = [
        heading("10. Pets", TOP),
        *item("10.1", "keep a full record of every decision", TOP - 24),
        *item("10.2", "review the records each quarter", TOP - 40),
        heading("11. Hoarding", TOP - 70),
        *item("11.1", "complete the training first", TOP - 94),
        *item("11.2", "tell their manager of any change", TOP - 110),
    ]
    doc = parse_document(make_pdf([page], tmp_path / "doc.pdf"), code="LHG", kind="code")
    assert {c.id: c.text for c in doc.clauses} == {
        "LHG-10.1": "keep a full record of every decision",
        "LHG-10.2": "review the records each quarter",
        "LHG-11.1": "complete the training first",
        "LHG-11.2": "tell their manager of any change",
    }


def test_a_paragraph_set_with_airy_spacing_or_broken_across_a_page_stays_one_paragraph(tmp_path: Path) -> None:
    """Lines spaced 1.7 times their size (a web page's line height) are one paragraph while the sentence
    goes on; a callout whose box is broken across a page break is one aside, its text on the next page
    going on from the unfinished sentence; a sentence ended before the larger spacing ends the paragraph."""
    first = [
        Run("Code of Conduct", 56, TOP + 20, size=24, font="bold"),
        *wrap_lines(["Members should ask for advice before", "acting, not afterwards.", "Each section lists requirements."],
                    56, TOP - 20, leading=18),
        heading("1. Integrity", TOP - 100),
        *bullet_item(["act with honesty"], 56, 68, TOP - 124),
        Box(50, 40, 420, 40), *wrap_lines(["Good practice: offer an interpreter before the", "meeting rather than"], 62, 66),
    ]
    second = [
        Box(50, TOP - 24, 420, 40), Run("relying on family members.", 62, TOP),
        heading("2. Respect", TOP - 50),
        *bullet_item(["treat everyone with courtesy"], 56, 68, TOP - 74),
    ]
    doc = parse_document(make_pdf([first, second], tmp_path / "doc.pdf"), code="COC", kind="code")
    assert doc.intro == "Members should ask for advice before acting, not afterwards.\n\nEach section lists requirements."
    assert [c.text for c in doc.clauses] == ["act with honesty", "treat everyone with courtesy"]
    assert [s.asides for s in doc.sections] == [
        ("Good practice: offer an interpreter before the meeting rather than relying on family members.",), ()
    ]


def test_an_item_numbered_under_its_section_must_be_the_clause_its_place_gives_it(tmp_path: Path) -> None:
    """A code that numbers its own items (1.1, 1.2 …) states each clause's ID. When lettered sub-items
    under 1.2 are read as items of their own, "1.3" would become clause 1.5 and every ID after it would
    shift: the build stops naming the page and the number, instead of giving wrong IDs."""
    page = [
        heading("1. Integrity", TOP),
        Run("1.1 act with honesty", 56, TOP - 24),
        Run("1.2 declare any interest in:", 56, TOP - 40),
        Run("(a) a contract", 80, TOP - 56),
        Run("(b) a planning application", 80, TOP - 72),
        Run("1.3 refuse gifts from contractors", 56, TOP - 88),
    ]
    with pytest.raises(HandbookError, match=r"page 1: the item numbered 1\.3 would be clause 5 of section 1"):
        parse_document(make_pdf([page], tmp_path / "doc.pdf"), code="COC", kind="code")


def test_a_section_label_in_a_pill_above_an_unnumbered_title_numbers_it(tmp_path: Path) -> None:
    """"Principle 1" set bold and smaller than the text in a shaded pill, above a title with no number,
    numbers that title's section (not a sidebar, not a question list of its own)."""
    page = [Run("Code of Ethics", 56, TOP, size=24, font="bold")]
    y = TOP - 100  # below the page's top band, where a small bold line is a running header
    for n, (title, question) in enumerate((("Honesty", "Have I told the whole truth?"), ("Fairness", "Have I heard both sides?")), 1):
        page += [Box(56, y - 3, 60, 12), Run(f"Principle {n}", 62, y, size=8.5, font="bold"), heading(title, y - 20)]
        page += bullet_item([question], 56, 68, y - 44)
        y -= 80
    page += [heading("Before you decide", y), *bullet_item(["Is it lawful?"], 56, 68, y - 24)]
    doc = parse_document(make_pdf([page], tmp_path / "doc.pdf"), code="COE", kind="code")
    assert [(s.number, s.title) for s in doc.sections] == [("1", "Honesty"), ("2", "Fairness"), ("Q", "Before you decide")]
    assert [c.id for c in doc.clauses] == ["COE-1.1", "COE-2.1", "COE-Q1"]


def test_a_one_page_edition_set_in_one_size_has_its_bold_first_line_for_title(tmp_path: Path) -> None:
    """A one-page edition printed flat, every line one size: its title is the bold line it starts with,
    not the whole page, and its list under the lead-in is its clauses."""
    page = [
        Run("Code of personal conduct", 56, TOP, font="bold"),
        Run("Membership brings responsibilities as well as benefits.", 56, TOP - 20),
        Run("CIH members must:", 56, TOP - 38),
        *bullet_item(["act honestly"], 60, 72, TOP - 54),
        *bullet_item(["avoid any conflict of interest"], 60, 72, TOP - 68),
        *bullet_item(["respect confidentiality"], 60, 72, TOP - 82),
    ]
    doc = parse_document(make_pdf([page], tmp_path / "doc.pdf"), code="COC", kind="code")
    assert doc.title == "Code of personal conduct"
    assert {c.id: c.text for c in doc.clauses} == {
        "COC-1": "act honestly", "COC-2": "avoid any conflict of interest", "COC-3": "respect confidentiality"
    }


def test_a_clause_set_with_double_line_spacing_keeps_its_wrapped_lines(tmp_path: Path) -> None:
    """Text set double-spaced (Word's line spacing 2.0: 12pt lines 27.6pt apart, more than 2.2 times
    their size): a clause's wrapped lines at the document's own line spacing go on with it."""
    size, pitch = 12.0, 27.6
    intro = ["This code sets out what the council expects of every officer in the", "housing service, in plain words that tenants can read too.",
             "Each section opens with a lead-in and lists the requirements", "that officers must meet in their work."]
    page = [Run("Code of Conduct", 56, TOP, size=22, font="bold"), *wrap_lines(intro, 56, TOP - 40, leading=pitch, size=size)]
    y = TOP - 40 - 4 * pitch - 10
    expected = {}
    for n, (title, items) in enumerate((
        ("Honesty", [["declare any conflict of interest as soon as they become", "aware of it, in writing"], ["refuse any gift that could be seen", "as an attempt to influence a decision"]]),
        ("Respect", [["treat tenants and colleagues with courtesy, dignity", "and respect, whatever their background"], ["keep to agreed appointment times"]]),
    ), start=1):
        page += [Run(f"{n} {title}", 56, y, size=14, font="bold"), Run("Officers must:", 56, y - 36, size=size)]
        y -= 36 + pitch
        for m, item in enumerate(items, start=1):
            page += bullet_item(item, 56, 74, y, leading=pitch, size=size)
            expected[f"COC-{n}.{m}"] = " ".join(item)
            y -= pitch * len(item)
        y -= 12
    doc = parse_document(make_pdf([page], tmp_path / "doc.pdf"), code="COC", kind="code")
    assert {c.id: c.text for c in doc.clauses} == expected


def test_a_sidebar_listing_the_numbered_headings_without_page_numbers_is_navigation(tmp_path: Path) -> None:
    """A web page printed with its "On this page" sidebar repeats every numbered heading in small type
    beside the text, some entries wrapped, running on to the next page: those entries are navigation,
    never items of the section beside them (numbered 4., 5. they would count on as a list)."""
    side = dict(size=9.0)
    first = [
        Run("Code of Conduct", 200, TOP, size=24, font="bold"),
        Run("On this page", 40, TOP - 40, size=9.0, font="bold"),
        Run("1. Integrity", 40, TOP - 60, **side), Run("2. Respect and", 40, TOP - 76, **side),
        Run("dignity", 40, TOP - 88, **side), Run("3. Care", 40, TOP - 104, **side),
        heading("1. Integrity", TOP - 60, x=200),
        *bullet_item(["act with honesty"], 200, 212, TOP - 84),
        *bullet_item(["keep accurate records"], 200, 212, TOP - 100),
        heading("2. Respect and dignity", TOP - 130, x=200),
        *bullet_item(["treat everyone with courtesy"], 200, 212, TOP - 154),
        heading("3. Care", TOP - 184, x=200),
        *bullet_item(["check that the person is safe"], 200, 212, TOP - 208),
    ]
    second = [
        Run("4. Learning", 40, TOP, **side), Run("5. Records", 40, TOP - 16, **side),
        *bullet_item(["refer them to the right service"], 200, 212, TOP),
        heading("4. Learning", TOP - 30, x=200),
        *bullet_item(["keep knowledge up to date"], 200, 212, TOP - 54),
        heading("5. Records", TOP - 84, x=200),
        *bullet_item(["write notes at the time"], 200, 212, TOP - 108),
    ]
    doc = parse_document(make_pdf([first, second], tmp_path / "doc.pdf"), code="COC", kind="code")
    assert {c.id: c.text for c in doc.clauses} == {
        "COC-1.1": "act with honesty",
        "COC-1.2": "keep accurate records",
        "COC-2.1": "treat everyone with courtesy",
        "COC-3.1": "check that the person is safe",
        "COC-3.2": "refer them to the right service",
        "COC-4.1": "keep knowledge up to date",
        "COC-5.1": "write notes at the time",
    }


# Lines as cairo draws them (Firefox on Linux, Evince and Okular printing to a file, pdftocairo): one TJ
# array per baseline and font, a label or bullet, the gap to its wording and the wording in one array.
CAIRO_SIZE = 10.5


def test_a_clause_label_and_its_wording_in_one_tj_array_are_apart_at_the_gap(tmp_path: Path) -> None:
    """"1.1", a tab's gap (a TJ offset of 1.6 em), then the clause, all in one array; the clause's
    wrapped lines start where its wording does (a hanging indent). The wording starts where the PDF
    draws it, after the gap, so the wrapped lines go on the clause the label starts."""
    gap = -1600
    text_x = 56 + text_width("1.1", CAIRO_SIZE) - gap * CAIRO_SIZE / 1000
    lines = (
        (56, ("1.1", gap, "refuse any gift, favour or hospitality that a tenant, a")),
        (text_x, ("contractor or a member of the public offers them",)),
        (56, ("1.2", gap, "declare any conflict of interest as soon as they")),
        (text_x, ("become aware of it",)),
        (56, ("1.3", gap, "keep accurate records")),
    )
    page = [heading("1. Honesty", TOP), CairoText(lines, TOP - 30, CAIRO_SIZE)]
    doc = parse_document(make_pdf([page], tmp_path / "doc.pdf"), code="COC", kind="code")
    assert {c.id: c.text for c in doc.clauses} == {
        "COC-1.1": "refuse any gift, favour or hospitality that a tenant, a contractor or a member of the public offers them",
        "COC-1.2": "declare any conflict of interest as soon as they become aware of it",
        "COC-1.3": "keep accurate records",
    }


def test_a_dash_bullet_and_its_item_in_one_tj_array_start_an_item(tmp_path: Path) -> None:
    """A dash, a gap (an em), then its item in one array: the dash is the item's bullet, so the item
    is a clause of its own, not the end of the clause before it. Words in the array stand apart by
    space glyphs, kerning by a few thousandths of an em; neither splits a run."""
    text_x = 60 + text_width("–", CAIRO_SIZE) + CAIRO_SIZE
    lines = (
        (60, ("–", -1000, "complete the pets ", 3, "training module before handling")),
        (text_x, ("cases on their own",)),
        (60, ("–", -1000, "tell their manager when the pets guidance no longer")),
        (text_x, ("matches practice",)),
    )
    page = [heading("1. Pets", TOP), Run("Officers must:", 56, TOP - 24), CairoText(lines, TOP - 44, CAIRO_SIZE)]
    doc = parse_document(make_pdf([page], tmp_path / "doc.pdf"), code="COC", kind="code")
    assert [c.text for c in doc.clauses] == [
        "complete the pets training module before handling cases on their own",
        "tell their manager when the pets guidance no longer matches practice",
    ]


def test_a_ligature_drawn_in_a_font_of_its_own_stays_inside_its_word(tmp_path: Path) -> None:
    """cairo draws a ligature glyph from a font of its own inside an ActualText span and selects the
    line's font again before the text goes on from the pen: the ligature's advance is the ligature
    font's, and the letters it stands for stay inside their word ("confirm", not "confi rm"); a space
    after the ligature is a word gap though the array drawing it starts with an empty string."""
    y = TOP - 44
    first = ("con", Ligature("ﬁ", "fi"), "rm any lettings arrangements in writing within ", Ligature("ﬁ", "fi"), "ve days")
    page = [
        heading("1. Lettings", TOP), Run("Officers must:", 56, TOP - 24),
        Run("•", 60, y), CairoText(((72, first),), y, CAIRO_SIZE, font="light"),
        Run("•", 60, y - 14), CairoText(((72, ("record every o", Ligature("ﬂ", "fl"), "ood in the log")),), y - 14, CAIRO_SIZE, font="light"),
        # A ligature ending a word, the array after it starting with an empty string, then the space.
        Run("•", 60, y - 28), CairoText(((72, ("use the wi", Ligature("ﬁ", "fi"), "", -25, " only for work")),), y - 28, CAIRO_SIZE, font="light"),
    ]
    doc = parse_document(make_pdf([page], tmp_path / "doc.pdf"), code="COC", kind="code")
    assert [c.text for c in doc.clauses] == [
        "confirm any lettings arrangements in writing within five days",
        "record every oflood in the log",
        "use the wifi only for work",
    ]


def test_a_soft_hyphen_drawn_inside_a_line_is_a_hyphen_of_the_wording(tmp_path: Path) -> None:
    """A font that maps its hyphen glyph to U+00AD (pdftocairo of a PDF that marked its hyphenation
    so) draws "well-being" as well, U+00AD, being: inside a line, with words going on right after it,
    that glyph is a hyphen the reader sees. In the line's own run, or as a run of its own (drawn in
    another font). In such a font a soft hyphen ending a line is that hyphen too, the document's
    hyphenation and its compounds' alike: the rules for a drawn hyphen at a line end decide ("em-" +
    "ploy" is one word; "out-of-" + "hours" keeps it)."""
    y = TOP - 44
    out_end = 72 + text_width("plan repairs and out", 10.5)
    hyphen = text_width("-", 10.5)
    page = [
        heading("1. Care", TOP),
        Run("Officers must:", 56, TOP - 24),
        Run("•", 60, y), Run("take account of the well\u00adbeing of the people they em\u00ad", 72, y),
        Run("ploy", 72, y - 14),
        Run("•", 60, y - 28), Run("plan repairs and out", 72, y - 28), Run("\u00ad", out_end, y - 28),
        Run("of", out_end + hyphen, y - 28), Run("\u00ad", out_end + hyphen + text_width("of", 10.5), y - 28),
        Run("hours visits", out_end + 2 * hyphen + text_width("of", 10.5), y - 28),
        Run("•", 60, y - 42), Run("arrange out\u00adof\u00ad", 72, y - 42), Run("hours cover for their team", 72, y - 56),
    ]
    doc = parse_document(make_pdf([page], tmp_path / "doc.pdf"), code="COC", kind="code")
    assert [c.text for c in doc.clauses] == [
        "take account of the well-being of the people they employ",
        "plan repairs and out-of-hours visits",
        "arrange out-of-hours cover for their team",
    ]


def test_the_gap_starting_a_tj_array_after_a_bullet_in_another_font_places_the_wording(tmp_path: Path) -> None:
    """A bullet drawn in a font of its own, then the wording's array starting with the tab's gap (an
    offset before its first glyph): the wording starts after the gap, where its wrapped lines do."""
    gap = -1800
    text_x = 60 + text_width("–", CAIRO_SIZE) - gap * CAIRO_SIZE / 1000
    lines = (
        (60, (Glyphs("–"), gap, "make sure that official records are accurate,")),
        (text_x, ("complete and made at the time",)),
        (60, (Glyphs("–"), gap, "be truthful in everything they write or say")),
    )
    page = [heading("1. Honesty", TOP), Run("Members must:", 56, TOP - 24), CairoText(lines, TOP - 44, CAIRO_SIZE, font="light")]
    doc = parse_document(make_pdf([page], tmp_path / "doc.pdf"), code="COC", kind="code")
    assert [c.text for c in doc.clauses] == [
        "make sure that official records are accurate, complete and made at the time",
        "be truthful in everything they write or say",
    ]


def test_a_gap_inside_a_ligature_span_places_the_wording_after_it(tmp_path: Path) -> None:
    """A label, then a ligature starting the clause with the tab's gap in the ligature's own array
    (inside its ActualText span): the clause starts after the gap, a word space after the label, where
    its wrapped line starts."""
    gap = -1600
    text_x = 56 + text_width("1.1", CAIRO_SIZE) - gap * CAIRO_SIZE / 1000
    lines = (
        (56, ("1.1", Ligature("ﬁ", "fi", gap=gap), "nish what they start and hand over cleanly")),
        (text_x, ("when they cannot",)),
        (56, ("1.2", gap, "keep accurate records")),
    )
    page = [heading("1. Reliability", TOP), CairoText(lines, TOP - 30, CAIRO_SIZE)]
    pdf = make_pdf([page], tmp_path / "doc.pdf")
    _, pages = read_layout(pdf)
    assert pages[0].lines[1].text == "1.1 finish what they start and hand over cleanly"
    doc = parse_document(pdf, code="COC", kind="code")
    assert {c.id: c.text for c in doc.clauses} == {
        "COC-1.1": "finish what they start and hand over cleanly when they cannot",
        "COC-1.2": "keep accurate records",
    }


def test_a_label_at_a_tight_tab_stop_is_apart_from_its_wording(tmp_path: Path) -> None:
    """Lettered items at a tab stop set an em after the labels' start: "a)" and "b)" leave a ninth of an
    em before the wording, less than a word space. In one array with its wording each is still a label
    of its own, the wording starting at the tab stop with its wrapped lines."""
    text_x = 72 + CAIRO_SIZE
    def item(label: str, words: str) -> tuple[float, tuple[str | float, ...]]:
        return (72, (label, -(CAIRO_SIZE - text_width(label, CAIRO_SIZE)) * 1000 / CAIRO_SIZE, words))
    lines = (
        item("a)", "take responsibility for their decisions and"),
        (text_x, ("explain them",)),
        item("b)", "cooperate fully with any investigation into a"),
        (text_x, ("complaint about their conduct",)),
    )
    page = [heading("4. Accountability", TOP), Run("Members must:", 56, TOP - 24), CairoText(lines, TOP - 44, CAIRO_SIZE)]
    doc = parse_document(make_pdf([page], tmp_path / "doc.pdf"), code="COC", kind="code")
    assert [c.text for c in doc.clauses] == [
        "take responsibility for their decisions and explain them",
        "cooperate fully with any investigation into a complaint about their conduct",
    ]


def _table_after_list(tmp_path: Path, after_table: list[Run], caption: bool = True) -> Path:
    """A section's list, then a table: a bold header row set centred in its columns, two rows whose
    first cells sit in grey boxes (read as boxed) and whose second cells do not, a caption below; then
    `after_table` and the next section."""
    rows = [("Record", "Where it is kept"), ("Gifts and hospitality", "The register held by the monitoring officer"),
            ("Declared interests", "Annual return, updated within 28 days")]
    page: list = [
        heading("1. Integrity", TOP),
        *bullet_item(["act with honesty"], 60, 72, TOP - 30),
        *bullet_item(["declare any conflict of interest"], 60, 72, TOP - 46),
    ]
    y = TOP - 76
    for n, (left, right) in enumerate(rows):
        if n == 0:
            page += [Run(left, 90, y, font="bold"), Run(right, 300, y, font="bold")]
        else:
            page += [Box(60, y - 4, 180, 15), Run(left, 64, y), Run(right, 250, y)]
        y -= 17
    if caption:
        page.append(Run("Table 1: Registers referred to in this section", 180, y - 2))
    page += after_table
    page += [heading("2. Fairness", TOP - 230), *bullet_item(["treat people with respect"], 60, 72, TOP - 260)]
    return make_pdf([page], tmp_path / "doc.pdf")


def test_a_table_after_a_sections_list_is_its_aside_not_a_heading_or_clauses(tmp_path: Path) -> None:
    """Cells side by side on one baseline are a table, read row by row (with its caption) as the section's
    aside: its bold header row heads no section, and no cell is a clause or text left unassigned."""
    doc = parse_document(_table_after_list(tmp_path, []), code="COC", kind="code")
    assert [(s.number, s.title) for s in doc.sections] == [("1", "Integrity"), ("2", "Fairness")]
    assert [(c.id, c.text) for c in doc.clauses] == [
        ("COC-1.1", "act with honesty"),
        ("COC-1.2", "declare any conflict of interest"),
        ("COC-2.1", "treat people with respect"),
    ]
    assert doc.sections[0].asides == (
        "Record Where it is kept Gifts and hospitality The register held by the monitoring officer "
        "Declared interests Annual return, updated within 28 days Table 1: Registers referred to in this section",
    )


def test_a_paragraph_right_below_a_table_is_no_row_of_it(tmp_path: Path) -> None:
    """A line across the table's columns, at the rows' spacing below them, ends the table: after the
    list it belongs nowhere and is reported."""
    line = Run("A paragraph set right across both of the table's columns here.", 64, TOP - 76 - 3 * 17)
    pdf = _table_after_list(tmp_path, [line], caption=False)
    with pytest.raises(HandbookError) as err:
        parse_document(pdf, code="COC", kind="code")
    assert "text on page 1 was not assigned to any clause: “A paragraph set right across both of the table's columns here.”" in str(err.value)


def _footnoted(tmp_path: Path, raised: bool) -> Path:
    """A clause whose first line ends with a footnote mark ("1", small; raised over the baseline or not),
    and the footnote at the page's foot: its number at the text's size, its wording smaller, wrapped."""
    first = "declare any conflict of interest in writing"
    page = [
        heading("1. Integrity", TOP),
        *bullet_item(["act with honesty"], 60, 72, TOP - 30),
        *bullet_item([first, "to the person named in the policy"], 60, 72, TOP - 46),
        Run("1", 72 + text_width(first, 10.5) + 1.5, TOP - 46 + (4 if raised else 0), size=6),
        heading("2. Fairness", TOP - 100),
        *bullet_item(["treat people with respect"], 60, 72, TOP - 130),
        Run("1", 56, 110), Run("The person is named in the register of interests, kept by the", 64, 110, size=8),
        Run("monitoring officer.", 64, 100, size=8),
    ]
    return make_pdf([page], tmp_path / "doc.pdf")


def test_a_footnote_is_an_aside_and_its_raised_mark_no_part_of_the_clause(tmp_path: Path) -> None:
    doc = parse_document(_footnoted(tmp_path, raised=True), code="COC", kind="code")
    assert [(c.id, c.text) for c in doc.clauses] == [
        ("COC-1.1", "act with honesty"),
        ("COC-1.2", "declare any conflict of interest in writing to the person named in the policy"),
        ("COC-2.1", "treat people with respect"),
    ]
    assert doc.sections[1].asides == ("1 The person is named in the register of interests, kept by the monitoring officer.",)


def test_small_text_at_the_foot_with_no_raised_mark_is_no_footnote(tmp_path: Path) -> None:
    """A "1" set on the baseline is no footnote mark: nothing is taken for a note, and the page is refused."""
    with pytest.raises(HandbookError) as err:
        parse_document(_footnoted(tmp_path, raised=False), code="COC", kind="code")
    assert "was not assigned to any clause" in str(err.value)
