"""A copy of the sample project whose every council-edited field holds hostile text.

Shared by the hostile-field tests. Each field gets its own labelled string so a
test can say which field leaked where. The edits are made on the files' text
(line by line), so they follow the files however their readers change.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import copy_project

# HTML, a quote of each kind, a javascript: Markdown link, template syntax,
# table pipes, emphasis and an entity: each must be shown exactly as typed.
PAYLOAD = """<img src=x onerror=alert(1)> "dq" 'sq' [x](javascript:alert(2)) {{ jinja }} | pipes | *emph* &amp; <b>b</b>"""


def hostile(label: str) -> str:
    return f"{label} {PAYLOAD}"


FIELDS = {
    "doc_title": hostile("T-COC"),
    "doc_publisher": hostile("P-COC"),
    "doc_cite_as": hostile("C-COC"),
    "doc_version": hostile("V-COC"),  # COC's older version, so the mapping (on v3) is unaffected
    "policy_title": hostile("T-GIF"),
    "policy_publisher": hostile("P-GIF"),
    "policy_version": hostile("V-GIF"),
    "module_title": hostile("T-MOD"),
    "module_summary": hostile("S-MOD"),
    "quiz_question": hostile("Q-MOD"),
    "quiz_option": hostile("O-MOD"),
    "quiz_explain": hostile("E-MOD"),
    "glossary_term": hostile("G-TERM"),
    "glossary_meaning": hostile("G-MEAN"),
    "glossary_expansion": hostile("G-EXP"),
    "rationale": hostile("R-MAP"),
    "gap": hostile("GAP-MAP"),
    "reviewed_by": hostile("BY-MAP"),
    "tenants_title": hostile("T-TEN"),
    "tenants_intro": hostile("I-TEN"),
    "tenants_promise": hostile("P-TEN"),
    "tenants_concern": hostile("C-TEN"),
    "tenants_applied": hostile("A-TEN"),
    "tenants_format": hostile("F-TEN"),
}


ABBREVIATION_EXPANSION = "first line\n<img src=x onerror=alert(7)> [x](javascript:alert(8))"
UPPER_TERM = "A]B <IMG SRC=X ONERROR=ALERT(9)>"


def q(text: str) -> str:
    return json.dumps(text)  # a JSON string is a YAML double-quoted scalar


def _replace(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _replace_key(path: Path, key: str, value: str, *, only_if: str = "") -> None:
    """The first `key: …` line (whose value contains `only_if`) gets the new value."""
    lines = path.read_text(encoding="utf-8").splitlines()
    for n, line in enumerate(lines):
        match = re.match(rf"^(\s*(?:- )?{key}: )(.*)$", line)
        if match and not line.lstrip().startswith("#") and only_if in match.group(2) and match.group(2).strip() not in ('""', "''"):
            lines[n] = match.group(1) + q(value)
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            return
    raise AssertionError(f"no {key}: line in {path}")


def make_hostile_project(dest: Path) -> Path:
    project = copy_project(dest)
    manifest = project / "source_pdfs" / "manifest.yml"
    _replace(manifest, "    title: Code of Conduct\n", f"    title: {q(FIELDS['doc_title'])}\n")
    _replace(manifest, "    publisher: Chartered Institute of Housing\n", f"    publisher: {q(FIELDS['doc_publisher'])}\n")
    _replace(manifest, "    cite_as: CIH Code of Conduct\n", f"    cite_as: {q(FIELDS['doc_cite_as'])}\n")
    _replace(manifest, "version: v2\n", f"version: {q(FIELDS['doc_version'])}\n")
    _replace(manifest, "    title: Gifts and Hospitality Policy\n", f"    title: {q(FIELDS['policy_title'])}\n")
    gif = manifest.read_text(encoding="utf-8").index(q(FIELDS["policy_title"]))
    text = manifest.read_text(encoding="utf-8")
    tail = text[gif:].replace("    publisher: Example Borough Council\n", f"    publisher: {q(FIELDS['policy_publisher'])}\n", 1)
    tail = tail.replace('version: "2.2"\n', f"version: {q(FIELDS['policy_version'])}\n", 1)
    manifest.write_text(text[:gif] + tail, encoding="utf-8")

    induction = project / "content" / "induction.yml"
    _replace_key(induction, "title", FIELDS["module_title"])
    _replace(induction, "    summary:\n      - ", f"    summary:\n      - {q(FIELDS['module_summary'])}\n      - ")
    _replace_key(induction, "question", FIELDS["quiz_question"])
    _replace(induction, 'options: ["Openness", "Integrity", "Leadership"]', f'options: ["Openness", "Integrity", {q(FIELDS["quiz_option"])}]')
    _replace_key(induction, "explain", FIELDS["quiz_explain"])

    glossary = project / "content" / "glossary.yml"
    _replace(
        glossary,
        "terms:\n",
        "terms:\n"
        f"  - term: {q(FIELDS['glossary_term'])}\n    expansion: {q(FIELDS['glossary_expansion'])}\n"
        f"    meaning: {q(FIELDS['glossary_meaning'])}\n"
        # An abbreviation's expansion is added to every page: a line break in it must not start raw HTML.
        f"  - term: HOSTILE\n    expansion: {q(ABBREVIATION_EXPANSION)}\n    meaning: an abbreviation\n"
        f"  - term: {q(UPPER_TERM)}\n    expansion: x\n    meaning: an upper-case term that is not a plain abbreviation\n",
    )

    tenants = project / "content" / "tenants.yml"
    _replace_key(tenants, "title", FIELDS["tenants_title"])
    _replace(tenants, "intro:\n", f"intro:\n  - {q(FIELDS['tenants_intro'])}\n")
    _replace(tenants, "promises:\n", f"promises:\n  - text: {q(FIELDS['tenants_promise'])}\n    clauses: [COC-1.1]\n")
    _replace(tenants, "concerns:\n", f"concerns:\n  - {q(FIELDS['tenants_concern'])}\n")
    _replace(tenants, "applied:\n", f"applied:\n  - {q(FIELDS['tenants_applied'])}\n")
    _replace(tenants, "formats:\n", f"formats:\n  - {q(FIELDS['tenants_format'])}\n")

    mapping = project / "mapping" / "cih-to-council.yml"
    _replace_key(mapping, "rationale", FIELDS["rationale"])
    _replace_key(mapping, "gap", FIELDS["gap"])
    _replace_key(mapping, "reviewed_by", FIELDS["reviewed_by"])
    return project
