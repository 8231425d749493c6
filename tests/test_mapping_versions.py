"""Mapping entries follow their clause into a new version: re-keyed when it moved, stale when reworded."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path

import pytest

from conftest import ROOT, build_site, copy_project, run_cli
from handbook.extract import ExtractionCache
from handbook.mapping import ClauseMapping, Mapping, dump_mapping, load_mapping, review_state, validate
from handbook.mapping_versions import follow_versions, reviewed_wording
from handbook.model import Clause, Document, Manifest, Section, Source, SourceEntry
from handbook.pipeline import Handbook, load_handbook
from handbook.textnorm import text_sha256
from handbook.versions import compare

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


def entry(key: str, text: str, nolan: str = "integrity") -> ClauseMapping:
    return ClauseMapping(
        clause=key, status="reviewed", nolan=(nolan,), gap="No council clause.", reviewed_by="HR Policy Officer",
        reviewed_on=date(2024, 5, 1), text_sha256=text_sha256(text),
    )


def mapping(*entries: ClauseMapping) -> Mapping:
    return Mapping("map.yml", entries, (), frozenset(e.clause for e in entries))


V1 = version("v1", 2019, [GIFTS, INTERESTS, RECORDS, CPD])
# v2 inserts a clause first (every ID shifts), rewords the interests clause and drops CPD.
V2 = version("v2", 2022, [SAFEGUARD, GIFTS, INTERESTS.replace("any personal", "any personal or family"), RECORDS])
V1_MAPPING = mapping(
    entry("COC-1.1", GIFTS, "integrity"),
    entry("COC-1.2", INTERESTS, "honesty"),
    entry("COC-1.3", RECORDS, "accountability"),
    entry("COC-1.4", CPD, "leadership"),
)


def test_a_mapping_for_the_current_version_is_left_alone() -> None:
    current = mapping(entry("COC-1.1", SAFEGUARD), entry("COC-1.2", GIFTS))
    assert follow_versions(current, handbook(V1, V2)) is current


def test_entries_follow_their_clause_to_its_new_id() -> None:
    followed = follow_versions(V1_MAPPING, handbook(V1, V2))
    by_key = {e.clause: (e.nolan[0], e.followed_from, e.reviewed_version, e.reviewed_id) for e in followed.entries}
    assert by_key == {
        "COC-1.2": ("integrity", "COC-1.1", "v1", "COC-1.1"),
        "COC-1.3": ("honesty", "COC-1.2", "v1", "COC-1.2"),
        "COC-1.4": ("accountability", "COC-1.3", "v1", "COC-1.3"),
    }
    assert followed.listed == {"COC-1.2", "COC-1.3", "COC-1.4"}


def test_a_moved_entry_stays_reviewed_and_a_reworded_one_is_stale() -> None:
    book = handbook(V1, V2)
    followed = follow_versions(V1_MAPPING, book)
    states = {c.id: review_state(followed, c) for c in V2.document.clauses}
    assert states == {"COC-1.1": "unmapped", "COC-1.2": "reviewed", "COC-1.3": "stale", "COC-1.4": "reviewed"}


def test_moved_and_removed_are_reported_with_the_fix() -> None:
    problems = [(p.kind, p.message) for p in validate(follow_versions(V1_MAPPING, handbook(V1, V2)), handbook(V1, V2), ["integrity", "honesty", "accountability", "leadership"])]
    assert problems == [
        ("moved", "COC-1.1: this clause is now COC-1.2 in v2 (same wording); rename the entry to COC-1.2 (handbook suggest does)"),
        ("moved", "COC-1.2: this clause is now COC-1.3 in v2 (reworded); rename the entry to COC-1.3 (handbook suggest does)"),
        ("moved", "COC-1.3: this clause is now COC-1.4 in v2 (same wording); rename the entry to COC-1.4 (handbook suggest does)"),
        ("removed", "COC-1.4: the clause this entry was reviewed against (COC v1) was removed in v2; delete the entry "
                    "(handbook suggest does) or keep it in the file's history"),
        ("stale", "COC-1.3: the clause text has changed since this entry was reviewed; check the mapping against the new "
                  f"text and set text_sha256: {V2.document.clauses[2].sha256}"),
        ("unmapped", "COC-1.1 has no entry; add one under clauses: (handbook suggest drafts it)"),
    ]


def test_entries_follow_through_several_versions() -> None:
    v3 = version("v3", 2025, [SAFEGUARD, CPD, GIFTS, RECORDS])  # CPD comes back, between, as a new clause
    followed = follow_versions(V1_MAPPING, handbook(V1, V2, v3))
    assert {e.clause: e.followed_from for e in followed.entries} == {"COC-1.3": "COC-1.1", "COC-1.4": "COC-1.3"}
    # The interests clause was removed in v3 and CPD in v2: a clause that returns later is a new clause.
    assert sorted(p.message.split(":")[0] for p in followed.problems if p.kind == "removed") == ["COC-1.2", "COC-1.4"]


def test_an_entry_whose_new_id_already_has_an_entry_is_not_merged_silently() -> None:
    both = mapping(entry("COC-1.1", GIFTS), entry("COC-1.2", GIFTS.replace("refuse", "decline")))
    followed = follow_versions(both, handbook(V1, V2))
    assert [(e.clause, e.followed_from) for e in followed.entries] == [("COC-1.2", "")]
    assert [p.message for p in followed.problems] == [
        "COC-1.1: this clause is now COC-1.2 in v2, which has an entry of its own; merge the two and delete this one"
    ]


def test_wording_seen_in_no_version_is_left_to_validate_as_stale() -> None:
    lost = mapping(entry("COC-1.2", "a wording no version ever had"))
    followed = follow_versions(lost, handbook(V1, V2))
    assert followed is lost
    assert reviewed_wording(handbook(V1, V2), lost.entries[0]) is None


# ---------------------------------------------------------------------------
# With the sample Code of Conduct, v2 → v3, through the site and the CLI.


def _v2_keyed_mapping(project: Path) -> None:
    """Rewrite the project's mapping as it would have been when v2 was current.

    Each v2 clause gets the shipped entry of the v3 clause that continues it,
    keyed by its v2 ID with its v2 wording's SHA-256; the clause v3 removed
    gets an entry of its own.
    """
    book = load_handbook(project / "source_pdfs/manifest.yml", ExtractionCache(None))
    v2, v3 = book.versions("COC")
    path = project / "mapping/cih-to-council.yml"
    shipped = load_mapping(path)
    entries = [e for e in shipped.entries if not e.clause.startswith("COC-")]
    for change in compare(v2.document, v3.document):
        if change.old is None:
            continue
        if change.new is None:
            entries.append(dataclasses.replace(shipped.entries[0], clause=change.old.id, text_sha256=change.old.sha256))
            continue
        reviewed = shipped.for_clause(change.new.id)
        assert reviewed is not None
        entries.append(dataclasses.replace(reviewed, clause=change.old.id, text_sha256=change.old.sha256))
    path.write_text(dump_mapping(entries), encoding="utf-8")


def _v2_project(folder: Path) -> Path:
    project = copy_project(folder)
    _v2_keyed_mapping(project)
    return project


@pytest.fixture(scope="module")
def v2_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _v2_project(tmp_path_factory.mktemp("v2-mapping"))


@pytest.fixture(scope="module")
def v2_site(v2_project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("v2-site") / "site"
    build_site(v2_project, site, strict=False)
    return site


def test_sample_moved_clause_page_shows_the_followed_mapping(v2_site: Path) -> None:
    html = (v2_site / "cih/code-of-conduct/v3/coc-2.6/index.html").read_text(encoding="utf-8")
    assert "Mapping reviewed by" in html and "Needs review" not in html
    assert (
        'The mapping was reviewed against <a href="../../v2/coc-2.7/">COC-2.7 in v2</a>; '
        "this clause has the same wording."
    ) in html


def test_sample_reworded_clause_page_shows_what_changed_since_review(v2_site: Path) -> None:
    html = (v2_site / "cih/code-of-conduct/v3/coc-1.3/index.html").read_text(encoding="utf-8")
    assert "Needs review" in html
    assert 'It was reviewed against the wording of <a href="../../v2/coc-1.3/">COC-1.3 in v2</a>.' in html
    assert "record <del>any offer </del><ins>every offer, whether accepted or declined, </ins>in their" in html


def test_sample_handbook_json_says_which_wording_was_reviewed(v2_site: Path) -> None:
    data = json.loads((v2_site / "handbook.json").read_text(encoding="utf-8"))["mapping"]["clauses"]
    assert data["COC-2.6"]["reviewed_against"] == {"version": "v2", "clause": "COC-2.7"}
    assert data["COC-3.8"]["reviewed_against"] == {"version": "v2", "clause": "COC-3.7"}
    assert data["COC-2.1"]["reviewed_against"] is None  # same wording, same ID: nothing to say
    assert "COC-2.7" not in data  # added in v3, never mapped


def test_check_strict_fails_on_moved_entries_and_suggest_rekeys_them(tmp_path: Path) -> None:
    project = _v2_project(tmp_path)
    code, out = run_cli(["check", "--strict"], cwd=project)
    assert code == 1
    assert "Error: mapping/cih-to-council.yml:" in out
    assert "COC-2.7: this clause is now COC-2.6 in v3 (same wording); rename the entry to COC-2.6 (handbook suggest does)" in out
    code, out = run_cli(["suggest"], cwd=project)
    assert code == 0, out
    assert "re-keyed to the clause's new ID: COC-2.7 → COC-2.6, COC-3.6 → COC-3.7, COC-3.7 → COC-3.8" in out
    assert "dropped (clause removed or already mapped under its new ID): COC-2.6" in out
    rekeyed = load_mapping(project / "mapping/cih-to-council.yml")
    shipped = load_mapping(ROOT / "mapping/cih-to-council.yml")
    for moved in ("COC-2.6", "COC-3.7", "COC-3.8"):
        assert rekeyed.for_clause(moved) == shipped.for_clause(moved)
    code, out = run_cli(["check"], cwd=project)
    assert code == 0, out
    assert "moved" not in out and "removed in" not in out
