"""The mapping file: reading, every kind of problem with its exact message and line, round trip."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from handbook.mapping import (
    ClauseMapping,
    PolicyLink,
    Problem,
    dump_mapping,
    is_error,
    load_mapping,
    validate,
)
from handbook.model import Clause, Document, Manifest, Section, Source, SourceEntry
from handbook.pipeline import Handbook
from handbook.textnorm import text_sha256

# ---------------------------------------------------------------------------
# A small hand-made handbook, shared by the mapping, suggest and render tests.

CIH_TEXTS = {
    "COC-1.1": "refuse gifts and hospitality that could influence a professional decision, and record every offer in the register",
    "COC-1.2": "declare any personal or family interest that conflicts with their professional duties",
    "COC-1.3": "keep their knowledge and skills up to date through continuing professional development",
}
POLICY_TEXTS = {
    "ECC": ("Employee Code of Conduct", "employee-code-of-conduct", {
        "ECC-2.1": "Employees must act with honesty and integrity and must not use their position to gain an advantage.",
        "ECC-5.2": "Employees must not accept gifts or hospitality that could be seen as an attempt to influence them.",
    }),
    "GIF": ("Gifts and Hospitality Policy", "gifts-and-hospitality-policy", {
        "GIF-4.1": "Every offer of a gift or hospitality must be entered in the register of gifts and hospitality within 28 days.",
    }),
    "DOI": ("Declarations of Interest Policy", "declarations-of-interest-policy", {
        "DOI-3.1": "Interests that conflict with an employee's duties must be declared on the declaration form within 28 days.",
    }),
    "DIS": ("Disciplinary Procedure", "disciplinary-procedure", {
        "DIS-5.1": "Misconduct is behaviour that breaches a council policy. Examples of misconduct include:",
        "DIS-5.1.a": "accepting gifts or hospitality in breach of the Gifts and Hospitality Policy, or failing to record them;",
        "DIS-5.1.b": "rude or disrespectful behaviour towards tenants;",
        "DIS-5.2": "Gross misconduct is behaviour so serious that it may justify dismissal. Examples of gross misconduct include:",
        "DIS-5.2.a": "deliberately concealing an interest, or soliciting or accepting a bribe;",
    }),
}


def clause(cid: str, text: str, kind: str = "requirement") -> Clause:
    return Clause(id=cid, text=text, kind=kind, page=1, sha256=text_sha256(text))


def source(code: str, title: str, slug: str, texts: dict[str, str], kind: str, version: str = "v3") -> Source:
    entry = SourceEntry(
        code=code, title=title, publisher="Example", version=version, in_force=date(2024, 1, 1),
        path=f"/x/{slug}.pdf", kind=kind, slug=slug,
    )
    section = Section(number="1", title="One", intro="", clauses=tuple(
        clause(cid, text, "policy" if kind == "policy" else "requirement") for cid, text in texts.items()
    ), page=1)
    return Source(entry, Document(title=title, sha256="0" * 64, pages=1, intro="", sections=(section,)))


def small_handbook(cih_texts: dict[str, str] = CIH_TEXTS) -> Handbook:
    coc = source("COC", "Code of Conduct", "code-of-conduct", cih_texts, "code")
    policies = tuple(source(code, title, slug, texts, "policy", "1.0") for code, (title, slug, texts) in POLICY_TEXTS.items())
    manifest = Manifest(documents=(coc.entry,), policies=tuple(p.entry for p in policies))
    return Handbook(manifest=manifest, documents=(coc,), policies=policies)


def sha(cid: str) -> str:
    return text_sha256(CIH_TEXTS[cid])


def good_yaml() -> str:
    return f"""\
# header
clauses:
  COC-1.1:
    status: reviewed
    nolan: [integrity, accountability]
    policies:
      - clause: ECC-5.2
        relation: superset-of
        basis: same meaning
        rationale: "Both forbid gifts meant to influence."
      - clause: GIF-4.1
        relation: intersects-with
        basis: same outcome
        rationale: "Both require offers to be registered."
    reviewed_by: HR Policy Officer
    reviewed_on: 2024-05-01
    text_sha256: {sha('COC-1.1')}
  COC-1.2:
    status: reviewed
    nolan: [integrity]
    policies:
      - clause: DOI-3.1
        relation: equivalent-to
        basis: same meaning
        rationale: "Both require conflicting interests to be declared."
    reviewed_by: HR Policy Officer
    reviewed_on: 2024-05-01
    text_sha256: {sha('COC-1.2')}
  COC-1.3:
    status: reviewed
    nolan: [accountability]
    policies: []
    gap: "No council clause on CPD records."
    reviewed_by: HR Policy Officer
    reviewed_on: 2024-05-01
    text_sha256: {sha('COC-1.3')}
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "map.yml"
    path.write_text(text, encoding="utf-8")
    return path


def problems_for(tmp_path: Path, text: str, handbook: Handbook | None = None) -> list[Problem]:
    path = write(tmp_path, text)
    return validate(load_mapping(path), handbook or small_handbook())


def only(problems: list[Problem]) -> tuple[int | None, str, str]:
    assert len(problems) == 1, [str(p) for p in problems]
    p = problems[0]
    return p.line, p.kind, p.message


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # messages show the path as given, relative to here


# ---------------------------------------------------------------------------


def test_good_mapping_has_no_problems_and_indexes(tmp_path: Path) -> None:
    mapping = load_mapping(write(tmp_path, good_yaml()))
    assert validate(mapping, small_handbook()) == []
    entry = mapping.for_clause("COC-1.1")
    assert entry is not None and entry.primary == "integrity" and entry.reviewed_on == date(2024, 5, 1)
    assert entry.policies[0] == PolicyLink("ECC-5.2", "superset-of", "same meaning", "Both forbid gifts meant to influence.")
    assert [e.clause for e in mapping.clauses_for_policy_clause("GIF-4.1")] == ["COC-1.1"]
    assert [e.clause for e in mapping.clauses_for_principle("integrity")] == ["COC-1.1", "COC-1.2"]
    assert [e.clause for e in mapping.clauses_for_principle("accountability")] == ["COC-1.1", "COC-1.3"]
    assert [e.clause for e in mapping.clauses_for_principle("accountability", primary_only=True)] == ["COC-1.3"]
    assert mapping.for_clause("COC-9.9") is None


def test_round_trip(tmp_path: Path) -> None:
    mapping = load_mapping(write(tmp_path, good_yaml()))
    text = dump_mapping(mapping.entries)
    again = load_mapping(write(tmp_path, text))
    assert again.entries == mapping.entries
    assert dump_mapping(again.entries) == text  # deterministic
    assert text.startswith("# Mapping of the CIH standards")


def test_round_trip_of_awkward_text(tmp_path: Path) -> None:
    entry = ClauseMapping(
        clause="COC-1.3", status="reviewed", nolan=("honesty",), policies=(),
        gap='Quotes " and: colons # hashes, yes – and “curly” text\\', reviewed_by="no",
        reviewed_on=date(2026, 11, 22), text_sha256=sha("COC-1.3"),
    )
    again = load_mapping(write(tmp_path, dump_mapping([entry])))
    assert again.entries == (entry,)


def test_bad_yaml_is_malformed(tmp_path: Path) -> None:
    assert only(problems_for(tmp_path, "clauses:\n  COC-1.1: [unclosed\n")) == (
        3, "malformed", "malformed YAML (did not find expected ',' or ']'); fix the mapping's syntax",
    )


def test_same_id_twice_is_duplicate(tmp_path: Path) -> None:
    text = good_yaml() + "  COC-1.1:\n    status: reviewed\n"
    assert only(problems_for(tmp_path, text)) == (
        37, "duplicate", "key 'COC-1.1' appears twice in one entry; remove one of them",
    )


def test_same_council_clause_twice_in_one_entry_is_duplicate(tmp_path: Path) -> None:
    text = good_yaml().replace("- clause: GIF-4.1", "- clause: ECC-5.2")
    assert only(problems_for(tmp_path, text)) == (
        11, "duplicate", "COC-1.1: ECC-5.2 is linked twice; keep one link per council clause",
    )


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        ("relation: superset-of", "relation: same-as", 8,
         "COC-1.1: relation 'same-as' for ECC-5.2 is not one of equivalent-to | subset-of | superset-of | "
         "intersects-with | no-relationship; use one of them"),
        ("basis: same outcome", "basis: similar", 13,
         "COC-1.1: basis 'similar' for GIF-4.1 is not one of same wording | same meaning | same outcome; use one of them"),
        ('        rationale: "Both forbid gifts meant to influence."\n', "", 7,
         "COC-1.1: the link to ECC-5.2 has no rationale; add one sentence saying why"),
        ("status: reviewed\n    nolan: [integrity]\n", "status: done\n    nolan: [integrity]\n", 19,
         "COC-1.2: status is 'done'; write status: reviewed or status: suggested"),
        ("reviewed_on: 2024-05-01\n    text_sha256: " + sha("COC-1.3"), "reviewed_on: 1 May\n    text_sha256: " + sha("COC-1.3"), 35,
         "COC-1.3: reviewed_on is '1 May', not a date; write it as YYYY-MM-DD"),
        ("nolan: [accountability]\n", "nolan: []\n", 31,
         "COC-1.3: nolan must list one or more principle IDs, the primary first, e.g. nolan: [integrity]"),
        ('    gap: "No council clause on CPD records."\n', "", 32,
         "COC-1.3: no council clause and no gap note; link a council clause or write gap: with the reason"),
        ("text_sha256: " + sha("COC-1.2"), "text_sha256: abc", 28,
         "COC-1.2: text_sha256 is not a SHA-256 (64 lower-case hex digits); copy it from the clause's page"),
        ("    reviewed_by: HR Policy Officer\n    reviewed_on: 2024-05-01\n    text_sha256: " + sha("COC-1.3"),
         "    reviewed_by: HR Policy Officer\n    reviewed_on: 2024-05-01\n    colour: red\n    text_sha256: " + sha("COC-1.3"), 36,
         "COC-1.3: unknown key 'colour'; use only status, nolan, policies, gap, reviewed_by, reviewed_on, text_sha256, "
         "evidence, suggested"),
    ],
)
def test_malformed_entries(tmp_path: Path, old: str, new: str, line: int, message: str) -> None:
    text = good_yaml()
    assert old in text
    problems = problems_for(tmp_path, text.replace(old, new, 1))
    assert only(problems) == (line, "malformed", message)
    assert str(problems[0]) == f"map.yml:{line}: {message}"


def test_wrong_top_level_shape_is_malformed(tmp_path: Path) -> None:
    assert only(problems_for(tmp_path, "clauses: [COC-1.1]\n"))[1:] == (
        "malformed",
        "the mapping must have 'clauses:' holding one entry per CIH clause ID; see the header of mapping/cih-to-council.yml",
    )


def test_unknown_clause(tmp_path: Path) -> None:
    text = good_yaml().replace("  COC-1.3:", "  COC-9.9:")
    problems = problems_for(tmp_path, text)
    assert [(p.line, p.kind, p.message) for p in problems] == [
        (29, "unknown-clause", "COC-9.9 is not a clause of the current CIH documents; correct the ID or remove the entry"),
        (None, "unmapped", "COC-1.3 has no entry; add one under clauses: (handbook suggest drafts it)"),
    ]
    assert str(problems[1]) == "map.yml: COC-1.3 has no entry; add one under clauses: (handbook suggest drafts it)"


def test_unknown_principle(tmp_path: Path) -> None:
    text = good_yaml().replace("nolan: [integrity]", "nolan: [integrity, kindness]")
    assert only(problems_for(tmp_path, text)) == (
        20, "unknown-principle",
        "COC-1.2: 'kindness' is not a Nolan principle; use one of accountability, honesty, integrity, leadership, "
        "objectivity, openness, selflessness",
    )


def test_unknown_policy_clause(tmp_path: Path) -> None:
    text = good_yaml().replace("clause: DOI-3.1", "clause: DOI-3.9")
    assert only(problems_for(tmp_path, text)) == (
        22, "unknown-policy-clause",
        "COC-1.2: council clause DOI-3.9 no longer exists in the policies; link the clause that replaced it or remove the link",
    )


def test_unmapped(tmp_path: Path) -> None:
    handbook = small_handbook({**CIH_TEXTS, "COC-1.4": "a new requirement"})
    assert only(problems_for(tmp_path, good_yaml(), handbook)) == (
        None, "unmapped", "COC-1.4 has no entry; add one under clauses: (handbook suggest drafts it)",
    )


def test_stale(tmp_path: Path) -> None:
    reworded = {**CIH_TEXTS, "COC-1.2": "declare any interest that conflicts with their duties"}
    problem = only(problems_for(tmp_path, good_yaml(), small_handbook(reworded)))
    assert problem == (
        28, "stale",
        "COC-1.2: the clause text has changed since this entry was reviewed; check the mapping against the new text "
        f"and set text_sha256: {text_sha256(reworded['COC-1.2'])}",
    )


def test_suggested(tmp_path: Path) -> None:
    text = good_yaml().replace(
        "    status: reviewed\n    nolan: [accountability]", "    status: suggested\n    nolan: [accountability]"
    )
    assert only(problems_for(tmp_path, text)) == (
        30, "suggested",
        "COC-1.3: suggested automatically, not yet reviewed; check it, then set status: reviewed with reviewed_by and reviewed_on",
    )


def test_evidence_only_on_suggested_entries(tmp_path: Path) -> None:
    text = good_yaml().replace("    text_sha256: " + sha("COC-1.3"), "    text_sha256: " + sha("COC-1.3") + "\n    evidence: {}")
    assert only(problems_for(tmp_path, text)) == (
        37, "malformed", "COC-1.3: evidence belongs to suggested entries only; remove it once the entry is reviewed",
    )


def test_is_error_policy() -> None:
    def p(kind: str) -> Problem:
        return Problem("m.yml", 1, kind, "x")

    for kind in ("malformed", "unknown-clause", "unknown-principle", "unknown-policy-clause", "duplicate"):
        assert is_error(p(kind), strict=False) and is_error(p(kind), strict=True)
    for kind in ("unmapped", "stale", "suggested"):
        assert not is_error(p(kind), strict=False) and is_error(p(kind), strict=True)


def test_missing_file_is_a_handbook_error(tmp_path: Path) -> None:
    from handbook.errors import HandbookError

    with pytest.raises(HandbookError, match="mapping file not found"):
        load_mapping(tmp_path / "nope.yml")


def test_nolan_principles_are_the_2013_wording() -> None:
    from handbook.nolan import load_principles

    principles = load_principles()
    assert principles.ids == ("selflessness", "integrity", "objectivity", "accountability", "openness", "honesty", "leadership")
    assert [p.number for p in principles] == [1, 2, 3, 4, 5, 6, 7]
    assert principles.get("selflessness").description == "Holders of public office should act solely in terms of the public interest."
    assert principles.get("honesty").description == "Holders of public office should be truthful."
    assert principles.get("objectivity").description == (
        "Holders of public office must act and take decisions impartially, fairly and on merit, "
        "using the best evidence and without discrimination or bias."
    )
    assert principles.attribution.url == "https://www.gov.uk/government/publications/the-7-principles-of-public-life"
    assert principles.attribution.licence == "Open Government Licence v3.0"
    assert all(15 <= len(p.synonyms) <= 45 for p in principles)
