"""Reading a PDF pauses the automatic cycle collector and gives it back as it found it.

`read_layout` collects only the young generations after each page (so a long
document's lines are not rescanned page after page), and `parse_document`
holds that pause until the lines have become a document; the collector must
be running again afterwards, also when the PDF turns out to be damaged, and
must stay off for a caller that had turned it off.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from conftest import ROOT
from handbook.errors import HandbookError
from handbook.extract import parse_document
from handbook.pdf_layout import read_layout, young_collections_only

SAMPLE = ROOT / "source_pdfs" / "cih-code-of-conduct-v3-sample.pdf"


@contextmanager
def collections_started() -> Iterator[list[int]]:
    """The generation of each collection the cycle collector starts meanwhile."""
    runs: list[int] = []

    def watch(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            runs.append(info["generation"])

    gc.callbacks.append(watch)
    try:
        yield runs
    finally:
        gc.callbacks.remove(watch)


def test_the_collector_runs_again_after_reading_and_the_lines_are_read() -> None:
    assert gc.isenabled()
    _, pages = read_layout(SAMPLE)
    assert gc.isenabled()
    assert len(pages) >= 1 and any(ln.text for page in pages for ln in page.lines)


def test_the_collector_runs_again_after_a_damaged_pdf(tmp_path: Path) -> None:
    data = SAMPLE.read_bytes()
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(data[: len(data) // 3])
    assert gc.isenabled()
    with pytest.raises(HandbookError, match="broken.pdf"):
        read_layout(broken)
    assert gc.isenabled()


def test_a_collector_turned_off_by_the_caller_stays_off_and_is_not_run() -> None:
    gc.disable()
    try:
        with collections_started() as runs:
            _, pages = read_layout(SAMPLE)
            assert not gc.isenabled()
            assert runs == []
            assert pages
    finally:
        gc.enable()


def test_each_page_read_is_followed_by_a_young_collection_only() -> None:
    with collections_started() as runs:
        _, pages = read_layout(SAMPLE)
    assert runs.count(1) >= len(pages)
    assert 2 not in runs


def test_a_document_is_parsed_with_young_collections_only_and_the_collector_runs_again_after() -> None:
    with collections_started() as runs:
        document = parse_document(SAMPLE, code="COC", kind="code")
    assert gc.isenabled()
    assert document.pages >= 1 and runs.count(1) >= document.pages
    assert set(runs) == {1}


def test_a_pause_inside_another_collects_the_young_and_leaves_the_ending_to_the_outer_one() -> None:
    with collections_started() as runs:
        with young_collections_only() as outer:
            assert not gc.isenabled()
            with young_collections_only() as inner:
                inner()
                assert runs == [1]
            assert not gc.isenabled()
            outer()
            assert runs == [1, 1]
        assert gc.isenabled()
