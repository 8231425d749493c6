"""Extraction benchmarks (issue 11): ours against raw pypdf `extract_text` on the same files.

    .venv/bin/python bench/extraction.py            # corpus of real producers + the 1,500-page document
    .venv/bin/python bench/extraction.py --pages 300

* The generated corpus (tests/corpus: Chromium, Typst, LibreOffice, reportlab,
  fpdf2), extracted with `parse_document` and read with pypdf's plain
  `extract_text`, best of several rounds taken in turn. Target: at most 1.3×.
* A long document (default 1,500 pages, written here with fpdf2: numbered
  sections with a lead-in and bulleted, wrapped clauses, running header and
  footer), timed the same way, and the peak memory (max RSS) of a process that
  only extracts it against one that only reads it with pypdf. Targets: at
  most 1.5× the time, under 150 MB.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

from run import best_of_interleaved  # noqa: E402


def corpus_files(folder: Path) -> list[tuple[Path, str, str]]:
    from corpus import gen_chromium, gen_fpdf2, gen_libreoffice, gen_reportlab, gen_typst
    from corpus.common import load

    files = []
    for producer, module in (("chromium", gen_chromium), ("typst", gen_typst), ("libreoffice", gen_libreoffice),
                             ("reportlab", gen_reportlab), ("fpdf2", gen_fpdf2)):
        (folder / producer).mkdir(parents=True, exist_ok=True)
        for name, (path, _) in module.generate(folder / producer).items():
            data = gen_fpdf2.document_data(name) if producer == "fpdf2" else load(name, producer)
            files.append((path, data["code"], data["kind"]))
    return files


def compare(files: list[tuple[Path, str, str]], rounds: int) -> tuple[float, float]:
    from handbook.extract import parse_document

    def ours() -> None:
        for path, code, kind in files:
            parse_document(path, code=code, kind=kind)

    def raw() -> None:
        for path, _, _ in files:
            for page in PdfReader(path).pages:
                page.extract_text()

    ours()  # warm the word list and imports once, as a build does
    return tuple(best_of_interleaved(rounds, ours, raw))  # type: ignore[return-value]


def long_document(path: Path, pages: int) -> Path:
    """`pages` pages of numbered sections, each a lead-in and wrapped bullets, with a running header and footer."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(True, margin=20)
    pdf.set_margins(20, 20, 20)

    def header() -> None:
        pdf.set_font("Helvetica", size=8)
        pdf.cell(0, 6, "Long document - SAMPLE", new_x="LMARGIN", new_y="NEXT")

    def footer() -> None:
        pdf.set_y(-15)
        pdf.set_font("Helvetica", size=8)
        pdf.cell(0, 6, f"Page {pdf.page_no()}", align="C")

    pdf.header = header  # type: ignore[method-assign]
    pdf.footer = footer  # type: ignore[method-assign]
    pdf.add_page()
    section = 0
    while pdf.page_no() < pages or pdf.get_y() < 200:
        section += 1
        pdf.set_font("Helvetica", "B", 14)
        pdf.cell(0, 10, f"{section}. Standard number {section}", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=10)
        pdf.cell(0, 6, "Members must:", new_x="LMARGIN", new_y="NEXT")
        for n in range(1, 6):
            pdf.set_x(24)
            pdf.cell(5, 5, "-" if n % 2 else "*")
            pdf.multi_cell(0, 5, f"meet requirement {n} of standard {section}, keeping a full record of what was decided, "
                                 f"by whom and why, and telling the people affected in plain words", new_x="LMARGIN", new_y="NEXT")
        if pdf.page_no() >= pages and pdf.get_y() > 200:
            break
    pdf.output(str(path))
    return path


_CHILD = """
import resource, sys, time
from pathlib import Path
sys.path.insert(0, {tools!r})
path = Path({path!r})
start = time.perf_counter()
if {ours!r}:
    from handbook.extract import parse_document
    parse_document(path, code="LNG", kind="code")
else:
    from pypdf import PdfReader
    for page in PdfReader(path).pages:
        page.extract_text()
# VmHWM, not ru_maxrss: Linux keeps ru_maxrss across exec, so a child would report its parent's peak.
peak = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:"))
print(time.perf_counter() - start, peak / 1024)
"""


def in_child(path: Path, ours: bool) -> tuple[float, float]:
    """Seconds and peak memory (MB, the process's own VmHWM) of a fresh process doing only this (Linux)."""
    code = _CHILD.format(tools=str(ROOT / "tools"), path=str(path), ours=ours)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), float(out[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=1500)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--skip-corpus", action="store_true")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if not args.skip_corpus:
            files = corpus_files(folder / "corpus")
            pages = sum(len(PdfReader(p).pages) for p, _, _ in files)
            ours, raw = compare(files, args.rounds)
            rows.append((f"corpus: {len(files)} PDFs, {pages} pages (best of {args.rounds}, interleaved)",
                         f"{ours:.2f} s vs raw pypdf {raw:.2f} s = **{ours / raw:.2f}×**"))
        big = long_document(folder / "long.pdf", args.pages)
        count = len(PdfReader(big).pages)
        times = {True: [], False: []}
        memory = {True: 0.0, False: 0.0}
        for _ in range(3):
            for ours in (True, False):
                seconds, mb = in_child(big, ours)
                times[ours].append(seconds)
                memory[ours] = max(memory[ours], mb)
        ours_s, raw_s = min(times[True]), min(times[False])
        rows.append((f"{count}-page document, fresh process each (best of 3, interleaved)",
                     f"{ours_s:.1f} s vs raw pypdf {raw_s:.1f} s = **{ours_s / raw_s:.2f}×**"))
        rows.append((f"{count}-page document, peak memory (VmHWM of the extracting process)",
                     f"**{memory[True]:.0f} MB** (raw pypdf {memory[False]:.0f} MB)"))
        # As a build reads it: inside one process that has done other work (the corpus above, imports).
        from handbook.extract import parse_document

        def ours_in_process() -> None:
            parse_document(big, code="LNG", kind="code")

        def raw_in_process() -> None:
            for page in PdfReader(big).pages:
                page.extract_text()

        ours_s, raw_s = best_of_interleaved(3, ours_in_process, raw_in_process)
        rows.append((f"{count}-page document inside one process, as a build reads it (best of 3, interleaved)",
                     f"{ours_s:.1f} s vs raw pypdf {raw_s:.1f} s = **{ours_s / raw_s:.2f}×**"))
    print("| measure | result |\n| --- | --- |")
    for name, value in rows:
        print(f"| {name} | {value} |")


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"\n({time.perf_counter() - started:.0f} s, max RSS of this process {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)")
