"""`mkdocs serve` with a broken source keeps answering with the last good site and prints the error.

Starts the real `mkdocs serve` on a copy of the project on 127.0.0.1, breaks a
PDF while it runs and checks that a page is still served (before, mkdocs left
every request waiting) and that the terminal shows the one-line error.
Every wait is bounded.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from conftest import copy_project


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(lines: list[str], text: str, timeout: float) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if any(text in line for line in lines):
            return
        time.sleep(0.2)
    raise AssertionError(f"{text!r} not printed within {timeout}s; output:\n" + "".join(lines[-40:]))


def test_serve_keeps_serving_the_last_good_site_while_a_source_is_broken(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(server.stdout.readline, "")), daemon=True)  # type: ignore[union-attr]
    reader.start()
    try:
        wait_for(lines, "Serving on", timeout=240)
        url = f"http://127.0.0.1:{port}/cih/code-of-conduct/v3/coc-1.4/"
        with urllib.request.urlopen(url, timeout=30) as response:
            before = response.read()
        assert b"COC-1.4" in before

        pdf = project / "source_pdfs" / "cih-code-of-conduct-v3-sample.pdf"
        pdf.write_bytes(pdf.read_bytes()[: pdf.stat().st_size // 3])
        wait_for(lines, "still serving the last good build", timeout=120)
        error = next(line for line in lines if "still serving the last good build" in line)
        assert "source_pdfs/cih-code-of-conduct-v3-sample.pdf: the PDF is damaged or truncated (" in error
        assert error.rstrip().endswith("; download or export the PDF again; still serving the last good build: fix the problem and save to rebuild")

        with urllib.request.urlopen(url, timeout=15) as response:  # answered, not left waiting
            assert response.status == 200
            after = response.read()
        # The same page (livereload's script, which carries the build's time, aside).
        def page(body: bytes) -> bytes:
            return re.sub(rb"livereload\(\d+, \d+\)", b"", body)

        assert page(after) == page(before)
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=20)
        reader.join(timeout=10)
        server.stdout.close()  # type: ignore[union-attr]
