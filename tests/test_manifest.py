"""The manifest publishes only files the council put where it said, and reports every mistake by line.

Sources must resolve, after following symbolic links, inside the manifest's
folder or a folder named under `source_folders:`; anything else would be
copied to `site/sources/` and published. Unknown keys are warned about with
their line, because a typo such as `in_forse` silently loses a date.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import copy_project, run_cli

V3 = "cih-code-of-conduct-v3-sample.pdf"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "project").mkdir()
    return copy_project(tmp_path / "project")


def edit_manifest(project: Path, old: str, new: str) -> int:
    """Replace the first `old` in the manifest; returns the line it is on."""
    manifest = project / "source_pdfs" / "manifest.yml"
    text = manifest.read_text(encoding="utf-8")
    assert old in text
    line = text[: text.index(old)].count("\n") + 1
    manifest.write_text(text.replace(old, new, 1), encoding="utf-8")
    return line


def outside_file(tmp_path: Path) -> Path:
    secret = tmp_path / "private" / "secret.pdf"
    secret.parent.mkdir()
    shutil.copy(Path(__file__).parent.parent / "source_pdfs" / V3, secret)
    return secret


FIX = "copy it into source_pdfs/, or name its folder under 'source_folders:' at the top of the manifest"


def assert_refused(project: Path, message: str) -> None:
    """check and build both stop with the one line, and nothing is published."""
    assert run_cli(["check"], project) == (1, f"Error: {message}\n")
    assert run_cli(["build", "--quiet"], project) == (1, f"Error: {message} (the previous site in site/ is unchanged)\n")
    assert not (project / "site").exists()


def test_absolute_path_outside_the_project_is_refused(project: Path, tmp_path: Path) -> None:
    secret = outside_file(tmp_path)
    line = edit_manifest(project, f"file: {V3}", f"file: {secret}")
    assert_refused(project, f"source_pdfs/manifest.yml:{line}: file {secret} is outside the manifest's folder source_pdfs/ and would be published; {FIX}")


def test_dot_dot_path_outside_the_project_is_refused(project: Path, tmp_path: Path) -> None:
    outside_file(tmp_path)
    line = edit_manifest(project, f"file: {V3}", "file: ../../private/secret.pdf")
    assert_refused(project, f"source_pdfs/manifest.yml:{line}: file ../../private/secret.pdf is outside the manifest's folder source_pdfs/ and would be published; {FIX}")


def test_symlink_pointing_outside_is_refused(project: Path, tmp_path: Path) -> None:
    secret = outside_file(tmp_path)
    (project / "source_pdfs" / "linked.pdf").symlink_to(secret)
    line = edit_manifest(project, f"file: {V3}", "file: linked.pdf")
    assert_refused(
        project,
        f"source_pdfs/manifest.yml:{line}: file linked.pdf is outside the manifest's folder source_pdfs/ "
        f"(it is a link to {secret.resolve()}) and would be published; {FIX}",
    )


def test_a_folder_named_in_source_folders_is_allowed(project: Path, tmp_path: Path) -> None:
    secret = outside_file(tmp_path)
    edit_manifest(project, f"file: {V3}", f"file: {secret}")
    edit_manifest(project, "documents:\n", f"source_folders: [{secret.parent}]\ndocuments:\n")
    code, output = run_cli(["check", "--cache-dir", ""], project)
    assert code == 0, output
    assert f"COC Code of Conduct v3 ({secret}): 3 sections, 23 clauses" in output
    # A link inside the project to a file in a named folder is allowed too.
    edit_manifest(project, f"file: {secret}", "file: linked.pdf")
    (project / "source_pdfs" / "linked.pdf").symlink_to(secret)
    assert run_cli(["check", "--cache-dir", ""], project)[0] == 0


def test_a_missing_source_folder_is_reported(project: Path) -> None:
    line = edit_manifest(project, "documents:\n", "source_folders: [/nowhere/at/all]\ndocuments:\n")
    assert run_cli(["check"], project) == (
        1,
        f"Error: source_pdfs/manifest.yml:{line}: source folder /nowhere/at/all does not exist or is not a folder; "
        "create it or correct 'source_folders'\n",
    )


def test_unknown_keys_are_warned_about_with_file_and_line(project: Path) -> None:
    edit_manifest(project, "    kind: framework\n", "    kind: framework\n    colour: red\n")
    edit_manifest(project, "        in_force: 2019-09-01\n", "        in_force: 2019-09-01\n        in_forse: 2019-10-01\n")
    edit_manifest(project, "documents:\n", "publisher: Example\ndocuments:\n")
    lines = (project / "source_pdfs" / "manifest.yml").read_text(encoding="utf-8").splitlines()
    colour, typo, top = (lines.index(key) + 1 for key in ("    colour: red", "        in_forse: 2019-10-01", "publisher: Example"))
    code, output = run_cli(["check", "--cache-dir", ""], project)
    assert code == 0
    warnings = [line for line in output.splitlines() if line.startswith("Warning: ")]
    assert warnings == [
        f"Warning: source_pdfs/manifest.yml:{top}: unknown key 'publisher', ignored; correct its spelling or remove it "
        "(known keys: documents, policies, source_folders)",
        f"Warning: source_pdfs/manifest.yml:{typo}: unknown key 'in_forse' in a version of document COC, ignored; "
        "correct its spelling or remove it (known keys: version, in_force, file)",
        f"Warning: source_pdfs/manifest.yml:{colour}: unknown key 'colour' in document PSF, ignored; correct its spelling "
        "or remove it (known keys: code, title, publisher, kind, slug, cite_as, sample, versions)",
    ]
    code, output = run_cli(["build", "--site-dir", str(project / "out")], project)
    assert code == 0, output
    assert [line.split("-  handbook: ", 1)[1] for line in output.splitlines() if line.startswith("WARNING")][:3] == [
        w[len("Warning: "):] for w in warnings
    ]


@pytest.mark.parametrize(
    ("slug", "shown"),
    [
        ("../../etc", "../../etc"),
        ("<img src=x onerror=alert(1)>", "<img src=x onerror=alert(1)>"),
        ("Code Of Conduct", "Code Of Conduct"),
    ],
)
def test_a_slug_that_is_not_a_url_folder_is_refused(project: Path, slug: str, shown: str) -> None:
    line = edit_manifest(project, "slug: code-of-conduct", f"slug: {slug!r}")
    assert run_cli(["check"], project) == (
        1,
        f"Error: source_pdfs/manifest.yml:{line}: slug '{shown}' may only contain lower-case letters, digits and "
        "single hyphens; write it like code-of-conduct; it is the page's URL folder\n",
    )


def test_a_version_without_letters_or_digits_is_refused(project: Path) -> None:
    line = edit_manifest(project, "version: v2", "version: '..'")
    assert run_cli(["check"], project) == (
        1,
        f"Error: source_pdfs/manifest.yml:{line}: document COC: version '..' has no letter or digit to name its pages by; "
        "give a version such as v3 or 2024\n",
    )
