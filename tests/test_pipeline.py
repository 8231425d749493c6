"""The pipeline owns load → follow versions → validate, for the CLI and the plugin alike."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from handbook import pipeline as p
from handbook.errors import HandbookError
from handbook.extract import ExtractionCache
from handbook.mapping import is_error


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> ExtractionCache:
    return ExtractionCache(tmp_path_factory.mktemp("cache"))


def inputs(root: Path, mapping: str = p.DEFAULT_MAPPING) -> p.Inputs:
    return p.Inputs.at(root, p.DEFAULT_MANIFEST, mapping, p.DEFAULT_INDUCTION, p.DEFAULT_GLOSSARY, p.DEFAULT_COMMITTEE)


def test_inputs_are_found_from_the_project_folder_and_empty_leaves_one_out() -> None:
    found = p.Inputs.at(ROOT, p.DEFAULT_MANIFEST, "", "content/induction.yml", "", "")
    assert found == p.Inputs(ROOT / "source_pdfs/manifest.yml", None, ROOT / "content/induction.yml", None, None)
    assert found.watched == (ROOT / "source_pdfs", ROOT / "content/induction.yml")


def test_load_inputs_follows_and_checks_the_mapping(cache: ExtractionCache) -> None:
    loaded = p.load_inputs(inputs(ROOT), cache)
    content = loaded.content
    assert content.mapping is not None and content.principles is not None and content.committee is not None
    assert len(content.mapping.entries) == 99 and loaded.problems == ()
    assert [m.id for m in content.induction.modules][:1] and content.glossary
    assert p.published_sources(loaded.handbook)[0] == (
        "sources/cih-code-of-conduct-v2-sample.pdf", str(ROOT / "source_pdfs/cih-code-of-conduct-v2-sample.pdf")
    )
    without = p.load_inputs(p.Inputs(ROOT / p.DEFAULT_MANIFEST), cache)
    assert without.content.mapping is None and without.content.principles is None and not without.content.glossary


def test_the_first_mapping_error_stops_a_build_and_says_how_many_more(tmp_path: Path, cache: ExtractionCache) -> None:
    (tmp_path / "mapping").mkdir()
    text = (ROOT / p.DEFAULT_MAPPING).read_text(encoding="utf-8")
    lines = [n for n, ln in enumerate(text.splitlines(), 1) if "relation: equivalent-to" in ln]
    (tmp_path / p.DEFAULT_MAPPING).write_text(text.replace("relation: equivalent-to", "relation: part-of"), encoding="utf-8")
    handbook = p.load_handbook(ROOT / p.DEFAULT_MANIFEST, cache)
    checked = p.check_mapping(tmp_path / p.DEFAULT_MAPPING, handbook)
    errors = [problem for problem in checked.problems if is_error(problem, strict=False)]
    assert errors[0].line == lines[0] and len(errors) >= len(lines) > 1
    error = p.first_error(checked.problems, strict=False)
    assert error is not None and error.line == lines[0]
    assert str(error).startswith(f"{tmp_path / p.DEFAULT_MAPPING}:{lines[0]}: COC-1.4 (v3): relation 'part-of' for ")
    assert str(error).endswith(
        f"no-relationship (and {len(errors) - 1} more: run handbook check); use one of them"
    )
    shutil.copytree(ROOT / "source_pdfs", tmp_path / "source_pdfs")
    shutil.copytree(ROOT / "content", tmp_path / "content")
    with pytest.raises(HandbookError) as raised:
        p.load_inputs(inputs(tmp_path), cache)
    assert str(raised.value) == str(error)
    # handbook check reads the same inputs and gets every problem back instead.
    assert p.read_inputs(inputs(tmp_path), cache).problems == checked.problems
    assert p.first_error(checked.problems, strict=True) is not None


def test_navigation_comes_from_the_manifest_and_the_induction_modules() -> None:
    nav = p.navigation(inputs(ROOT), ["index.md", "about.md"])
    assert nav[:2] == [{"Home": "index.md"}, "about.md"]
    assert {"Nolan principles": "nolan/index.md"} in nav and {"Glossary": "glossary.md"} in nav
    induction = next(item["Induction"] for item in nav if isinstance(item, dict) and "Induction" in item)
    assert induction[0] == "induction/index.md" and induction[-1] == "induction/acknowledgement.md" and len(induction) > 2
