"""Mapping pages: Nolan pages, council policy pages and clause-page sections, with links both ways."""

from __future__ import annotations

import json
from pathlib import Path

from handbook.mapping import load_mapping
from handbook.nolan import load_principles
from handbook.render import md_text
from handbook.render_mapping import clause_mapping_markdown, mapping_json, nolan_pages, policy_pages
from handbook.resolve import resolve
from test_mapping import CIH_TEXTS, good_yaml, small_handbook, write

PRINCIPLES = load_principles()


def setup(tmp_path: Path, text: str | None = None, texts: dict[str, str] = CIH_TEXTS):
    handbook = small_handbook(texts)
    mapping = load_mapping(write(tmp_path, text or good_yaml()))
    return handbook, mapping


def page(files, path: str) -> str:
    return next(f.content for f in files if f.path == path)


def resolved(handbook, mapping):
    return resolve(handbook, "", mapping, PRINCIPLES)


def clause_lines(handbook, mapping, cid: str) -> list[str]:
    facts = next(c for c in resolved(handbook, mapping).documents[0].clauses if c.clause.id == cid)
    return clause_mapping_markdown(facts, facts.page)


def test_nolan_pages_link_to_clause_pages(tmp_path: Path) -> None:
    handbook, mapping = setup(tmp_path)
    files = nolan_pages(resolved(handbook, mapping))
    assert [f.path for f in files] == ["nolan/index.md"] + [f"nolan/{p}.md" for p in PRINCIPLES.ids]
    index = page(files, "nolan/index.md")
    wording = (
        "2013 revised descriptions, with the Leadership description as amended by the Committee in "
        "November 2021 (the 1995 text, which still circulates, differs)"
    )
    assert PRINCIPLES.attribution.wording == wording
    assert md_text(wording) in index
    assert "(https://www.gov.uk/government/publications/the-7-principles-of-public-life)" in index
    assert "Open Government Licence v3\\.0" in index
    assert "| 2 | [Integrity](integrity.md) |" in index and "| 2 (2) |" in index
    integrity = page(files, "nolan/integrity.md")
    assert "- [**COC\\-1\\.1**](../cih/code-of-conduct/v3/coc-1.1.md) (primary) refuse gifts" in integrity
    assert "- [**COC\\-1\\.2**](../cih/code-of-conduct/v3/coc-1.2.md) (primary)" in integrity
    assert "coc-1.3" not in integrity
    accountability = page(files, "nolan/accountability.md")
    assert "[**COC\\-1\\.1**](../cih/code-of-conduct/v3/coc-1.1.md) (also)" in accountability
    assert "2 current CIH clauses are mapped to this principle." in accountability


def test_policy_pages_list_cih_clauses_under_each_clause(tmp_path: Path) -> None:
    handbook, mapping = setup(tmp_path)
    files = policy_pages(resolved(handbook, mapping))
    assert [f.path for f in files][:2] == ["council/index.md", "council/employee-code-of-conduct.md"]
    index = page(files, "council/index.md")
    assert "| GIF | [Gifts and Hospitality Policy](gifts-and-hospitality-policy.md) | 1\\.0 | 2024-01-01 | 1 | 1 | 100% |" in index
    assert "| ECC | [Employee Code of Conduct](employee-code-of-conduct.md) | 1\\.0 | 2024-01-01 | 2 | 1 | 50% |" in index
    assert "1 current CIH clauses engage no council clause" in index
    ecc = page(files, "council/employee-code-of-conduct.md")
    assert '<p class="handbook-policy-clause" id="ecc-5-2" markdown="span"><strong>ECC\\-5\\.2</strong>' in ecc
    assert (
        "- [**COC\\-1\\.1**](../cih/code-of-conduct/v3/coc-1.1.md) refuse gifts and hospitality that could influence "
        "a professional decision\\, and record every offer in the register – the CIH clause is a superset of this clause (same meaning)"
    ) in ecc
    assert 'id="ecc-2-1"' in ecc and ecc.index('id="ecc-2-1"') < ecc.index('id="ecc-5-2"')


def test_clause_section_links_principles_policies_and_breach_route(tmp_path: Path) -> None:
    handbook, mapping = setup(tmp_path)
    lines = clause_lines(handbook, mapping, "COC-1.1")
    text = "\n".join(lines)
    assert "Mapping reviewed by HR Policy Officer on 2024-05-01." in lines
    assert any(line.startswith("- [Integrity](../../../nolan/integrity.md) (primary): Holders of public office must avoid") for line in lines)
    assert "- [Accountability](../../../nolan/accountability.md): Holders" in text
    assert (
        "- [**ECC\\-5\\.2**](../../../council/employee-code-of-conduct.md#ecc-5-2) Employee Code of Conduct: Employees must not accept"
    ) in text
    assert "    - This clause is a superset of it (same meaning). Both forbid gifts meant to influence\\." in lines
    assert "Needs review" not in text
    # Breach route: the engaged policies, then the DIS examples that share their words.
    assert (
        "A breach would engage the council's [Employee Code of Conduct](../../../council/employee-code-of-conduct.md), "
        "[Gifts and Hospitality Policy](../../../council/gifts-and-hospitality-policy.md)."
    ) in lines
    assert any(
        line.startswith("- [**DIS\\-5\\.1\\.a**](../../../council/disciplinary-procedure.md#dis-5-1-a) misconduct example: accepting gifts")
        for line in lines
    )
    assert "DIS\\-5\\.1\\.b" not in text  # rudeness shares nothing with gifts


def test_gross_misconduct_example_for_interests(tmp_path: Path) -> None:
    handbook, mapping = setup(tmp_path)
    text = "\n".join(clause_lines(handbook, mapping, "COC-1.2"))
    assert "(../../../council/disciplinary-procedure.md#dis-5-2-a) gross misconduct example: deliberately concealing an interest" in text


def test_gap_note_and_no_breach_route(tmp_path: Path) -> None:
    handbook, mapping = setup(tmp_path)
    lines = clause_lines(handbook, mapping, "COC-1.3")
    assert "No council clause engages this standard." in lines
    assert '!!! note "Gap in the council\'s policies"' in lines
    assert "    No council clause on CPD records\\." in lines
    assert any(line.startswith("No council policy is engaged") for line in lines)


def test_needs_review_for_stale_suggested_and_unmapped(tmp_path: Path) -> None:
    reworded = {**CIH_TEXTS, "COC-1.2": "declare any interest that conflicts with their duties", "COC-1.4": "new"}
    text = good_yaml().replace("    status: reviewed\n    nolan: [accountability]", "    status: suggested\n    nolan: [accountability]")
    handbook, mapping = setup(tmp_path, text, reworded)
    stale = clause_lines(handbook, mapping, "COC-1.2")
    assert '!!! warning "Needs review"' in stale
    assert "    The wording of this clause has changed since its mapping was reviewed on 2024-05-01; the links below may no longer fit." in stale
    assert "    The links below were suggested automatically from shared words and have not yet been checked by a person." in clause_lines(handbook, mapping, "COC-1.3")
    unmapped = clause_lines(handbook, mapping, "COC-1.4")
    assert unmapped[-2:] == ["    This clause has not been mapped to the Nolan principles or the council's policies yet.", ""]
    integrity = page(nolan_pages(resolved(handbook, mapping)), "nolan/integrity.md")
    assert "*(needs review: stale)*" in integrity


def test_hostile_text_is_escaped(tmp_path: Path) -> None:
    text = good_yaml().replace("Both forbid gifts meant to influence.", "<script>alert(1)</script> [x](javascript:y)")
    handbook, mapping = setup(tmp_path, text)
    joined = "\n".join(clause_lines(handbook, mapping, "COC-1.1"))
    assert "<script>" not in joined and "\\<script\\>" in joined and "\\[x\\]\\(javascript\\:y\\)" in joined


def test_mapping_json(tmp_path: Path) -> None:
    _, mapping = setup(tmp_path)
    data = mapping_json(mapping)
    json.dumps(data)
    assert list(data["clauses"]) == ["COC-1.1", "COC-1.2", "COC-1.3"]
    assert data["clauses"]["COC-1.3"]["gap"] == "No council clause on CPD records."
    assert data["clauses"]["COC-1.1"]["policies"][1] == {
        "clause": "GIF-4.1", "relation": "intersects-with", "basis": "same outcome", "rationale": "Both require offers to be registered.",
    }
    assert data["clauses"]["COC-1.1"]["reviewed_on"] == "2024-05-01"
