"""Council policies: numbered sections, clauses and lettered items, from PDF and Markdown."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from fpdf import FPDF

from handbook.errors import HandbookError, display_path
from handbook.extract import parse_document
from handbook.render_policies import item_list
from handbook.resolve import lettered_items, parent_clause
from samplegen.policy import LETTERS, render_policy

ROOT = Path(__file__).resolve().parent.parent
POLICY_YAML = sorted((ROOT / "samples" / "council").glob("*.yml"))


def load(yml: Path) -> dict:
    return yaml.safe_load(yml.read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------
# (a) every sample policy PDF extracts to exactly what its YAML says


def test_there_are_nine_sample_policies_two_of_them_in_two_versions() -> None:
    assert [(load(y)["code"], load(y)["version"]) for y in POLICY_YAML] == [
        ("DIS", "4.0"), ("DOI", "1.3"), ("DOI", "1.4"), ("ECC", "3.1"), ("EDI", "5.0"), ("GIF", "2.1"), ("GIF", "2.2"),
        ("ISD", "2.0"), ("SOC", "1.2"), ("TRA", "2.1"), ("WHI", "3.0"),
    ]


@pytest.mark.parametrize("yml", POLICY_YAML, ids=lambda p: p.stem)
def test_sample_policy_pdf_extracts_to_its_yaml(yml: Path) -> None:
    data = load(yml)
    pdf = ROOT / "source_pdfs" / "council" / f"{yml.stem}.pdf"
    doc = parse_document(pdf, code=data["code"], kind="policy")

    assert doc.title == data["title"]
    assert doc.intro.split("\n\n") == [
        data["publisher"],
        f"Version: {data['version']}",
        f"In force from: {data['in_force'].day} {data['in_force']:%B %Y}",
        f"Policy owner: {data['owner']}",
        data["sample_notice"],
    ]
    expected_sections = [(s["number"], s["title"], s.get("intro", "")) for s in data["sections"]]
    assert [(s.number, s.title, s.intro) for s in doc.sections] == expected_sections
    for section, spec in zip(doc.sections, data["sections"], strict=True):
        expected = []
        for clause in spec["clauses"]:
            expected.append((f"{data['code']}-{clause['number']}", clause["text"]))
            for letter, item in zip(LETTERS, clause.get("items") or [], strict=False):
                expected.append((f"{data['code']}-{clause['number']}.{letter}", item))
        assert [(c.id, c.text) for c in section.clauses] == expected
        assert {c.kind for c in section.clauses} == {"policy"}
        assert section.asides == ()
    assert all(1 <= c.page <= doc.pages for c in doc.clauses)


@pytest.mark.parametrize("yml", POLICY_YAML, ids=lambda p: p.stem)
def test_sample_policy_pdf_is_up_to_date_and_deterministic(yml: Path, tmp_path: Path) -> None:
    data = load(yml)
    render_policy(data, tmp_path / "a.pdf")
    render_policy(data, tmp_path / "b.pdf")
    built = (tmp_path / "a.pdf").read_bytes()
    assert built == (tmp_path / "b.pdf").read_bytes()
    committed = ROOT / "source_pdfs" / "council" / f"{yml.stem}.pdf"
    assert built == committed.read_bytes(), "run: .venv/bin/python tools/make_samples.py --only council"


def test_clause_ending_on_one_page_and_next_on_the_next(tmp_path: Path) -> None:
    # Enough clauses to run over several pages: page numbers follow the text.
    data = {
        "code": "LNG",
        "title": "Long Policy",
        "publisher": "Example Borough Council",
        "version": "1.0",
        "in_force": "2024-01-01",
        "owner": "Someone",
        "sample_notice": "SAMPLE",
        "sections": [
            {
                "number": str(s),
                "title": f"Section {s} heading",
                "clauses": [{"number": f"{s}.{k}", "text": "Employees must act fairly. " * 12 + "End."} for k in range(1, 6)],
            }
            for s in range(1, 5)
        ],
    }
    render_policy(data, tmp_path / "long.pdf")
    doc = parse_document(tmp_path / "long.pdf", code="LNG", kind="policy")
    assert doc.pages > 2
    assert [c.id for c in doc.clauses] == [f"LNG-{s}.{k}" for s in range(1, 5) for k in range(1, 6)]
    assert [c.page for c in doc.clauses] == sorted(c.page for c in doc.clauses)
    assert doc.clauses[-1].page == doc.pages


# ---------------------------------------------------------------------------
# (b) Markdown policies


MARKDOWN = """\
# Lone Working Policy

Example Borough Council – SAMPLE.
Version 1.0.

## 1 Purpose and scope

This policy protects staff who work alone.

1.1 Managers must assess the risks of lone
working before it starts.

1.2 Employees must:

- (a) log every home visit in the
  visit diary;
- (b) carry a charged phone.

(c) call in when the visit ends.

## 2. Incidents

2.1 Report every incident within 24 hours.
2.1.1 Incidents involving violence must also be reported to the police.
"""


def test_markdown_policy_extracts_to_exact_ids_and_texts(tmp_path: Path) -> None:
    path = tmp_path / "lone-working.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    doc = parse_document(path, code="LWP", kind="policy")
    assert doc.title == "Lone Working Policy"
    assert doc.intro == "Example Borough Council – SAMPLE. Version 1.0."
    assert doc.pages == 1
    assert [(s.number, s.title, s.intro) for s in doc.sections] == [
        ("1", "Purpose and scope", "This policy protects staff who work alone."),
        ("2", "Incidents", ""),
    ]
    assert [(c.id, c.text, c.kind, c.page) for c in doc.clauses] == [
        ("LWP-1.1", "Managers must assess the risks of lone working before it starts.", "policy", 1),
        ("LWP-1.2", "Employees must:", "policy", 1),
        ("LWP-1.2.a", "log every home visit in the visit diary;", "policy", 1),
        ("LWP-1.2.b", "carry a charged phone.", "policy", 1),
        ("LWP-1.2.c", "call in when the visit ends.", "policy", 1),
        ("LWP-2.1", "Report every incident within 24 hours.", "policy", 1),
        ("LWP-2.1.1", "Incidents involving violence must also be reported to the police.", "policy", 1),
    ]


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        ("# T\n\n## 1 Scope\n\nIntro only.\n\n## 2 Next\n\n2.1 A clause.\n", 3,
         "section 1 “Scope” has no numbered clauses; number its paragraphs 1.1, 1.2 …"),
        ("# T\n\n## 1 Scope\n\n1.1 One.\n\n1.1 Again.\n", 7,
         "clause 1.1 appears twice (lines 5 and 7); renumber the paragraphs so each number is used once"),
        ("# T\n\n## 4 Scope\n\n4.1 One.\n\n5.1 Wrong.\n", 7,
         "clause 5.1 is numbered under the wrong section (it sits in section 4); check the clause numbering"),
        ("# T\n\n## 1 Scope\n\n1.1 One.\n\nStray paragraph.\n", 7,
         "text not assigned to any clause: “Stray paragraph.”; number the paragraph (e.g. 4.3) or join it to the clause above"),
    ],
    ids=["no-clauses", "duplicate", "wrong-section", "unassigned"],
)
def test_markdown_policy_errors(tmp_path: Path, text: str, line: int, problem: str) -> None:
    path = tmp_path / "bad.md"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(HandbookError) as err:
        parse_document(path, code="BAD", kind="policy")
    assert str(err.value) == f"{display_path(path)}:{line}: {problem}"


# ---------------------------------------------------------------------------
# (c) errors from small PDFs drawn here with fpdf2

# (x in mm from the left margin, text, bold) per line; None leaves a blank line.
Spec = list[tuple[float, str, bool] | None]


def draw(path: Path, pages: list[Spec]) -> Path:
    pdf = FPDF(format="A4")
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_auto_page_break(False)
    pdf.set_creation_date(dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc))
    for spec in pages:
        pdf.add_page()
        if pdf.page_no() == 1:
            pdf.set_xy(25, 30)
            pdf.set_font("helvetica", "B", 18)
            pdf.cell(150, 9, "Test Policy")
        y = 45.0
        for entry in spec:
            if entry is None:
                y += 12
                continue
            x, text, bold = entry
            pdf.set_font("helvetica", "B" if bold else "", 11)
            pdf.set_xy(25 + x, y)
            pdf.cell(150, 5.5, text)
            y += 5.5
    pdf.output(str(path))
    return path


def policy_error(tmp_path: Path, pages: list[Spec]) -> str:
    pdf = draw(tmp_path / "bad.pdf", pages)
    with pytest.raises(HandbookError) as err:
        parse_document(pdf, code="BAD", kind="policy")
    prefix = f"{display_path(pdf)}: "
    assert str(err.value).startswith(prefix)
    return str(err.value)[len(prefix):]


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_fill_color(120, 120, 120)
    pdf.rect(20, 20, 170, 250, style="F")
    pdf.output(str(tmp_path / "scan.pdf"))
    with pytest.raises(HandbookError) as err:
        parse_document(tmp_path / "scan.pdf", code="BAD", kind="policy")
    assert str(err.value) == (
        f"{display_path(tmp_path / 'scan.pdf')}: the PDF has no text layer (it looks like a scan); "
        "export the policy from Word as PDF, or run it through OCR first"
    )


def test_pdf_section_without_clauses(tmp_path: Path) -> None:
    message = policy_error(tmp_path, [[
        (0, "1 Purpose", True), (0, "1.1 The first clause.", False), None,
        (0, "2 Scope", True), (12, "An introduction with no numbered paragraphs.", False),
    ]])
    assert message == "section 2 “Scope” on page 1 has no numbered clauses; number its paragraphs 2.1, 2.2 …"


def test_pdf_duplicate_clause_numbers(tmp_path: Path) -> None:
    message = policy_error(tmp_path, [
        [(0, "1 Purpose", True), (0, "1.1 The first clause.", False)],
        [(0, "1.1 The same number again.", False)],
    ])
    assert message == "clause 1.1 appears twice (pages 1 and 2); renumber the policy's paragraphs so each number is used once"


def test_pdf_duplicate_item_letters(tmp_path: Path) -> None:
    message = policy_error(tmp_path, [[
        (0, "1 Purpose", True), (0, "1.1 Employees must:", False),
        (12, "(a) act fairly;", False), (12, "(a) act honestly.", False),
    ]])
    assert message == "clause 1.1(a) appears twice (pages 1 and 1); renumber the policy's paragraphs so each number is used once"


def test_pdf_clause_under_the_wrong_section(tmp_path: Path) -> None:
    message = policy_error(tmp_path, [[
        (0, "4 Conduct", True), (0, "4.1 The first clause.", False), (0, "5.1 A clause from section 5.", False),
    ]])
    assert message == (
        "clause 5.1 on page 1 is numbered under the wrong section (it sits in section 4); "
        "check the clause numbering in the policy"
    )


def test_pdf_text_left_unassigned(tmp_path: Path) -> None:
    message = policy_error(tmp_path, [[
        (0, "1 Purpose", True), (0, "1.1 The first clause.", False), None,
        (12, "A paragraph with no number, well below the clause.", False),
    ]])
    assert message == (
        "text on page 1 (after clause 1.1) was not assigned to any clause: “A paragraph with no number, well below the clause.”; "
        "number the paragraph (e.g. 4.3) or move the text into the clause it belongs to"
    )


def test_pdf_plain_numbered_heading_and_flush_wrapped_lines(tmp_path: Path) -> None:
    # A heading that is neither bold nor larger, and a clause that wraps back
    # to the margin (no hanging indent), as a plain Word document may have.
    pdf = draw(tmp_path / "plain.pdf", [[
        (0, "1 Purpose and scope", False),
        (0, "1.1 Employees must declare any interest that could", False),
        (0, "conflict with their duties.", False),
        (0, "1.2 Managers keep the register.", False),
    ]])
    doc = parse_document(pdf, code="PLN", kind="policy")
    assert doc.title == "Test Policy"
    assert [(s.number, s.title) for s in doc.sections] == [("1", "Purpose and scope")]
    assert [(c.id, c.text) for c in doc.clauses] == [
        ("PLN-1.1", "Employees must declare any interest that could conflict with their duties."),
        ("PLN-1.2", "Managers keep the register."),
    ]


# ---------------------------------------------------------------------------
# (d) the looks of policies exported from Word, LibreOffice, a browser or Typst


def test_items_labelled_a_paren_a_dot_and_roman(tmp_path: Path) -> None:
    # "a)", "a." and "(i)" label items as surely as "(a)"; "(i)" after "(h)" is the letter i.
    letters = [(12, f"({c}) rule {c};", False) for c in "abcdefghi"]
    pdf = draw(tmp_path / "items.pdf", [[
        (0, "1 Conduct", True),
        (0, "1.1 Employees must:", False), (12, "a) act fairly;", False), (12, "b) act honestly.", False),
        (0, "1.2 Managers must:", False), (12, "(i) listen;", False), (12, "(ii) record; and", False), (12, "(iii) decide.", False),
        (0, "1.3 Staff must:", False), (12, "a. report;", False), (12, "b. wait.", False),
        (0, "1.4 Nine rules:", False), *letters,
    ]])
    doc = parse_document(pdf, code="ITM", kind="policy")
    assert [(c.id, c.text) for c in doc.clauses] == [
        ("ITM-1.1", "Employees must:"), ("ITM-1.1.a", "act fairly;"), ("ITM-1.1.b", "act honestly."),
        ("ITM-1.2", "Managers must:"), ("ITM-1.2.i", "listen;"), ("ITM-1.2.ii", "record; and"), ("ITM-1.2.iii", "decide."),
        ("ITM-1.3", "Staff must:"), ("ITM-1.3.a", "report;"), ("ITM-1.3.b", "wait."),
        ("ITM-1.4", "Nine rules:"), *[(f"ITM-1.4.{c}", f"rule {c};") for c in "abcdefghi"],
    ]
    # Roman items are items of their clause, listed i, ii, iii; (i) after (h) stays the letter i.
    by_id = {c.id: c for c in doc.clauses}
    roman = lettered_items(doc.clauses, by_id["ITM-1.2"])
    assert [c.id for c in roman] == ["ITM-1.2.i", "ITM-1.2.ii", "ITM-1.2.iii"]
    assert parent_clause(doc.clauses, by_id["ITM-1.2.ii"]) == by_id["ITM-1.2"]
    assert item_list(roman) == ("i", [1, 2, 3])
    assert item_list(lettered_items(doc.clauses, by_id["ITM-1.4"])) == ("a", list(range(1, 10)))
    assert item_list([by_id[f"ITM-1.2.{n}"] for n in ("i", "ii", "iii")] + [replace(by_id["ITM-1.2.i"], id=f"ITM-1.2.{n}") for n in ("iv", "ix", "xiv")]) == ("i", [1, 2, 3, 4, 9, 14])


def test_duplicate_roman_item_is_reported_with_its_label(tmp_path: Path) -> None:
    message = policy_error(tmp_path, [[
        (0, "1 Purpose", True), (0, "1.1 Employees must:", False),
        (12, "(i) act fairly;", False), (12, "(ii) act honestly;", False), (12, "(ii) act openly.", False),
    ]])
    assert message == "clause 1.1(ii) appears twice (pages 1 and 1); renumber the policy's paragraphs so each number is used once"


def test_indented_sub_clauses_under_their_parent(tmp_path: Path) -> None:
    pdf = draw(tmp_path / "sub.pdf", [[
        (0, "2 Reporting", True),
        (0, "2.1 Employees must report:", False),
        (12, "2.1.1 fraud or theft of council money;", False), (22, "or", False),
        (12, "2.1.2 misuse of tenants’ data.", False),
        (0, "2.2 Reports are confidential.", False),
    ]])
    doc = parse_document(pdf, code="SUB", kind="policy")
    assert [(c.id, c.text) for c in doc.clauses] == [
        ("SUB-2.1", "Employees must report:"),
        ("SUB-2.1.1", "fraud or theft of council money; or"),
        ("SUB-2.1.2", "misuse of tenants’ data."),
        ("SUB-2.2", "Reports are confidential."),
    ]


@pytest.mark.parametrize(
    "contents",
    [
        [(0, "Contents", True), (0, "1 Purpose and scope 2", False), (0, "2 Conduct 2", False)],
        [(0, "1 Purpose and scope ........................ 2", False), (0, "2 Conduct ........................ 2", False)],
    ],
    ids=["contents-heading", "dot-leaders"],
)
def test_contents_page_is_left_out(tmp_path: Path, contents: Spec) -> None:
    pdf = draw(tmp_path / "toc.pdf", [
        [(0, "Version 1.0", False), None, *contents],
        [(0, "1 Purpose and scope", True), (0, "1.1 The first clause.", False),
         (0, "2 Conduct", True), (0, "2.1 The second clause.", False)],
    ])
    doc = parse_document(pdf, code="TOC", kind="policy")
    assert doc.intro == "Version 1.0"
    assert [(s.number, s.title, s.page) for s in doc.sections] == [("1", "Purpose and scope", 2), ("2", "Conduct", 2)]
    assert [(c.id, c.text) for c in doc.clauses] == [("TOC-1.1", "The first clause."), ("TOC-2.1", "The second clause.")]


def test_hyphen_after_an_acronym_at_a_line_end_is_kept(tmp_path: Path) -> None:
    pdf = draw(tmp_path / "hyphen.pdf", [[
        (0, "1 Training", True),
        (0, "1.1 The council pays for CIH-", False), (12, "accredited courses.", False),
    ]])
    doc = parse_document(pdf, code="HYP", kind="policy")
    assert [(c.id, c.text) for c in doc.clauses] == [("HYP-1.1", "The council pays for CIH-accredited courses.")]


def test_number_set_tight_against_its_wording_and_an_indented_bold_heading(tmp_path: Path) -> None:
    # A tab that became no space at all ("1.1This"), under a bold heading set a little in from the margin.
    pdf = draw(tmp_path / "tight.pdf", [[
        (4, "1 Purpose", True),
        (0, "1.1This policy applies to all employees.", False),
        (0, "1.2.Managers apply it.", False),
    ]])
    doc = parse_document(pdf, code="TGT", kind="policy")
    assert [(s.number, s.title) for s in doc.sections] == [("1", "Purpose")]
    assert [(c.id, c.text) for c in doc.clauses] == [
        ("TGT-1.1", "This policy applies to all employees."), ("TGT-1.2", "Managers apply it."),
    ]


def test_boxed_table_inside_a_clause_is_part_of_it(tmp_path: Path) -> None:
    # A table of thresholds drawn in a shaded box under the clause's wording (as a browser prints one).
    pdf = FPDF(format="A4")
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_auto_page_break(False)
    pdf.set_creation_date(dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc))
    pdf.add_page()
    pdf.set_font("helvetica", "B", 18)
    pdf.text(25, 30, "Gifts Policy")
    pdf.set_font("helvetica", "B", 11)
    pdf.text(25, 45, "1 Gifts")
    pdf.set_font("helvetica", "", 11)
    pdf.text(25, 52, "1.1")
    pdf.text(37, 52, "Employees must declare gifts as follows:")
    pdf.set_fill_color(230, 230, 230)
    pdf.rect(37, 55, 120, 14, style="F")
    pdf.text(39, 60, "Under £25")
    pdf.text(80, 60, "Keep a note")
    pdf.text(39, 66, "£25 or more")
    pdf.text(80, 66, "Declare within 28 days")
    pdf.text(25, 76, "1.2")
    pdf.text(37, 76, "Refuse cash.")
    pdf.output(str(tmp_path / "table.pdf"))
    doc = parse_document(tmp_path / "table.pdf", code="GFT", kind="policy")
    assert [(c.id, c.text) for c in doc.clauses] == [
        ("GFT-1.1", "Employees must declare gifts as follows: Under £25 Keep a note £25 or more Declare within 28 days"),
        ("GFT-1.2", "Refuse cash."),
    ]
    assert doc.sections[0].asides == ()


def test_items_without_indent_or_hanging_wrap(tmp_path: Path) -> None:
    # A plain Word list: "(a)" at the margin after the clause's colon, wrapped lines back at the margin;
    # and indented items whose wrapped lines go back under their letter.
    pdf = draw(tmp_path / "flush.pdf", [[
        (0, "1 Conduct", True),
        (0, "1.1 Employees must:", False),
        (0, "(a) act fairly towards every tenant and", False), (0, "resident;", False),
        (0, "(b) act honestly.", False),
        (0, "1.2 Managers must:", False),
        (12, "(a) listen to the employee and to any", False), (12, "witness;", False),
        (12, "(b) decide.", False),
    ]])
    doc = parse_document(pdf, code="FLU", kind="policy")
    assert [(c.id, c.text) for c in doc.clauses] == [
        ("FLU-1.1", "Employees must:"),
        ("FLU-1.1.a", "act fairly towards every tenant and resident;"),
        ("FLU-1.1.b", "act honestly."),
        ("FLU-1.2", "Managers must:"),
        ("FLU-1.2.a", "listen to the employee and to any witness;"),
        ("FLU-1.2.b", "decide."),
    ]


def test_bullet_points_within_a_clause_over_a_page_break(tmp_path: Path) -> None:
    # Unlettered bullet points belong to the clause above them, the next page's too; the glyph is no wording.
    pdf = draw(tmp_path / "bullets.pdf", [
        [(0, "1 Conduct", True), (0, "1.1 Examples of misconduct include:", False),
         (12, "\u2022 rudeness to tenants;", False)],
        [(12, "\u2022 failing to declare an interest.", False), (0, "1.2 Gross misconduct is dealt with in section 2.", False)],
    ])
    doc = parse_document(pdf, code="BUL", kind="policy")
    assert [(c.id, c.text) for c in doc.clauses] == [
        ("BUL-1.1", "Examples of misconduct include: rudeness to tenants; failing to declare an interest."),
        ("BUL-1.2", "Gross misconduct is dealt with in section 2."),
    ]


def test_small_print_after_the_last_clause_is_page_furniture(tmp_path: Path) -> None:
    # A last clause wrapping into the page's bottom band keeps its last line; a web page's
    # footer printed after the policy (smaller, set apart) is left out.
    pdf = FPDF(format="A4")
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_auto_page_break(False)
    pdf.set_creation_date(dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc))
    pdf.add_page()
    pdf.set_font("helvetica", "B", 18)
    pdf.text(25, 30, "Web Policy")
    pdf.set_font("helvetica", "B", 11)
    pdf.text(25, 45, "1 Scope")
    pdf.set_font("helvetica", "", 11)
    pdf.text(25, 52, "1.1 This policy applies to everyone.")
    pdf.text(25, 272, "1.2 The last clause runs to the foot of the")
    pdf.text(25, 277.5, "page.")
    pdf.output(str(tmp_path / "web.pdf"))
    doc = parse_document(tmp_path / "web.pdf", code="WEB", kind="policy")
    assert [(c.id, c.text) for c in doc.clauses] == [
        ("WEB-1.1", "This policy applies to everyone."),
        ("WEB-1.2", "The last clause runs to the foot of the page."),
    ]
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_creation_date(dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc))
    pdf.add_page()
    pdf.set_font("helvetica", "B", 11)
    pdf.text(25, 45, "1 Scope")
    pdf.set_font("helvetica", "", 11)
    pdf.text(25, 52, "1.1 This policy applies to everyone.")
    pdf.set_font("helvetica", "", 8)
    pdf.text(25, 66, "Printed copies are uncontrolled.")
    pdf.output(str(tmp_path / "end.pdf"))
    doc = parse_document(tmp_path / "end.pdf", code="WEB", kind="policy")
    assert [(c.id, c.text) for c in doc.clauses] == [("WEB-1.1", "This policy applies to everyone.")]


def test_heading_wrapping_back_to_its_number(tmp_path: Path) -> None:
    pdf = draw(tmp_path / "heading.pdf", [[
        (0, "5 Examples of misconduct and gross", True), (0, "misconduct", True),
        (0, "5.1 The lists are examples only.", False),
    ]])
    doc = parse_document(pdf, code="HDG", kind="policy")
    assert [(s.number, s.title) for s in doc.sections] == [("5", "Examples of misconduct and gross misconduct")]
    assert [(c.id, c.text) for c in doc.clauses] == [("HDG-5.1", "The lists are examples only.")]


def _borderless_table(path: Path, table_x: float, heading_after: bool) -> Path:
    # A clause, then a table without borders (read by pdf_layout as two columns), then the next
    # section's heading on the same page or the next clause on the next page.
    pdf = FPDF(format="A4")
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_auto_page_break(False)
    pdf.set_creation_date(dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc))
    pdf.add_page()
    pdf.set_font("helvetica", "B", 11)
    pdf.text(25, 45, "1 Gifts")
    pdf.set_font("helvetica", "", 11)
    pdf.text(25, 51, "1.1")
    pdf.text(37, 51, "Employees must declare gifts as follows")
    for n, (value, action) in enumerate([("Value", "What to do"), ("Under £25", "Keep a note"), ("£25 or more", "Declare it")]):
        pdf.text(table_x, 57 + 5.5 * n, value)
        pdf.text(105, 57 + 5.5 * n, action)
    if heading_after:
        pdf.set_font("helvetica", "B", 11)
        pdf.text(25, 80, "2 Cash")
        pdf.set_font("helvetica", "", 11)
        pdf.text(25, 86, "2.1")
        pdf.text(37, 86, "Refuse cash.")
    else:
        pdf.add_page()
        pdf.text(25, 30, "1.2")
        pdf.text(37, 30, "Refuse cash.")
    pdf.output(str(path))
    return path


@pytest.mark.parametrize("heading_after", [True, False], ids=["heading-below", "page-break-below"])
def test_borderless_table_under_a_clause_is_read_row_by_row(tmp_path: Path, heading_after: bool) -> None:
    pdf = _borderless_table(tmp_path / "table.pdf", 37, heading_after)
    doc = parse_document(pdf, code="TAB", kind="policy")
    assert [(c.id, c.text) for c in doc.clauses] == [
        ("TAB-1.1", "Employees must declare gifts as follows Value What to do Under £25 Keep a note £25 or more Declare it"),
        ("TAB-2.1" if heading_after else "TAB-1.2", "Refuse cash."),
    ]


@pytest.mark.parametrize("heading_after", [True, False], ids=["heading-below", "page-break-below"])
def test_borderless_table_at_the_margin_is_read_row_by_row(tmp_path: Path, heading_after: bool) -> None:
    # A Word table starting at the margin, left of the clause's wording: its first column lines up with
    # the clause's number, and its right column, read after the left, is put back beside it row by row.
    pdf = _borderless_table(tmp_path / "margin.pdf", 25, heading_after)
    doc = parse_document(pdf, code="TAB", kind="policy")
    assert [(c.id, c.text) for c in doc.clauses] == [
        ("TAB-1.1", "Employees must declare gifts as follows Value What to do Under £25 Keep a note £25 or more Declare it"),
        ("TAB-2.1" if heading_after else "TAB-1.2", "Refuse cash."),
    ]


def _margin_grid(path: Path, after: list[tuple[float, str, bool]]) -> Path:
    # Three columns at the margin, a bold header row, a cell wrapped over two lines; then `after`:
    # (x in mm, text, bold) lines at the table's own row spacing.
    pdf = FPDF(format="A4")
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_auto_page_break(False)
    pdf.set_creation_date(dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc))
    pdf.add_page()
    pdf.set_font("helvetica", "B", 11)
    pdf.text(25, 45, "3 Gifts")
    pdf.set_font("helvetica", "", 11)
    pdf.text(25, 51, "3.1")
    pdf.text(37, 51, "Staff must record every offer:")
    rows = [
        [(25, "Offer", True), (70, "Value", True), (120, "Action", True)],
        [(25, "A meal", False), (70, "Under £25", False), (120, "Keep a note", False)],
        [(25, "Tickets to an", False), (70, "Any", False), (120, "Declare it", False)],
        [(25, "event", False)],
        *[[line] for line in after],
    ]
    for n, row in enumerate(rows):
        for x, text, bold in row:
            pdf.set_font("helvetica", "B" if bold else "", 11)
            pdf.text(x, 57 + 5.5 * n, text)
    pdf.output(str(path))
    return path


def test_margin_table_of_three_columns_ends_where_the_grid_ends(tmp_path: Path) -> None:
    table = "Offer Value Action A meal Under £25 Keep a note Tickets to an Any Declare it event"
    pdf = _margin_grid(tmp_path / "grid.pdf", [(25, "3.2 Refuse cash.", False)])
    doc = parse_document(pdf, code="TAB", kind="policy")
    assert [(c.id, c.text) for c in doc.clauses] == [
        ("TAB-3.1", f"Staff must record every offer: {table}"),
        ("TAB-3.2", "Refuse cash."),
    ]
    # A paragraph right below the table, across its columns, is neither a row nor the last cell's
    # wrapped line: it belongs nowhere and is reported.
    pdf = _margin_grid(tmp_path / "after.pdf", [(25, "Unnumbered text set right across the columns of the table.", False)])
    with pytest.raises(HandbookError) as err:
        parse_document(pdf, code="TAB", kind="policy")
    assert str(err.value) == (
        f"{display_path(pdf)}: text on page 1 (after clause 3.1) was not assigned to any clause: "
        "“Unnumbered text set right across the columns of the table.”; "
        "number the paragraph (e.g. 4.3) or move the text into the clause it belongs to"
    )


def test_margin_table_whose_rows_read_as_one_line_each(tmp_path: Path) -> None:
    # Columns close together: each data row comes out of the layout as one line of two runs (its cells),
    # the header row as two lines; the table is set apart from the clause by more than a line's spacing
    # (a cell's padding), so its first line cannot pass for a wrapped line of the clause.
    pdf = FPDF(format="A4")
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_auto_page_break(False)
    pdf.set_creation_date(dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc))
    pdf.add_page()
    pdf.set_font("helvetica", "B", 11)
    pdf.text(25, 45, "1 Gifts")
    pdf.set_font("helvetica", "", 11)
    pdf.text(25, 51, "1.1")
    pdf.text(37, 51, "Employees must declare gifts as follows")
    for n, (value, action) in enumerate([("Value", "What to do"), ("Under £25", "Keep a note"), ("£25 or more", "Declare it")]):
        pdf.text(25, 60 + 5.5 * n, value)
        pdf.text(53, 60 + 5.5 * n, action)
    pdf.text(25, 83, "1.2")
    pdf.text(37, 83, "Refuse cash.")
    pdf.output(str(tmp_path / "rows.pdf"))
    doc = parse_document(tmp_path / "rows.pdf", code="TAB", kind="policy")
    assert [(c.id, c.text) for c in doc.clauses] == [
        ("TAB-1.1", "Employees must declare gifts as follows Value What to do Under £25 Keep a note £25 or more Declare it"),
        ("TAB-1.2", "Refuse cash."),
    ]


def test_bordered_table_at_the_margin_is_the_clauses_not_an_aside(tmp_path: Path) -> None:
    # Each cell in a box of its own (read as boxed text): under a clause, in a grid, it is the clause's table.
    pdf = FPDF(format="A4")
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_auto_page_break(False)
    pdf.set_creation_date(dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc))
    pdf.add_page()
    pdf.set_font("helvetica", "B", 11)
    pdf.text(25, 45, "4 Records")
    pdf.set_font("helvetica", "", 11)
    pdf.text(25, 51, "4.1")
    pdf.text(37, 51, "Keep each record for the time shown:")
    pdf.set_xy(25, 55)
    with pdf.table(width=90, col_widths=(45, 45), align="L", line_height=6, first_row_as_headings=True) as table:
        for cells in [("Record", "Keep for"), ("Declarations", "Six years"), ("Gifts register", "Two years")]:
            row = table.row()
            for cell in cells:
                row.cell(cell)
    pdf.set_font("helvetica", "", 11)
    pdf.text(25, 85, "4.2")
    pdf.text(37, 85, "Destroy records securely.")
    pdf.output(str(tmp_path / "boxed.pdf"))
    doc = parse_document(tmp_path / "boxed.pdf", code="REC", kind="policy")
    assert [(c.id, c.text) for c in doc.clauses] == [
        ("REC-4.1", "Keep each record for the time shown: Record Keep for Declarations Six years Gifts register Two years"),
        ("REC-4.2", "Destroy records securely."),
    ]
    assert doc.sections[0].asides == ()


def test_table_cell_repeated_either_side_of_a_page_break_is_no_running_text(tmp_path: Path) -> None:
    # The same words at the foot of page 1 and the head of page 2 (a table's column carried over the
    # break) are cells, not a running footer or header: a running line repeats in one band, top or foot.
    pdf = FPDF(format="A4")
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_auto_page_break(False)
    pdf.set_creation_date(dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc))
    pdf.add_page()
    pdf.set_font("helvetica", "B", 11)
    pdf.text(25, 255, "1 Gifts")
    pdf.set_font("helvetica", "", 11)
    pdf.text(25, 261, "1.1")
    pdf.text(37, 261, "Employees must declare gifts as follows")
    for n, cells in enumerate([("Offer", "Value", "Action"), ("A meal", "Under £25", "Keep a note"), ("Tickets", "Any value", "Declare it")]):
        for x, cell in zip((25, 75, 125), cells):
            pdf.text(x, 267 + 5.5 * n, cell)
    pdf.add_page()
    for x, cell in zip((25, 75, 125), ("Cash", "Any value", "Refuse")):
        pdf.text(x, 20, cell)
    pdf.text(25, 32, "1.2")
    pdf.text(37, 32, "Keep the register up to date.")
    pdf.output(str(tmp_path / "break.pdf"))
    doc = parse_document(tmp_path / "break.pdf", code="TAB", kind="policy")
    assert [(c.id, c.text) for c in doc.clauses] == [
        ("TAB-1.1", "Employees must declare gifts as follows Offer Value Action A meal Under £25 Keep a note "
         "Tickets Any value Declare it Cash Any value Refuse"),
        ("TAB-1.2", "Keep the register up to date."),
    ]


def test_text_at_the_margin_in_one_column_is_no_table(tmp_path: Path) -> None:
    # Short lines at the margin under a clause, one to a baseline, are no grid: they belong nowhere.
    message = policy_error(tmp_path, [[
        (0, "1 Purpose", True), (0, "1.1 The first clause.", False), None,
        (0, "Value", False), (0, "Under £25", False), (0, "£25 or more", False),
    ]])
    assert message == (
        "text on page 1 (after clause 1.1) was not assigned to any clause: “Value”; "
        "number the paragraph (e.g. 4.3) or move the text into the clause it belongs to"
    )


def test_unnumbered_bold_heading_after_a_flush_clause_is_not_its_wording(tmp_path: Path) -> None:
    message = policy_error(tmp_path, [[
        (0, "1 Scope", True), (0, "1.1 The first clause.", False),
        (0, "Appendix A Declaration form", True), (0, "Use this form to declare.", False),
    ]])
    assert message == (
        "text on page 1 (after clause 1.1) was not assigned to any clause: “Appendix A Declaration form”; "
        "number the paragraph (e.g. 4.3) or move the text into the clause it belongs to"
    )


def test_double_spaced_policy_keeps_its_wrapped_lines(tmp_path: Path) -> None:
    # Lines 9 mm apart (double spacing at 11 pt: more than 2.2 times the size), paragraphs a little further.
    pdf = FPDF(format="A4")
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_auto_page_break(False)
    pdf.set_creation_date(dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc))
    pdf.add_page()
    pdf.set_font("helvetica", "B", 11)
    pdf.text(25, 40, "1 Scope")
    pdf.set_font("helvetica", "", 11)
    rows = [(52, "1.1 This policy applies to every employee of"), (61, "the council and to agency workers."),
            (73, "1.2 Managers must make sure their staff have"), (82, "read it.")]
    for y, text in rows:
        pdf.text(25 if text[0].isdigit() else 37, y, text)
    pdf.output(str(tmp_path / "double.pdf"))
    doc = parse_document(tmp_path / "double.pdf", code="DBL", kind="policy")
    assert [(c.id, c.text) for c in doc.clauses] == [
        ("DBL-1.1", "This policy applies to every employee of the council and to agency workers."),
        ("DBL-1.2", "Managers must make sure their staff have read it."),
    ]


def test_headings_numbered_as_paragraph_zero(tmp_path: Path) -> None:
    # "1.0 Introduction", "2.0 Scope": section headings in the style of many council policies.
    pdf = draw(tmp_path / "zero.pdf", [[
        (0, "1.0 Introduction", True), (0, "1.1 This policy applies to everyone.", False),
        (0, "2.0 Scope", False), (0, "2.1 It covers all council business.", False),
    ]])
    doc = parse_document(pdf, code="ZER", kind="policy")
    assert [(s.number, s.title) for s in doc.sections] == [("1", "Introduction"), ("2", "Scope")]
    assert [(c.id, c.text) for c in doc.clauses] == [
        ("ZER-1.1", "This policy applies to everyone."), ("ZER-2.1", "It covers all council business."),
    ]


def test_policy_laid_out_in_a_bordered_table_over_a_page_break(tmp_path: Path) -> None:
    # Number in one column, wording in a boxed cell (read as a sidebar by pdf_layout), the cell running
    # on over the page break: the boxed lines are the clause's wording and items.
    pdf = FPDF(format="A4")
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_auto_page_break(False)
    pdf.set_creation_date(dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc))
    pdf.set_fill_color(235, 235, 235)
    pdf.add_page()
    pdf.set_font("helvetica", "B", 11)
    pdf.text(25, 45, "1 Conduct")
    pdf.set_font("helvetica", "", 11)
    pdf.rect(35, 253, 150, 34, style="F")
    pdf.text(25, 258, "1.1")
    pdf.text(37, 258, "Employees must at all times, at work and")
    pdf.text(37, 263.5, "outside it:")
    pdf.text(37, 269, "a) act fairly;")
    pdf.text(37, 274.5, "b) act honestly; and")
    pdf.add_page()
    pdf.rect(35, 20, 150, 16, style="F")
    pdf.text(37, 27, "c) act openly.")
    pdf.text(25, 45, "1.2")
    pdf.text(37, 45, "Refuse cash.")
    pdf.output(str(tmp_path / "grid.pdf"))
    doc = parse_document(tmp_path / "grid.pdf", code="GRD", kind="policy")
    assert [(c.id, c.text, c.page) for c in doc.clauses] == [
        ("GRD-1.1", "Employees must at all times, at work and outside it:", 1),
        ("GRD-1.1.a", "act fairly;", 1), ("GRD-1.1.b", "act honestly; and", 1), ("GRD-1.1.c", "act openly.", 2),
        ("GRD-1.2", "Refuse cash.", 2),
    ]
    assert doc.sections[0].asides == ()


def test_wrapped_line_starting_with_a_clause_reference_is_no_sub_clause(tmp_path: Path) -> None:
    pdf = draw(tmp_path / "ref.pdf", [[
        (0, "2 Reporting", True),
        (0, "2.1 Employees must report fraud.", False),
        (0, "2.2 Reports are handled as set out in paragraph", False), (12, "2.1.1 of the Fraud Response Plan.", False),
    ]])
    doc = parse_document(pdf, code="REF", kind="policy")
    assert [(c.id, c.text) for c in doc.clauses] == [
        ("REF-2.1", "Employees must report fraud."),
        ("REF-2.2", "Reports are handled as set out in paragraph 2.1.1 of the Fraud Response Plan."),
    ]


def test_flush_wrapped_line_starting_with_a_clause_reference_stays_in_its_clause(tmp_path: Path) -> None:
    # Without a hanging indent the reference starts at the margin; it is not the number that comes
    # next (2.3 or 2.2.1) and the line above ends mid-sentence. A next clause after an unfinished line is still one.
    pdf = draw(tmp_path / "ref.pdf", [[
        (0, "2 Reporting", True),
        (0, "2.1 Employees must report fraud.", False),
        (0, "2.2 Reports are handled as set out in paragraph", False), (0, "2.1.1 of the Fraud Response Plan.", False),
        (0, "2.3 Managers keep the register", False), (0, "2.4 Audit checks it.", False),
    ]])
    doc = parse_document(pdf, code="REF", kind="policy")
    assert [(c.id, c.text) for c in doc.clauses] == [
        ("REF-2.1", "Employees must report fraud."),
        ("REF-2.2", "Reports are handled as set out in paragraph 2.1.1 of the Fraud Response Plan."),
        ("REF-2.3", "Managers keep the register"),
        ("REF-2.4", "Audit checks it."),
    ]
