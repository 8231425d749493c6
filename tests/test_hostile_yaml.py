"""A careless edit of a council YAML file: a value of the wrong type where text is expected.

YAML turns an unquoted `[…]` into a list, `{…}` into a mapping, `no` or `on`
into false or true and `1.10` into the number 1.1. Before, every loader took
such a value as text (`str()`), so the site showed "['a', 'b']" or "False" as a
title or meaning, a version 1.10 as "1.1", and a quiz whose question was not
a mapping crashed with a traceback. Each now stops `handbook check` with one
line naming the file, the key's line and what to write, or keeps the text as
typed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import copy_project, run_cli
from handbook.yamlio import load_yaml, text_field


def line_of_text(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.startswith(text))


# (file, a line as it is, the same line broken, the message after "file:line: ")
CASES = [
    ("content/glossary.yml", "    meaning: The professional body for people who work in housing", "    meaning: [The professional body, housing]",
     "'meaning' is a list, not a piece of text; write 'meaning' as one piece of text, in quotes if it starts with [ or { or holds ': '"),
    ("content/glossary.yml", "  - term: RSH", "  - term: NO",
     "'term' reads as false, not as text; put the text in quotes, e.g. term: \"Yes\""),
    ("content/committee.yml", "    said_by: Director (Housing)", "    said_by: {Director: Housing}",
     "'said_by' is a mapping, not a piece of text; write 'said_by' as one piece of text, in quotes if it starts with [ or { or holds ': '"),
    ("content/induction.yml", "    title: The CIH Code of Ethics", "    title: [The CIH Code, of Ethics]",
     "'title' is a list, not a piece of text; write 'title' as one piece of text, in quotes if it starts with [ or { or holds ': '"),
    ("source_pdfs/manifest.yml", "    title: Training Agreement", "    title: {Training: Agreement}",
     "'title' is a mapping, not a piece of text; write 'title' as one piece of text, in quotes if it starts with [ or { or holds ': '"),
    ("source_pdfs/manifest.yml", "    sample: true", '    sample: "yes"',
     "'sample' must be true or false, not 'yes'; write sample: true or sample: false"),
]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("hostile-yaml"))


@pytest.mark.parametrize(("name", "old", "new", "message"), CASES, ids=[f"{c[0]}:{c[2].strip()}" for c in CASES])
def test_a_value_that_is_not_text_stops_check_with_its_file_and_line(project: Path, name: str, old: str, new: str, message: str) -> None:
    path = project / name
    original = path.read_text(encoding="utf-8")
    line = line_of_text(path, old)
    lines = original.splitlines()
    lines[line - 1] = new
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    try:
        code, output = run_cli(["check", "--cache-dir", str(project / ".cache")], project)
    finally:
        path.write_text(original, encoding="utf-8")
    assert (code, output.splitlines()[-1]) == (1, f"Error: {name}:{line}: {message}")
    assert "Traceback" not in output


def test_a_quiz_question_that_is_not_a_mapping_is_one_line_not_a_traceback(project: Path) -> None:
    path = project / "content" / "induction.yml"
    original = path.read_text(encoding="utf-8")
    broken = original.replace("    quiz:\n", "    quiz: [What is integrity?, Honesty]\n    unused:\n", 1)
    line = next(n for n, ln in enumerate(broken.splitlines(), 1) if ln.startswith("    quiz: [What"))
    module_line = max(n for n, ln in enumerate(broken.splitlines()[:line], 1) if ln.startswith("  - id: "))
    path.write_text(broken, encoding="utf-8")
    try:
        code, output = run_cli(["check", "--cache-dir", str(project / ".cache")], project)
    finally:
        path.write_text(original, encoding="utf-8")
    module = broken.splitlines()[module_line - 1].split("id: ")[1]
    assert (code, output.splitlines()[-1]) == (
        1,
        f"Error: content/induction.yml:{module_line}: module {module}: each quiz question needs a question, a list of options "
        "and an answer; write it as question:, options: [...], answer: (the option's number)",
    )


def test_a_version_with_a_point_keeps_the_digits_as_typed(project: Path, tmp_path: Path) -> None:
    """`version: 1.10` unquoted is the number 1.1 to YAML; the handbook shows "1.10", as the council wrote it."""
    path = tmp_path / "x.yml"
    path.write_text("version: 1.10\nother: 2.50\nyes_word: yes\nn: 3\n", encoding="utf-8")
    data = load_yaml(path, what="file")
    assert [text_field(data, key, "x.yml") for key in ("version", "other", "n", "missing")] == ["1.10", "2.50", "3", ""]
    assert data["version"] == 1.1 and json.dumps(data["other"]) == "2.5"  # still a number to anything else
    manifest = project / "source_pdfs" / "manifest.yml"
    original = manifest.read_text(encoding="utf-8")
    manifest.write_text(original.replace('version: "1.4"\n', "version: 1.40\n", 1), encoding="utf-8")
    try:
        code, output = run_cli(["check", "--cache-dir", str(project / ".cache")], project)
    finally:
        manifest.write_text(original, encoding="utf-8")
    assert code == 0, output
    assert any(line.startswith("DOI ") and " 1.40 (" in line for line in output.splitlines()), output
