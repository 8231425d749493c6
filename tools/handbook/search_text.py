"""How search reads text: tokens, stop words and stems, the same in Python and in the browser.

The index is built here and queried by `assets/search.js`, so both sides must
turn text into the same terms. The stemmer is the Porter stemmer exactly as
lunr.js 2.3.9 writes it (MIT, Oliver Nightingale, after Martin Porter's
reference code); `search.js` carries the JavaScript original and a browser
test checks that the two agree word for word on the whole sample handbook.

Terms:
- a clause ID (`COC-1.4`, `DIS-5.1.b`, `COC12-3.2`) is one term, lower-cased;
- any other word is lower-cased, stripped of accents and of an apostrophe's
  `'s`, given the British -ise/-yse for an American -ize/-yze ending
  (organization → organisation), then stemmed (discriminate, discrimination → `discrimin`);
- stop words ("of", "the", "what", "my") take a position, so phrases keep
  their shape, but are never terms: "of" can never match "offer".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from .errors import HandbookError, display_path
from .word_families import family_lists
from .yamlio import load_yaml

# Function words, the filler of a question ("what do I do if…", "can anyone…", "what happens if…"),
# contractions typed without their apostrophe ("dont", "im") and a phone's shorthand ("u", "frm"):
# never searched for.
STOP_WORDS = frozenset(
    """a about after am an and any are as at be been being but by can could did do does doing for from had has have
    having he her here hers him his how i if in into is it its me my no nor not of on or our ours she should so
    than that the their them then there these they this those to too was we were what when where which while who
    whom why will with would you your yours us shall may might must also anyone anybody anything someone somebody
    something get got need want wants wanted wanting know ok okay please just
    dont didnt doesnt cant cannot wont isnt wasnt arent werent havent hasnt hadnt couldnt shouldnt wouldnt mustnt
    im ive youre theyre happen happens happened happening thing things stuff really very ever
    u ur frm abt pls plz thx cos coz wat wot""".split()
)

# Words that turn the next word into its opposite ("not trained", "never declared"); a word ending in
# n't ("didn't") is one too. Search reads "not trained" as also "untrained" (see search.js).
NEGATIONS = frozenset("not never no nor cannot dont didnt doesnt cant wont isnt wasnt arent werent havent hasnt hadnt couldnt shouldnt wouldnt mustnt".split())

# A contraction's ending: "I'll", "we've", "they're", "you'd", "I'm" are their first word (so "I'll" is
# never "ill"); a word ending in n't ("didn't", "can't") is an auxiliary, never what a query is about.
_CONTRACTION = re.compile(r"('ll|'ve|'re|'d|'m)$")

# A clause ID: a code (letters, then digits in scaled copies), a hyphen, numbered parts, an optional letter item.
# An item is lettered (GIF-2.2.a) or numbered in roman (ECC-4.2.ii, read from a policy's (i), (ii) list).
CLAUSE_ID = r"[a-z]+[0-9]*-[0-9]+(?:\.[0-9]+)*(?:\.(?:[ivx]{2,5}|[a-z])(?![a-z0-9]))?"
_TOKEN = re.compile(CLAUSE_ID + r"|[a-z0-9]+(?:'[a-z]+)*")
_ID = re.compile(CLAUSE_ID + r"$")


def fold(text: str) -> str:
    """Lower case, no accents, straight apostrophes."""
    text = unicodedata.normalize("NFKD", text.lower().replace("\u2019", "'").replace("\u2018", "'"))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    """The tokens of a text as typed (folded), stop words included."""
    return _TOKEN.findall(fold(text))


def term(token: str) -> str:
    """The index term of one token ('' for a stop word)."""
    if _ID.match(token):
        return token
    if len(token) >= 20 and any(ch.isdigit() for ch in token):
        return ""  # checksums, not words
    if token.endswith("'s"):
        token = token[:-2]
    if token.endswith("n't"):
        return ""
    token = _CONTRACTION.sub("", token).replace("'", "")
    if token in STOP_WORDS or not token:
        return ""
    return stem(british(token))


# American -ize/-yze endings read as the British -ise/-yse the handbook uses (organization, analyze).
_US_ENDING = re.compile(r"^([a-z]{3,})([iy])z(e|ed|es|ing|ation|ations|er|ers)$")


def british(token: str) -> str:
    """A word with an American -ize or -yze ending spelt -ise, -yse ("victimization" → "victimisation")."""
    return _US_ENDING.sub(r"\1\2s\3", token)


def terms(text: str, start: int = 0) -> list[tuple[int, str]]:
    """(position, term) for every word of a text that is not a stop word; stop words keep their position."""
    return [(start + i, t) for i, token in enumerate(words(text)) if (t := term(token))]


# ---------------------------------------------------------------------------
# Other words for the same thing, looked up at query time in the browser.

SYNONYMS = Path(__file__).parent / "data" / "search_synonyms.yml"  # everyday words → the handbook's words


def _lists(path: Path, key: str, what: str) -> list:
    data = load_yaml(path, what=what)
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        raise HandbookError(display_path(path), f"{what} has no '{key}:' list", f"restore {path.name}")
    return data[key]


def phrase_terms(text: str) -> tuple[str, ...]:
    """The terms of a word or phrase as search reads them (stop words dropped)."""
    return tuple(t for _, t in terms(text))


def _entries(key: str) -> list:
    """A list of the synonyms file that may be absent (`everyday:` is required, the others are not)."""
    data = load_yaml(SYNONYMS, what="search synonyms file")
    value = data.get(key, []) if isinstance(data, dict) else []
    if not isinstance(value, list):
        raise HandbookError(display_path(SYNONYMS), f"'{key}:' is not a list", "make it a list, as the file's comments show")
    return value


# Endings an American spelling's forms are made with (favor → favors, favored, favorite).
_AMERICAN_ENDINGS = ("", "s", "ed", "ing", "al", "ally", "ite", "ites", "ful", "ly", "able")


@lru_cache(maxsize=1)
def alternatives(glossary: tuple[tuple[str, str], ...] = ()) -> dict[str, list[list[str]]]:
    """What a typed word (or words, space-separated terms) may also stand for: key → phrases of terms.

    From search_synonyms.yml (everyday word → the handbook's wording and abbreviation → what it stands
    for, one way; forms of one word, every way; American spelling → British, one way), word_families.yml
    (each word of a family → the others) and the glossary's (abbreviation, expansion) pairs.
    Keys and phrases are terms, as `term` makes them.
    """
    out: dict[str, list[list[str]]] = {}

    def add(key: tuple[str, ...], phrase: tuple[str, ...]) -> None:
        if key and phrase and phrase != key and list(phrase) not in out.setdefault(" ".join(key), []):
            out[" ".join(key)].append(list(phrase))

    def entry_error(section: str, n: int, needs: str) -> HandbookError:
        return HandbookError(display_path(SYNONYMS), f"'{section}:' entry {n + 1} needs {needs}", "fix that entry")

    for n, entry in enumerate(_lists(SYNONYMS, "everyday", "search synonyms file")):
        if not isinstance(entry, dict) or not isinstance(entry.get("say"), list) or not isinstance(entry.get("means"), list):
            raise HandbookError(display_path(SYNONYMS), f"entry {n + 1} needs a 'say:' list and a 'means:' list", "fix that entry")
        for said in entry["say"]:
            for meant in entry["means"]:
                add(phrase_terms(str(said)), phrase_terms(str(meant)))
    pairs = list(glossary)
    for n, entry in enumerate(_entries("abbreviations")):
        if not isinstance(entry, dict) or not entry.get("say") or not entry.get("means"):
            raise entry_error("abbreviations", n, "a 'say:' abbreviation and a 'means:' expansion")
        pairs.append((str(entry["say"]), str(entry["means"])))
    for short, meaning in pairs:
        add(phrase_terms(short), phrase_terms(meaning))
    groups = [tuple(str(w) for w in f) for f in family_lists()]
    for n, entry in enumerate(_entries("forms")):
        if not isinstance(entry, list) or len(entry) < 2:
            raise entry_error("forms", n, "a list of two or more forms of one word")
        groups.append(tuple(str(w) for w in entry))
    for family in groups:
        members = [m for m in dict.fromkeys(phrase_terms(w) for w in family) if m]  # in the list's order: a reproducible index
        for a in members:
            for b in members:
                add(a, b)
    for n, entry in enumerate(_entries("american")):
        if not isinstance(entry, list) or len(entry) != 2:
            raise entry_error("american", n, "[American spelling, British spelling]")
        us, uk = (str(w) for w in entry)
        for ending in _AMERICAN_ENDINGS:
            add(phrase_terms(us + ending), phrase_terms(uk + ending))
    return out


def other_senses() -> dict[str, list[dict[str, list]]]:
    """Words whose everyday meaning does not apply after certain words ("on the phone" is a call, not a
    device: search_synonyms.yml `unless_after:`): key → [{"after": [[words as typed]], "means": [[terms]]}]."""
    out: dict[str, list[dict[str, list]]] = {}
    for n, entry in enumerate(_lists(SYNONYMS, "everyday", "search synonyms file")):
        after = entry.get("unless_after") if isinstance(entry, dict) else None
        if after is None:
            continue
        if not isinstance(after, list) or not all(isinstance(a, str) and words(a) for a in after):
            raise HandbookError(display_path(SYNONYMS), f"entry {n + 1}'s 'unless_after:' needs a list of words", "fix that entry")
        means = [list(phrase_terms(str(m))) for m in entry["means"]]
        for said in entry["say"]:
            sense = {"after": [words(a) for a in after], "means": means}
            if (key := " ".join(phrase_terms(str(said)))) and sense not in out.setdefault(key, []):
                out[key].append(sense)
    return out


def questions() -> list[dict[str, list]]:
    """Question openings and the words of the answer they ask for (search_synonyms.yml `questions:`):
    [{"ask": [[words as typed, stop words included]], "hint": [terms]}]."""
    out = []
    for n, entry in enumerate(_entries("questions")):
        if not isinstance(entry, dict) or not isinstance(entry.get("ask"), list) or not isinstance(entry.get("hint"), list):
            raise HandbookError(display_path(SYNONYMS), f"'questions:' entry {n + 1} needs an 'ask:' list and a 'hint:' list", "fix that entry")
        hints = sorted({t for h in entry["hint"] for t in phrase_terms(str(h))})
        out.append({"ask": [words(str(a)) for a in entry["ask"]], "hint": hints})
    return out


def subject() -> list[list[str]]:
    """Words for the people every clause is about (search_synonyms.yml `subject:`), as terms: a query's
    "housing officer" or "staff member" says who, not what, and is left out where other words are typed."""
    out: list[list[str]] = []
    for n, entry in enumerate(_entries("subject")):
        found = list(phrase_terms(str(entry))) if isinstance(entry, str) else []
        if not found:
            raise HandbookError(display_path(SYNONYMS), f"'subject:' entry {n + 1} needs a word or phrase", "fix that entry")
        if found not in out:
            out.append(found)
    return out


# ---------------------------------------------------------------------------
# Porter stemmer, ported line by line from lunr.js 2.3.9 (lib/stemmer.js).

_STEP2 = {
    "ational": "ate", "tional": "tion", "enci": "ence", "anci": "ance", "izer": "ize", "bli": "ble", "alli": "al",
    "entli": "ent", "eli": "e", "ousli": "ous", "ization": "ize", "ation": "ate", "ator": "ate", "alism": "al",
    "iveness": "ive", "fulness": "ful", "ousness": "ous", "aliti": "al", "iviti": "ive", "biliti": "ble", "logi": "log",
}  # fmt: skip
_STEP3 = {"icate": "ic", "ative": "", "alize": "al", "iciti": "ic", "ical": "ic", "ful": "", "ness": ""}

_c = "[^aeiou]"
_v = "[aeiouy]"
_C = _c + "[^aeiouy]*"
_V = _v + "[aeiou]*"
_MGR0 = re.compile("^(" + _C + ")?" + _V + _C)
_MEQ1 = re.compile("^(" + _C + ")?" + _V + _C + "(" + _V + ")?$")
_MGR1 = re.compile("^(" + _C + ")?" + _V + _C + _V + _C)
_S_V = re.compile("^(" + _C + ")?" + _v)
_1A = re.compile(r"^(.+?)(ss|i)es$")
_1A2 = re.compile(r"^(.+?)([^s])s$")
_1B = re.compile(r"^(.+?)eed$")
_1B2 = re.compile(r"^(.+?)(ed|ing)$")
_1B_2_2 = re.compile(r"(at|bl|iz)$")
_1B_2_3 = re.compile(r"([^aeiouylsz])\1$")
_1B_2_4 = re.compile("^" + _C + _v + "[^aeiouwxy]$")
_1C = re.compile(r"^(.+?[^aeiou])y$")
_2 = re.compile(r"^(.+?)(" + "|".join(_STEP2) + ")$")
_3 = re.compile(r"^(.+?)(" + "|".join(_STEP3) + ")$")
_4 = re.compile(r"^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$")
_4_2 = re.compile(r"^(.+?)(s|t)(ion)$")
_5 = re.compile(r"^(.+?)e$")
_5_1 = re.compile(r"ll$")
_5_3 = re.compile("^" + _C + _v + "[^aeiouwxy]$")


def stem(w: str) -> str:
    if len(w) < 3:
        return w
    first = w[0]
    if first == "y":
        w = "Y" + w[1:]
    if m := _1A.match(w):
        w = m.group(1) + m.group(2)
    elif m := _1A2.match(w):
        w = m.group(1) + m.group(2)
    if m := _1B.match(w):
        if _MGR0.search(m.group(1)):
            w = w[:-1]
    elif m := _1B2.match(w):
        s = m.group(1)
        if _S_V.search(s):
            w = s
            if _1B_2_2.search(w):
                w += "e"
            elif _1B_2_3.search(w):
                w = w[:-1]
            elif _1B_2_4.search(w):
                w += "e"
    if m := _1C.match(w):
        w = m.group(1) + "i"
    if m := _2.match(w):
        if _MGR0.search(m.group(1)):
            w = m.group(1) + _STEP2[m.group(2)]
    if m := _3.match(w):
        if _MGR0.search(m.group(1)):
            w = m.group(1) + _STEP3[m.group(2)]
    if m := _4.match(w):
        if _MGR1.search(m.group(1)):
            w = m.group(1)
    elif m := _4_2.match(w):
        s = m.group(1) + m.group(2)
        if _MGR1.search(s):
            w = s
    if m := _5.match(w):
        s = m.group(1)
        if _MGR1.search(s) or (_MEQ1.search(s) and not _5_3.search(s)):
            w = s
    if _5_1.search(w) and _MGR1.search(w):
        w = w[:-1]
    if first == "y":
        w = "y" + w[1:]
    return w
