"""The handbook command through click's runner, with exact output."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

import yaml

from conftest import ROOT, copy_project
from conftest import run_cli as invoke


def test_help_lists_every_command_with_an_example() -> None:
    code, output = invoke(["--help"])
    assert code == 0
    listed = [line.split()[0] for line in output.split("Commands:\n", 1)[1].splitlines() if line.startswith("  ")]
    assert listed == ["build", "check", "extract", "generate", "suggest"]
    for command in listed:
        sub_code, sub_help = invoke([command, "--help"])
        assert sub_code == 0 and "Example:" in sub_help


def test_extract_prints_the_document_as_json() -> None:
    """The JSON holds the words the sample PDF was written from (samples/cih/*.yml), not a second run of the code."""
    code, output = invoke(["extract", "source_pdfs/cih-code-of-conduct-v3-sample.pdf"])
    assert code == 0
    data = json.loads(output)
    source = yaml.safe_load((ROOT / "samples/cih/code-of-conduct-v3.yml").read_text(encoding="utf-8"))
    assert [(s["number"], s["title"]) for s in data["sections"]] == [(s["number"], s["title"]) for s in source["sections"]]
    assert [[c["text"] for c in s["clauses"]] for s in data["sections"]] == [s["clauses"] for s in source["sections"]]
    assert [c["id"] for c in data["sections"][1]["clauses"]] == [f"COC-2.{n}" for n in range(1, 8)]
    pdf = (ROOT / "source_pdfs/cih-code-of-conduct-v3-sample.pdf").read_bytes()
    assert data["sha256"] == hashlib.sha256(pdf).hexdigest()
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
    from samplegen.brochure import render_brochure

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


BROKEN_INPUTS = [
    (
        "source_pdfs/manifest.yml",
        lambda text: text.replace("code: COE", "code: coe"),
        "source_pdfs/manifest.yml:{line}: code 'coe' must be 2–8 capital letters or digits, starting with a letter; "
        "give the document a short code such as COC; it prefixes every clause ID",
        "  - code: coe",
    ),
    (
        "content/induction.yml",
        lambda text: text.replace("    title: The CIH Code of Ethics\n", ""),
        "content/induction.yml:{line}: each module needs an id and a title; add them",
        "  - id: code-of-ethics",
    ),
    (
        "content/induction.yml",
        lambda text: text + "  - id: [unclosed\n",
        None,
        None,
    ),
    (
        "content/glossary.yml",
        lambda text: text.replace("    meaning: The professional body", "    notes: The professional body", 1),
        "content/glossary.yml:{line}: each term needs 'term' and 'meaning'; add them",
        "  - term: CIH",
    ),
    (
        "content/committee.yml",
        lambda text: text.replace("\nstatements:", "\nstatementz:", 1),
        None,
        None,
    ),
]


@pytest.mark.parametrize(("name", "break_it", "message", "marker"), BROKEN_INPUTS, ids=["manifest", "induction", "induction-syntax", "glossary", "committee"])
def test_build_prints_the_same_line_as_check(tmp_path: Path, name: str, break_it, message: str | None, marker: str | None) -> None:
    """check validates everything build reads, and build reports the real problem, not "Aborted with a BuildError!"."""
    project = copy_project(tmp_path)
    path = project / name
    text = break_it(path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")
    code, checked = invoke(["check", "--cache-dir", ""], cwd=project)
    assert code == 1
    assert checked.count("\n") == 1 and checked.startswith(f"Error: {name}:")
    if message is not None:
        line = text.splitlines().index(marker) + 1
        assert checked == f"Error: {message.format(line=line)}\n"
    code, built = invoke(["build", "--quiet"], cwd=project)
    assert (code, built) == (1, checked.rstrip("\n") + " (the previous site in site/ is unchanged)\n")
