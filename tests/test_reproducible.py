"""Two builds from the same inputs are byte-identical (SOURCE_DATE_EPOCH honoured)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, build_site


def files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    build_site(ROOT, tmp_path / "one", cache_dir=tmp_path / "cache-one")
    build_site(ROOT, tmp_path / "two", cache_dir=tmp_path / "cache-two")
    one, two = files(tmp_path / "one"), files(tmp_path / "two")
    assert sorted(one) == sorted(two)
    differing = [name for name in one if one[name] != two[name]]
    assert differing == []
    assert len(one) > 150
