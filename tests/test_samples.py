"""Each sample PDF's extraction equals the text it was generated from, clause for clause."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from handbook.extract import parse_document
from handbook.manifest import load_manifest

SAMPLES = sorted(p.name for p in (ROOT / "samples" / "cih").glob("*.yml"))


def expected_sections(data: dict) -> list[tuple[str, str, str, list[tuple[str, str]]]]:
    code = data["code"]
    out = [
        (s["number"], s["title"], s["intro"], [(f"{code}-{s['number']}.{i}", t) for i, t in enumerate(s["clauses"], 1)])
        for s in data["sections"]
    ]
    if "questions" in data:
        q = data["questions"]
        out.append(("Q", q["title"], q["intro"], [(f"{code}-Q{i}", t) for i, t in enumerate(q["items"], 1)]))
    return out


def test_every_sample_is_in_the_manifest() -> None:
    """Each sample source is a manifest version (same code, version, date, title and publisher) and vice versa."""
    assert SAMPLES == [
        "code-of-conduct-v2.yml",
        "code-of-conduct-v3.yml",
        "code-of-ethics-v3.yml",
        "professional-standards-framework-v2.yml",
    ]
    samples = {}
    for name in SAMPLES:
        data = yaml.safe_load((ROOT / "samples" / "cih" / name).read_text(encoding="utf-8"))
        samples[(data["code"], data["version"])] = (str(data["in_force"]), data["title"], data["publisher"], f"cih-{name[:-4]}-sample.pdf")
    manifest = load_manifest(ROOT / "source_pdfs/manifest.yml")
    listed = {
        (e.code, e.version): (e.in_force.isoformat(), e.title, e.publisher, Path(e.path).name)
        for e in manifest.documents
    }
    assert listed == samples
    assert all(e.sample for e in manifest.documents)


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_extraction_reproduces_source_text(name: str) -> None:
    data = yaml.safe_load((ROOT / "samples" / "cih" / name).read_text(encoding="utf-8"))
    code = data["code"]
    entry = next(
        e for e in load_manifest(ROOT / "source_pdfs/manifest.yml").documents if (e.code, e.version) == (code, data["version"])
    )
    doc = parse_document(Path(entry.path), code=code, kind=entry.kind)
    got = [(s.number, s.title, s.intro, [(c.id, c.text) for c in s.clauses]) for s in doc.sections]
    assert got == expected_sections(data)
    for paragraph in data["intro"]:
        assert paragraph in doc.intro.split("\n\n")
    assert data["sample_notice"] in doc.intro
