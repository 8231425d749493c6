"""The resolve stage decides every fact a page shows, once: versions, mapping state, council links, breach route."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from datetime import date

from handbook.mapping import Mapping, MappingEntry, Status, load_mapping
from handbook.model import Clause, Document, Manifest, Section, Source, SourceEntry
from handbook.nolan import load_principles
from handbook.pipeline import Handbook
from handbook.resolve import ClauseLinks, ClauseRef, Successor, resolve
from handbook.textnorm import text_sha256
from test_mapping import good_yaml, small_handbook, write

PRINCIPLES = load_principles()

GIFTS = "refuse gifts and hospitality that could influence a professional decision"
INTERESTS = "declare any personal interest that conflicts with their professional duties"
RECORDS = "keep accurate records of decisions about tenancies"
CPD = "keep their knowledge up to date through continuing professional development"
SAFEGUARD = "report safeguarding concerns about tenants without delay"


def version(label: str, year: int, texts: list[str]) -> Source:
    entry = SourceEntry(
        code="COC", title="Code of Conduct", publisher="Example", version=label, in_force=date(year, 1, 1),
        path=f"/x/coc-{label}.pdf", kind="code", slug="code-of-conduct",
    )
    clauses = tuple(Clause(f"COC-1.{i}", t, "requirement", 1, text_sha256(t)) for i, t in enumerate(texts, 1))
    return Source(entry, Document("Code of Conduct", label * 32, 1, "", (Section("1", "One", "", clauses, 1),)))


def handbook(*versions: Source) -> Handbook:
    return Handbook(Manifest(documents=tuple(v.entry for v in versions), policies=()), versions, ())


def entry(key: str, text: str, nolan: str = "integrity") -> MappingEntry:
    return MappingEntry(
        text_sha256=text_sha256(text), clause=key, version="v1", status=Status.REVIEWED, nolan=(nolan,),
        gap="No council clause.", reviewed_by="HR Policy Officer", reviewed_on=date(2024, 5, 1), text=text,
    )


V1 = version("v1", 2019, [GIFTS, INTERESTS, RECORDS, CPD])
# v2 inserts a clause first (every ID shifts), rewords the interests clause and drops CPD.
V2 = version("v2", 2022, [SAFEGUARD, GIFTS, INTERESTS.replace("any personal", "any personal or family"), RECORDS])
V1_MAPPING = Mapping("map.yml", (
    entry("COC-1.1", GIFTS, "integrity"),
    entry("COC-1.2", INTERESTS, "honesty"),
    entry("COC-1.3", RECORDS, "accountability"),
    entry("COC-1.4", CPD, "leadership"),
))


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


def test_an_entry_applies_to_its_wording_only_and_a_reworded_clause_shows_the_old_review_beside_it() -> None:
    book = handbook(V1, V2)
    resolved = resolve(book, "", V1_MAPPING, PRINCIPLES)
    facts = {c.clause.id: c.applies for c in resolved.documents[1].clauses}
    assert facts["COC-1.1"] is not None and facts["COC-1.1"].state == "unreviewed" and facts["COC-1.1"].entry is None
    assert facts["COC-1.1"].nearest is None and facts["COC-1.1"].suggestion is None
    moved = facts["COC-1.2"]
    assert moved is not None and moved.state == "reviewed" and moved.nearest is None
    assert moved.reviewed_against == ClauseRef("COC-1.1", "v1", GIFTS, "cih/code-of-conduct/v1/coc-1.1.md")
    reworded = facts["COC-1.3"]
    assert reworded is not None and reworded.state == "unreviewed" and reworded.entry is None
    assert reworded.principles == () and reworded.council == () and reworded.breach is None  # nothing as fact
    assert reworded.nearest is not None and reworded.nearest.entry.clause == "COC-1.2"
    assert reworded.nearest.clause == ClauseRef("COC-1.2", "v1", INTERESTS, "cih/code-of-conduct/v1/coc-1.2.md")
    assert ("+", "or family ") in reworded.nearest.changes_since
    assert facts["COC-1.4"] is not None and facts["COC-1.4"].reviewed_against is not None
    assert facts["COC-1.4"].reviewed_against.text == RECORDS
    # History: each v1 clause shows the entry of its own wording.
    old = {c.clause.id: c.applies for c in resolved.documents[0].clauses}
    assert {cid: (a.state, a.current, [p.id for p, _ in a.principles]) for cid, a in old.items() if a is not None} == {
        "COC-1.1": ("reviewed", False, ["integrity"]),
        "COC-1.2": ("reviewed", False, ["honesty"]),
        "COC-1.3": ("reviewed", False, ["accountability"]),
        "COC-1.4": ("reviewed", False, ["leadership"]),
    }


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
    assert [p.entry.code for p in route.policies] == ["ECC", "GIF"] and route.procedure is not None
    # The reviewed breach route (breach: in the entry) names the procedure's examples and route clauses.
    assert route.reviewed
    assert [(e.clause.clause.id, e.label, e.category and e.category.clause.id) for e in route.examples] == [
        ("DIS-5.1.a", "misconduct example", "DIS-5.1")
    ]
    assert [c.clause.id for c in route.steps] == ["DIS-5.1"]
    # No breach: in the entry, no route: never a word match (DIS-5.2.a shares "interest" with DOI-3.1).
    interests = coc["COC-1.2"]
    assert interests is not None and interests.breach is not None
    assert (interests.breach.reviewed, interests.breach.examples, interests.breach.steps) == (False, (), ())
    assert [p.entry.code for p in interests.breach.policies] == ["DOI"]
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


def test_a_procedure_clause_linked_as_a_policy_is_not_a_breach_route(tmp_path: Path) -> None:
    text = good_yaml().replace("    breach:\n      misconduct: [DIS-5.1.a]\n      procedure: [DIS-5.1]\n", "").replace(
        "      - clause: GIF-4.1\n",
        "      - clause: DIS-5.1.a\n        relation: subset-of\n        basis: same outcome\n"
        '        rationale: "Listed as misconduct."\n      - clause: GIF-4.1\n',
    )
    resolved = resolve(small_handbook(), "", load_mapping(write(tmp_path, text)), PRINCIPLES)
    gifts = resolved.documents[0].clauses[0].applies
    assert gifts is not None and gifts.breach is not None
    assert (gifts.breach.reviewed, gifts.breach.examples, gifts.breach.steps) == (False, (), ())
    assert [p.entry.code for p in gifts.breach.policies] == ["ECC", "GIF"]  # the procedure is not a policy engaged


def test_resolved_facts_are_frozen() -> None:
    resolved = resolve(handbook(V1, V2))
    for value in (resolved, resolved.documents[0], resolved.documents[0].clauses[0], resolved.histories[0]):
        assert dataclasses.is_dataclass(value) and type(value).__dataclass_params__.frozen  # type: ignore[attr-defined]


def test_facts_do_not_depend_on_which_equal_copy_of_a_document_was_compared_first() -> None:
    """versions.compare is cached by value: a second load of the same sources (as `mkdocs serve` does on every
    rebuild) gets equal copies, and the predecessor of a v3 clause must still be found."""
    from conftest import ROOT
    from handbook.extract import ExtractionCache
    from handbook.pipeline import load_handbook

    for _ in range(2):
        loaded = load_handbook(ROOT / "source_pdfs/manifest.yml", ExtractionCache(None))
        v3 = next(d for d in resolve(loaded).documents if d.source.entry.code == "COC" and d.current)
        coc_1_4 = next(c for c in v3.clauses if c.clause.id == "COC-1.4")
        assert coc_1_4.predecessor is not None and (coc_1_4.predecessor.id, coc_1_4.predecessor.version) == ("COC-1.4", "v2")
