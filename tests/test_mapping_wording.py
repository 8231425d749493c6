"""Which entry applies to which clause: by wording, with history on superseded pages."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from handbook.mapping import Mapping, MappingEntry, ReviewState, Status, nearest_reviewed, review_state, reviewed_current
from handbook.model import Clause, Document, Manifest, Section, Source, SourceEntry
from handbook.nolan import load_principles
from handbook.pipeline import Handbook
from handbook.render_mapping import clause_mapping_markdown
from handbook.resolve import resolve
from handbook.textnorm import text_sha256

GIFTS = "refuse gifts and hospitality that could influence a professional decision"
GIFTS_V2 = "refuse gifts and hospitality that could influence a professional decision, and record every offer"
RECORDS = "keep accurate records of decisions about tenancies"


def version(label: str, year: int, texts: list[str]) -> Source:
    entry = SourceEntry(code="COC", title="Code of Conduct", publisher="Example", version=label, in_force=date(year, 1, 1),
                        path=f"/x/coc-{label}.pdf", kind="code", slug="code-of-conduct")
    clauses = tuple(Clause(f"COC-1.{i}", t, "requirement", 1, text_sha256(t)) for i, t in enumerate(texts, 1))
    return Source(entry, Document("Code of Conduct", label * 32, 1, "", (Section("1", "One", "", clauses, 1),)))


V1 = version("v1", 2019, [GIFTS, RECORDS])
V2 = version("v2", 2024, [RECORDS, GIFTS_V2])  # records moved up, gifts reworded
BOOK = Handbook(Manifest(documents=(V1.entry, V2.entry), policies=()), (V1, V2), ())


def entry(label: str, text: str) -> MappingEntry:
    return MappingEntry(text_sha256=text_sha256(text), clause=label, version="v1", status=Status.REVIEWED, nolan=("integrity",),
                        gap="No council clause.", reviewed_by="HR Policy Officer", reviewed_on=date(2024, 5, 1), text=text)


MAPPING = Mapping("map.yml", (entry("COC-1.1", GIFTS), entry("COC-1.2", RECORDS)))


def test_an_entry_applies_to_its_wording_in_any_version_and_to_no_other() -> None:
    v1_gifts, v1_records = V1.document.clauses
    v2_records, v2_gifts = V2.document.clauses
    assert [review_state(MAPPING, c) for c in (v1_gifts, v1_records, v2_records, v2_gifts)] == [
        ReviewState.REVIEWED, ReviewState.REVIEWED, ReviewState.REVIEWED, ReviewState.UNREVIEWED]
    assert {cid: e.clause for cid, e in reviewed_current(MAPPING, BOOK).items()} == {"COC-1.1": "COC-1.2"}


def test_nearest_reviewed_wording_is_labelled_with_where_it_was_reviewed() -> None:
    v2_records, v2_gifts = V2.document.clauses
    near = nearest_reviewed(MAPPING, BOOK, V2, v2_gifts)
    assert near is not None and not near.same_wording
    assert (near.source.entry.version, near.clause.id, near.entry.clause, near.reviewed_text) == ("v1", "COC-1.1", "COC-1.1", GIFTS)
    own = nearest_reviewed(MAPPING, BOOK, V2, v2_records)
    assert own is not None and own.same_wording and own.clause is v2_records
    # From the older version, looking forward: v1's gifts has its own entry.
    assert nearest_reviewed(MAPPING, BOOK, V1, V1.document.clauses[0]).same_wording


def lines(source: Source, clause: Clause, mapping: Mapping = MAPPING) -> list[str]:
    """The clause page's mapping section, through the resolve stage."""
    resolved = resolve(BOOK, "", mapping, load_principles())
    facts = next(c for d in resolved.documents if d.source is source for c in d.clauses if c.clause is clause)
    return clause_mapping_markdown(facts, facts.page)


def test_superseded_page_shows_the_mapping_of_its_own_wording() -> None:
    text = lines(V1, V1.document.clauses[0])
    assert text[:4] == ["", "## How this applied at the council { data-search-exclude }", "", "Mapping reviewed for this wording by HR Policy Officer on 2024-05-01."]
    assert "No council clause engages this standard." in text


def test_superseded_page_without_a_reviewed_wording_says_so() -> None:
    mapping = Mapping("map.yml", (entry("COC-1.2", RECORDS),))
    assert lines(V1, V1.document.clauses[0], mapping) == [
        "", "## How this applied at the council { data-search-exclude }", "", "No mapping was reviewed for this wording of the clause.", "",
    ]


def test_current_reworded_clause_shows_the_earlier_review_beside_it_labelled() -> None:
    text = lines(V2, V2.document.clauses[1])
    assert '!!! warning "Not yet reviewed"' in text
    assert (
        "A mapping was reviewed on 2024-05-01 for another wording of this clause, [COC\\-1\\.1 in v1](../v1/coc-1.1.md); "
        "it applies to that wording only. Words changed since (deleted words struck through, new words underlined):"
    ) in text
    assert "### Nolan principles { data-search-exclude }" not in text  # nothing of it as fact
    moved = lines(V2, V2.document.clauses[0])
    assert "The mapping was reviewed against [COC\\-1\\.2 in v1](../v1/coc-1.2.md); this clause has the same wording." in moved


def test_sample_v2_pages_show_their_history(sample_site: Path) -> None:
    v2 = (sample_site / "cih/code-of-conduct/v2/coc-1.3/index.html").read_text(encoding="utf-8")
    assert "How this applied at the council" in v2 and "No mapping was reviewed for this wording of the clause." in v2
    same = (sample_site / "cih/code-of-conduct/v2/coc-2.7/index.html").read_text(encoding="utf-8")
    assert "Mapping reviewed for this wording by Sample reviewer (HR Policy) on 2026-11-22." in same
    assert 'The mapping was reviewed against <a href="../../v3/coc-2.6/">COC-2.6 in v3</a>; this clause has the same wording.' in same
    current = (sample_site / "cih/code-of-conduct/v3/coc-1.3/index.html").read_text(encoding="utf-8")
    assert "Mapping reviewed for this wording by Sample reviewer (HR Policy) on 2026-11-22." in current


def test_a_suggested_entry_is_never_taken_for_a_reviewed_one() -> None:
    drafted = MappingEntry(text_sha256=text_sha256(GIFTS_V2), clause="COC-1.2", version="v2", status=Status.SUGGESTED,
                           nolan=("honesty",), gap="Suggested.")
    mapping = Mapping("map.yml", (*MAPPING.entries, drafted))
    v2_gifts = V2.document.clauses[1]
    assert review_state(mapping, v2_gifts) is ReviewState.SUGGESTED
    assert mapping.reviewed_for(v2_gifts.sha256) is None and mapping.for_wording(v2_gifts.sha256) is drafted
    assert list(reviewed_current(mapping, BOOK)) == ["COC-1.1"]
    near = nearest_reviewed(mapping, BOOK, V2, v2_gifts)
    assert near is not None and near.entry.clause == "COC-1.1" and not near.same_wording
