"""The mapping file: reading, every kind of problem with its exact message and line, round trip."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conftest import ROOT
from handbook.errors import HandbookError
from handbook.extract import ExtractionCache
from handbook.mapping import (
    HEADER,
    Basis,
    BreachPosition,
    BreachRoute,
    MappingEntry,
    PolicyLink,
    Problem,
    ProblemKind,
    Relation,
    Status,
    dump_mapping,
    is_error,
    load_mapping,
    reader,
    validate,
)
from handbook.mapping.reader import read_document
from handbook.mapping.writer import dump_document
from handbook.model import Clause, Document, Manifest, Section, Source, SourceEntry
from handbook.pipeline import Handbook, load_handbook
from handbook.textnorm import text_sha256

# ---------------------------------------------------------------------------
# A small hand-made handbook, shared by the mapping, suggest and render tests.

PRINCIPLE_IDS = ("selflessness", "integrity", "objectivity", "accountability", "openness", "honesty", "leadership")

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
entries:
  - clause: COC-1.1
    version: v3
    text_sha256: {sha('COC-1.1')}
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
    breach:
      misconduct: [DIS-5.1.a]
      procedure: [DIS-5.1]
    reviewed_by: HR Policy Officer
    reviewed_on: 2024-05-01
  - clause: COC-1.2
    version: v3
    text_sha256: {sha('COC-1.2')}
    status: reviewed
    nolan: [integrity]
    policies:
      - clause: DOI-3.1
        relation: equivalent-to
        basis: same meaning
        rationale: "Both require conflicting interests to be declared."
    reviewed_by: HR Policy Officer
    reviewed_on: 2024-05-01
  - clause: COC-1.3
    version: v3
    text_sha256: {sha('COC-1.3')}
    status: reviewed
    nolan: [accountability]
    policies: []
    gap: "No council clause on CPD records."
    reviewed_by: HR Policy Officer
    reviewed_on: 2024-05-01
"""


def line_with(text: str, needle: str, after: str = "") -> int:
    """The 1-based line of the first `needle` after `after` in `text`."""
    start = text.index(after) if after else 0
    return text[: text.index(needle, start)].count("\n") + 1


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "map.yml"
    path.write_text(text, encoding="utf-8")
    return path


def problems_for(tmp_path: Path, text: str, handbook: Handbook | None = None) -> list[Problem]:
    path = write(tmp_path, text)
    return validate(load_mapping(path), handbook or small_handbook(), PRINCIPLE_IDS)


def only(problems: list[Problem]) -> tuple[int | None, str, str]:
    assert len(problems) == 1, [str(p) for p in problems]
    p = problems[0]
    return p.line, p.kind.value, str(p).split(": ", 1)[1]


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # messages show the path as given, relative to here


# ---------------------------------------------------------------------------


def test_good_mapping_has_no_problems_and_is_keyed_by_wording(tmp_path: Path) -> None:
    mapping = load_mapping(write(tmp_path, good_yaml()))
    assert validate(mapping, small_handbook(), PRINCIPLE_IDS) == []
    entry = mapping.for_wording(sha("COC-1.1"))
    assert entry is not None and entry.primary == "integrity" and entry.reviewed_on == date(2024, 5, 1)
    assert (entry.clause, entry.version, entry.status) == ("COC-1.1", "v3", Status.REVIEWED)
    assert entry.policies[0] == PolicyLink("ECC-5.2", Relation.SUPERSET_OF, Basis.SAME_MEANING, "Both forbid gifts meant to influence.")
    assert entry.policies[0].relation.label == "a superset of"
    assert entry.breach == BreachRoute(("DIS-5.1.a",), ("DIS-5.1",))
    assert mapping.for_wording(text_sha256("a wording nobody reviewed")) is None
    assert [e.clause for e in mapping.entries] == ["COC-1.1", "COC-1.2", "COC-1.3"]
    assert mapping.orphaned == () and mapping.breach_position is None


def test_shipped_mapping_is_valid_and_complete(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    book = load_handbook(ROOT / "source_pdfs/manifest.yml", ExtractionCache(None))
    mapping = load_mapping(ROOT / "mapping/cih-to-council.yml")
    assert validate(mapping, book, PRINCIPLE_IDS) == []
    assert len(mapping.entries) == 99 and all(e.reviewed and e.text for e in mapping.entries)
    assert (ROOT / "mapping/cih-to-council.yml").read_text(encoding="utf-8").startswith(HEADER)


def test_round_trip_keeps_the_file_byte_for_byte(tmp_path: Path) -> None:
    text = good_yaml().replace("    nolan: [integrity]\n", "    nolan: [integrity]   # agreed with Legal, 2024\n")
    text = text.replace("  - clause: COC-1.3\n", "  # CPD: see the training note\n  - clause: COC-1.3\n")
    assert dump_document(read_document(write(tmp_path, text))) == text
    shipped = (ROOT / "mapping/cih-to-council.yml").read_text(encoding="utf-8")
    assert dump_document(read_document(ROOT / "mapping/cih-to-council.yml")) == shipped


def test_written_entries_read_back_equal(tmp_path: Path) -> None:
    mapping = load_mapping(write(tmp_path, good_yaml()))
    again = load_mapping(write(tmp_path, dump_mapping(list(mapping.entries))))
    assert again.entries == mapping.entries and again.problems == ()
    awkward = MappingEntry(
        text_sha256=sha("COC-1.3"), clause="COC-1.3", version="v3", status=Status.REVIEWED, nolan=("honesty",),
        gap='Quotes " and: colons # hashes, yes – and “curly” text\\', reviewed_by="no",
        reviewed_on=date(2026, 11, 22), text=CIH_TEXTS["COC-1.3"],
    )
    assert load_mapping(write(tmp_path, dump_mapping([awkward]))).entries == (awkward,)


def test_bad_yaml_is_malformed_with_its_line(tmp_path: Path) -> None:
    assert only(problems_for(tmp_path, "entries:\n  - clause: [unclosed\n")) == (
        3, "malformed", "malformed YAML (expected ',' or ']', but got '<stream end>'); fix the mapping's syntax",
    )


def test_same_key_twice_is_a_duplicate(tmp_path: Path) -> None:
    text = good_yaml().replace('    gap: "No council', '    status: reviewed\n    gap: "No council')
    problems = problems_for(tmp_path, text)
    assert [(p.line, p.kind) for p in problems] == [(line_with(text, "status: reviewed", "policies: []"), ProblemKind.DUPLICATE)]
    assert (problems[0].problem, problems[0].fix) == ("key 'status' appears twice in one entry", "remove one of them")


def test_same_wording_twice_is_a_duplicate_by_data(tmp_path: Path) -> None:
    text = good_yaml().replace(f"text_sha256: {sha('COC-1.3')}", f"text_sha256: {sha('COC-1.2')}")
    problems = problems_for(tmp_path, text)
    first_line = line_with(text, "  - clause: COC-1.2")
    duplicate = [p for p in problems if p.kind is ProblemKind.DUPLICATE]
    assert [(p.line, p.problem, p.fix) for p in duplicate] == [(
        line_with(text, f"text_sha256: {sha('COC-1.2')}", "clause: COC-1.3"),
        f"COC-1.3 (v3): the same wording (text_sha256) has another entry, COC-1.2 (v3) at line {first_line}",
        "merge the two into one entry",
    )]
    assert [p.kind for p in problems if p is not duplicate[0]] == [ProblemKind.UNREVIEWED]


def test_same_council_clause_twice_in_one_entry_is_duplicate(tmp_path: Path) -> None:
    text = good_yaml().replace("- clause: GIF-4.1", "- clause: ECC-5.2")
    problems = problems_for(tmp_path, text)
    assert [(p.line, p.kind, p.problem) for p in problems if p.kind is ProblemKind.DUPLICATE] == [
        (line_with(text, "- clause: ECC-5.2", "rationale"), ProblemKind.DUPLICATE, "COC-1.1 (v3): ECC-5.2 is linked twice"),
    ]


@pytest.mark.parametrize(
    ("old", "new", "needle", "message"),
    [
        ("relation: superset-of", "relation: same-as", "relation: same-as",
         "COC-1.1 (v3): relation 'same-as' for ECC-5.2 is not one of equivalent-to | subset-of | superset-of | "
         "intersects-with | no-relationship; use one of them"),
        ("basis: same outcome", "basis: similar", "basis: similar",
         "COC-1.1 (v3): basis 'similar' for GIF-4.1 is not one of same wording | same meaning | same outcome; use one of them"),
        ('        rationale: "Both forbid gifts meant to influence."\n', "", "- clause: ECC-5.2",
         "COC-1.1 (v3): the link to ECC-5.2 has no rationale; add one sentence saying why"),
        ("status: reviewed\n    nolan: [integrity]\n", "status: done\n    nolan: [integrity]\n", "status: done",
         "COC-1.2 (v3): status is 'done'; write status: reviewed or status: suggested"),
        ("    reviewed_on: 2024-05-01\n", "    reviewed_on: 1 May\n", "reviewed_on: 1 May",
         "COC-1.1 (v3): reviewed_on is '1 May', not a date; write it as YYYY-MM-DD"),
        ("nolan: [accountability]\n", "nolan: []\n", "nolan: []",
         "COC-1.3 (v3): nolan must list one or more principle IDs, the primary first; write e.g. nolan: [integrity]"),
        ('    gap: "No council clause on CPD records."\n', "", "policies: []",
         "COC-1.3 (v3): no council clause and no gap note; link a council clause or write gap: with the reason"),
        (f"text_sha256: {sha('COC-1.2')}", "text_sha256: abc", "text_sha256: abc",
         "COC-1.2 (v3): text_sha256 is 'abc', not a SHA-256 (64 lower-case hex digits); copy the clause's Text SHA-256 from its page"),
        ("    version: v3\n    text_sha256: " + sha("COC-1.2"), "    text_sha256: " + sha("COC-1.2"), "  - clause: COC-1.2",
         "COC-1.2: version is missing; give the document version as text, e.g. version: v3 (quote numbers: version: \"4.0\")"),
        ('    gap: "No council', '    colour: red\n    gap: "No council', "colour: red",
         "COC-1.3 (v3): unknown key 'colour'; use only clause, version, text_sha256, status, nolan, policies, gap, breach, "
         "reviewed_by, reviewed_on, text, evidence"),
        ('    gap: "No council', '    text: "some other wording"\n    gap: "No council', 'text: "some other',
         "COC-1.3 (v3): text is not the wording with this text_sha256; copy the wording from the clause's page, or delete text:"),
        ("misconduct: [DIS-5.1.a]", "misconduct: {DIS-5.1.a: x}", "misconduct: {",
         "COC-1.1 (v3): breach misconduct must list Disciplinary Procedure clause IDs; write e.g. misconduct: [DIS-5.1.b]"),
    ],
)
def test_malformed_entries_name_their_line(tmp_path: Path, old: str, new: str, needle: str, message: str) -> None:
    text = good_yaml()
    assert old in text
    text = text.replace(old, new, 1)
    problems = [p for p in problems_for(tmp_path, text) if p.kind is not ProblemKind.UNREVIEWED]
    line = line_with(text, needle)
    assert only(problems) == (line, "malformed", message)
    assert str(problems[0]) == f"map.yml:{line}: {message}"


def test_wrong_top_level_shape_is_malformed(tmp_path: Path) -> None:
    assert only(problems_for(tmp_path, "entries: {}\n")) == (
        1, "malformed", "the mapping must have 'entries:' holding a list of entries; see the header of mapping/cih-to-council.yml for the format",
    )
    problems = problems_for(tmp_path, "clauses: {}\n" + good_yaml().split("\n", 1)[1])
    assert (problems[0].line, problems[0].problem, problems[0].fix) == (1, "unknown top-level key 'clauses'", "use only breach_position, entries, orphaned")


def test_alias_bomb_is_refused_in_one_line(tmp_path: Path) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(9)
    )
    mapping = load_mapping(write(tmp_path, bomb))
    assert [str(p) for p in mapping.problems] == [
        "map.yml:2: uses a YAML alias (*name); write the value out in full; the mapping allows no aliases"
    ]
    assert not mapping.readable


def test_a_file_over_the_size_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader, "MAX_BYTES", 1024 * 1024)
    path = write(tmp_path, "# " + "x" * (1024 * 1024) + "\nentries: []\n")
    with pytest.raises(HandbookError) as info:
        load_mapping(path)
    assert str(info.value) == "map.yml: mapping file is larger than 1 MB; check it is the right file"


def test_unknown_principle_policy_and_breach_clauses(tmp_path: Path) -> None:
    text = (good_yaml().replace("nolan: [integrity]", "nolan: [integrity, kindness]")
            .replace("clause: DOI-3.1", "clause: DOI-3.9")
            .replace("procedure: [DIS-5.1]", "procedure: [DIS-5.1, ECC-2.1]"))
    problems = problems_for(tmp_path, text)
    assert [(p.line, p.kind.value, p.problem, p.fix) for p in problems] == [
        (line_with(text, "breach:"), "unknown-breach-clause",
         "COC-1.1 (v3): breach procedure names ECC-2.1, which is not a clause of the Disciplinary Procedure (DIS)",
         "use the procedure's clause IDs as shown on its page"),
        (line_with(text, "kindness"), "unknown-principle", "COC-1.2 (v3): 'kindness' is not a Nolan principle",
         "use one of accountability, honesty, integrity, leadership, objectivity, openness, selflessness"),
        (line_with(text, "- clause: DOI-3.9"), "unknown-policy-clause", "COC-1.2 (v3): council clause DOI-3.9 is not in the policies",
         "link the clause that replaced it or remove the link"),
    ]
    assert all(p.kind.is_error for p in problems)


def test_a_sanction_or_lead_in_is_not_a_misconduct_example(tmp_path: Path) -> None:
    text = good_yaml().replace("misconduct: [DIS-5.1.a]", "misconduct: [DIS-5.1]")
    assert only(problems_for(tmp_path, text)) == (
        line_with(text, "breach:"), "unknown-breach-clause",
        "COC-1.1 (v3): breach misconduct names DIS-5.1, which is not one of the procedure's misconduct or gross misconduct "
        "examples; list examples of misconduct there, and the clauses that set the route (never sanctions) under procedure",
    )


def test_breach_position(tmp_path: Path) -> None:
    position = 'breach_position:\n  statement: "A breach is handled under the Disciplinary Procedure."\n  adopted_on: 2026-11-20\n  adopted_by: Housing Committee\n'
    mapping = load_mapping(write(tmp_path, position + good_yaml().split("\n", 1)[1]))
    assert mapping.breach_position == BreachPosition("A breach is handled under the Disciplinary Procedure.", date(2026, 11, 20), "Housing Committee")
    assert mapping.problems == ()
    bad = position.replace("2026-11-20", "soon").replace("  adopted_by: Housing Committee\n", "")
    assert [str(p) for p in load_mapping(write(tmp_path, bad + "entries: []\n")).problems] == [
        "map.yml:1: breach_position: adopted_by is missing, not text; name the committee or officer that adopted it",
        "map.yml:3: breach_position: adopted_on is 'soon', not a date; write it as YYYY-MM-DD",
    ]


def test_unreviewed_and_suggested_wordings(tmp_path: Path) -> None:
    handbook = small_handbook({**CIH_TEXTS, "COC-1.4": "a new requirement"})
    text = good_yaml().replace("    status: reviewed\n    nolan: [accountability]", "    status: suggested\n    nolan: [accountability]")
    problems = problems_for(tmp_path, text, handbook)
    assert [(p.line, p.kind.value, str(p).split(": ", 1)[1]) for p in problems] == [
        (line_with(text, "status: suggested"), "suggested",
         "COC-1.3 (v3): suggested automatically, not yet reviewed; check it, then set status: reviewed with reviewed_by and reviewed_on"),
        (None, "unreviewed", "COC-1.4 (v3) has no entry for its wording; run handbook suggest to draft one, then review it"),
    ]
    assert not any(p.kind.is_error for p in problems)


def test_a_reworded_clause_is_unreviewed_and_its_old_entry_an_orphan(tmp_path: Path) -> None:
    reworded = {**CIH_TEXTS, "COC-1.2": "declare any interest that conflicts with their duties"}
    text = good_yaml()
    assert [(p.line, p.kind.value, str(p).split(": ", 1)[1]) for p in problems_for(tmp_path, text, small_handbook(reworded))] == [
        (line_with(text, f"text_sha256: {sha('COC-1.2')}"), "orphan",
         "COC-1.2 (v3): no clause of any version in the manifest has this wording; "
         "run handbook suggest to set the entry aside under orphaned: (its text is kept)"),
        (None, "unreviewed", "COC-1.2 (v3) has no entry for its wording; run handbook suggest to draft one, then review it"),
    ]


def test_a_wording_under_another_id_is_moved(tmp_path: Path) -> None:
    swapped = {"COC-1.1": CIH_TEXTS["COC-1.2"], "COC-1.2": CIH_TEXTS["COC-1.1"], "COC-1.3": CIH_TEXTS["COC-1.3"]}
    text = good_yaml()
    problems = problems_for(tmp_path, text, small_handbook(swapped))
    assert [(p.line, p.kind.value, str(p).split(": ", 1)[1]) for p in problems] == [
        (line_with(text, "  - clause: COC-1.1"), "moved",
         "COC-1.1 (v3): this wording is now COC-1.2 in v3; set clause: COC-1.2 and version: v3 (handbook suggest does)"),
        (line_with(text, "  - clause: COC-1.2"), "moved",
         "COC-1.2 (v3): this wording is now COC-1.1 in v3; set clause: COC-1.1 and version: v3 (handbook suggest does)"),
    ]
    mapping = load_mapping(write(tmp_path, text))
    assert mapping.for_wording(small_handbook(swapped).current_clauses["COC-1.2"][1].sha256).clause == "COC-1.1"


def test_is_error_policy() -> None:
    for kind in ProblemKind:
        p = Problem("m.yml", 1, kind, "x", "y")
        assert is_error(p, strict=True)
        assert is_error(p, strict=False) == (kind.value in {
            "malformed", "duplicate", "unknown-principle", "unknown-policy-clause", "unknown-breach-clause"})
    assert str(Problem("m.yml", 3, ProblemKind.MALFORMED, "bad", "fix it")) == "m.yml:3: bad; fix it"
    assert str(Problem("m.yml", None, ProblemKind.UNREVIEWED, "bad", "fix it")) == "m.yml: bad; fix it"


def test_missing_file_is_a_handbook_error(tmp_path: Path) -> None:
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


# ---------------------------------------------------------------------------
# Any text at all: a Mapping with problems (one line each), never a crash.

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_YAMLISH = st.lists(
    st.sampled_from([
        "entries:", "orphaned:", "breach_position:", "  - clause: COC-1.1", "    version: v3", "    nolan: [integrity]",
        "    status: reviewed", "    text_sha256: " + "a" * 64, "    policies:", "      - clause: ECC-5.2", "    breach: x",
        "? [a]", ": b", "- &x [1]", "- *x", "{", "]", "  ", "\t", "'", '"', "#", "key: !!python/object:os.system x",
        "    reviewed_on: 2024-13-45", "    evidence: {nolan: {x: 1}}", "entries: 3", "---", "...", "%YAML 1.2",
    ]),
    max_size=12,
).map("\n".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_YAMLISH | st.text(st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_any_text_reads_as_problems_never_a_crash(tmp_path: Path, text: str) -> None:
    path = tmp_path / "fuzz.yml"
    path.write_text(text, encoding="utf-8")
    try:
        mapping = load_mapping(path)
    except HandbookError as exc:
        assert "\n" not in str(exc)
        return
    for problem in mapping.problems:
        assert "\n" not in str(problem) and problem.problem and problem.fix
    validate(mapping, small_handbook(), PRINCIPLE_IDS)
    # Through the parse cache (written, then read back) the result is the same.
    for _ in range(2):
        cached = load_mapping(path, tmp_path / "cache")
        assert (cached.entries, cached.orphaned, cached.problems, cached.readable) == (
            mapping.entries, mapping.orphaned, mapping.problems, mapping.readable)


def test_the_parsed_file_is_cached_by_its_bytes(tmp_path: Path) -> None:
    text = good_yaml().replace("    reviewed_on: 2024-05-01\n", "    reviewed_on: 2024-05-1\n", 1)  # one problem, to compare lines
    path = write(tmp_path, text)
    cache = tmp_path / "cache"
    first = load_mapping(path, cache)
    assert len(list(cache.glob("mapping-*.json"))) == 1
    again = load_mapping(path, cache)
    assert again == first and again.problems == first.problems and again.entries[0].field_lines == first.entries[0].field_lines
    assert [str(p) for p in again.problems] == [f"map.yml:{line_with(text, 'reviewed_on: 2024-05-1')}: COC-1.1 (v3): reviewed_on is '2024-05-1', not a date; write it as YYYY-MM-DD"]
    path.write_text(good_yaml(), encoding="utf-8")  # edited: read afresh
    assert load_mapping(path, cache).problems == () and len(list(cache.glob("mapping-*.json"))) == 2


def test_a_date_that_does_not_exist_is_one_problem_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "mapping.yml"
    path.write_text("entries:\n  - clause: COC-1.1\n    # reviewed 2024-02-30? no:\n    reviewed_on: 2024-02-30\n", encoding="utf-8")
    assert [str(p) for p in load_mapping(path).problems] == [
        "mapping.yml:4: a date that does not exist (day is out of range for month); write a real date as YYYY-MM-DD"
    ]
