"""What the Housing committee asked, and the statements made in answer, as data.

The committee's minutes record its concerns and the Director's answers. The
alignment report tests each statement against the handbook's own data, so
`content/committee.yml` says only *what* was said and *which test* applies;
the figures and the verdicts are computed (`report.py`). Where a statement can
only be checked against the wording of a council policy, the entry cites the
clauses and the reviewer's finding, and the report quotes the clauses verbatim.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from .errors import HandbookError, display_path
from .yamlio import line_of, load_yaml, text_field


class Test(str, Enum):
    """How a statement is tested against the data."""

    NOLAN = "nolan"  # every reviewed CIH clause expresses at least one Nolan principle
    SIMILAR = "similar"  # a CIH document's clauses engage a named council policy
    BREACH = "breach"  # a breach of a CIH document's clauses would engage a council policy
    EVIDENCE = "evidence"  # the council's own clauses, quoted, with the reviewer's finding
    CURRENCY = "currency"  # how long the council's policies have gone without a new version


class Verdict(str, Enum):
    SUPPORTED = "Supported"
    LARGELY = "Largely supported"
    PARTLY = "Partly supported"
    NOT_SUPPORTED = "Not supported by the data"
    NOT_TESTED = "Not tested by the data"


@dataclass(frozen=True)
class Statement:
    id: str
    said_by: str
    text: str
    test: Test
    document: str = ""  # CIH document code, for similar and breach
    policy: str = ""  # council policy code, for similar
    evidence: tuple[str, ...] = ()  # council clause IDs, for evidence
    finding: str = ""  # the reviewer's finding, for evidence
    verdict: Verdict | None = None  # the reviewer's verdict, for evidence
    max_age_years: int = 3  # for currency
    line: int | None = None


@dataclass(frozen=True)
class Concern:
    id: str
    text: str
    answered_by: tuple[str, ...]  # statement IDs
    note: str  # what the data cannot answer, and where the answer will come from
    line: int | None = None


@dataclass(frozen=True)
class Committee:
    meeting: str
    concerns: tuple[Concern, ...]
    statements: tuple[Statement, ...]
    path: str = ""

    def statement(self, ident: str) -> Statement:
        return next(s for s in self.statements if s.id == ident)


def load_committee(path: Path) -> Committee:
    data = load_yaml(path, what="committee file")
    shown = display_path(path)
    if not isinstance(data, dict):
        raise HandbookError(shown, "not a mapping of meeting, concerns and statements", "see the comments at the top of the sample file")
    for key in ("concerns", "statements"):
        if not isinstance(data.get(key), list):
            raise HandbookError(shown, f"no '{key}' list", f"list the {key} under '{key}:'", line=line_of(data))
    statements = tuple(_statement(item, shown) for item in data["statements"])
    ids = _unique([(s.id, s.line) for s in statements], shown, "statement")
    concerns = tuple(_concern(item, shown) for item in data["concerns"])
    _unique([(c.id, c.line) for c in concerns], shown, "concern")
    for concern in concerns:
        for ident in concern.answered_by:
            if ident not in ids:
                raise HandbookError(
                    shown, f"concern {concern.id} is answered by {ident}, which is not a statement", "name a statement id", line=concern.line
                )
    return Committee(text_field(data, "meeting", shown), concerns, statements, shown)


def _unique(items: list[tuple[str, int | None]], shown: str, what: str) -> set[str]:
    seen: set[str] = set()
    for ident, line in items:
        if ident in seen:
            raise HandbookError(shown, f"{what} id {ident} appears twice", f"give each {what} its own id", line=line)
        seen.add(ident)
    return seen


def _text(item: dict[str, Any], shown: str, key: str) -> str:
    return text_field(item, key, shown).strip()


def _statement(item: Any, shown: str) -> Statement:
    line = line_of(item)
    if not isinstance(item, dict) or not _text(item, shown, "id") or not _text(item, shown, "text"):
        raise HandbookError(shown, "each statement needs an id and a text", "add 'id:' and 'text:'", line=line)
    ident = _text(item, shown, "id")
    tests = ", ".join(t.value for t in Test)
    try:
        test = Test(_text(item, shown, "test"))
    except ValueError:
        raise HandbookError(shown, f"statement {ident}: test must be one of {tests}", "set 'test:'", line=line) from None
    needs = {Test.SIMILAR: ("document", "policy"), Test.BREACH: ("document",), Test.EVIDENCE: ("evidence", "finding", "verdict")}
    for key in needs.get(test, ()):
        if not item.get(key):
            raise HandbookError(shown, f"statement {ident}: a '{test.value}' test needs '{key}'", f"add '{key}:'", line=line)
    verdict = None
    if test is Test.EVIDENCE:
        try:
            verdict = Verdict(_text(item, shown, "verdict"))
        except ValueError:
            raise HandbookError(
                shown, f"statement {ident}: verdict must be one of {', '.join(v.value for v in Verdict)}", "set 'verdict:'", line=line
            ) from None
    evidence = item.get("evidence") or []
    if not isinstance(evidence, list):
        raise HandbookError(shown, f"statement {ident}: 'evidence' is not a list of clause IDs", "write [TRA-4.1, …]", line=line)
    age = item.get("max_age_years", 3)
    if not isinstance(age, int) or isinstance(age, bool) or age < 1:
        raise HandbookError(shown, f"statement {ident}: max_age_years must be a whole number of years", "write e.g. 3", line=line)
    return Statement(
        id=ident,
        said_by=_text(item, shown, "said_by"),
        text=_text(item, shown, "text"),
        test=test,
        document=_text(item, shown, "document"),
        policy=_text(item, shown, "policy"),
        evidence=tuple(str(e) for e in evidence),
        finding=_text(item, shown, "finding"),
        verdict=verdict,
        max_age_years=age,
        line=line,
    )


def _concern(item: Any, shown: str) -> Concern:
    line = line_of(item)
    if not isinstance(item, dict) or not _text(item, shown, "id") or not _text(item, shown, "text"):
        raise HandbookError(shown, "each concern needs an id and a text", "add 'id:' and 'text:'", line=line)
    answered = item.get("answered_by") or []
    if not isinstance(answered, list):
        raise HandbookError(shown, f"concern {_text(item, shown, 'id')}: 'answered_by' is not a list", "list statement ids", line=line)
    if not answered and not _text(item, shown, "note"):
        raise HandbookError(
            shown, f"concern {_text(item, shown, 'id')} is answered by no statement and has no note", "add 'answered_by:' or a 'note:'", line=line
        )
    return Concern(_text(item, shown, "id"), _text(item, shown, "text"), tuple(str(a) for a in answered), _text(item, shown, "note"), line)
