"""Lines back into running text: paragraphs gathered, wrapped lines rejoined, line-end hyphens undone.

Shared by the CIH document reader (`structure`) and the council policy reader
(`policy_structure`): both gather a page's lines into paragraphs and clauses,
then join each one's lines into the wording as written.
"""

from __future__ import annotations

import gzip
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from .pdf_layout import Line, rounded_weights
from .textnorm import clean_display

SENTENCE_END = (".", ";", "?", "!", ":", "”", '"')
# Words commonly joined to the next by a hyphen: a break after them keeps it.
COMPOUND_HEADS = {
    "well", "self", "non", "co", "cross", "ex", "anti", "pre", "post", "multi", "full",
    "part", "long", "short", "cost", "up", "face", "high", "low", "best", "ill", "all",
    "decision", "evidence", "person", "value", "rent", "record",
}
# Endings English builds words with. As the rest of a word after a line-end hyphen ("record-ed",
# "appoint-ment") one is no word of a compound, though a word list may list it (SCOWL has "ed", "ion").
SUFFIXES = frozenset(
    "ed es est ing ings er ers ly ally al ism ist ists ity ities ive ives ous ion ions ation ations ment ments "
    "ness ance ence ant ants ent ents able ible ably ibly ate ated ates ise ised ize ized ish ful fully less".split()
)
# Endings that make other forms of one word (update: updates, updated, updating; prevent: prevention).
_FORMS = ("s", "es", "d", "ed", "ing", "er", "ers", "ion", "ions", "ation", "ations", "ive", "ly", "ment", "ments", "al")


@dataclass
class Block:
    """Lines being gathered into one paragraph or clause."""

    lines: list[Line] = field(default_factory=list)

    @property
    def page(self) -> int:
        return self.lines[0].page


def commonest_size(lines: list[Line]) -> float:
    """The type size most of the text is set in (the body text), weighted by characters."""
    weights: Counter[float] = Counter()
    for ln in lines:
        weights[ln.size] += len(ln.text)
    rounded = rounded_weights(weights, 1)
    return rounded.most_common(1)[0][0] if rounded else 10.0


def add_to_paragraphs(blocks: list[Block], line: Line, prev: Line | None) -> None:
    if blocks and prev is not None and blocks[-1].lines[-1] is prev and same_paragraph(prev, line):
        blocks[-1].lines.append(line)
    else:
        blocks.append(Block([line]))


def same_paragraph(prev: Line, line: Line) -> bool:
    """The next line of a paragraph: just below the line before at its size (further below, as in text set
    with airy line spacing, when the sentence goes on into it), or at the top of the next page or column
    when the sentence goes on into it (a paragraph or a callout's box broken across a page)."""
    if abs(prev.size - line.size) >= 0.6:
        return False
    step = prev.y - line.y if prev.page == line.page else 0.0
    if 0 < step < 1.6 * max(prev.size, line.size):
        return True
    # Going on mid-sentence: the line before ends in a comma or no stop, and this one starts in lower case.
    if prev.text.rstrip().endswith(SENTENCE_END) or not (line.text[:1].islower() or prev.text.rstrip().endswith(",")):
        return False
    return 0 < step < 2.2 * max(prev.size, line.size) or line.page == prev.page + 1 or step < 0


# ---------------------------------------------------------------------------
# Joining lines back into running text.


def paragraphs_text(blocks: list[Block], lexicon: Lexicon) -> str:
    return "\n\n".join(join_lines(b.lines, lexicon) for b in blocks)


def join_lines(lines: list[Line], lexicon: Lexicon) -> str:
    text = ""
    for n, line in enumerate(lines):
        part = line.body_text if n == 0 else line.text
        text = join_wrapped(text, part, lexicon) if text else part
    return clean_display(text)


_HYPHENATED_END = re.compile(r"(\w+)[-\u2010]$")
# A web or e-mail address ending the text so far: "https://…", "www.…", "name@host…".
_ADDRESS_END = re.compile(r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.|[\w.+-]+@)\S*$", re.IGNORECASE)
# The rest of an address starting a line: a path ("housing/policies"), or a host ("example.gov.uk").
_ADDRESS_REST = re.compile(r"^[\w~%-]*(?:/|(?:\.[a-z0-9-]{2,})+(?:[/:?#]|[.,;:)]?(?:\s|$)))", re.IGNORECASE)
_LETTERS_END = re.compile(r"[^\W\d_]+$")
_LETTERS_START = re.compile(r"^[^\W\d_]+")
_HYPHENATED_WORD = re.compile(r"\w+(?:[-\u2010]\w+)+")
_WORD = re.compile(r"[^\W\d_]+")


@cache
def english_words() -> frozenset[str]:
    """A British English word list (SCOWL, via Debian's wbritish; see data/words-en-gb.LICENSE)."""
    data = resources.files("handbook").joinpath("data/words-en-gb.txt.gz").read_bytes()
    return frozenset(gzip.decompress(data).decode("ascii").split())


class Lexicon:
    """What a document itself spells: its hyphenated compounds and its plain words.

    Worked out on first use: most documents have no word hyphenated at a line end.
    """

    def __init__(self, lines: list[Line] | None = None) -> None:
        self._lines = lines or []
        self._compounds: set[str] | None = None
        self._words: set[str] = set()

    @property
    def compounds(self) -> set[str]:
        if self._compounds is None:
            self._compounds = set()
            broken = False  # the line before ended in a hyphen: this one starts with the rest of a word
            for ln in self._lines:
                text = ln.text.lower()
                if broken and " " in text:
                    text = text.split(" ", 1)[1]
                broken = text.endswith(("-", "\u2010"))
                if "-" in text or "\u2010" in text:
                    for match in _HYPHENATED_WORD.findall(text):
                        parts = re.split("[-\u2010]", match)
                        self._compounds.update(f"{a}-{b}" for a, b in zip(parts, parts[1:]))
                # Words not at the line's end (a line-end fragment may be half a word, as may the first after a hyphen).
                if " " in text:
                    self._words.update(_WORD.findall(text.rsplit(" ", 1)[0]))
        return self._compounds

    @property
    def words(self) -> set[str]:
        _ = self.compounds
        return self._words

    def __contains__(self, compound: str) -> bool:  # "well-being" in lexicon: the document hyphenates it
        return compound in self.compounds

    def keeps_hyphen(self, head: str, tail: str) -> bool:
        """At a line break "head-" + "tail…": is the hyphen part of the wording?"""
        h, t = head.lower(), tail.lower()
        if f"{h}-{t}" in self.compounds:
            return True  # the document writes the compound elsewhere
        if h + t in self.words:
            return False  # the document writes the word whole elsewhere
        if any(form in self.words for form in word_forms(h + t)):
            return False  # ... or another form of it ("examples", "prevention", "updated")
        words = english_words()
        if t in SUFFIXES and h + t in words:
            return False  # "record-ed": an ending, not a word of a compound
        if h in COMPOUND_HEADS:
            # "ex-partner", "co-operate" keep it; "ex-plaining", "part-ner" were split from one word
            # (the tail is no word of its own, the two together are).
            return not (h + t in words and t not in words and t not in self.words)
        if h + t in words:
            return False  # a dictionary word split by the line break
        # Two words of their own make a compound (out-of, decision-making);
        # a fragment that is no word on its own was split from its word.
        return (h in words or h in self.words) and (t in words or t in self.words)


def word_forms(word: str) -> set[str]:
    """Other forms of `word` by the commonest endings (update: updates, updated, updating, …; exchanges:
    exchange, exchanged, …), for recognising the word in a document that writes it only in another form."""
    bases = {word}
    for ending in _FORMS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            stem = word[: -len(ending)]
            bases.update((stem, stem + "e"))
    forms = set(bases)
    for base in bases:
        for stem in (base, base[:-1]) if base.endswith("e") else (base,):
            forms.update(stem + ending for ending in _FORMS)
    forms.discard(word)
    return forms


def join_wrapped(before: str, after: str, lexicon: Lexicon | set[str] | frozenset[str] = frozenset()) -> str:
    """Join two wrapped lines, undoing a hyphenation break where there was one."""
    before = before.rstrip()
    after = after.lstrip()
    if before.endswith("\u00ad"):
        return before[:-1] + after
    if before.endswith(("\u00ad-", "\u00ad\u2010")):
        return before[:-2] + after  # the hyphen drawn at a soft hyphen: the word goes on
    if before.endswith(("-", "\u2010")) and before[:-1].rstrip().endswith("\u00ad"):
        return before[:-1].rstrip()[:-1] + after  # the same, drawn apart from the word (justified, or placed on its own)
    if before.endswith("/") and before[-2:-1].strip() and after[:1].isalnum():
        return before + after  # a word broken after its slash ("and/or", a web address): no space was there
    address = _address_end(before[-200:]) if after[:1].isalnum() else None
    if address and _address_goes_on(address.group(0), after, lexicon):
        return before + after
    # Only the last word matters; searching the whole paragraph so far made joining quadratic.
    match = _HYPHENATED_END.search(before[-80:]) if before.endswith(("-", "\u2010")) else None
    if match and after[:1].isalpha():
        head = match.group(1)
        tail = re.match(r"\w+", after)
        word_tail = tail.group(0) if tail else ""
        if not after[:1].islower() or head.isdigit() or (len(head) > 1 and head.isupper()):
            return before + after  # "CIH-accredited": an acronym is never split by hyphenation
        if isinstance(lexicon, Lexicon):
            keep = lexicon.keeps_hyphen(head, word_tail)
        else:
            keep = f"{head}-{word_tail}".lower() in lexicon or head.lower() in COMPOUND_HEADS
        return before + after if keep else before[:-1] + after
    return f"{before} {after}"


def _address_end(text: str) -> re.Match[str] | None:
    """`_ADDRESS_END` searched in `text`; only where "://", "www." or "@" occurs can it match, and
    most text has none of them (the search tries every word of the text as the start of an e-mail name)."""
    if "@" in text or "://" in text or "www." in text.lower():
        return _ADDRESS_END.search(text)
    return None


def _address_goes_on(address: str, after: str, lexicon: Lexicon | set[str] | frozenset[str]) -> bool:
    """A web or e-mail address at a line's end, broken inside it: does the next line go on with it?

    Programs break an address too long for what is left of the line after a dot, at "@" or anywhere
    ("…/polici" + "es", LibreOffice). It goes on when it stopped at a dot, "@", "-", "_", "=", "&", "?"
    or "#" before a lower-case letter or digit; when the next line starts with the rest of a path or a
    host ("housing/policies", "example.gov.uk"); or when its last letters and the next line's first
    letters make a word (of the document or the word list) that its last letters alone do not make, or
    that the next line's first letters alone do not. A complete address ("…/policies" + "when") leaves
    its space: "policieswhen" is no word.
    """
    if address.endswith((".", "@", "-", "_", "=", "&", "?", "#")):
        return address.endswith(("@", "=", "&")) or after[:1].islower() or after[:1].isdigit()
    if _ADDRESS_REST.match(after) and not re.match(r"(?:[a-z][a-z0-9+.-]*://|www\.)", after, re.IGNORECASE):
        return True
    head = _LETTERS_END.search(address)
    tail = _LETTERS_START.match(after)
    if not head or not tail or not after[:1].islower() or len(head.group(0)) == len(address):
        return False
    h, t = head.group(0).lower(), tail.group(0).lower()
    document = lexicon.words if isinstance(lexicon, Lexicon) else set(lexicon)
    words = english_words()

    whole = h + t
    joined = whole in words or whole in document or any(form in document for form in word_forms(whole))
    # The pieces as written, not in other forms: "polici" + "es" is no other form of "policies".
    return joined and not ((h in words or h in document) and (t in words or t in document))


def clip(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def hyphen_lexicon(lines: list[Line]) -> Lexicon:
    """What the document spells (its hyphenated compounds and whole words), for rejoining line-end hyphens."""
    return Lexicon(lines)


def rows_by_baseline(lines: list[Line]) -> list[list[Line]]:
    """Lines grouped into rows, top down: a line within a third of its size of a row's first line shares its
    baseline (a table's cells side by side)."""
    rows: list[list[Line]] = []
    for line in sorted(lines, key=lambda ln: -ln.y):
        if rows and abs(rows[-1][0].y - line.y) <= 0.35 * line.size:
            rows[-1].append(line)
        else:
            rows.append([line])
    return rows
