"""`handbook generate`: the handbook as plain files, built by engines that run no mkdocs plugins."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Page, expect

from conftest import ROOT, run_cli, serve

ENGINE_BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("engine") / "handbook"
    code, output = run_cli(["generate", str(folder)])
    assert code == 0, output
    assert output.startswith("Wrote ") and "pages" in output
    return folder


def test_the_folder_holds_every_generated_page_the_nav_and_no_plugin(generated: Path, sample_site: Path) -> None:
    config = yaml.safe_load((generated / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["docs_dir"] == "docs" and config["site_dir"] == "site"
    assert all(p != "handbook" and not (isinstance(p, dict) and "handbook" in p) for p in config.get("plugins", []))
    assert config["theme"]["font"] is False  # the offline settings come along
    nav = json.dumps(config["nav"])
    for page in ("index.md", "cih/index.md", "report/index.md", "induction/acknowledgement.md", "glossary.md"):
        assert f'"{page}"' in nav
    # Every page of the plugin's build is in the folder, as Markdown (or the file itself).
    handbook = json.loads((sample_site / "handbook.json").read_text(encoding="utf-8"))
    clause_urls = [c["url"] for d in handbook["documents"] for s in d["sections"] for c in s["clauses"]]
    assert len(clause_urls) == 119
    for url in clause_urls:
        assert (generated / "docs" / url.strip("/") / "index.md").is_file() or (
            generated / "docs" / (url.strip("/") + ".md")
        ).is_file(), url
    coc = (generated / "docs/cih/code-of-conduct/v3/coc-1.4.md").read_text(encoding="utf-8")
    assert "declare any personal, financial or family interest" in coc
    assert "*[CIH]: Chartered Institute of Housing" in coc  # abbreviations written in, as the plugin adds them
    assert json.loads((generated / "docs/handbook.json").read_text(encoding="utf-8")) == handbook
    assert (generated / "docs/report/alignment-report.pdf").read_bytes()[:5] == b"%PDF-"
    assert (generated / "docs/sources/cih-code-of-conduct-v3-sample.pdf").read_bytes() == (
        ROOT / "source_pdfs/cih-code-of-conduct-v3-sample.pdf"
    ).read_bytes()
    assert (generated / "docs/assets/handbook.css").is_file()  # hand-written assets come too


def test_a_folder_it_did_not_write_is_never_replaced(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me")
    code, output = run_cli(["generate", str(folder)])
    assert code == 1
    assert output == f"Error: {folder}: exists and was not written by handbook generate; name a new or empty folder; nothing was changed\n"
    assert (folder / "notes.txt").read_text() == "keep me"


def test_generating_again_replaces_the_folder(generated: Path, tmp_path: Path) -> None:
    stale = generated / "docs" / "stale.md"
    stale.write_text("left over")
    code, _ = run_cli(["generate", str(generated)])
    assert code == 0 and not stale.exists()


def test_plain_mkdocs_builds_the_folder(generated: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = subprocess.run(
        [str(ENGINE_BIN / "mkdocs"), "build", "--strict", "-q", "-d", str(site)],
        cwd=generated, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr
    page = (site / "cih/code-of-conduct/v3/coc-1.4/index.html").read_text(encoding="utf-8")
    assert "take no part in decisions affected by it" in page


@pytest.fixture(scope="module")
def zensical_site(generated: Path) -> Path:
    result = subprocess.run(
        [str(ENGINE_BIN / "zensical"), "build", "--clean"], cwd=generated, capture_output=True, text=True, timeout=900
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return generated / "site"


@pytest.fixture(scope="module")
def zensical_server(zensical_site: Path) -> Iterator[str]:
    yield from serve(zensical_site)


def test_zensical_builds_every_clause_page(zensical_site: Path, sample_site: Path) -> None:
    handbook = json.loads((sample_site / "handbook.json").read_text(encoding="utf-8"))
    for document in (*handbook["documents"], *handbook["policies"]):
        for section in document["sections"]:
            for clause in section["clauses"]:
                if clause.get("url"):
                    page = zensical_site / clause["url"].strip("/") / "index.html"
                    assert page.is_file(), clause["url"]
    page = (zensical_site / "cih/code-of-conduct/v3/coc-1.4/index.html").read_text(encoding="utf-8")
    assert "take no part in decisions affected by it" in page


@pytest.mark.browser
def test_zensical_search_finds_a_clause_by_id(page: Page, zensical_server: str) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{zensical_server}/")
    page.locator(".md-search__button").first.click()
    page.get_by_role("combobox", name="Search").fill("COC-1.4")
    options = page.get_by_role("option")
    expect(options.first).to_be_visible()
    hrefs = [(options.nth(i).get_attribute("href") or "").split("?")[0] for i in range(min(3, options.count()))]
    assert f"{zensical_server}/cih/code-of-conduct/v3/coc-1.4/" in hrefs
    assert all(url.startswith(zensical_server) for url in requests)  # offline: nothing from other hosts
