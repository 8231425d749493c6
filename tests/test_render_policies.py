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


def test_every_policy_version_is_in_handbook_json_with_addresses_and_citations(sample_site: Path) -> None:
    data = json.loads((sample_site / "handbook.json").read_text(encoding="utf-8"))
    versions = [(p["code"], p["version"], p["in_force"], p["until"], p["current"], p["kind"]) for p in data["policies"]]
    assert versions[:6] == [
        ("ECC", "3.1", "2024-04-01", None, True, "policy"),
        ("DIS", "4.0", "2023-10-01", None, True, "procedure"),
        ("GIF", "2.1", "2019-10-01", "2024-01-15", False, "policy"),
        ("GIF", "2.2", "2024-01-15", None, True, "policy"),
        ("DOI", "1.3", "2019-04-01", "2023-07-01", False, "policy"),
        ("DOI", "1.4", "2023-07-01", None, True, "policy"),
    ]
    assert len(versions) == 11
    old = data["policies"][4]
    assert {k: old[k] for k in ("url", "current_url", "changes_url", "cite_as", "file")} == {
        "url": "council/declarations-of-interest-policy/1.3/",
        "current_url": "council/declarations-of-interest-policy/",
        "changes_url": "council/declarations-of-interest-policy/changes/",
        "cite_as": "Declarations of Interest Policy",
        "file": "sources/doi-declarations-of-interest-policy-1.3.pdf",
    }
    clause = next(c for s in old["sections"] for c in s["clauses"] if c["id"] == "DOI-2.1")
    assert clause["url"] == "council/declarations-of-interest-policy/1.3/doi-2.1/"
    assert clause["anchor"] is None  # superseded: not on the current page
    assert clause["heading"] == "DOI-2.1 — Declarations of Interest Policy version 1.3"
    assert clause["items"] == ["DOI-2.1.a", "DOI-2.1.b", "DOI-2.1.c"]
    assert clause["parent"] is None
    assert clause["citation"] == (
        'Example Borough Council Declarations of Interest Policy (1.3, in force from 2019-04-01), section 2 "What must be declared", '
        "clause DOI-2.1, page 1 — https://handbook.example-borough.gov.uk/council/declarations-of-interest-policy/1.3/doi-2.1/"
    )
    assert clause["full_text"].startswith(clause["text"] + " (a) a financial interest in a business")
    item = next(c for s in old["sections"] for c in s["clauses"] if c["id"] == "DOI-2.1.b")
    assert (item["parent"], item["items"]) == ("DOI-2.1", [])
    current = next(c for s in data["policies"][5]["sections"] for c in s["clauses"] if c["id"] == "DOI-2.1")
    assert current["anchor"] == "council/declarations-of-interest-policy/#doi-2-1"
    assert [c["heading"] for c in data["documents"][1]["sections"][0]["clauses"][3:4]] == ["COC-1.4 — CIH Code of Conduct v3"]
