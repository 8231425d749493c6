"""`handbook suggest`'s update flow on a small handbook: drafts, set-aside entries, comments kept, broken files refused."""

from __future__ import annotations

from pathlib import Path

from handbook.mapping import load_mapping, validate
from handbook.mapping_update import suggestion_drafter, update_mapping
from handbook.nolan import load_principles
from test_mapping import CIH_TEXTS, good_yaml, sha, small_handbook, write

PRINCIPLES = load_principles()


def test_update_drafts_a_new_wording_and_keeps_the_rest(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    keep = good_yaml().split("  - clause: COC-1.3")[0]  # COC-1.3's wording has no entry
    path = write(tmp_path, keep)
    handbook = small_handbook()
    summary = update_mapping(path, handbook, suggestion_drafter(handbook, PRINCIPLES))
    assert str(summary) == "kept 2, moved 0, reworded 0, orphaned 0, new 1"
    text = path.read_text()
    assert text.startswith(keep.replace("    reviewed_on: 2024-05-01\n", f"    reviewed_on: 2024-05-01\n    text: \"{CIH_TEXTS['COC-1.1']}\"\n", 1)[:200])
    mapping = load_mapping(path)
    drafted = mapping.for_wording(sha("COC-1.3"))
    assert (drafted.clause, drafted.version, drafted.status.value, drafted.text) == ("COC-1.3", "v3", "suggested", CIH_TEXTS["COC-1.3"])
    assert drafted.evidence
    assert [(p.kind.value, p.line) for p in validate(mapping, handbook, PRINCIPLES.ids)] == [("suggested", drafted.line_of("status"))]
    # Running again changes nothing.
    again = update_mapping(path, handbook, suggestion_drafter(handbook, PRINCIPLES))
    assert str(again) == "kept 3, moved 0, reworded 0, orphaned 0, new 0"
    assert path.read_text() == text


def test_update_sets_a_reworded_entry_aside_and_drafts_the_new_wording(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    text = good_yaml().replace("    nolan: [integrity]\n", "    nolan: [integrity]  # Legal agreed\n")
    declared = '"Both require conflicting interests to be declared."\n    reviewed_by: HR Policy Officer\n    reviewed_on: 2024-05-01\n'
    text = text.replace(declared, declared + f'    text: "{CIH_TEXTS["COC-1.2"]}"\n')
    path = write(tmp_path, text)
    reworded = {**CIH_TEXTS, "COC-1.2": "declare any personal, family or business interest that conflicts with their professional duties"}
    book = small_handbook(reworded)
    summary = update_mapping(path, book, suggestion_drafter(book, PRINCIPLES))
    assert (summary.kept, summary.moved, summary.reworded, summary.orphaned, summary.new) == (2, 0, 1, 0, 0)
    mapping = load_mapping(path)
    assert [e.clause for e in mapping.orphaned] == ["COC-1.2"]
    orphan = mapping.orphaned[0]
    new_sha = book.current_clauses["COC-1.2"][1].sha256
    assert orphan.reworded_as.clause == "COC-1.2" and orphan.reworded_as.text_sha256 == new_sha and orphan.reviewed
    assert mapping.for_wording(new_sha).status.value == "suggested"
    assert "    nolan: [integrity]  # Legal agreed\n" in path.read_text()  # the comment moved with its entry


def test_refuses_to_rewrite_a_broken_file(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    import pytest

    from handbook.errors import HandbookError

    path = write(tmp_path, good_yaml().replace("relation: superset-of", "relation: nope"))
    before = path.read_text()
    with pytest.raises(HandbookError, match="nothing was written"):
        update_mapping(path, small_handbook(), suggestion_drafter(small_handbook(), PRINCIPLES))
    assert path.read_text() == before


def test_a_missing_file_is_written_with_the_header_and_block_entries(tmp_path: Path, monkeypatch) -> None:
    from handbook.mapping import HEADER

    monkeypatch.chdir(tmp_path)
    path = tmp_path / "new.yml"
    handbook = small_handbook()
    summary = update_mapping(path, handbook, suggestion_drafter(handbook, PRINCIPLES))
    assert str(summary) == "kept 0, moved 0, reworded 0, orphaned 0, new 3"
    text = path.read_text(encoding="utf-8")
    assert text.startswith(HEADER + "entries:\n  - clause: COC-1.1\n    version: v3\n    text_sha256: " + sha("COC-1.1") + "\n    status: suggested\n")
    mapping = load_mapping(path)
    assert mapping.problems == () and [e.clause for e in mapping.entries] == ["COC-1.1", "COC-1.2", "COC-1.3"]
    assert all(e.text == CIH_TEXTS[e.clause] and e.evidence for e in mapping.entries)
