"""Two builds from the same inputs are byte-identical (SOURCE_DATE_EPOCH honoured).

A council can rebuild the handbook and show that nothing changed: every file,
the sitemap's dates and the compressed sitemap included.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from conftest import ROOT, build_site


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def first_difference(a: bytes, b: bytes) -> str:
    at = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return f"at byte {at}: {a[max(0, at - 60) : at + 60]!r} vs {b[max(0, at - 60) : at + 60]!r}"


def test_two_builds_are_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    build_site(ROOT, tmp_path / "one", cache_dir=tmp_path / "cache-one")
    build_site(ROOT, tmp_path / "two", cache_dir=tmp_path / "cache-two")
    one, two = files(tmp_path / "one"), files(tmp_path / "two")
    assert len(one) > 150
    only_one, only_two = sorted(set(one) - set(two)), sorted(set(two) - set(one))
    assert not only_one and not only_two, f"only in the first build: {only_one[:5]}; only in the second: {only_two[:5]}"
    for name in sorted(one):
        if one[name] != two[name]:
            pytest.fail(f"first differing file: {name} ({first_difference(one[name], two[name])})")

    # The dates in the output are the epoch's (2023-11-14), not the build day.
    sitemap = one["sitemap.xml"].decode("utf-8")
    assert "<lastmod>2023-11-14</lastmod>" in sitemap
    assert gzip.decompress(one["sitemap.xml.gz"]).decode("utf-8") == sitemap
