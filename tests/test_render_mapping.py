"""Mapping pages: Nolan pages, council policy pages and clause-page sections, with links both ways."""

from __future__ import annotations

import json
from pathlib import Path

from handbook.mapping import load_mapping
from handbook.nolan import load_principles
from handbook.render import md_text
from handbook.render_mapping import clause_mapping_markdown, mapping_json, nolan_pages, policy_pages
from handbook.resolve import resolve
from handbook.textnorm import text_sha256
from test_mapping import CIH_TEXTS, good_yaml, sha, small_handbook, write

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
    assert "Mapping reviewed for this wording by HR Policy Officer on 2024-05-01." in lines
    assert any(line.startswith("- [Integrity](../../../nolan/integrity.md) (primary): Holders of public office must avoid") for line in lines)
    assert "- [Accountability](../../../nolan/accountability.md): Holders" in text
    assert (
        "- [**ECC\\-5\\.2**](../../../council/employee-code-of-conduct/1.0/ecc-5.2.md) Employee Code of Conduct version 1\\.0 "
        "(in force from 2024-01-01): Employees must not accept"
    ) in text
    assert "    - This clause is a superset of it (same meaning). Both forbid gifts meant to influence\\." in lines
    assert "Not yet reviewed" not in text
    # Breach route: the engaged policies, then the procedure clauses the reviewed entry names (breach:).
    assert (
        "A breach would engage the council's [Employee Code of Conduct](../../../council/employee-code-of-conduct.md), "
        "[Gifts and Hospitality Policy](../../../council/gifts-and-hospitality-policy.md)."
    ) in lines
    named = lines[lines.index("The mapping names these Disciplinary Procedure clauses:") + 2 :]
    assert [line.split(")")[0] for line in named] == [
        "- [**DIS\\-5\\.1\\.a**](../../../council/disciplinary-procedure.md#dis-5-1-a",
        "- [**DIS\\-5\\.1**](../../../council/disciplinary-procedure.md#dis-5-1",
    ]
    assert "DIS\\-5\\.1\\.b" not in text  # rudeness is not in the reviewed route


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


def test_unreviewed_wordings_show_suggestions_only_marked_as_such(tmp_path: Path) -> None:
    reworded = {**CIH_TEXTS, "COC-1.2": "declare any interest that conflicts with their duties", "COC-1.4": "new"}
    text = good_yaml().replace("    status: reviewed\n    nolan: [accountability]", "    status: suggested\n    nolan: [accountability]")
    handbook, mapping = setup(tmp_path, text, reworded)
    warning = [
        '!!! warning "Not yet reviewed"',
        "    The council has not yet reviewed how this wording applies, so no Nolan principle, council clause or "
        "breach route is given for it here.",
        "",
    ]
    breach = ["### If this standard is breached { data-search-exclude }", "", "The breach route for this wording has not been reviewed yet."]
    # Reworded: its old wording's entry applies to that wording only; nothing is shown as fact, no suggestion was drafted.
    stale = clause_lines(handbook, mapping, "COC-1.2")
    assert stale == ["", "## How this applies at the council { data-search-exclude }", "", *warning, *breach]
    # Suggested: the drafted entry, inside the marked element only.
    suggested = "\n".join(clause_lines(handbook, mapping, "COC-1.3"))
    before, inside = suggested.split('<div class="handbook-suggested" data-mapping="suggested" markdown>')
    inside, after = inside.split("</div>")
    assert "\n".join(warning) in before and "nolan/" not in before and "council/" not in before
    assert "**Suggested automatically, not reviewed** – a starting point for the reviewer, not guidance:" in inside
    assert "- [Accountability](../../../nolan/accountability.md) (primary):" in inside
    assert "nolan/" not in after and "council/" not in after and "\n".join(breach) in after
    # Unreviewed and no draft given: the warning and the unreviewed breach route only.
    assert clause_lines(handbook, mapping, "COC-1.4") == stale
    # A draft made for the build is shown the same way.
    draft = mapping.for_wording(sha("COC-1.3"))
    facts = next(c for c in resolve(handbook, "", mapping, PRINCIPLES, {text_sha256("new"): draft}).documents[0].clauses if c.clause.id == "COC-1.4")
    assert '<div class="handbook-suggested" data-mapping="suggested" markdown>' in clause_mapping_markdown(facts, facts.page)
    # Nolan pages list reviewed mappings only.
    integrity = page(nolan_pages(resolved(handbook, mapping)), "nolan/integrity.md")
    assert "COC\\-1\\.2" not in integrity and "COC\\-1\\.1" in integrity


def test_hostile_text_is_escaped(tmp_path: Path) -> None:
    text = good_yaml().replace("Both forbid gifts meant to influence.", "<script>alert(1)</script> [x](javascript:y)")
    handbook, mapping = setup(tmp_path, text)
    joined = "\n".join(clause_lines(handbook, mapping, "COC-1.1"))
    assert "<script>" not in joined and "\\<script\\>" in joined and "\\[x\\]\\(javascript\\:y\\)" in joined


def test_mapping_json(tmp_path: Path) -> None:
    handbook, mapping = setup(tmp_path)
    data = mapping_json(mapping, handbook)
    json.dumps(data)
    assert data["schema"] == "professional-standards-handbook/mapping/2"
    assert [e["clause"] for e in data["entries"]] == ["COC-1.1", "COC-1.2", "COC-1.3"]
    assert data["entries"][2]["gap"] == "No council clause on CPD records."
    assert data["entries"][0]["policies"][1] == {
        "clause": "GIF-4.1", "relation": "intersects-with", "basis": "same outcome", "rationale": "Both require offers to be registered.",
    }
    assert data["entries"][0]["breach"] == {"misconduct": ["DIS-5.1.a"], "procedure": ["DIS-5.1"]}
    assert data["entries"][0]["reviewed_on"] == "2024-05-01"
    assert data["clauses"]["COC-1.1"] == {"text_sha256": sha("COC-1.1"), "state": "reviewed"}
    assert data["orphaned"] == [] and data["breach_position"] is None
