"""Council policies are browsable in full, every clause anchored by its ID."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import ROOT, without_abbr
from handbook.extract import ExtractionCache
from handbook.pipeline import load_handbook


def test_every_policy_clause_is_on_its_policy_page(sample_site: Path) -> None:
    handbook = load_handbook(ROOT / "source_pdfs/manifest.yml", ExtractionCache(None))
    assert [p.entry.code for p in handbook.policies] == ["ECC", "DIS", "GIF", "DOI", "EDI", "ISD", "WHI", "SOC", "TRA"]
    for policy in handbook.policies:
        html = without_abbr((sample_site / "council" / policy.entry.slug / "index.html").read_text(encoding="utf-8"))
        for clause in policy.document.clauses:
            anchor = clause.id.lower().replace(".", "-")
            assert f'<p class="handbook-policy-clause" id="{anchor}"><strong>{clause.id}</strong> ' in html


def test_policies_index_lists_each_policy_with_its_version(sample_site: Path) -> None:
    html = (sample_site / "council/index.html").read_text(encoding="utf-8")
    assert '<td><a href="employee-code-of-conduct/">Employee Code of Conduct</a></td>' in html
    assert "<td>3.1</td>" in html and "<td>2024-04-01</td>" in html


def test_policies_are_in_handbook_json(sample_site: Path) -> None:
    data = json.loads((sample_site / "handbook.json").read_text(encoding="utf-8"))
    dis = next(p for p in data["policies"] if p["code"] == "DIS")
    ids = [c["id"] for s in dis["sections"] for c in s["clauses"]]
    assert ids[0] == "DIS-1.1" and all(i.startswith("DIS-") for i in ids)
    assert dis["file"] == "sources/dis-disciplinary-procedure.pdf"
