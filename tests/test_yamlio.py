"""Hand-edited YAML that would exhaust memory or hold impossible dates stops with one line.

Every loader of council-edited YAML goes through `yamlio`: a "billion laughs"
alias bomb is refused before it is expanded, and a date that does not exist
names its file and line in build, check and extract alike.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import copy_project, run_cli
from handbook.errors import HandbookError
from handbook.yamlio import MAX_YAML_ALIASES, MAX_YAML_BYTES, check_yaml_limits, load_yaml


def alias_bomb(levels: int = 9, width: int = 9) -> str:
    """Nine lists of nine aliases of the one before: 9**9 strings once expanded, 1 KB of text."""
    text = "a: &a [" + ", ".join(['"lol"'] * width) + "]\n"
    previous = "a"
    for name in "bcdefghijklmnop"[: levels - 1]:
        text += f"{name}: &{name} [" + ", ".join([f"*{previous}"] * width) + "]\n"
        previous = name
    return text


def test_alias_bomb_in_the_mapping_stops_check_with_one_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    (project / "mapping" / "cih-to-council.yml").write_text(alias_bomb(), encoding="utf-8")
    code, output = run_cli(["check", "--cache-dir", ""], project)
    assert code == 1
    errors = [line for line in output.splitlines() if line.startswith("Error: ")]
    assert errors == [
        "Error: mapping/cih-to-council.yml:7: its YAML aliases expand to more than 5,000,000 values (an alias bomb?); "
        "write the mapping out without nested aliases",
        "Error: 1 mapping problem(s) in mapping/cih-to-council.yml; fix them and run handbook check again",
    ]
    code, output = run_cli(["build", "--quiet"], project)
    assert (code, output.splitlines()[-1]) == (
        1,
        "Error: mapping/cih-to-council.yml:7: its YAML aliases expand to more than 5,000,000 values (an alias bomb?); "
        "write the mapping out without nested aliases (the previous site in site/ is unchanged)",
    )


def test_alias_bomb_in_the_manifest_stops_build_with_the_same_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    (project / "source_pdfs" / "manifest.yml").write_text(alias_bomb(), encoding="utf-8")
    message = (
        "Error: source_pdfs/manifest.yml:7: its YAML aliases expand to more than 5,000,000 values (an alias bomb?); "
        "write the manifest out without nested aliases"
    )
    assert run_cli(["check"], project) == (1, message + "\n")
    assert run_cli(["build", "--quiet"], project) == (1, message + " (the previous site in site/ is unchanged)\n")


def test_check_yaml_limits_for_any_loader(tmp_path: Path) -> None:
    """The reusable check (for loaders that are not PyYAML, e.g. ruamel.yaml) refuses the same inputs."""
    with pytest.raises(HandbookError, match=r"^x\.yml:7: its YAML aliases expand to more than 5,000,000 values"):
        check_yaml_limits(alias_bomb(), "x.yml", what="mapping")
    with pytest.raises(HandbookError, match=rf"^x\.yml: uses {MAX_YAML_ALIASES + 1:,} YAML aliases"):
        check_yaml_limits("a: &a 1\nb: [" + ", ".join(["*a"] * (MAX_YAML_ALIASES + 1)) + "]\n", "x.yml")
    with pytest.raises(HandbookError, match=r"^x\.yml: is [\d,]+ characters long, more than the 20,000,000 a mapping may have"):
        check_yaml_limits("#" * (MAX_YAML_BYTES + 1), "x.yml", what="mapping")
    with pytest.raises(HandbookError, match=r"^x\.yml:1: a YAML alias refers to the entry that contains it"):
        check_yaml_limits("a: &a [1, *a]\n", "x.yml")
    # Ordinary anchors and aliases, and files with a syntax error (left to the loader), pass.
    check_yaml_limits("base: &base {a: 1}\none: *base\ntwo: *base\n", "x.yml")
    check_yaml_limits("a: [unclosed\n", "x.yml")
    path = tmp_path / "ok.yml"
    path.write_text("base: &base {a: 1}\none: *base\n", encoding="utf-8")
    assert load_yaml(path, what="file") == {"base": {"a": 1}, "one": {"a": 1}}


@pytest.mark.parametrize("day", ["2024-13-45", "2024-02-30"])
def test_impossible_date_names_file_and_line_in_check_build_and_extract(tmp_path: Path, day: str) -> None:
    project = copy_project(tmp_path)
    manifest = project / "source_pdfs" / "manifest.yml"
    text = manifest.read_text(encoding="utf-8")
    line = next(n for n, ln in enumerate(text.splitlines(), 1) if "in_force: 2024-01-01" in ln)
    manifest.write_text(text.replace("in_force: 2024-01-01", f"in_force: {day}", 1), encoding="utf-8")
    reason = "month must be in 1..12" if day == "2024-13-45" else "day is out of range for month"
    message = (
        f"source_pdfs/manifest.yml:{line}: '{day}' is not a real date ({reason}); "
        "write it as YYYY-MM-DD with a month from 01 to 12 and a day that exists in that month"
    )
    assert run_cli(["check"], project) == (1, f"Error: {message}\n")
    assert run_cli(["build", "--quiet"], project) == (1, f"Error: {message} (the previous site in site/ is unchanged)\n")
    code, output = run_cli(["extract", "source_pdfs/cih-code-of-ethics-v3-sample.pdf"], project)
    assert code == 0
    assert output.splitlines()[0] == f"Warning: {message} (extracting without the manifest)"


def test_date_in_any_yaml_file_is_checked(tmp_path: Path) -> None:
    path = tmp_path / "glossary.yml"
    path.write_text("terms:\n  - term: X\n    meaning: y\n    added: 2023-04-31\n", encoding="utf-8")
    with pytest.raises(HandbookError) as caught:
        load_yaml(path, what="glossary")
    assert str(caught.value).endswith(
        "glossary.yml:4: '2023-04-31' is not a real date (day is out of range for month); "
        "write it as YYYY-MM-DD with a month from 01 to 12 and a day that exists in that month"
    )
