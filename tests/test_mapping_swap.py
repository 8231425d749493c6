"""Issue 15's swap: the council replaces the Code of Conduct with a differently worded one.

A new v3 PDF is generated in the test: a clause about telling a manager of an
interest is inserted as COC-1.3 (so the gifts clause becomes COC-1.4 and every
later ID in section 1 shifts), COC-2.3 is reworded and COC-3.6 is removed. No
clause page may present a mapping that was not reviewed against its own wording
as fact, `handbook check` still passes (with review items), and `handbook
suggest` relabels, sets aside and drafts, keeping the reviewers' comments.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, build_site, copy_project, run_cli
from handbook.mapping import ProblemKind, load_mapping, validate
from handbook.nolan import load_principles
from handbook.extract import ExtractionCache
from handbook.pipeline import load_handbook
from samplegen.brochure import render_brochure

NEW_13 = ("tell their manager in writing, before any decision is taken, of any interest they or their family hold "
          "in a property, contractor or organisation their employer deals with")
OLD_23 = "keep up to date with the legislation, regulation and guidance"
NEW_23 = "keep up to date with the law, regulation and guidance"
GIFTS = "refuse gifts, hospitality or other benefits"
SAFEGUARDING = "raise safeguarding concerns about children or adults at risk"
COMMENT_KEPT = "  # Sample reviewer: checked with Legal, 2026-11"
COMMENT_ORPHANED = "  # Sample reviewer: safeguarding lead agreed"


def swapped_project(folder: Path) -> Path:
    project = copy_project(folder)
    data = yaml.safe_load((ROOT / "samples/cih/code-of-conduct-v3.yml").read_text(encoding="utf-8"))
    one, two, three = (s["clauses"] for s in data["sections"])
    one.insert(2, NEW_13)
    two[2] = two[2].replace(OLD_23, NEW_23)
    assert two[2].startswith(NEW_23)
    removed = three.pop(5)
    assert removed.startswith(SAFEGUARDING)
    render_brochure(data, project / "source_pdfs/cih-code-of-conduct-v3-sample.pdf")
    # Reviewers' comments inside two entries: the gifts entry (moves) and the safeguarding one (set aside).
    path = project / "mapping/cih-to-council.yml"
    lines = path.read_text(encoding="utf-8").split("\n")
    for label, comment in (("COC-1.3", COMMENT_KEPT), ("COC-3.6", COMMENT_ORPHANED)):
        at = lines.index(f"  - clause: {label}")
        nolan = next(i for i in range(at, at + 6) if lines[i].startswith("    nolan: "))
        lines[nolan] += comment
    path.write_text("\n".join(lines), encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return swapped_project(tmp_path_factory.mktemp("swap"))


@pytest.fixture(scope="module")
def site(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("swap-site") / "site"
    build_site(project, site, strict=False)
    return site


def mapping_section(html: str) -> str:
    """The clause page's "How this applies at the council" section, up to the end of the article."""
    start = html.index('id="how-this-applies-at-the-council"')
    return html[start : html.index("</article>", start)]


def outside_suggestions(section: str) -> str:
    return re.sub(r'<div class="handbook-suggested" data-mapping="suggested">.*?</div>\s*(?=<h3|$)', "", section, flags=re.S)


def test_the_swapped_pdf_has_the_new_wording(project: Path) -> None:
    book = load_handbook(project / "source_pdfs/manifest.yml", ExtractionCache(None))
    clauses = {c.id: c.text for c in book.current("COC").document.clauses}
    assert clauses["COC-1.3"] == NEW_13 and clauses["COC-1.4"].startswith(GIFTS) and clauses["COC-2.3"].startswith(NEW_23)
    assert not any(t.startswith(SAFEGUARDING) for t in clauses.values())


def test_check_passes_with_review_items_and_strict_names_them(project: Path) -> None:
    code, out = run_cli(["check", "--cache-dir", ""], cwd=project)
    assert code == 0, out
    assert "Error" not in out
    book = load_handbook(project / "source_pdfs/manifest.yml", ExtractionCache(None))
    problems = validate(load_mapping(project / "mapping/cih-to-council.yml"), book, load_principles().ids)
    kinds = sorted({p.kind.value for p in problems})
    assert kinds == ["moved", "orphan", "unreviewed"]
    assert ("Needs review: mapping/cih-to-council.yml:" in out)
    assert [str(p).split(": ", 1)[1] for p in problems if p.kind is ProblemKind.UNREVIEWED] == [
        "COC-1.3 (v3) has no entry for its wording; run handbook suggest to draft one, then review it",
        "COC-2.3 (v3) has no entry for its wording; run handbook suggest to draft one, then review it",
    ]
    code, out = run_cli(["check", "--strict", "--cache-dir", ""], cwd=project)
    assert code == 1
    assert "COC-1.3 (v3): this wording is now COC-1.4 in v3; set clause: COC-1.4 and version: v3 (handbook suggest does)" in out


def test_no_clause_page_presents_an_unreviewed_mapping_as_fact(site: Path) -> None:
    new = mapping_section((site / "cih/code-of-conduct/v3/coc-1.3/index.html").read_text(encoding="utf-8"))
    assert "Not yet reviewed" in new
    assert "The breach route for this wording has not been reviewed yet." in new
    assert 'data-mapping="suggested"' in new  # suggestions drafted for the build, marked
    bare = outside_suggestions(new)
    for fact in ("GIF-2.1", "ECC-5.2", "GIF-4.1", "Gifts and Hospitality Policy", "/nolan/", "/council/", "Mapping reviewed"):
        assert fact not in bare, fact
    # Every current clause page: a council clause or principle link only under a reviewed mapping or inside the suggestions.
    for page in sorted((site / "cih/code-of-conduct/v3").glob("coc-*/index.html")):
        section = mapping_section(page.read_text(encoding="utf-8"))
        if "Mapping reviewed for this wording" not in section:
            assert "/council/" not in outside_suggestions(section) and "/nolan/" not in outside_suggestions(section), page
    # The gifts clause kept its wording under a new ID: its reviewed mapping follows the wording.
    gifts = mapping_section((site / "cih/code-of-conduct/v3/coc-1.4/index.html").read_text(encoding="utf-8"))
    assert "Mapping reviewed for this wording by Sample reviewer (HR Policy) on 2026-11-22." in gifts
    assert "GIF-2.1" in gifts and "Not yet reviewed" not in gifts


def test_suggest_relabels_sets_aside_drafts_and_keeps_comments(tmp_path: Path) -> None:
    project = swapped_project(tmp_path)
    code, out = run_cli(["suggest", "--cache-dir", ""], cwd=project)
    assert code == 0, out
    assert out.splitlines()[-1] == "mapping/cih-to-council.yml: kept 89, moved 8, reworded 1, orphaned 1, new 1"
    text = (project / "mapping/cih-to-council.yml").read_text(encoding="utf-8")
    assert COMMENT_KEPT in text and COMMENT_ORPHANED in text
    mapping = load_mapping(project / "mapping/cih-to-council.yml")
    assert mapping.problems == ()
    gifts = next(e for e in mapping.entries if e.text.startswith(GIFTS))
    assert (gifts.clause, gifts.version) == ("COC-1.4", "v3")
    assert text.index(COMMENT_KEPT) > text.index("  - clause: COC-1.4\n")
    orphans = {e.text[:40]: e for e in mapping.orphaned}
    assert sorted(e.clause for e in mapping.orphaned) == ["COC-2.3", "COC-3.6"]
    reworded = next(e for e in mapping.orphaned if e.clause == "COC-2.3")
    assert reworded.text.startswith(OLD_23) and reworded.reworded_as is not None and reworded.reworded_as.clause == "COC-2.3"
    assert next(e for e in mapping.orphaned if e.clause == "COC-3.6").reworded_as is None and orphans
    assert text.index(COMMENT_ORPHANED) > text.index("orphaned:\n")
    # What is left to do is reviewing the two drafted wordings.
    code, out = run_cli(["check", "--strict", "--cache-dir", ""], cwd=project)
    assert code == 1
    assert re.findall(r"(?m)^Error: [^:]+:\d+: (.*)$", out) == [
        "COC-1.3 (v3): suggested automatically, not yet reviewed; check it, then set status: reviewed with reviewed_by and reviewed_on",
        "COC-2.3 (v3): suggested automatically, not yet reviewed; check it, then set status: reviewed with reviewed_by and reviewed_on",
    ]
    # A second run changes nothing.
    before = (project / "mapping/cih-to-council.yml").read_text(encoding="utf-8")
    code, out = run_cli(["suggest", "--cache-dir", ""], cwd=project)
    assert out.splitlines()[-1] == "mapping/cih-to-council.yml: kept 99, moved 0, reworded 0, orphaned 0, new 0"
    assert (project / "mapping/cih-to-council.yml").read_text(encoding="utf-8") == before
