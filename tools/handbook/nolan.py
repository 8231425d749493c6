"""The Seven Principles of Public Life, as data the mapping and the pages use.

The wording is the Committee on Standards in Public Life's 2013 revision as
published on GOV.UK, with Leadership as amended in 2021 (data/nolan.yml); `synonyms` are this project's own words
that `handbook suggest` uses, beside the reviewed mapping, to suggest principles for a clause.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import HandbookError, display_path
from .yamlio import line_of, load_yaml

DATA = Path(__file__).parent / "data" / "nolan.yml"


@dataclass(frozen=True)
class Attribution:
    publisher: str
    title: str
    url: str
    licence: str
    licence_url: str
    wording: str


@dataclass(frozen=True)
class Principle:
    id: str  # "integrity"
    number: int  # 1..7 in the official order
    name: str  # "Integrity"
    description: str  # official wording, verbatim (see data/nolan.yml)
    synonyms: tuple[str, ...]  # this project's reviewed synonyms, not official wording

    @property
    def keywords(self) -> tuple[str, ...]:
        return self.synonyms


@dataclass(frozen=True)
class Principles:
    attribution: Attribution
    items: tuple[Principle, ...]

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def get(self, principle_id: str) -> Principle | None:
        return next((p for p in self.items if p.id == principle_id), None)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.items)


def load_principles(path: Path = DATA) -> Principles:
    data = load_yaml(path, what="Nolan principles file")
    shown = display_path(path)
    try:
        src = data["source"]
        attribution = Attribution(
            publisher=str(src["publisher"]),
            title=str(src["title"]),
            url=str(src["url"]),
            licence=str(src["licence"]),
            licence_url=str(src.get("licence_url", "")),
            wording=str(src["wording"]),
        )
        items = tuple(
            Principle(
                id=str(p["id"]),
                number=int(p["number"]),
                name=str(p["name"]),
                description=" ".join(str(p["description"]).split()),
                synonyms=tuple(str(k) for k in p["synonyms"]),
            )
            for p in data["principles"]
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise HandbookError(shown, f"Nolan principles file is incomplete ({exc})", "restore data/nolan.yml", line=line_of(data)) from None
    return Principles(attribution, items)


@lru_cache(maxsize=1)
def default_principles() -> Principles:
    return load_principles(DATA)
