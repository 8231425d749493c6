"""The resolve stage decides every fact a page shows, once: versions, mapping state, council links, breach route."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from handbook.mapping import load_mapping
from handbook.mapping_versions import follow_versions
from handbook.nolan import load_principles
from handbook.pipeline import Handbook
from handbook.resolve import ClauseLinks, ClauseRef, Successor, resolve
from test_mapping import good_yaml, small_handbook, write
from test_mapping_versions import GIFTS, INTERESTS, RECORDS, V1, V1_MAPPING, V2, handbook

PRINCIPLES = load_principles()


def test_each_clause_knows_its_place_in_the_versions() -> None:
    resolved = resolve(handbook(V1, V2), "https://h.example/")
    v1, v2 = resolved.documents
    assert (v1.current, v1.until, v1.superseded_by, v2.current, v2.until) == (False, V2.entry.in_force, V2, True, None)
    old = {c.clause.id: c for c in v1.clauses}
    new = {c.clause.id: c for c in v2.clauses}
    assert old["COC-1.1"].successor == Successor("v2", ClauseRef("COC-1.2", "v2", GIFTS, "cih/code-of-conduct/v2/coc-1.2.md"))
    assert old["COC-1.2"].successor is not None and old["COC-1.2"].successor.reworded
    assert old["COC-1.4"].successor == Successor("v2", None)  # removed
    assert new["COC-1.3"].predecessor == ClauseRef("COC-1.2", "v1", INTERESTS, "cih/code-of-conduct/v1/coc-1.2.md")
    assert new["COC-1.1"].predecessor is None  # added in v2
    assert all(c.successor is None for c in v2.clauses)
    assert new["COC-1.4"].url == "cih/code-of-conduct/v2/coc-1.4/"
    assert new["COC-1.4"].permalink == "https://h.example/cih/code-of-conduct/v2/coc-1.4/"
    assert new["COC-1.4"].citation.endswith("clause COC-1.4, page 1 — https://h.example/cih/code-of-conduct/v2/coc-1.4/")
    (history,) = resolved.histories
    assert history.current is v2
    assert [(c.status, c.old and c.old.id, c.new and c.new.id, c.moved) for c in history.steps[0].changes] == [
        ("added", None, "COC-1.1", False),
        ("unchanged", "COC-1.1", "COC-1.2", True),
        ("reworded", "COC-1.2", "COC-1.3", True),
        ("unchanged", "COC-1.3", "COC-1.4", True),
        ("removed", "COC-1.4", None, False),
    ]
    reworded = history.steps[0].changes[2]
    assert "".join(t for op, t in reworded.diff if op != "-") == V2.document.clauses[2].text
    assert ("+", "or family ") in reworded.diff
    # Without a mapping no clause says how it applies at the council.
    assert all(c.applies is None for c in v2.clauses) and not resolved.mapped


def test_a_reworded_clause_says_which_wording_was_reviewed_and_what_changed() -> None:
    book = handbook(V1, V2)
    resolved = resolve(book, "", follow_versions(V1_MAPPING, book), PRINCIPLES)
    facts = {c.clause.id: c.applies for c in resolved.documents[1].clauses}
    assert facts["COC-1.1"] is not None and facts["COC-1.1"].state == "unmapped" and facts["COC-1.1"].entry is None
    moved = facts["COC-1.2"]
    assert moved is not None and moved.state == "reviewed" and moved.changes_since is None
    assert moved.reviewed_against == ClauseRef("COC-1.1", "v1", GIFTS, "cih/code-of-conduct/v1/coc-1.1.md")
    stale = facts["COC-1.3"]
    assert stale is not None and stale.state == "stale"
    assert stale.reviewed_against == ClauseRef("COC-1.2", "v1", INTERESTS, "cih/code-of-conduct/v1/coc-1.2.md")
    assert stale.changes_since is not None and ("+", "or family ") in stale.changes_since
    assert facts["COC-1.4"] is not None and facts["COC-1.4"].reviewed_against is not None
    assert facts["COC-1.4"].reviewed_against.text == RECORDS
    assert [p.id for p, _ in stale.principles] == ["honesty"]


def test_council_links_principles_and_breach_route(tmp_path: Path) -> None:
    book: Handbook = small_handbook()
    resolved = resolve(book, "", load_mapping(write(tmp_path, good_yaml())), PRINCIPLES)
    coc = {c.clause.id: c.applies for c in resolved.documents[0].clauses}
    gifts = coc["COC-1.1"]
    assert gifts is not None and gifts.state == "reviewed"
    assert [(p.id, primary) for p, primary in gifts.principles] == [("integrity", True), ("accountability", False)]
    assert [(link.clause.clause.id, link.relation, link.basis, link.clause.target) for link in gifts.council] == [
        ("ECC-5.2", "superset-of", "same meaning", "council/employee-code-of-conduct.md#ecc-5-2"),
        ("GIF-4.1", "intersects-with", "same outcome", "council/gifts-and-hospitality-policy.md#gif-4-1"),
    ]
    assert gifts.council[0].clause.page == "council/employee-code-of-conduct/1.0/ecc-5.2.md"
    route = gifts.breach
    assert route is not None
    assert [p.entry.code for p in route.policies] == ["ECC", "GIF"] and route.procedure is not None and not route.named
    assert [(e.clause.clause.id, e.label) for e in route.examples] == [("DIS-5.1.a", "misconduct example")]
    assert "gifts" in route.examples[0].shared
    interests = coc["COC-1.2"]
    assert interests is not None and interests.breach is not None
    assert [(e.clause.clause.id, e.label) for e in interests.breach.examples] == [("DIS-5.2.a", "gross misconduct example")]
    cpd = coc["COC-1.3"]
    assert cpd is not None and cpd.council == () and cpd.breach is not None and cpd.breach.policies == ()
    # Each council clause knows the CIH clauses that engage it, and its lettered items.
    council = {c.clause.id: c for p in resolved.policies for c in p.clauses}
    assert [(e.cih.id, e.relation, e.state) for e in council["GIF-4.1"].engaged_by] == [("COC-1.1", "intersects-with", "reviewed")]
    assert council["ECC-2.1"].engaged_by == ()
    assert [c.id for c in council["DIS-5.1"].items] == ["DIS-5.1.a", "DIS-5.1.b"]
    assert [(p.source.entry.code, p.engaged) for p in resolved.policies] == [("ECC", 1), ("GIF", 1), ("DOI", 1), ("DIS", 0)]
    # Principles, gaps and the report's inputs.
    integrity = next(f for f in resolved.nolan if f.principle.id == "integrity")
    assert (integrity.count, integrity.primary) == (2, 2)
    accountability = next(f for f in resolved.nolan if f.principle.id == "accountability")
    assert [(r.clause.id, r.primary) for _, rows in accountability.by_document for r in rows] == [("COC-1.1", False), ("COC-1.3", True)]
    assert resolved.gaps == ("COC-1.3",)
    assert resolved.report_links["COC-1.3"] == ClauseLinks(
        ("Accountability",), (), "No council clause on CPD records.", (), True, "HR Policy Officer", "2024-05-01"
    )
    assert resolved.report_links["COC-1.1"].relations == ("superset-of", "intersects-with")


def test_the_mapping_names_procedure_clauses_directly(tmp_path: Path) -> None:
    text = good_yaml().replace(
        "      - clause: GIF-4.1\n",
        "      - clause: DIS-5.1.a\n        relation: subset-of\n        basis: same outcome\n"
        '        rationale: "Listed as misconduct."\n      - clause: GIF-4.1\n',
    )
    resolved = resolve(small_handbook(), "", load_mapping(write(tmp_path, text)), PRINCIPLES)
    gifts = resolved.documents[0].clauses[0].applies
    assert gifts is not None and gifts.breach is not None
    assert [c.clause.id for c in gifts.breach.named] == ["DIS-5.1.a"] and gifts.breach.examples == ()
    assert [p.entry.code for p in gifts.breach.policies] == ["ECC", "GIF"]


def test_resolved_facts_are_frozen() -> None:
    resolved = resolve(handbook(V1, V2))
    for value in (resolved, resolved.documents[0], resolved.documents[0].clauses[0], resolved.histories[0]):
        assert dataclasses.is_dataclass(value) and type(value).__dataclass_params__.frozen  # type: ignore[attr-defined]
