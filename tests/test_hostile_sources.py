"""A council policy written in Markdown, and the committee's file, holding hostile text.

The source files are published for download under /sources/. A Markdown
policy used to be published as `sources/<name>.md`, which mkdocs (and any
engine reading `handbook generate`'s folder) turned into a page of its own,
with the policy's raw HTML live in it: a `<script>` in a policy ran on the
handbook's own site. It is now published as text (`<name>.md.txt`) and every
link points there. A control character in a Markdown policy (a NUL: the file
saved as UTF-16) stops the build with one line instead of reaching the HTML.
The committee's statements and concerns reach the report escaped exactly once.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from conftest import build_site, copy_project, run_cli, serve
from handbook.errors import HandbookError
from handbook.policy_markdown import read_markdown_policy
from test_hostile_content import _ActiveContent

SCRIPT = "<script>alert(1)</script>"
IMG = "</textarea><img src=x onerror=alert(2)>"
LINK = "[x](javascript:alert(3))"
JINJA = "{{ config.site_name }} {% raw %}"
POLICY = (
    f"# Hostile Policy {SCRIPT}\n\nFront text {IMG}\n\n## 1 Conduct {LINK}\n\n"
    f"1.1 First {SCRIPT} {IMG}\n\n1.2 Second {JINJA} ]]> <![CDATA[ x\n\n1.3 Third {LINK} &amp; &lt;b&gt;\n"
)
MEETING = f"MEET {SCRIPT} {IMG}"
STATEMENT = f"STMT {LINK} {JINJA} &amp;"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("hostile-sources"))
    (project / "source_pdfs" / "council" / "hos-hostile.md").write_text(POLICY, encoding="utf-8")
    manifest = project / "source_pdfs" / "manifest.yml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8")
        + "  - code: HOS\n    title: Hostile Policy\n    publisher: Example Borough Council\n    version: \"1.0\"\n"
        "    in_force: 2024-01-01\n    file: council/hos-hostile.md\n    sample: true\n",
        encoding="utf-8",
    )
    committee = project / "content" / "committee.yml"
    text = committee.read_text(encoding="utf-8")
    text = re.sub(r'(?m)^meeting: .*$', f"meeting: {json.dumps(MEETING)}", text, count=1)
    text = text.replace('text: "CIH is aligned with the Nolan principles."', f"text: {json.dumps(STATEMENT)}", 1)
    committee.write_text(text, encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def site(project: Path) -> Path:
    site = project / "site"
    build_site(project, site, strict=True, cache_dir=project / "cache")
    return site


def test_a_markdown_policy_is_published_as_text_not_as_a_page(site: Path) -> None:
    assert not (site / "sources" / "hos-hostile").exists()
    assert not (site / "sources" / "hos-hostile.md").exists()
    assert (site / "sources" / "hos-hostile.md.txt").read_text(encoding="utf-8") == POLICY
    data = json.loads((site / "handbook.json").read_text(encoding="utf-8"))
    assert next(p["file"] for p in data["policies"] if p["code"] == "HOS") == "sources/hos-hostile.md.txt"
    page = (site / "council" / "hostile-policy" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../sources/hos-hostile.md.txt"' in page


def test_no_page_runs_the_policy_or_committee_text(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 100
    for path in pages:
        content = path.read_text(encoding="utf-8")
        parser = _ActiveContent()
        parser.feed(content)
        assert parser.found == [], (str(path.relative_to(site)), parser.found)
        assert "<![CDATA[" not in content and "<script>alert" not in content, path


def test_policy_clauses_and_committee_text_are_escaped_exactly_once(site: Path) -> None:
    clause = (site / "council/hostile-policy/1.0/hos-1.1/index.html").read_text(encoding="utf-8")
    assert f'<p class="handbook-clause-text">{html.escape(f"First {SCRIPT} {IMG}", quote=False)}</p>' in clause
    report = (site / "report" / "index.html").read_text(encoding="utf-8")
    for text in (MEETING, STATEMENT):
        label = text.split()[0] + " "
        places = [html.unescape(report[m.start() : report.find("<", m.start())]) for m in re.finditer(label, report)]
        assert places and all(place.startswith(text) for place in places), (text, places)


def test_a_control_character_in_a_markdown_policy_is_one_line_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "utf16.md"
    path.write_text("# Policy\n\n## 1 Conduct\n\n1.1 Be h\x00o\x00n\x00e\x00s\x00t\n", encoding="utf-8")
    with pytest.raises(HandbookError) as caught:
        read_markdown_policy(path, code="POL", sha256="0" * 64)
    assert str(caught.value) == (
        f"{path}:5: holds a control character (U+0000), which no text should; "
        "save the file again as UTF-8 text (a NUL after every letter means it was saved as UTF-16)"
    )


def test_generate_publishes_the_markdown_policy_as_text(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "generated"
    code, output = run_cli(["generate", str(out)], project)
    assert code == 0, output
    assert (out / "docs" / "sources" / "hos-hostile.md.txt").read_text(encoding="utf-8") == POLICY
    assert not (out / "docs" / "sources" / "hos-hostile.md").exists()


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    yield from serve(site)


@pytest.mark.browser
def test_nothing_runs_in_chromium(page: Page, server: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in ("council/hostile-policy/", "council/hostile-policy/1.0/hos-1.1/", "report/", "sources/hos-hostile.md.txt"):
        response = page.goto(f"{server}/{path}")
        assert response is not None and response.ok, path
        page.wait_for_timeout(200)
    assert page.locator("body").inner_text().startswith("# Hostile Policy <script>")  # shown as text
    page.goto(f"{server}/council/hostile-policy/1.0/hos-1.1/")
    assert page.locator(".handbook-clause-text").inner_text() == f"First {SCRIPT} {IMG}"
    assert dialogs == []
