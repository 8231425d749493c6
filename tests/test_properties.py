"""Property-based tests: every input either parses or gives a clear HandbookError, never a crash."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handbook.errors import HandbookError
from handbook.manifest import load_manifest
from handbook.model import Document, Manifest
from handbook.pdf_layout import Line, PageLayout, Run
from handbook.lines import join_wrapped
from handbook.structure import build_document
from handbook.textnorm import normalise
from handbook.yamlio import load_yaml

# The module-scoped `scratch` folder is shared by all examples, so the
# function-scoped-fixture health check does not apply.
SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
words = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=40)
prose = st.text(alphabet=st.characters(whitelist_categories=("L", "Nd", "Zs", "Pd", "Po")) | st.sampled_from("-\u00ad\u2010"), max_size=40)


def letters(text: str) -> str:
    return re.sub(r"[\W_]", "", text)


@SETTINGS
@given(prose | words, prose | words, st.sets(st.text(max_size=12), max_size=3))
def test_join_wrapped_never_crashes_or_loses_letters(before: str, after: str, lexicon: set[str]) -> None:
    joined = join_wrapped(before, after, lexicon)
    assert isinstance(joined, str)
    assert letters(joined) == letters(before + after)


@SETTINGS
@given(words)
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("props")
    (folder / "a.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")  # so file checks can pass and validation goes deeper
    (folder / "b.md").write_text("# Policy\n", encoding="utf-8")
    return folder


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 3000),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(),
    words,
    st.sampled_from(["COC", "coc", "C", "TOOLONGCODE", "code", "framework", "v3", "2024-01-01", "2024-13-40", "a.pdf", "b.md", "missing.pdf", "../a.pdf", ""]),
)
any_data = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(words, inner, max_size=4), max_leaves=12)


def maybe(value: st.SearchStrategy) -> st.SearchStrategy:
    """Mostly a plausible value, sometimes anything at all."""
    return st.one_of(value, value, value, value, scalars, any_data)


version = st.fixed_dictionaries(
    {"version": maybe(st.sampled_from(["v1", "v2", "v3"])), "in_force": maybe(st.dates()), "file": maybe(st.sampled_from(["a.pdf", "a.pdf", "b.md", "nope.pdf"]))},
)
document = st.fixed_dictionaries(
    {
        "code": maybe(st.sampled_from(["COC", "COE", "PSF", "X1"])),
        "title": maybe(st.just("Code of Conduct")),
        "publisher": maybe(st.just("CIH")),
        "versions": st.one_of(
            *[st.lists(version, min_size=1, max_size=3)] * 4,
            st.lists(st.one_of(version, any_data), min_size=1, max_size=3),
            scalars,
            st.dictionaries(words, any_data, max_size=3),
        ),
    },
    optional={
        "kind": st.one_of(st.sampled_from(["code", "framework", "other"]), scalars, any_data),
        "slug": maybe(st.sampled_from(["code-of-conduct", "x", "Bad Slug!", ""])),
        "cite_as": maybe(words),
        "sample": maybe(st.booleans()),
    },
)
manifest_like = st.fixed_dictionaries(
    {"documents": maybe(st.lists(document, min_size=1, max_size=3))}, optional={"policies": maybe(st.lists(any_data | document, max_size=2))}
)
yaml_text = st.one_of(
    words,
    st.text(alphabet=":-[]{}#&*!|>'\"%@` \n\tabc1", max_size=80),  # YAML syntax soup
    any_data.map(lambda data: yaml.safe_dump(data, allow_unicode=True)),
    manifest_like.map(lambda data: yaml.safe_dump(data, allow_unicode=True, sort_keys=False)),
)


@SETTINGS
@given(yaml_text)
def test_manifest_loader_parses_or_reports(scratch: Path, text: str) -> None:
    path = scratch / "manifest.yml"
    path.write_text(text, encoding="utf-8")
    try:
        manifest = load_manifest(path)
    except HandbookError as err:
        assert path.name in str(err)
        assert "\n" not in str(err)
    else:
        # Whatever was accepted is usable: valid codes, real files inside the folder, dates, URL-safe slugs.
        assert isinstance(manifest, Manifest) and manifest.documents
        for entry in (*manifest.documents, *manifest.policies):
            assert re.fullmatch(r"[A-Z][A-Z0-9]{1,7}", entry.code)
            assert Path(entry.path).is_file() and Path(entry.path).parent == scratch.resolve()
            assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", entry.slug)
            assert entry.title.strip() and entry.version.strip()


@pytest.mark.parametrize("kind", ["[]", "{a: 1}"])
def test_manifest_kind_that_is_not_text_is_reported(scratch: Path, kind: str) -> None:
    path = scratch / "kind.yml"
    path.write_text(
        f"documents:\n- code: COC\n  title: T\n  publisher: CIH\n  kind: {kind}\n"
        "  versions:\n  - version: v1\n    in_force: 2024-01-01\n    file: a.pdf\n",
        encoding="utf-8",
    )
    with pytest.raises(HandbookError, match=r"kind '.*' is not one of \['code', 'framework'\]"):
        load_manifest(path)


@pytest.mark.parametrize("versions", ["[v3]", "[null]", "[[v3, 2024-01-01]]"])
def test_manifest_version_that_is_not_a_mapping_is_reported(scratch: Path, versions: str) -> None:
    path = scratch / "versions.yml"
    path.write_text(f"documents:\n- code: COC\n  title: T\n  publisher: CIH\n  versions: {versions}\n", encoding="utf-8")
    with pytest.raises(HandbookError, match="each version of document COC must be a mapping with version, in_force and file"):
        load_manifest(path)


@SETTINGS
@given(st.one_of(st.text(max_size=200), yaml_text))
def test_yaml_loader_parses_or_reports(scratch: Path, text: str) -> None:
    path = scratch / "any.yml"
    path.write_text(text, encoding="utf-8")
    try:
        load_yaml(path, what="file")
    except HandbookError as err:
        assert "\n" not in str(err)


@SETTINGS
@given(st.binary(max_size=200))
def test_yaml_loader_on_arbitrary_bytes(scratch: Path, data: bytes) -> None:
    path = scratch / "bytes.yml"
    path.write_bytes(data)
    try:
        load_yaml(path, what="file")
    except HandbookError as err:
        assert "\n" not in str(err)


line_text = st.sampled_from(
    ["• act with honesty", "1. Integrity", "Members must:", "Principle 2 – Care", "plain words", "", " ", "– dash", "?", "\uf0b7", "■", "12", "Page 1 of 2", "SAMPLE"]
) | words
run = st.builds(
    lambda text, x, y, size, bold, width: Run(text=text, x=x, y=y, size=size, font="Helvetica-Bold" if bold else "Helvetica", width=width),
    line_text,
    st.floats(-20, 620),
    st.floats(-20, 860),
    st.sampled_from([0.0, 6.0, 8.0, 10.5, 12.0, 15.0, 28.0]) | st.floats(0.1, 80),
    st.booleans(),
    st.floats(0, 600),
)
line_runs = st.lists(run, min_size=1, max_size=3)


@SETTINGS
@given(st.lists(st.lists(st.tuples(line_runs, st.booleans()), max_size=14), min_size=1, max_size=3))
def test_structure_builds_or_reports(pages_lines: list[list[tuple[list[Run], bool]]]) -> None:
    pages = []
    for number, lines in enumerate(pages_lines, start=1):
        built = []
        for runs, aside in lines:
            y = runs[0].y  # one baseline per line, runs left to right
            ordered = tuple(sorted((Run(r.text, r.x, y, r.size, r.font, r.width) for r in runs), key=lambda r: r.x))
            built.append(Line(runs=ordered, page=number, aside=aside))
        built.sort(key=lambda line: (-line.runs[0].y, line.x))
        pages.append(PageLayout(number=number, width=595, height=842, lines=built))
    try:
        doc = build_document(pages, code="DOC", kind="code", sha256="0", source="random.pdf")
    except HandbookError as err:
        assert str(err).startswith("random.pdf") and "\n" not in str(err)
    else:
        assert isinstance(doc, Document)
        assert len({c.id for c in doc.clauses}) == len(doc.clauses)
        assert all(c.text.strip() for c in doc.clauses)
        # DOC-1.4, a question DOC-Q2, or DOC-3 in a document that is one list under a lead-in (an implicit section)
        assert all(re.fullmatch(r"DOC-(\d+(\.\d+)?|Q\d+)", c.id) for c in doc.clauses)
        assert all(1 <= c.page <= len(pages) for c in doc.clauses)
        assert {c.kind for c in doc.clauses} <= {"requirement", "question"}


@SETTINGS
@given(st.lists(st.lists(st.tuples(line_runs, st.booleans()), max_size=14), min_size=1, max_size=3))
def test_framework_structure_builds_or_reports(pages_lines: list[list[tuple[list[Run], bool]]]) -> None:
    pages = [
        PageLayout(
            number=n,
            width=595,
            height=842,
            lines=sorted(
                (Line(runs=tuple(sorted((Run(r.text, r.x, runs[0].y, r.size, r.font, r.width) for r in runs), key=lambda r: r.x)), page=n, aside=a) for runs, a in lines),
                key=lambda line: (-line.runs[0].y, line.x),
            ),
        )
        for n, lines in enumerate(pages_lines, start=1)
    ]
    try:
        doc = build_document(pages, code="PSF", kind="framework", sha256="0", source="random.pdf")
    except HandbookError as err:
        assert str(err).startswith("random.pdf") and "\n" not in str(err)
    else:
        assert isinstance(doc, Document)


# ---------------------------------------------------------------------------
# The parse branch, reached every time: well-formed inputs built from known
# content must come back with exactly that content, not merely "a Document".

word = st.sampled_from(["act", "honestly", "tenants", "records", "declare", "interests", "fairly", "respect", "privacy", "learning"])
clause_text = st.lists(word, min_size=2, max_size=8).map(" ".join)
section_spec = st.tuples(st.lists(word, min_size=1, max_size=3).map(lambda ws: " ".join(ws).capitalize()), st.lists(clause_text, min_size=1, max_size=5))


def layout_of(sections: list[tuple[str, list[str]]]) -> list[PageLayout]:
    """One page per section: a bold numbered heading and a bulleted list, each item on one line."""
    pages = []
    for n, (title, clauses) in enumerate(sections, start=1):
        y = 780.0
        lines = [Line(runs=(Run(f"{n}. {title}", 56, y, 15.0, "Helvetica-Bold", 200),), page=n)]
        for text in clauses:
            y -= 18
            lines.append(Line(runs=(Run("•", 60, y, 10.5, "Helvetica", 4), Run(text, 72, y, 10.5, "Helvetica", 5.2 * len(text))), page=n))
        pages.append(PageLayout(number=n, width=595, height=842, lines=lines))
    return pages


@SETTINGS
@given(st.lists(section_spec, min_size=1, max_size=4))
def test_well_formed_layouts_give_back_exactly_their_sections_and_clauses(sections: list[tuple[str, list[str]]]) -> None:
    doc = build_document(layout_of(sections), code="DOC", kind="code", sha256="0", source="made.pdf")
    assert [(s.number, s.title) for s in doc.sections] == [(str(n), title) for n, (title, _) in enumerate(sections, start=1)]
    assert [(c.id, c.text, c.kind, c.page) for c in doc.clauses] == [
        (f"DOC-{n}.{i}", text, "requirement", n) for n, (_, texts) in enumerate(sections, start=1) for i, text in enumerate(texts, start=1)
    ]


valid_version = st.builds(
    lambda label, day: {"version": label, "in_force": day, "file": "a.pdf"},
    st.sampled_from(["v1", "v2", "v3", "Edition 4", "2024"]),
    st.dates(min_value=__import__("datetime").date(1990, 1, 1), max_value=__import__("datetime").date(2040, 12, 31)),
)
valid_document = st.builds(
    lambda code, title, versions: {"code": code, "title": title, "publisher": "CIH", "versions": versions},
    st.sampled_from(["COC", "COE", "PSF", "X1"]),
    st.sampled_from(["Code of Conduct", "Code: of \"Ethics\"", "Framework & more"]),
    st.lists(valid_version, min_size=1, max_size=3, unique_by=lambda v: v["version"]),
)


@SETTINGS
@given(st.lists(valid_document, min_size=1, max_size=3, unique_by=lambda d: d["code"]))
def test_valid_manifests_load_with_exactly_what_they_say(scratch: Path, documents: list[dict]) -> None:
    path = scratch / "valid.yml"
    path.write_text(yaml.safe_dump({"documents": documents}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    manifest = load_manifest(path)
    assert [(e.code, e.title, e.publisher, e.version, e.in_force, Path(e.path)) for e in manifest.documents] == [
        (d["code"], d["title"], "CIH", v["version"], v["in_force"], (scratch / "a.pdf").resolve()) for d in documents for v in d["versions"]
    ]
    assert manifest.warnings == ()
