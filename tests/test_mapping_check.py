"""`handbook check` on the sample project with a mapping edited by hand, as a council officer would.

Written against the command's output (file:line and the problem), not the
mapping module's internals, so it holds whatever shape the reader takes.
"""

from __future__ import annotations

import re
from pathlib import Path

from conftest import copy_project, run_cli

MAPPING = "mapping/cih-to-council.yml"


def nolan_lines(text: str) -> list[int]:
    return [n for n, line in enumerate(text.splitlines(), 1) if re.match(r"^\s+nolan: \[", line)]


def set_nolan(text: str, line: int, value: str) -> str:
    lines = text.splitlines()
    lines[line - 1] = re.sub(r"nolan: \[.*\]", f"nolan: [{value}]", lines[line - 1])
    return "\n".join(lines) + "\n"


def test_a_principle_listed_twice_is_an_error_and_problems_come_in_file_order(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    path = project / MAPPING
    text = path.read_text(encoding="utf-8")
    first, last = nolan_lines(text)[0], nolan_lines(text)[-1]
    # The later problem is found while reading the file, the earlier one while validating it
    # against the principles: only sorting puts them in the order of the file.
    text = set_nolan(set_nolan(text, first, "integrity, fairness"), last, "leadership, leadership")
    path.write_text(text, encoding="utf-8")
    code, output = run_cli(["check", "--cache-dir", ""], project)
    assert code == 1
    errors = [line for line in output.splitlines() if line.startswith(f"Error: {MAPPING}:")]
    assert [int(line.split(":")[2]) for line in errors] == [first, last], errors
    assert "'fairness' is not a Nolan principle" in errors[0]
    assert "listed twice" in errors[1]
    assert output.splitlines()[-1] == f"Error: 2 mapping problem(s) in {MAPPING}; fix them and run handbook check again"


def test_misconduct_examples_are_the_items_of_a_list_introduced_as_examples() -> None:
    """Lettered or roman-numbered (a Word (i), (ii) list) alike; a stage of action mentioning misconduct lists none."""
    from datetime import date

    from handbook.mapping.checks import misconduct_examples
    from handbook.model import Clause, Document, Section, Source, SourceEntry

    texts = {
        "DIS-5.1": "Examples of misconduct include:", "DIS-5.1.a": "lateness;", "DIS-5.1.b": "rudeness.",
        "DIS-5.2": "Examples of gross misconduct include:", "DIS-5.2.i": "theft;", "DIS-5.2.ii": "fraud.",
        "DIS-4.1": "For misconduct, a written warning may be given:", "DIS-4.1.a": "first warning;",
    }
    clauses = tuple(Clause(cid, text, "policy", 1, "0" * 64) for cid, text in texts.items())
    entry = SourceEntry("DIS", "Disciplinary Procedure", "Council", "1", date(2024, 1, 1), "/x/dis.pdf", "procedure")
    dis = Source(entry, Document("Disciplinary Procedure", "0" * 64, 1, "", (Section("5", "Misconduct", "", clauses, 1),)))
    assert misconduct_examples(dis) == {"DIS-5.1.a", "DIS-5.1.b", "DIS-5.2.i", "DIS-5.2.ii"}
