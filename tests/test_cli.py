"""The handbook command through click's runner, with exact output."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import ROOT
from conftest import run_cli as invoke
from handbook.extract import parse_document


def test_help_lists_every_command_with_an_example() -> None:
    code, output = invoke(["--help"])
    assert code == 0
    for command in ("build", "check", "extract"):
        assert f"  {command} " in output
        sub_code, sub_help = invoke([command, "--help"])
        assert sub_code == 0 and "Example:" in sub_help


def test_extract_prints_the_document_as_json() -> None:
    code, output = invoke(["extract", "source_pdfs/cih-code-of-conduct-v3-sample.pdf"])
    assert code == 0
    data = json.loads(output)
    expected = parse_document(ROOT / "source_pdfs/cih-code-of-conduct-v3-sample.pdf", code="COC", kind="code")
    assert data == expected.to_json()
    assert list(data) == ["title", "sha256", "pages", "intro", "sections"]
    clause = data["sections"][0]["clauses"][3]
    assert list(clause) == ["id", "text", "kind", "page", "sha256"]
    assert clause["id"] == "COC-1.4"


def test_extract_takes_the_code_from_the_manifest_or_the_option() -> None:
    code, output = invoke(["extract", "source_pdfs/cih-professional-standards-framework-v2-sample.pdf"])
    first = json.loads(output)["sections"][0]["clauses"][0]
    assert (first["id"], first["kind"]) == ("PSF-1.1", "behaviour")
    code, output = invoke(["extract", "source_pdfs/cih-code-of-ethics-v3-sample.pdf", "--code", "ETH"])
    assert json.loads(output)["sections"][-1]["clauses"][0]["id"] == "ETH-Q1"


def test_check_reports_clauses_per_document_and_section() -> None:
    code, output = invoke(["check", "--cache-dir", ""])
    assert code == 0
    lines = output.splitlines()
    assert lines[:4] == [
        "COC Code of Conduct v2 (source_pdfs/cih-code-of-conduct-v2-sample.pdf): 3 sections, 20 clauses [1: 6, 2: 7, 3: 7]",
        "COC Code of Conduct v3 (source_pdfs/cih-code-of-conduct-v3-sample.pdf): 3 sections, 23 clauses [1: 8, 2: 7, 3: 8]",
        "COE Code of Ethics v3 (source_pdfs/cih-code-of-ethics-v3-sample.pdf): 4 sections, 34 clauses [1: 10, 2: 9, 3: 10, Q: 5]",
        "PSF Professional Standards Framework v2 (source_pdfs/cih-professional-standards-framework-v2-sample.pdf): "
        "7 sections, 42 clauses [1: 6, 2: 6, 3: 6, 4: 6, 5: 6, 6: 5, 7: 7]",
    ]
    assert lines[-1].startswith("OK: 3 documents (4 versions), 119 clauses, ")


def test_build_writes_the_site_and_says_how_to_open_it(tmp_path: Path) -> None:
    code, output = invoke(["build", "--quiet", "--site-dir", str(tmp_path / "out")])
    assert code == 0, output
    assert (tmp_path / "out" / "index.html").exists()
    assert (tmp_path / "out" / "handbook.json").exists()
    assert "Built the handbook in " in output and "python -m http.server" in output


def test_check_strict_passes_on_the_samples_and_flags_exactly_the_edited_clause(tmp_path: Path) -> None:
    import yaml

    from conftest import copy_project
    from handbook.samplegen.brochure import render_brochure

    code, output = invoke(["check", "--strict", "--cache-dir", ""])
    assert code == 0 and output.splitlines()[-1].endswith("mapping checked (0 entries need review)")

    project = copy_project(tmp_path)
    data = yaml.safe_load((ROOT / "samples/cih/code-of-conduct-v3.yml").read_text(encoding="utf-8"))
    data["sections"][0]["clauses"][3] = data["sections"][0]["clauses"][3].replace("take no part", "take no further part")
    render_brochure(data, project / "source_pdfs/cih-code-of-conduct-v3-sample.pdf")
    code, output = invoke(["check", "--strict", "--cache-dir", ""], cwd=project)
    assert code == 1
    problems = [line for line in output.splitlines() if line.startswith(("Error: mapping", "Needs review: mapping"))]
    # The old wording is still v2's, so its entry stays as history (labelled where the wording now is);
    # the new wording has no entry.
    assert [p.split(": ", 2)[2] for p in problems] == [
        "COC-1.4 (v3): this wording is now COC-1.4 in v2; set clause: COC-1.4 and version: v2 (handbook suggest does)",
        "COC-1.4 (v3) has no entry for its wording; run handbook suggest to draft one, then review it",
    ]
    assert problems[1].startswith("Error: mapping/cih-to-council.yml: COC-1.4 (v3)")
    assert output.splitlines()[-1] == (
        "Error: 2 mapping problem(s) in mapping/cih-to-council.yml; fix them and run handbook check again"
    )
