"""Benchmarks for the handbook build (a script, not a test: timings vary by machine).

    .venv/bin/python bench/run.py            # everything, 10x and 100x corpora
    .venv/bin/python bench/run.py --quick    # skip the 100x corpus

Prints a Markdown table: extraction against raw pypdf, cold and warm builds
against a plain mkdocs build of the same generated pages, growth with corpus
size, search index size and time to search results in Chromium.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def best_of_interleaved(rounds: int, *funcs) -> list[float]:
    """The best time of each function, run in turn so that both see the same machine load."""
    best = [float("inf")] * len(funcs)
    for _ in range(rounds):
        for i, func in enumerate(funcs):
            start = time.perf_counter()
            func()
            best[i] = min(best[i], time.perf_counter() - start)
    return best


EXTRACTION_ROUNDS = 25
BUILD_ROUNDS = 5


def bench_extraction() -> tuple[float, float]:
    from handbook.extract import parse_document
    from handbook.manifest import load_manifest

    entries = load_manifest(ROOT / "source_pdfs/manifest.yml").documents

    def ours() -> None:
        for e in entries:
            parse_document(Path(e.path), code=e.code, kind=e.kind)

    def raw() -> None:
        for e in entries:
            for page in PdfReader(e.path).pages:
                page.extract_text()

    ours_s, raw_s = best_of_interleaved(EXTRACTION_ROUNDS, ours, raw)
    return ours_s, raw_s


def build(project: Path, site: Path, cache: Path | None) -> float:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    if "handbook" in config.plugins:
        config.plugins["handbook"].config.cache_dir = str(cache) if cache else ""
    start = time.perf_counter()
    mkdocs_build(config)
    return time.perf_counter() - start


def plain_project(project: Path, dest: Path) -> Path:
    """The same pages as a plain project (`handbook generate`): every generated file written out, no handbook plugin."""
    from click.testing import CliRunner

    from handbook.cli import main as handbook

    result = CliRunner().invoke(handbook, ["generate", str(dest), "--config-file", str(project / "mkdocs.yml")])
    if result.exit_code:
        raise SystemExit(result.output)
    return dest


def engine_build(engine: str, folder: Path, *args: str) -> float:
    """Seconds for one build of a generated folder by an engine's own command (mkdocs or zensical)."""
    command = [str(Path(sys.executable).parent / engine), "build", *args]
    start = time.perf_counter()
    subprocess.run(command, cwd=folder, check=True, capture_output=True)
    return time.perf_counter() - start


def bench_engines(tmp_path: Path) -> list[tuple[str, str]]:
    """Cold and warm builds of the same generated pages with Zensical and plain mkdocs."""
    folder = plain_project(ROOT, tmp_path / "engines")
    zensical_cold, mkdocs_cold = best_of_interleaved(
        3, lambda: engine_build("zensical", folder, "--clean"), lambda: engine_build("mkdocs", folder, "-q")
    )
    engine_build("zensical", folder)  # prime its cache
    zensical_warm, mkdocs_warm = best_of_interleaved(
        BUILD_ROUNDS, lambda: engine_build("zensical", folder), lambda: engine_build("mkdocs", folder, "-q")
    )
    return [
        ("Zensical, cold (`zensical build --clean` of `handbook generate`'s folder, best of 3)",
         f"{zensical_cold:.2f} s = {zensical_cold / mkdocs_cold:.2f}× plain mkdocs ({mkdocs_cold:.2f} s)"),
        (f"Zensical, warm (its own cache, best of {BUILD_ROUNDS}, interleaved)",
         f"{zensical_warm:.2f} s = {zensical_warm / mkdocs_warm:.2f}× plain mkdocs ({mkdocs_warm:.2f} s)"),
    ]


def scaled_project(factor: int, dest: Path) -> Path:
    """The sample project with every CIH document and council policy repeated `factor` times.

    Copy n of a document or policy gets the code COC<n>, ECC<n>, ...; its
    clauses keep their wording, so the mapping's entries (keyed by wording)
    apply to every copy, and link copy 0's policies.
    """
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    for folder in ("docs", "source_pdfs", "content", "mapping"):
        shutil.copytree(ROOT / folder, dest / folder)
    manifest = yaml.safe_load((ROOT / "source_pdfs/manifest.yml").read_text(encoding="utf-8"))
    scaled: dict[str, list[dict]] = {"documents": [], "policies": []}
    for n in range(factor):
        for kind in ("documents", "policies"):
            for doc in manifest[kind]:
                copy = dict(doc)
                if n:
                    copy["code"] = f"{doc['code']}{n}"
                    copy["slug"] = f"{doc['slug']}-{n}"
                    copy["title"] = f"{doc['title']} {n}"
                scaled[kind].append(copy)
    (dest / "source_pdfs/manifest.yml").write_text(yaml.safe_dump(scaled, allow_unicode=True), encoding="utf-8")
    return dest


def size_of(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def serve(site: Path):  # type: ignore[no-untyped-def]
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
ROUNDS = 5


# In the page: when the first keystroke's input event fires, and the first frame painted after a result
# is in the list (a MutationObserver, then requestAnimationFrame twice: the frame after the one that drew it).
_TIMING = """
window.__hbTyped = null; window.__hbShown = null;
document.addEventListener('input', () => { if (window.__hbTyped === null) window.__hbTyped = performance.now(); }, true);
new MutationObserver(() => {
  if (window.__hbShown !== null || !document.querySelector('.hb-search__result a')) return;
  window.__hbShown = 0;
  requestAnimationFrame(() => requestAnimationFrame(() => { window.__hbShown = performance.now(); }));
}).observe(document, { subtree: true, childList: true });
"""


def first_result_time(site: Path, query: str, expect: str | None = None) -> tuple[float, float]:
    """Medians of ROUNDS on a freshly opened page (new browser context, empty cache, index not yet loaded):
    in the page, from the input event of typing the query until the first result is painted; and on the
    clock of this script, from asking Playwright to type until it sees the result (its own overhead included).
    The result must link to `expect`, if given."""
    from playwright.sync_api import sync_playwright

    server, url = serve(site)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            in_page, outside = [], []
            for _ in range(ROUNDS):
                context = browser.new_context()
                page = context.new_page()
                page.add_init_script(_TIMING)
                page.goto(url + "/", wait_until="domcontentloaded")
                box = page.locator("#hb-search-input")
                box.wait_for(state="attached")
                start = time.perf_counter()
                box.fill(query)
                page.wait_for_function(
                    "q => { const a = document.querySelector('.hb-search__result a');"
                    " return a && a.offsetParent !== null && a.href.includes(q) && window.__hbShown > 0; }",
                    arg=expect or "",
                    timeout=30000,
                )
                outside.append(time.perf_counter() - start)
                in_page.append(page.evaluate("window.__hbShown - window.__hbTyped") / 1000)
                context.close()
            browser.close()
            return sorted(in_page)[len(in_page) // 2], sorted(outside)[len(outside) // 2]
    finally:
        server.shutdown()


def search_times(site: Path) -> str:
    """A clause ID (its own page must come first), everyday words and an exact phrase."""
    found = [
        ("COC-1.4", first_result_time(site, "COC-1.4", expect="/coc-1.4/")),
        ("“conflict of interest”", first_result_time(site, "conflict of interest")),
        ('the phrase "take no part in decisions"', first_result_time(site, '"take no part in decisions"', expect="/coc-1.4/")),
    ]
    return "; ".join(f"{page * 1000:.0f} ms for {name} ({outside * 1000:.0f} ms with Playwright's typing)" for name, (page, outside) in found) + (
        f" (medians of {ROUNDS}, fresh page each)"
    )


def index_size(site: Path) -> str:
    folder = site / "search"
    files = [p for p in folder.rglob("*.js")]
    meta = (folder / "meta.js").stat().st_size
    return f"search index {sum(p.stat().st_size for p in files) / 1e6:.2f} MB in {len(files)} files (meta.js {meta / 1e3:.0f} KB, loaded first)"


def search_quality(site: Path) -> str:
    """The judged query sets through the search box: P@1 and top-3 of tests/data/search_queries.yml and of
    each half (dev, heldout) of tests/data/search_queries_heldout.yml, search_queries_fresh.yml,
    search_queries_round4.yml and search_queries_round5.yml."""
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "tests"))
    from search_judged import FRESH, HELDOUT, ROUND4, ROUND5, clause_urls, load_queries, run_queries, summary

    from handbook.extract import ExtractionCache
    from handbook.pipeline import load_handbook

    handbook = load_handbook(ROOT / "source_pdfs/manifest.yml", ExtractionCache(None))
    written_apart = load_queries(HELDOUT)
    sets = {
        "judged": load_queries(),
        "everyday (dev half)": [q for q in written_apart if q["set"] == "dev"],
        "everyday (heldout half)": [q for q in written_apart if q["set"] == "heldout"],
        "fresh kinds (dev half)": [q for q in load_queries(FRESH) if q["set"] == "dev"],
        "fresh kinds (heldout half)": [q for q in load_queries(FRESH) if q["set"] == "heldout"],
        "round 4 (dev half)": [q for q in load_queries(ROUND4) if q["set"] == "dev"],
        "round 4 (heldout half)": [q for q in load_queries(ROUND4) if q["set"] == "heldout"],
        "round 5 (dev half)": [q for q in load_queries(ROUND5) if q["set"] == "dev"],
        "round 5 (heldout half)": [q for q in load_queries(ROUND5) if q["set"] == "heldout"],
    }
    server, url = serve(site)
    found = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page()
            for name, queries in sets.items():
                p1, top3 = summary(run_queries(page, url, queries, clause_urls(handbook, site)))
                found.append(f"{name}: P@1 {p1:.2f}, top-3 {top3:.2f} on {len(queries)} queries")
            browser.close()
    finally:
        server.shutdown()
    return "; ".join(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="skip the 100x corpus")
    parser.add_argument("--search-only", action="store_true", help="only the search measures (sample, 10x and, unless --quick, 100x)")
    parser.add_argument("--engines", action="store_true", help="only the Zensical and plain mkdocs builds")
    args = parser.parse_args()
    if args.engines:
        with tempfile.TemporaryDirectory() as tmp:
            for name, value in bench_engines(Path(tmp)):
                print(f"| {name} | {value} |")
        return
    rows: list[tuple[str, str]] = []
    if not args.search_only:
        ours, raw = bench_extraction()
        rows.append((f"extraction of the sample PDFs (best of {EXTRACTION_ROUNDS}, interleaved)", f"{ours:.3f} s vs raw pypdf {raw:.3f} s = {ours / raw:.2f}×"))
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        if args.search_only:
            base = build(ROOT, tmp_path / "warm0", tmp_path / "cache")
        else:
            cold = build(ROOT, tmp_path / "cold", None)
            build(ROOT, tmp_path / "prime", tmp_path / "cache")
            plain_dir = plain_project(ROOT, tmp_path / "plain")
            warm, plain = best_of_interleaved(
                BUILD_ROUNDS,
                lambda: build(ROOT, tmp_path / "warm0", tmp_path / "cache"),
                lambda: build(plain_dir, tmp_path / "plainsite", None),
            )
            rows.append(("cold build (no cache)", f"{cold:.2f} s = {cold / plain:.2f}× plain mkdocs"))
            rows.append((f"warm build (cached extraction, best of {BUILD_ROUNDS}, interleaved with plain)", f"{warm:.2f} s = {warm / plain:.2f}× plain mkdocs ({plain:.2f} s)"))
            base = warm
        site = tmp_path / "warm0"
        rows.append(("sample site", f"{size_of(site) / 1e6:.1f} MB, {index_size(site)}"))
        rows.append(("search quality, sample site", search_quality(site)))
        rows.append(("time to first search result, sample site", search_times(site)))
        if not args.search_only:
            rows += bench_engines(tmp_path)
        for factor in (10,) if args.quick else (10, 100):
            (tmp_path / f"x{factor}").mkdir()
            project = scaled_project(factor, tmp_path / f"x{factor}")
            if not args.search_only:
                build(project, tmp_path / f"x{factor}site-prime", tmp_path / "cache")
            seconds = build(project, tmp_path / f"x{factor}site", tmp_path / "cache")
            site = tmp_path / f"x{factor}site"
            pages = sum(1 for _ in site.rglob("index.html"))
            rows.append(
                (
                    f"{factor}× corpus, {'build' if args.search_only else 'warm build'}",
                    f"{seconds:.2f} s ({seconds / base:.1f}× the sample), {pages} pages, {size_of(site) / 1e6:.0f} MB, {index_size(site)}",
                )
            )
            rows.append((f"time to first search result, {factor}× site", search_times(site)))
            print(f"| {rows[-2][0]} | {rows[-2][1]} |\n| {rows[-1][0]} | {rows[-1][1]} |", file=sys.stderr, flush=True)
    print(f"Machine: {platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPUs\n")
    print("| measure | result |\n| --- | --- |")
    for name, value in rows:
        print(f"| {name} | {value} |")


if __name__ == "__main__":
    sys.exit(main())
