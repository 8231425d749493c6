"""The manifest's council policies: versions like the CIH documents, kind, and one-line errors."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from handbook.errors import HandbookError
from handbook.manifest import load_manifest
from handbook.urls import version_slug

DOCUMENT = """documents:
  - code: COC
    title: Code of Conduct
    publisher: Chartered Institute of Housing
    versions:
      - version: v3
        in_force: 2024-01-01
        file: coc.pdf
"""


def write(tmp_path: Path, policies: str) -> Path:
    for name in ("coc.pdf", "doi-1.3.pdf", "doi-1.4.pdf", "dis.pdf"):
        (tmp_path / name).write_bytes(b"%PDF-1.4\n")
    path = tmp_path / "manifest.yml"
    path.write_text(DOCUMENT + "policies:\n" + policies, encoding="utf-8")
    return path


def error(tmp_path: Path, policies: str) -> str:
    with pytest.raises(HandbookError) as caught:
        load_manifest(write(tmp_path, policies))
    return str(caught.value).replace(str(tmp_path / "manifest.yml"), "manifest.yml")


VERSIONED = """  - code: DOI
    title: Declarations of Interest Policy
    publisher: Example Borough Council
    versions:
      - version: "1.3"
        in_force: 2019-04-01
        file: doi-1.3.pdf
      - version: "1.4"
        in_force: 2023-07-01
        file: doi-1.4.pdf
  - code: DIS
    title: Disciplinary Procedure
    kind: procedure
    version: "4.0"
    in_force: 2023-10-01
    file: dis.pdf
"""


def test_policy_versions_and_the_single_version_form(tmp_path: Path) -> None:
    manifest = load_manifest(write(tmp_path, VERSIONED))
    assert [(p.code, p.version, p.in_force, Path(p.path).name, p.kind, p.slug) for p in manifest.policies] == [
        ("DOI", "1.3", date(2019, 4, 1), "doi-1.3.pdf", "policy", "declarations-of-interest-policy"),
        ("DOI", "1.4", date(2023, 7, 1), "doi-1.4.pdf", "policy", "declarations-of-interest-policy"),
        ("DIS", "4.0", date(2023, 10, 1), "dis.pdf", "procedure", "disciplinary-procedure"),
    ]


@pytest.mark.parametrize(
    ("label", "slug"),
    [("v3", "v3"), ("Edition 4", "edition-4"), ("4.0", "4.0"), ("  V 2 / draft ", "v-2-draft"), ("Rev. 3", "rev.-3")],
)
def test_version_slug(label: str, slug: str) -> None:
    assert version_slug(label) == slug


@pytest.mark.parametrize(
    ("policies", "message"),
    [
        (
            VERSIONED.replace('kind: procedure', 'kind: guidance'),
            "manifest.yml:20: policy DIS: kind 'guidance' is not one of ['policy', 'procedure']; "
            "write kind: policy, or kind: procedure for a procedure such as the Disciplinary Procedure",
        ),
        (
            VERSIONED.replace('    publisher: Example Borough Council\n    versions:', '    publisher: Example Borough Council\n    version: "1.4"\n    versions:', 1),
            "manifest.yml:10: policy DOI has both a 'versions' list and 'version' of its own; "
            "move every version, with its version, in_force and file, under 'versions:'",
        ),
        (
            VERSIONED.replace('"1.3"', '"1.4"'),
            "manifest.yml:17: policy DOI lists version 1.4 twice; remove the duplicate",
        ),
        (
            VERSIONED.replace('"1.3"', '"V1.4"').replace('"1.4"\n        in_force: 2023', '"v1.4"\n        in_force: 2023'),
            "manifest.yml:17: policy DOI: versions 'V1.4' and 'v1.4' would share the address 'v1.4'; "
            "give each version a label that differs in its letters or digits",
        ),
        (
            VERSIONED.replace("2019-04-01", "2023-07-01"),
            "manifest.yml:17: policy DOI: versions '1.3' and '1.4' are both in force from 2023-07-01; "
            "give each version the date it took effect",
        ),
        (
            VERSIONED.replace('"1.3"', '"–"'),
            "manifest.yml:14: policy DOI: version '–' has no letter or digit to name its pages by; give a version such as v3 or 2024",
        ),
        (
            VERSIONED.replace("      - version: \"1.3\"\n        in_force: 2019-04-01\n        file: doi-1.3.pdf\n", "      - 1.3\n"),
            "manifest.yml:10: each version of policy DOI must be a mapping with version, in_force and file; see README",
        ),
        (
            VERSIONED.replace("doi-1.3.pdf", "doi-1.2.pdf"),
            "manifest.yml:14: names a file that does not exist: doi-1.2.pdf; put the file in " + "DIR/ or correct the name",
        ),
    ],
)
def test_bad_policy_entries_stop_with_one_line(tmp_path: Path, policies: str, message: str) -> None:
    got = error(tmp_path, policies)
    assert "\n" not in got
    assert got == message.replace("DIR", str(tmp_path))


def test_versions_must_be_a_list(tmp_path: Path) -> None:
    policies = VERSIONED.replace("    versions:\n", "    versions: 1.3\n    older:\n", 1)
    assert error(tmp_path, policies) == (
        "manifest.yml:10: policy DOI: 'versions' must be a list; list each version with version, in_force and file"
    )
