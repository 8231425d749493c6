"""What changed between two versions of a document, matched by content.

Clause IDs are positions ("the fourth requirement of principle 1"), so a
clause inserted early in a new version shifts the IDs after it. Versions are
therefore compared by wording: identical normalised text first, then the most
similar remaining clause above a similarity threshold. What is left over was
added or removed.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

from .model import Clause, Document
from .textnorm import words

SIMILAR_ENOUGH = 0.6  # below this, a changed clause is a removal plus an addition


@dataclass(frozen=True)
class ClauseChange:
    status: str  # "unchanged" | "reworded" | "added" | "removed"
    old: Clause | None
    new: Clause | None
    similarity: float = 1.0

    @property
    def moved(self) -> bool:
        return self.old is not None and self.new is not None and self.old.id != self.new.id


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, words(a), words(b), autojunk=False).ratio()


@lru_cache(maxsize=64)
def compare(old: Document, new: Document) -> tuple[ClauseChange, ...]:
    """Every clause of both versions, paired where the wording shows they are the same clause.

    Cached: every page of a superseded version asks for the same comparison.
    """
    pairs: dict[str, ClauseChange] = {}
    old_left = list(old.clauses)
    new_left = list(new.clauses)
    by_hash = {}
    for clause in old_left:
        by_hash.setdefault(clause.sha256, []).append(clause)
    for clause in list(new_left):
        matches = by_hash.get(clause.sha256)
        if matches:
            twin = matches.pop(0)
            pairs[clause.id] = ClauseChange("unchanged", twin, clause)
            old_left.remove(twin)
            new_left.remove(clause)
    candidates = sorted(
        ((similarity(o.text, n.text), i, j) for i, o in enumerate(old_left) for j, n in enumerate(new_left)),
        reverse=True,
    )
    used_old: set[int] = set()
    used_new: set[int] = set()
    for score, i, j in candidates:
        if score < SIMILAR_ENOUGH:
            break
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        pairs[new_left[j].id] = ClauseChange("reworded", old_left[i], new_left[j], round(score, 3))
    changes = [pairs.get(c.id) or ClauseChange("added", None, c, 0.0) for c in new.clauses]
    removed = [ClauseChange("removed", o, None, 0.0) for i, o in enumerate(old_left) if i not in used_old]
    return tuple(changes + removed)


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """(op, text) runs: op is "=", "-" (only in old) or "+" (only in new); words keep their spacing."""
    a = re.findall(r"\S+\s*", old)
    b = re.findall(r"\S+\s*", new)
    out: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(("=", "".join(a[i1:i2])))
        else:
            if i2 > i1:
                out.append(("-", "".join(a[i1:i2])))
            if j2 > j1:
                out.append(("+", "".join(b[j1:j2])))
    return out


def successor(changes: tuple[ClauseChange, ...], old_id: str) -> Clause | None:
    """The clause in the newer version that continues `old_id`, if any."""
    return next((c.new for c in changes if c.old is not None and c.old.id == old_id), None)
