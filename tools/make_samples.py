#!/usr/bin/env python3
"""Regenerate the sample source PDFs in source_pdfs/ from the YAML in samples/.

The real CIH documents are copyrighted and are not redistributed, so the
repository ships stand-ins whose wording was written for this project:

    samples/cih/<name>.yml      ->  source_pdfs/cih-<name>-sample.pdf
    samples/council/<name>.yml  ->  source_pdfs/council/<name>.pdf

The output is deterministic: running this twice gives byte-identical PDFs, so
`git status` shows a change only when the YAML or the renderer changed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))  # samplegen is dev tooling beside the package, not installed

from samplegen.brochure import render_brochure  # noqa: E402
from samplegen.policy import render_policy  # noqa: E402


def cih_output_name(yml: Path) -> str:
    return f"cih-{yml.stem}-sample.pdf"


def load(path: Path) -> dict:
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    if not isinstance(data, dict):
        raise SystemExit(f"Error: {path}: expected a mapping at the top level")
    return data


def make_cih(samples: Path, out_dir: Path, verbose: bool) -> list[Path]:
    """The CIH stand-ins: samples/cih/*.yml rendered as designed brochures."""
    written = []
    for yml in sorted((samples / "cih").glob("*.yml")):
        out = out_dir / cih_output_name(yml)
        try:
            render_brochure(load(yml), out)
        except ValueError as exc:
            raise SystemExit(f"Error: {yml}: {exc}") from None
        written.append(out)
        if verbose:
            print(f"{yml.relative_to(samples.parent) if samples.parent in yml.parents else yml} -> {out}")
    return written


# ---------------------------------------------------------------------------
# COUNCIL POLICIES
# The council's own policy samples (samples/council/*.yml) are rendered by
# samplegen.policy.render_policy(data, out_path).


def make_council_policies(samples: Path, out_dir: Path, verbose: bool) -> list[Path]:
    """Council policy samples: samples/council/*.yml -> source_pdfs/council/<stem>.pdf."""
    ymls = sorted((samples / "council").glob("*.yml"))
    if not ymls:
        return []
    written = []
    for yml in ymls:
        out = out_dir / "council" / f"{yml.stem}.pdf"
        out.parent.mkdir(parents=True, exist_ok=True)
        try:
            render_policy(load(yml), out)
        except ValueError as exc:
            raise SystemExit(f"Error: {yml}: {exc}") from None
        written.append(out)
        if verbose:
            print(f"{yml} -> {out}")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=(
            "Regenerate source_pdfs/*.pdf from the sample YAML in samples/cih/ (the CIH stand-ins) "
            "and samples/council/ (council policies). Output is byte-for-byte deterministic."
        )
    )
    parser.add_argument("--samples", type=Path, default=ROOT / "samples", help="folder holding cih/ and council/ (default: samples/)")
    parser.add_argument("--out", type=Path, default=ROOT / "source_pdfs", help="where to write the PDFs (default: source_pdfs/)")
    parser.add_argument("--only", choices=("cih", "council"), help="regenerate only the CIH stand-ins or only the council policies")
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")
    args = parser.parse_args(argv)

    written: list[Path] = []
    if args.only in (None, "cih"):
        written += make_cih(args.samples, args.out, not args.quiet)
    if args.only in (None, "council"):
        written += make_council_policies(args.samples, args.out, not args.quiet)
    if not written:
        print(f"Error: no sample YAML found under {args.samples}", file=sys.stderr)
        return 1
    if not args.quiet:
        print(f"{len(written)} PDF(s) written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
