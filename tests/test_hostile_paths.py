"""Output folders named carelessly: `handbook build` (`--site-dir`, `--shared-drive`) and `handbook generate`.

Both replace their output folder whole. Pointed at someone's folder of files,
at the project itself or at a folder holding it, they must refuse with one
line and change nothing; pointed at a new or empty folder, or at a site they
built before, they replace it. A run stopped between the two renames that
swap the new folder in must not lose the last good site.

The refusals happen before mkdocs runs; the tests that need a build replace
mkdocs' build with one that writes a tiny site, so they take no time.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import mkdocs.commands.build
import mkdocs.exceptions
import pytest

from conftest import copy_project, run_cli
from handbook.generate import swap_into_place


@pytest.fixture
def project(tmp_path: Path) -> Path:
    folder = tmp_path / "project"
    folder.mkdir()
    return copy_project(folder)


@pytest.fixture
def fake_build(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """mkdocs' build replaced by one writing index.html and handbook.json (what a handbook site always has)."""
    built: list[str] = []

    def build(config: Any, **_: Any) -> None:
        site = Path(config.site_dir)
        site.mkdir(parents=True)
        (site / "index.html").write_text("<p>new</p>", encoding="utf-8")
        (site / "handbook.json").write_text(json.dumps({"new": True}), encoding="utf-8")
        built.append(str(site))

    monkeypatch.setattr(mkdocs.commands.build, "build", build)
    return built


@pytest.mark.parametrize("option", ["--shared-drive", "--site-dir"])
def test_a_folder_of_someone_elses_files_is_never_replaced(project: Path, option: str, fake_build: list[str]) -> None:
    folder = project / "my documents"
    (folder / "sub").mkdir(parents=True)
    (folder / "thesis.docx").write_text("keep me", encoding="utf-8")
    code, output = run_cli(["build", "-q", option, "my documents"], project)
    assert (code, output) == (
        1,
        "Error: my documents: exists, is not empty and holds no handbook site (no handbook.json), so building there "
        "would delete its files; name a new or empty folder, or the folder of an earlier build; nothing was changed\n",
    )
    assert (folder / "thesis.docx").read_text(encoding="utf-8") == "keep me"
    assert sorted(p.name for p in project.iterdir()) == ["content", "docs", "mapping", "mkdocs.yml", "my documents", "source_pdfs"]
    assert fake_build == []  # refused before anything was built


@pytest.mark.parametrize("target", [".", "..", "docs", "source_pdfs"])
def test_the_project_its_parent_and_its_input_folders_are_never_replaced(project: Path, target: str, fake_build: list[str]) -> None:
    before = sorted(str(p.relative_to(project)) for p in project.rglob("*"))
    code, output = run_cli(["build", "-q", "--shared-drive", target], project)
    assert code == 1
    assert output.count("\n") == 1 and output.startswith("Error: ") and output.endswith("; nothing was changed\n"), output
    if target in (".", ".."):
        assert "is the handbook's own folder or holds it" in output
    assert sorted(str(p.relative_to(project)) for p in project.rglob("*")) == before
    assert fake_build == []


def test_a_file_is_not_a_site_folder(project: Path, fake_build: list[str]) -> None:
    """mkdocs.yml's site_dir naming a file (click already refuses one named by --site-dir)."""
    (project / "out").write_text("a file", encoding="utf-8")
    (project / "mkdocs.yml").write_text((project / "mkdocs.yml").read_text(encoding="utf-8").replace("site_dir: site\n", "site_dir: out\n"), encoding="utf-8")
    code, output = run_cli(["build", "-q"], project)
    assert (code, output) == (1, "Error: out: is a file, not a folder; name a new or empty folder for the site; nothing was changed\n")
    assert (project / "out").read_text(encoding="utf-8") == "a file"


@pytest.mark.parametrize("existing", ["none", "empty", "earlier site"])
def test_a_new_empty_or_earlier_site_folder_is_replaced(project: Path, existing: str, fake_build: list[str]) -> None:
    site = project / "on-disk"
    if existing != "none":
        site.mkdir()
    if existing == "earlier site":
        (site / "handbook.json").write_text("{}", encoding="utf-8")
        (site / "stale.html").write_text("old", encoding="utf-8")
    code, _ = run_cli(["build", "-q", "--shared-drive", "on-disk"], project)
    assert code == 0
    assert sorted(p.name for p in site.iterdir()) == ["handbook.json", "index.html"]
    assert json.loads((site / "handbook.json").read_text(encoding="utf-8")) == {"new": True}
    assert not any(p.name.startswith(".on-disk") for p in project.iterdir())


def test_a_swap_stopped_half_way_keeps_the_last_good_site(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Stopped after the old site was moved aside and before the new one came in: the next run puts it back."""
    aside = project / ".site.old"
    aside.mkdir()
    (aside / "handbook.json").write_text('{"last good": true}', encoding="utf-8")

    def failing_build(config: Any, **_: Any) -> None:
        raise mkdocs.exceptions.Abort("the sources are broken")

    monkeypatch.setattr(mkdocs.commands.build, "build", failing_build)
    # A failing build now must leave the last good site in site/, not lose it.
    code, output = run_cli(["build", "-q"], project)
    assert (code, output) == (1, "Error: the sources are broken (the previous site in site/ is unchanged)\n")
    assert json.loads((project / "site" / "handbook.json").read_text(encoding="utf-8")) == {"last good": True}
    assert not aside.exists()


def test_swap_into_place_restores_a_folder_left_aside(tmp_path: Path) -> None:
    final, staging, aside = tmp_path / "site", tmp_path / ".site.building", tmp_path / ".site.old"
    aside.mkdir()
    (aside / "old.html").write_text("old", encoding="utf-8")
    staging.mkdir()
    (staging / "new.html").write_text("new", encoding="utf-8")
    swap_into_place(staging, final)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert [p.name for p in final.iterdir()] == ["new.html"]


def test_generate_never_replaces_the_project_or_its_parent(project: Path) -> None:
    for target in (".", ".."):
        code, output = run_cli(["generate", target], project)
        assert code == 1 and output.count("\n") == 1 and output.endswith("nothing was changed\n"), output
    assert (project / "mkdocs.yml").is_file() and (project / "docs").is_dir()


@pytest.mark.parametrize(
    ("name", "shown", "fix"),
    [
        ('"council/tra\\nx.pdf"', "council/tra\\nx.pdf", "put the file in source_pdfs/ or correct the name"),
        ('"council\\\\tra-training-agreement.pdf"', "council\\tra-training-agreement.pdf", "write the path with / between folders, not \\"),
        ('"council/tra \\u202e\\u001b[2Jfdp.pdf"', "council/tra \\u202e\\x1b[2Jfdp.pdf", "put the file in source_pdfs/ or correct the name"),
    ],
    ids=["newline", "backslashes", "escape-sequence"],
)
def test_a_file_name_is_quoted_on_one_line(project: Path, name: str, shown: str, fix: str) -> None:
    """A line break or terminal escape in a file name no longer splits the error or reaches the terminal; a Windows path is explained."""
    manifest = project / "source_pdfs" / "manifest.yml"
    text = manifest.read_text(encoding="utf-8")
    line = next(n for n, ln in enumerate(text.splitlines(), 1) if ln.endswith("file: council/tra-training-agreement.pdf"))
    item = max(n for n, ln in enumerate(text.splitlines()[:line], 1) if ln.startswith("  - code:"))
    manifest.write_text(text.replace("file: council/tra-training-agreement.pdf", f"file: {name}", 1), encoding="utf-8")
    code, output = run_cli(["check", "--cache-dir", ""], project)
    assert (code, output.splitlines()[-1]) == (1, f"Error: source_pdfs/manifest.yml:{item}: names a file that does not exist: {shown}; {fix}")
    assert "\x1b" not in output


@pytest.mark.parametrize("command", [["generate", "docs/out"], ["build", "-q", "--site-dir", "docs/site"], ["build", "-q", "--shared-drive", "docs/disk"]])
def test_an_output_folder_inside_the_pages_folder_is_refused(project: Path, command: list[str], fake_build: list[str]) -> None:
    """Before, `generate docs/out` read its own last output back as pages: 364 pages, then 728, doubling each run."""
    before = sorted(str(p.relative_to(project)) for p in project.rglob("*"))
    code, output = run_cli(command, project)
    assert (code, output) == (
        1,
        f"Error: {command[-1]}: is inside docs/, whose files are the handbook's pages, so each run would read the last one's "
        "output; name a folder outside docs/; nothing was changed\n",
    )
    assert sorted(str(p.relative_to(project)) for p in project.rglob("*")) == before
    assert fake_build == []
