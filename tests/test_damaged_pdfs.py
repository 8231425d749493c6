"""Damaged PDFs never give a traceback, never hang and print one line.

A fixed-seed mutation test: a few hundred damaged copies of the shipped sample
PDFs and of two corpus PDFs made by other producers (Typst: embedded CID
fonts; reportlab: a standard font with no encoding) (bytes flipped, truncated, xref deleted, MediaBox garbage, an unknown
stream filter, broken object headers and stream lengths) go through
`handbook extract`. Each must either succeed or fail with the one-line
`HandbookError` message naming the file; pypdf's warnings must not reach
stderr. Each file has a time limit, enforced with SIGALRM inside a worker
subprocess (tests/corpus/extract_worker.py), so a hang fails the test instead
of stalling the suite.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

SEED = 20261125
PER_SOURCE = 40
SECONDS_PER_FILE = 10.0  # generous: a sample takes ~0.15 s; a hang never ends
SOURCES = {
    "code": [
        "cih-code-of-conduct-v3-sample.pdf",
        "cih-code-of-conduct-v2-sample.pdf",
        "cih-code-of-ethics-v3-sample.pdf",
        "cih-professional-standards-framework-v2-sample.pdf",
    ],
    "policy": ["council/dis-disciplinary-procedure.pdf", "council/gif-gifts-and-hospitality-policy.pdf"],
}
CORPUS_SOURCES = {"code": [("typst", "code-of-conduct"), ("reportlab", "code-of-ethics")]}


def _flip(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        out[rng.randrange(len(out))] ^= rng.randint(1, 255)
    return bytes(out)


def _flip_in_stream(data: bytes, rng: random.Random) -> bytes:
    spans = [m.span(1) for m in re.finditer(rb"stream\r?\n(.{8,}?)endstream", data, re.S)]
    start, end = rng.choice(spans)
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        out[rng.randrange(start, end)] ^= rng.randint(1, 255)
    return bytes(out)


def _truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(0, len(data))]


def _delete_xref(data: bytes, rng: random.Random) -> bytes:
    if rng.random() < 0.5:
        return re.sub(rb"\nxref\b.*?(?=trailer)", b"\n", data, count=1, flags=re.S)
    return re.sub(rb"startxref\s+\d+", b"startxref\n" + str(rng.randint(0, 10**7)).encode(), data)


def _garbage_mediabox(data: bytes, rng: random.Random) -> bytes:
    garbage = rng.choice([b"[0 0 abc def]", b"[]", b"[0 0 -1e308 1e308]", b"7", b"[0 0 0 0]", b"[(x) /Y 1 2]", b"null"])
    return re.sub(rb"/MediaBox\s*\[[^\]]*\]", lambda m: b"/MediaBox " + garbage, data, count=rng.randint(1, 9))


def _unknown_filter(data: bytes, rng: random.Random) -> bytes:
    name = rng.choice([b"/BogusDecode", b"/JBIG2Decode", b"/LZWDecode", b"/Crypt"])
    return data.replace(b"/FlateDecode", name, rng.randint(1, 20))


def _broken_object(data: bytes, rng: random.Random) -> bytes:
    heads = [m.start() for m in re.finditer(rb"\d+ 0 obj", data)]
    at = rng.choice(heads)
    return data[:at] + rng.choice([b"9999999 0 obj", b"1 0 ojb", b"x y obj", b""]) + data[at + len(b"1 0 obj") :]


def _bad_length(data: bytes, rng: random.Random) -> bytes:
    value = rng.choice([b"0", b"-5", b"99999999", b"1 0 R", b"abc"])
    return re.sub(rb"/Length \d+", b"/Length " + value, data, count=rng.randint(1, 5))


MUTATIONS = (_flip, _flip_in_stream, _truncate, _delete_xref, _garbage_mediabox, _unknown_filter, _broken_object, _bad_length)


def _sources(folder: Path) -> list[tuple[str, Path]]:
    from corpus import gen_reportlab, gen_typst

    made = {"typst": gen_typst.generate, "reportlab": gen_reportlab.generate}
    out = [(kind, ROOT / "source_pdfs" / name) for kind, names in SOURCES.items() for name in names]
    for kind, docs in CORPUS_SOURCES.items():
        for producer, name in docs:
            (folder / producer).mkdir()
            out.append((kind, made[producer](folder / producer)[name][0]))
    return out


def _mutants(folder: Path) -> dict[str, list[Path]]:
    rng = random.Random(SEED)
    out: dict[str, list[Path]] = {kind: [] for kind in SOURCES}
    for kind, source in _sources(folder):
        data = source.read_bytes()
        for n in range(PER_SOURCE):
            mutate = MUTATIONS[n % len(MUTATIONS)]
            path = folder / f"{source.stem}-{n:02d}-{mutate.__name__.strip('_')}.pdf"
            path.write_bytes(mutate(data, rng))
            out[kind].append(path)
    return out


def _run_workers(batches: list[tuple[str, list[Path]]]) -> list[dict]:
    worker = ROOT / "tests" / "corpus" / "extract_worker.py"
    procs = [
        subprocess.Popen(
            [sys.executable, str(worker), str(SECONDS_PER_FILE), kind, *map(str, files)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for kind, files in batches
    ]
    results = []
    for proc, (_, files) in zip(procs, batches, strict=True):
        out, err = proc.communicate(timeout=SECONDS_PER_FILE * len(files) + 60)
        assert proc.returncode == 0, f"the worker itself failed: {err[-2000:]}"
        assert err == "", f"output outside the command under test: {err[-2000:]}"
        results += [json.loads(line) for line in out.splitlines()]
    return results


def test_damaged_pdfs_fail_cleanly_in_one_line(tmp_path: Path) -> None:
    mutants = _mutants(tmp_path)
    files = [(kind, path) for kind, paths in mutants.items() for path in paths]
    assert len(files) == PER_SOURCE * 8 == 320
    # Two workers (the CI machine has two cores), each mixing kinds in one list per kind.
    batches = [(kind, paths[i::2]) for kind, paths in mutants.items() for i in range(2)]
    results = _run_workers(batches)
    assert sorted(r["file"] for r in results) == sorted(str(p) for _, p in files)

    hangs = [r["file"] for r in results if r["hang"]]
    assert not hangs, f"over {SECONDS_PER_FILE} s (a hang): {hangs[:5]}"
    crashes = [r for r in results if r["traceback"]]
    assert not crashes, f"{len(crashes)} traceback(s); first ({crashes[0]['file']}):\n{crashes[0]['traceback']}"
    noisy = []
    for r in results:
        lines = r["stderr"].splitlines()
        name = Path(r["file"]).name
        if r["exit"] == 0:
            if lines:
                noisy.append((name, "success but stderr: " + r["stderr"][:300]))
        elif len(lines) != 1 or name not in lines[0] or "Traceback" in r["stderr"]:
            noisy.append((name, f"exit {r['exit']}, stderr: {r['stderr'][:400]}"))
    assert not noisy, f"{len(noisy)} file(s) without exactly one error line naming the file, e.g. {noisy[:3]}"
    # The damage is real: many copies are refused, and the test is not passing by reading nothing.
    assert sum(r["exit"] != 0 for r in results) >= 50
