"""Property-based tests: every input either parses or gives a clear HandbookError, never a crash."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handbook.errors import HandbookError
from handbook.manifest import load_manifest
from handbook.model import Document, Manifest
from handbook.pdf_layout import Line, PageLayout, Run
from handbook.structure import build_document, join_wrapped
from handbook.textnorm import normalise
from handbook.yamlio import load_yaml

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
words = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=40)


@SETTINGS
@given(words, words)
def test_join_wrapped_never_loses_letters(before: str, after: str) -> None:
    if not before.strip() or not after.strip():
        return
    joined = join_wrapped(before, after)
    letters = lambda s: re.sub(r"[\W_]", "", s)  # noqa: E731
    assert letters(joined) == letters(before.rstrip().rstrip("\u00ad") + after)


@SETTINGS
@given(words)
def test_normalise_is_idempotent(text: str) -> None:
    assert normalise(normalise(text)) == normalise(text)


yaml_like = st.one_of(
    words,
    st.recursive(
        st.one_of(st.none(), st.booleans(), st.integers(), words),
        lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(words, inner, max_size=4)),
        max_leaves=12,
    ).map(lambda data: __import__("yaml").safe_dump({"documents": data, "policies": data})),
)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("props")


@SETTINGS
@given(yaml_like)
def test_manifest_loader_parses_or_reports(scratch: Path, text: str) -> None:
    path = scratch / "manifest.yml"
    path.write_text(text, encoding="utf-8")
    try:
        assert isinstance(load_manifest(path), Manifest)
    except HandbookError as err:
        assert str(err).startswith(str(path.name)) or str(path) in str(err)
        assert "\n" not in str(err)


@SETTINGS
@given(st.text(max_size=200))
def test_yaml_loader_parses_or_reports(scratch: Path, text: str) -> None:
    path = scratch / "any.yml"
    path.write_text(text, encoding="utf-8")
    try:
        load_yaml(path, what="file")
    except HandbookError as err:
        assert "\n" not in str(err)


line_text = st.sampled_from(["• act with honesty", "1. Integrity", "Members must:", "Principle 2 – Care", "plain words", "", "– dash", "?"]) | words
runs = st.builds(
    lambda text, x, y, size, bold: Run(text=text, x=x, y=y, size=size, font="Helvetica-Bold" if bold else "Helvetica", width=len(text) * size * 0.5),
    line_text,
    st.floats(0, 550),
    st.floats(0, 840),
    st.sampled_from([8.0, 10.5, 15.0, 28.0]),
    st.booleans(),
)


@SETTINGS
@given(st.lists(st.lists(runs, min_size=0, max_size=12), min_size=1, max_size=3))
def test_structure_builds_or_reports(pages_runs: list[list[Run]]) -> None:
    pages = [
        PageLayout(number=n, width=595, height=842, lines=[Line(runs=(r,), page=n) for r in sorted(rs, key=lambda r: (-r.y, r.x))])
        for n, rs in enumerate(pages_runs, start=1)
    ]
    try:
        doc = build_document(pages, code="DOC", kind="code", sha256="0", source="random.pdf")
    except HandbookError as err:
        assert str(err).startswith("random.pdf: ") and "\n" not in str(err)
    else:
        assert isinstance(doc, Document)
        assert len({c.id for c in doc.clauses}) == len(doc.clauses)
