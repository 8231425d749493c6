"""The word families (`data/word_families.yml`): derived words that mean the same in a conduct standard.

This project's own reviewed list ("honest", "honestly", "honesty", "dishonesty"; "law", "legal"),
read once and shared: suggestions treat a family as one term (`suggest.term`), and search lets a
typed word also find the others (`search_text.alternatives`).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .errors import HandbookError, display_path
from .yamlio import load_yaml

FAMILIES = Path(__file__).parent / "data" / "word_families.yml"


@lru_cache(maxsize=1)
def family_lists() -> tuple[tuple[str, ...], ...]:
    """Each family's words, the family's name (its first word) first."""
    data = load_yaml(FAMILIES, what="word families file")
    families = data.get("families") if isinstance(data, dict) else None
    if not isinstance(families, list) or not all(isinstance(f, list) and f for f in families):
        raise HandbookError(display_path(FAMILIES), "word families file has no 'families:' list of word lists", "restore data/word_families.yml")
    return tuple(tuple(str(w) for w in family) for family in families)
