"""Text clean-up shared by extraction, hashing, search and mapping.

Two forms of every clause exist. The *display* form is what the PDF says, as a
reader sees it: ligature glyphs (ﬁ, ﬂ) become the letters they stand for, but
curly quotes and dashes are kept. The *normalised* form is for matching and
hashing: compatibility characters folded (NFKC), quotes straightened, dashes
made hyphens and white space collapsed, so that re-typesetting a PDF (new
fonts, new quote style) does not make a clause look reworded, while any
change of wording does.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

# Ligature glyphs a typesetter substitutes for letter pairs; they are never
# part of the wording, so the display text spells them out.
LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}

# Characters PDFs use for layout rather than wording.
INVISIBLE = {
    "\u00ad": "",  # soft hyphen: only ever a possible break point
    "\u200b": "",  # zero-width space
    "\ufeff": "",  # byte-order mark / zero-width no-break space
    "\u00a0": " ",  # no-break space
    "\u2002": " ",
    "\u2003": " ",
    "\u2009": " ",
    "\u202f": " ",
}

_MATCH_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u2026": "...",
    }
)

_DISPLAY = str.maketrans({**LIGATURES, **INVISIBLE})
# Translating with a table is slow per character; most text has nothing to translate.
_DISPLAY_CHARS = re.compile("[" + re.escape("".join(LIGATURES) + "".join(INVISIBLE)) + "]")


def collapse_spaces(text: str) -> str:
    """Runs of white space as one space, none at the ends: like a regex sub of \\s+ then strip(), faster."""
    return " ".join(text.split())


def clean_display(text: str) -> str:
    """Spell out ligatures and drop layout-only characters, keeping typography."""
    if _DISPLAY_CHARS.search(text):
        text = text.translate(_DISPLAY)
    return collapse_spaces(text)


def normalise(text: str) -> str:
    """The matching form of a text: what is hashed and compared across versions."""
    text = unicodedata.normalize("NFKC", clean_display(text))
    return collapse_spaces(text.translate(_MATCH_FOLD))


def text_sha256(text: str) -> str:
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def words(text: str) -> list[str]:
    """Lower-case words of the normalised text, for search and suggestions."""
    return _WORD.findall(normalise(text).lower())
