"""Run `handbook extract` in-process on many PDFs, one JSON line of results per file.

    python tests/corpus/extract_worker.py SECONDS KIND FILE...

Used by tests/test_damaged_pdfs.py (in a subprocess, so one interpreter start
serves a few hundred files). For each file it reports the exit code, what the
command wrote to stderr (pypdf's log records and warnings included, as a user
would see them), the traceback of any exception other than the command's own
clean exit, and whether the per-file time limit (SIGALRM) fired.
"""

from __future__ import annotations

import json
import signal
import sys
import time
import traceback
from pathlib import Path

from click.testing import CliRunner

from handbook.cli import main as handbook


class _Hang(BaseException):
    """Raised by the alarm; a BaseException so no `except Exception` in the code under test swallows it."""


def _alarm(signum: int, frame: object) -> None:
    raise _Hang()


def run(limit: float, kind: str, files: list[str]) -> None:
    signal.signal(signal.SIGALRM, _alarm)
    runner = CliRunner()
    missing = str(Path(files[0]).parent / "no-manifest.yml")
    for name in files:
        start = time.perf_counter()
        signal.setitimer(signal.ITIMER_REAL, limit)
        hang = False
        try:
            result = runner.invoke(handbook, ["extract", name, "--kind", kind, "--code", "DOC", "--manifest", missing])
        except _Hang:
            hang = True
            result = None
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        seconds = time.perf_counter() - start
        crash = ""
        if result is not None and result.exception is not None and not isinstance(result.exception, SystemExit):
            if isinstance(result.exception, _Hang):
                hang = True
            else:
                crash = "".join(traceback.format_exception(*result.exc_info))
        print(json.dumps({
            "file": name,
            "exit": None if result is None else result.exit_code,
            "stderr": "" if result is None else result.stderr,
            "traceback": crash,
            "hang": hang,
            "seconds": round(seconds, 3),
        }), flush=True)


if __name__ == "__main__":
    run(float(sys.argv[1]), sys.argv[2], sys.argv[3:])
