"""fpdf2: the project's own sample brochures (tools/make_samples.py) as a producer.

The corpus documents that fit the brochure's schema (the code, the
framework and the long document in the code's style; its validation refuses
clauses that are questions, so not the ethics) are rendered with the
same renderer as the shipped samples, and the four shipped sample PDFs in
source_pdfs/ are checked against their YAML in samples/cih/. The brochure has
no boxes, so these documents have no asides.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

from .common import ExpectedSection, expected, load, without_asides

ROOT = Path(__file__).resolve().parents[2]
# (corpus document, brochure style code)
RENDERED = (("code-of-conduct", "COC"), ("framework", "PSF"), ("long-document", "COC"))
SHIPPED = {
    "sample-code-of-conduct-v2": ("code-of-conduct-v2.yml", "cih-code-of-conduct-v2-sample.pdf"),
    "sample-code-of-conduct-v3": ("code-of-conduct-v3.yml", "cih-code-of-conduct-v3-sample.pdf"),
    "sample-code-of-ethics-v3": ("code-of-ethics-v3.yml", "cih-code-of-ethics-v3-sample.pdf"),
    "sample-framework-v2": ("professional-standards-framework-v2.yml", "cih-professional-standards-framework-v2-sample.pdf"),
}
KINDS = {"COC": "code", "COE": "code", "PSF": "framework"}


def _renderer() -> Any:
    try:
        from handbook.samplegen.brochure import render_brochure
    except ImportError:  # samplegen moved out of the package, next to make_samples.py
        sys.path.insert(0, str(ROOT / "tools"))
        from samplegen.brochure import render_brochure  # type: ignore[no-redef]
    return render_brochure


def shipped() -> dict[str, tuple[Path, dict[str, Any]]]:
    """The shipped sample PDFs with their YAML (code, kind added)."""
    out = {}
    for name, (yml, pdf) in SHIPPED.items():
        data = yaml.safe_load((ROOT / "samples" / "cih" / yml).read_text(encoding="utf-8"))
        data["kind"] = KINDS[data["code"]]
        out[name] = (ROOT / "source_pdfs" / pdf, data)
    return out


def generate(out_dir: Path) -> dict[str, tuple[Path, list[ExpectedSection]]]:
    render_brochure = _renderer()
    out: dict[str, tuple[Path, list[ExpectedSection]]] = {}
    for name, style in RENDERED:
        data = load(name, "fpdf2")
        brochure = {**data, "code": style, "version": str(data["version"])}
        path = out_dir / f"fpdf2-{name}.pdf"
        render_brochure(brochure, path)
        out[name] = (path, without_asides(expected(data)))
    for name, (path, data) in shipped().items():
        out[name] = (path, expected(data))
    return out


def document_data(name: str) -> dict[str, Any]:
    """Code and kind of a document this producer made (for the extraction call)."""
    return shipped()[name][1] if name in SHIPPED else load(name, "fpdf2")
