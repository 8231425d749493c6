"""Every bad input: one clear line (file, problem, what to do), exit 1, no traceback, nothing lost."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT, copy_project
from conftest import run_cli as run
from pdf_factory import bullet_item, make_image_only_pdf, make_pdf, truncate


def good_pdf(path: Path) -> Path:
    return make_pdf([bullet_item(["act with honesty"], 60, 72, 700)], path)


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        (
            "notes.pdf",
            lambda p: p.write_text("These are meeting notes, not a PDF.\n"),
            "notes.pdf: not a PDF file (it does not start with %PDF-); export or download the document as PDF",
        ),
        ("empty.pdf", lambda p: p.write_bytes(b""), "empty.pdf: the file is empty; copy the PDF again from its source"),
        (
            "locked.pdf",
            lambda p: make_pdf([bullet_item(["act with honesty"], 60, 72, 700)], p, encrypt_password="secret"),
            "locked.pdf: the PDF is encrypted and needs a password; save an unprotected copy "
            "(print to PDF, or remove the password in a PDF editor)",
        ),
        (
            "scan.pdf",
            make_image_only_pdf,
            "scan.pdf: the PDF has no text layer (it looks like a scan); use the digital original "
            "from the publisher, or run it through OCR first",
        ),
    ],
)
def test_extract_rejects_bad_pdf(tmp_path: Path, name: str, make, message: str) -> None:
    make(tmp_path / name)
    code, output = run(["extract", name], tmp_path)
    assert code == 1
    assert output == f"Error: {message}\n"


def test_truncated_pdf(tmp_path: Path) -> None:
    truncate(good_pdf(tmp_path / "whole.pdf"), tmp_path / "cut.pdf", keep_fraction=0.4)
    code, output = run(["extract", "cut.pdf"], tmp_path)
    assert code == 1
    assert output.startswith("Error: cut.pdf: the PDF is damaged or truncated (")
    assert output.endswith("); download or export the PDF again\n")
    assert output.count("\n") == 1


def test_missing_file(tmp_path: Path) -> None:
    code, output = run(["extract", "nowhere.pdf"], tmp_path)
    assert (code, output) == (1, "Error: nowhere.pdf: file not found; check the file name in source_pdfs/manifest.yml\n")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path)


def manifest_text(project: Path) -> str:
    return (project / "source_pdfs" / "manifest.yml").read_text(encoding="utf-8")


def test_manifest_naming_a_missing_file(project: Path) -> None:
    text = manifest_text(project)
    line = next(n for n, ln in enumerate(text.splitlines(), 1) if "cih-code-of-ethics-v3-sample.pdf" in ln)
    (project / "source_pdfs" / "manifest.yml").write_text(text.replace("cih-code-of-ethics-v3-sample.pdf", "ethics-v4.pdf"))
    code, output = run(["check"], project)
    assert code == 1
    # The error points at the version entry that names the file.
    assert output == (
        f"Error: source_pdfs/manifest.yml:{line - 2}: names a file that does not exist: ethics-v4.pdf; "
        "put the file in source_pdfs/ or correct the name\n"
    )


def test_malformed_manifest(project: Path) -> None:
    (project / "source_pdfs" / "manifest.yml").write_text("documents:\n  - code: COC\n    title: [unclosed\n")
    code, output = run(["check"], project)
    assert code == 1
    assert output.startswith("Error: source_pdfs/manifest.yml:4: malformed YAML (")
    assert output.endswith("); fix the manifest's syntax\n")


def test_manifest_without_documents(project: Path) -> None:
    (project / "source_pdfs" / "manifest.yml").write_text("policies: []\n")
    code, output = run(["check"], project)
    assert (code, output) == (
        1,
        "Error: source_pdfs/manifest.yml: the manifest has no 'documents' list; "
        "list each CIH document under 'documents:' (see README)\n",
    )


def test_manifest_with_a_bad_date(project: Path) -> None:
    text = manifest_text(project).replace("in_force: 2024-01-01", "in_force: first of January", 1)
    (project / "source_pdfs" / "manifest.yml").write_text(text)
    code, output = run(["check"], project)
    assert code == 1
    assert "in_force 'first of January' is not a date; write it as YYYY-MM-DD\n" in output


def test_failed_build_leaves_the_last_good_site(project: Path) -> None:
    code, output = run(["build", "--quiet"], project)
    assert code == 0, output
    index = project / "site" / "index.html"
    before = index.read_bytes()
    pdf = project / "source_pdfs" / "cih-code-of-conduct-v3-sample.pdf"
    pdf.write_bytes(pdf.read_bytes()[: len(pdf.read_bytes()) // 3])
    code, output = run(["build", "--quiet"], project)
    assert code == 1
    assert output.startswith("Error: source_pdfs/cih-code-of-conduct-v3-sample.pdf: the PDF is damaged or truncated (")
    assert output.endswith("download or export the PDF again (the previous site in site/ is unchanged)\n")
    assert output.count("\n") == 1
    assert index.read_bytes() == before
    assert not (project / ".site.building").exists()


def test_mkdocs_build_stops_before_touching_the_site(project: Path, caplog: pytest.LogCaptureFixture) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    site = project / "site"
    site.mkdir()
    (site / "keep.html").write_text("last good build")
    shutil.copy(ROOT / "README.md", project / "source_pdfs" / "cih-code-of-conduct-v3-sample.pdf")
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    with pytest.raises(Abort):
        build(config)
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert errors == [
        f"{project}/source_pdfs/cih-code-of-conduct-v3-sample.pdf: not a PDF file (it does not start with %PDF-); "
        "export or download the document as PDF"
    ]
    assert (site / "keep.html").read_text() == "last good build"


def test_broken_mapping_stops_the_build_with_file_and_line(project: Path) -> None:
    mapping = project / "mapping" / "cih-to-council.yml"
    text = mapping.read_text(encoding="utf-8")
    line = next(n for n, ln in enumerate(text.splitlines(), 1) if "relation: subset-of" in ln)
    mapping.write_text(text.replace("relation: subset-of", "relation: part-of", 1), encoding="utf-8")
    code, output = run(["build", "--quiet"], project)
    assert code == 1
    assert output.startswith(f"Error: mapping/cih-to-council.yml:{line}: ")
    assert output.endswith(
        "relation 'part-of' for SOC-2.2 is not one of equivalent-to | subset-of | superset-of | intersects-with | "
        "no-relationship; use one of them (the previous site in site/ is unchanged)\n"
    )


def _pdf_with(tmp_path: Path, name: str, old: bytes, new: bytes) -> Path:
    """A good PDF with one piece of its bytes replaced (same length kept where the xref must stay right)."""
    data = good_pdf(tmp_path / "good.pdf").read_bytes()
    assert old in data
    (tmp_path / name).write_bytes(data.replace(old, new, 1))
    return tmp_path / name


@pytest.mark.parametrize(
    ("name", "old", "new"),
    [
        ("mediabox.pdf", b"/MediaBox [ 0.0 0.0 595.28 841.89 ]", b"/MediaBox null"),
        ("filter.pdf", b">>\nstream\nBT", b"/Filter /BogusDecode >>\nstream\nBT"),
        ("jbig2.pdf", b">>\nstream\nBT", b"/Filter /JBIG2Decode >>\nstream\nBT"),
        ("xref.pdf", b"xref", b"xxxx"),
    ],
)
def test_every_pypdf_failure_is_one_line(tmp_path: Path, name: str, old: bytes, new: bytes) -> None:
    # A bad MediaBox, an unknown filter, a broken xref: each one line, the same words, naming the file.
    _pdf_with(tmp_path, name, old, new)
    code, output = run(["extract", name], tmp_path)
    assert code == 1
    assert output.startswith(f"Error: {name}: the PDF is damaged or truncated (")
    assert output.endswith("); download or export the PDF again\n")
    assert output.count("\n") == 1


def test_cache_fingerprint_includes_the_pypdf_version(monkeypatch: pytest.MonkeyPatch) -> None:
    import pypdf

    from handbook.extract import extractor_fingerprint

    extractor_fingerprint.cache_clear()
    before = extractor_fingerprint()
    monkeypatch.setattr(pypdf, "__version__", "0.0.0-test")
    extractor_fingerprint.cache_clear()
    assert extractor_fingerprint() != before
    monkeypatch.undo()
    extractor_fingerprint.cache_clear()
    assert extractor_fingerprint() == before
