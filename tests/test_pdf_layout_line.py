"""Lines keep what they compute in slots of their own: once per line, never carried into a changed copy."""

from __future__ import annotations

from dataclasses import replace

import pytest

from handbook import pdf_layout
from handbook.pdf_layout import Line, Run


def run(text: str, x: float, seq: int) -> Run:
    return Run(text=text, x=x, y=700.0, size=10.0, font="Helvetica", width=5.0 * len(text), gap=1 if seq else -1, seq=seq)


def test_a_computed_value_is_worked_out_once_per_line(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real = pdf_layout.join_runs

    def counting(runs):  # type: ignore[no-untyped-def]
        calls.append(len(runs))
        return real(runs)

    monkeypatch.setattr(pdf_layout, "join_runs", counting)
    line = Line(runs=(run("Act", 72.0, 0), run("honestly", 92.0, 1)), page=1)
    assert (line.text, line.text, line.text) == ("Act honestly",) * 3
    assert calls == [2]


def test_a_copy_with_other_runs_computes_afresh() -> None:
    line = Line(runs=(run("Act", 72.0, 0),), page=1)
    assert (line.text, line.x, line.x1) == ("Act", 72.0, 87.0)
    moved = replace(line, runs=(run("Declare", 90.0, 0),))
    assert (moved.text, moved.x, moved.x1) == ("Declare", 90.0, 125.0)
    assert (line.text, line.x) == ("Act", 72.0)


def test_lines_hold_no_instance_dictionary() -> None:
    # Ten thousand lines a few hundred pages: a dictionary each for their computed values
    # took more memory than the lines themselves (bench/extraction.py measures the peak).
    line = Line(runs=(run("Act", 72.0, 0),), page=1)
    assert line.text == "Act"
    assert not hasattr(line, "__dict__")


def test_computed_values_are_not_compared_or_shown() -> None:
    a = Line(runs=(run("Act", 72.0, 0),), page=1)
    b = Line(runs=(run("Act", 72.0, 0),), page=1)
    assert a.text == "Act"
    assert a == b
    assert repr(a) == repr(b) and "_once_" not in repr(a)
