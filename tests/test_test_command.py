"""The README's test command never passes without its browser tests.

On a machine without Chromium, `tools/test.sh` installs it when it can (root
or password-less sudo with apt-get, as `.ci/run` does) and otherwise stops
with a message saying how; and a browser test fails, never skips, when the
browser is missing.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def fake_bin(folder: Path, **commands: str) -> Path:
    folder.mkdir()
    for name, body in commands.items():
        (folder / name).write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
        (folder / name).chmod(0o755)
    return folder


def test_test_sh_without_chromium_and_without_root_says_how_to_install_it(tmp_path: Path) -> None:
    # An ordinary user (id -u is not 0) whose sudo asks for a password: nothing to install with.
    bin_dir = fake_bin(tmp_path / "bin", id='echo 1000', sudo="exit 1", python3="echo python3 must not run >&2; exit 3")
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "HANDBOOK_CHROMIUM": str(tmp_path / "no-chromium")}
    run = subprocess.run(["bash", str(ROOT / "tools" / "test.sh")], env=env, capture_output=True, text=True, timeout=60)
    assert run.returncode == 1
    assert run.stderr == (
        f"tools/test.sh: {tmp_path / 'no-chromium'} is missing and cannot be installed from here; install it "
        "(Debian/Ubuntu: sudo apt-get install -y chromium) and run bash tools/test.sh again\n"
    )


def test_test_sh_as_root_installs_chromium_with_apt_get(tmp_path: Path) -> None:
    log = tmp_path / "apt.log"
    bin_dir = fake_bin(
        tmp_path / "bin",
        id="echo 0",
        **{"apt-get": f'echo "$@" >> {log}'},
        python3="echo stop-after-install >&2; exit 7",  # the install step is what is tested; stop before pip
    )
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "HANDBOOK_CHROMIUM": str(tmp_path / "no-chromium")}
    run = subprocess.run(["bash", str(ROOT / "tools" / "test.sh")], env=env, capture_output=True, text=True, timeout=60)
    assert run.returncode == 7
    assert log.read_text(encoding="utf-8").splitlines() == ["update -qq", "install -y -qq chromium"]
    assert run.stderr.splitlines() == [
        "tools/test.sh: installing Chromium for the browser tests (apt-get install chromium)",
        "stop-after-install",
    ]


def test_a_browser_test_fails_rather_than_skips_without_chromium(tmp_path: Path) -> None:
    test = tmp_path / "test_needs_browser.py"
    test.write_text("def test_page(page):\n    page.goto('about:blank')\n", encoding="utf-8")
    (tmp_path / "conftest.py").write_text((ROOT / "tests" / "conftest.py").read_text(encoding="utf-8"), encoding="utf-8")
    env = {**os.environ, "HANDBOOK_CHROMIUM": str(tmp_path / "no-chromium"), "CI": ""}
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(test)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 1, run.stdout
    assert "skipped" not in run.stdout
    assert f"{tmp_path / 'no-chromium'} is missing: run bash tools/test.sh (it installs it) or apt-get install -y chromium" in run.stdout
    assert run.stdout.strip().splitlines()[-1].startswith("1 error")
