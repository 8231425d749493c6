"""Explainable suggestions: ranked principles and council clauses with their shared terms."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from handbook.mapping import load_mapping, validate
from handbook.mapping.update import suggestion_drafter, update_mapping
from handbook.nolan import load_principles
from handbook.suggest import evaluate, stem, suggest_for, terms
from test_mapping import CIH_TEXTS, good_yaml, sha, small_handbook, write

PRINCIPLES = load_principles()


def policy_clauses():
    return [c for s in small_handbook().policies for c in s.document.clauses]


def cih(cid: str):
    return next(c for c in small_handbook().documents[0].document.clauses if c.id == cid)


def test_terms_drop_stop_words_and_stem() -> None:
    assert stem("declaring") == stem("declared") == stem("declare")
    assert [s for s, _ in terms("They must declare the interests")] == [stem("declare"), stem("interests")]


def test_gift_clause_suggests_integrity_and_gift_clauses_with_evidence() -> None:
    found = suggest_for(cih("COC-1.1"), PRINCIPLES, policy_clauses(), k=3)
    assert found.clause == "COC-1.1"
    assert found.nolan[0].target == "integrity"
    assert {"gifts", "hospitality", "influence"} <= set(found.nolan[0].shared)
    top = [s.target for s in found.policies]
    assert top[0] == "GIF-4.1" and "ECC-5.2" in top  # the DIS example on gifts is the third
    first = found.policies[0]
    assert "gifts hospitality" in first.shared or "hospitality" in first.shared
    assert first.score > found.policies[-1].score > 0
    assert len(found.policies) <= 3


def test_interest_clause_suggests_declarations_policy() -> None:
    found = suggest_for(cih("COC-1.2"), PRINCIPLES, policy_clauses(), k=1)
    assert [s.target for s in found.policies] == ["DOI-3.1"]
    assert {"conflicts", "declare"} <= set(found.policies[0].shared)
    assert found.nolan[0].target == "integrity"


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


def test_evaluate_on_a_tiny_curated_mapping(tmp_path: Path) -> None:
    mapping = load_mapping(write(tmp_path, good_yaml()))
    metrics = evaluate(mapping, small_handbook(), PRINCIPLES)
    # Principles: COC-1.1 and COC-1.2 are integrity (ranked first); COC-1.3 accountability (not first).
    found13 = suggest_for(cih("COC-1.3"), PRINCIPLES, policy_clauses())
    assert metrics.principles.total == 3
    assert metrics.principles.top1 == 2 + (found13.nolan[:1] and found13.nolan[0].target == "accountability")
    # Policies: only entries with links count (COC-1.1, COC-1.2); both hit at rank 1.
    assert (metrics.policies.total, metrics.policies.top1, metrics.policies.top3) == (2, 2, 2)
    assert metrics.policies.line("Council clause") == "Council clause: top-1 100% (2/2), top-3 100% (2/2)"


def test_cli_suggest_evaluate_on_the_samples() -> None:
    root = Path(__file__).resolve().parent.parent
    if not (root / "mapping" / "cih-to-council.yml").is_file():
        import pytest

        pytest.skip("the curated mapping is not written yet")
    import os

    old = os.getcwd()
    os.chdir(root)
    try:
        result = CliRunner().invoke(__import__("handbook.cli", fromlist=["main"]).main, ["suggest", "--evaluate", "--cache-dir", ""])
    finally:
        os.chdir(old)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Primary Nolan principle: top-1 ")
    assert "Council clause: top-1 " in result.output
