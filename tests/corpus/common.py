"""The corpus texts (data/*.yml) and what extraction must give back from them.

Every generator in this folder reads a document through `load()`, which gives
each producer its own variant of the wording (the clauses of every section in
a different order), so that lines wrap in different places for each producer.
Each producer has three looks (`variant` 0, 1 and 2): the second gives every
document another document's font, size, margins and bullet style, and its
own clause order; the third gives each document a style of its own that the
others never use (other fonts and list markers, three columns, "Section 2 —"
headings or a number in a round badge, labelled items). `expected()` is the exact section/clause list a PDF made from that variant
must extract to, and `norm()` is the only normalisation the comparison allows:
Unicode NFKC, ligatures spelled out, white space collapsed. Curly quotes,
apostrophes and dashes are compared as written.
"""

from __future__ import annotations

import copy
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).parent / "data"
DOCUMENTS = ("code-of-conduct", "code-of-ethics", "framework", "earlier-edition", "long-document")
PRODUCERS = ("chromium", "typst", "libreoffice", "reportlab", "fpdf2")

_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"}


def norm(text: str) -> str:
    """NFKC, ligatures spelled out, white space collapsed; nothing else."""
    text = unicodedata.normalize("NFKC", "".join(_LIGATURES.get(ch, ch) for ch in text))
    return " ".join(text.split())


@dataclass(frozen=True)
class ExpectedSection:
    number: str | None  # None: an implicit section (no numbered headings); its number is not compared
    title: str | None
    clauses: tuple[tuple[str, str], ...]  # (id, text)
    asides: tuple[str, ...]  # text that must be one of the document's asides, never in a clause


def _raw(name: str) -> dict[str, Any]:
    return yaml.safe_load((DATA / f"{name}.yml").read_text(encoding="utf-8"))


def _expand_long(data: dict[str, Any]) -> None:
    """The long document's sections: every topic × aspect, numbered 1 … N."""
    sections = []
    for topic in data.pop("topics"):
        for aspect in data["aspects"]:
            sections.append(
                {
                    "number": str(len(sections) + 1),
                    "title": f"{topic} \u2013 {aspect['title']}",
                    "intro": data["lead_in"],
                    "clauses": [c.format(topic=topic.lower()) for c in aspect["clauses"]],
                }
            )
    del data["aspects"]
    data["sections"] = sections


VARIANTS = (0, 1, 2)


def rotated(name: str, variant: int) -> str:
    """The document whose look `name` borrows in `variant` (variant 0: its own)."""
    return DOCUMENTS[(DOCUMENTS.index(name) + variant) % len(DOCUMENTS)]


def load(name: str, producer: str, variant: int = 0) -> dict[str, Any]:
    """The document `name` as producer `producer` typesets it in look `variant` (its own clause order)."""
    data = copy.deepcopy(_raw(name))
    if name == "long-document":
        _expand_long(data)
    shift = PRODUCERS.index(producer) + 2 * variant
    for section in data.get("sections", []):
        clauses = section["clauses"]
        k = shift % len(clauses)
        section["clauses"] = clauses[k:] + clauses[:k]
    if "clauses" in data:
        k = shift % len(data["clauses"])
        data["clauses"] = data["clauses"][k:] + data["clauses"][:k]
    return data


def expected(data: dict[str, Any]) -> list[ExpectedSection]:
    code = data["code"]
    if "sections" not in data:  # the earlier edition: one implicit section, clauses CODE-1 … CODE-n
        return [
            ExpectedSection(None, None, tuple((f"{code}-{i}", t) for i, t in enumerate(data["clauses"], 1)), ())
        ]
    out = [
        ExpectedSection(
            s["number"],
            s["title"],
            tuple((f"{code}-{s['number']}.{i}", t) for i, t in enumerate(s["clauses"], 1)),
            (s["aside"],) if "aside" in s else (),
        )
        for s in data["sections"]
    ]
    if "questions" in data:
        q = data["questions"]
        out.append(ExpectedSection("Q", q["title"], tuple((f"{code}-Q{i}", t) for i, t in enumerate(q["items"], 1)), ()))
    return out


def without_asides(sections: list[ExpectedSection]) -> list[ExpectedSection]:
    """For a producer that cannot draw the callout (the fpdf2 brochure has no boxes)."""
    return [ExpectedSection(s.number, s.title, s.clauses, ()) for s in sections]
