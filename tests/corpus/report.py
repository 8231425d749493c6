"""Print what extraction gets wrong in the corpus, producer by producer.

    .venv/bin/python tests/corpus/report.py [--only chromium,typst] [--out /tmp/corpus] [--all]

Generates the corpus PDFs into --out (kept, so they can be opened), extracts
each one and prints the refusal, or every clause whose ID or text differs from
the source (want / got), then the clause counts per producer: the figures the
issue's "done when" asks for.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))

from corpus import gen_chromium, gen_fpdf2, gen_libreoffice, gen_reportlab, gen_typst  # noqa: E402
from corpus.common import PRODUCERS, VARIANTS, load, norm  # noqa: E402
from handbook.errors import HandbookError  # noqa: E402
from handbook.extract import parse_document  # noqa: E402

GENERATORS = {"chromium": gen_chromium, "typst": gen_typst, "libreoffice": gen_libreoffice,
              "reportlab": gen_reportlab, "fpdf2": gen_fpdf2}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", default=",".join(PRODUCERS))
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--all", action="store_true", help="print every wrong clause, not the first five per document")
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="corpus-"))
    totals = {}
    for producer in args.only.split(","):
        docs = refused = want_n = exact = 0
        for variant in VARIANTS if producer != "fpdf2" else (0,):
            folder = out / f"{producer}-{variant}"
            folder.mkdir(parents=True, exist_ok=True)
            generate = GENERATORS[producer].generate
            made = generate(folder, variant) if variant else generate(folder)
            for name, (path, want) in made.items():
                data = gen_fpdf2.document_data(name) if producer == "fpdf2" else load(name, producer, variant)
                clauses = [c for s in want for c in s.clauses]
                docs += 1
                want_n += len(clauses)
                try:
                    doc = parse_document(path, code=data["code"], kind=data["kind"])
                except HandbookError as exc:
                    refused += 1
                    print(f"{path.name}: REFUSED {exc}")
                    continue
                got = {c.id: norm(c.text) for c in doc.clauses}
                wrong = [(cid, norm(t), got.get(cid)) for cid, t in clauses if got.get(cid) != norm(t)]
                exact += len(clauses) - len(wrong)
                heads = [(s.number, norm(s.title)) for s in doc.sections]
                want_heads = [(s.number, norm(s.title)) for s in want if s.number is not None]
                head_note = "" if not want_heads or heads == want_heads else f" sections {heads[:6]}… want {want_heads[:6]}…"
                extra = sorted(set(got) - {c for c, _ in clauses})
                print(f"{path.name}: {len(clauses) - len(wrong)}/{len(clauses)} exact"
                      f"{f', extra IDs {extra[:5]}' if extra else ''}{head_note}")
                for cid, w, g in wrong if args.all else wrong[:5]:
                    print(f"    {cid}\n      want: {w}\n      got:  {g}")
                asides = [norm(a) for s in doc.sections for a in s.asides]
                for s in want:
                    for a in s.asides:
                        if norm(a) not in asides:
                            print(f"    aside missing: {a[:60]!r}; asides: {asides}")
        totals[producer] = (docs, refused, want_n, exact)
    print()
    for producer, (docs, refused, want_n, exact) in totals.items():
        print(f"{producer:12} {docs} documents ({refused} refused), {want_n} clauses, {exact} exact ({100 * exact / max(want_n, 1):.0f}%)")
    all_n = sum(t[2] for t in totals.values())
    all_exact = sum(t[3] for t in totals.values())
    print(f"{'all':12} {all_n} clauses, {all_exact} exact ({100 * all_exact / max(all_n, 1):.0f}%)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
