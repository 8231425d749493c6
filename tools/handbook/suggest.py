"""Explainable mapping suggestions: shared words, weighted, with the evidence shown.

No model and no training: a CIH clause is compared with each Nolan principle
(its description and this project's keywords) and with each council clause by
the words they share. Words are lower-cased (textnorm.words), common words
dropped and endings lightly stemmed ("declaring", "declared" → "declar").
Each shared term counts by its TF-IDF weight, so a rare word such as
"hospitality" says more than a common one such as "tenants"; a shared
two-word phrase ("personal data") adds a bonus. Every suggestion carries the
terms that produced it, so a reviewer can see at once why it was made.

`drafted_entry` turns the suggestions for a clause into a `status: suggested`
mapping entry (mapping.update writes it into the file). `evaluate` measures how often the suggestions agree with the reviewed
entries, to show how far they can be trusted.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .mapping import Basis, ClauseMapping, Evidence, Mapping, PolicyLink, Relation, SourceKind, Status, reviewed_current
from .model import Clause, Handbook
from .nolan import Principle, default_principles
from .textnorm import words

STOP_WORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before being below between both
    but by can could did do does doing down during each either else ever every few for from further had has have having
    he her here hers him his how i if in into is it its itself just may me might more most must my no nor not of off on
    once only or other others our ours out over own same she should so some such than that the their theirs them then
    there these they this those through to too under until up upon very was we were what when where whether which while
    who whom why will with within without would you your yours whatever whoever one ones way anyone anything everyone
    someone something including include includes such us per etc
    employee employees member members council councils holders holder office public's
    take takes taking act acts put puts make makes made say says give gives work works people person part way
    """.split()
)

_SUFFIXES = ("ational", "ations", "ation", "ingly", "ments", "ment", "ness", "ities", "ity", "ings", "ing", "edly",
             "ies", "ied", "ed", "es", "ly", "s", "e")


@lru_cache(maxsize=4096)
def stem(word: str) -> str:
    """Light suffix stripping, enough to match "declare"/"declaring"/"declared"."""
    word = word.replace("'", "")
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            if suffix in ("ies", "ied", "ities"):
                word += "i"
            break
    return word


@lru_cache(maxsize=16384)
def terms(text: str) -> tuple[tuple[str, str], ...]:
    """(stem, surface word) pairs of the content words, in order (cached: every clause page asks again)."""
    return tuple((stem(w), w) for w in words(text) if w not in STOP_WORDS and len(w) > 2 and not w.isdigit())


def bigrams(seq: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(f"{a[0]} {b[0]}", f"{a[1]} {b[1]}") for a, b in zip(seq, seq[1:])]


@dataclass(frozen=True)
class Suggestion:
    target: str  # principle ID or council clause ID
    score: float
    shared: tuple[str, ...]  # shared words and phrases, strongest first


@dataclass(frozen=True)
class Suggestions:
    clause: str
    nolan: tuple[Suggestion, ...]
    policies: tuple[Suggestion, ...]


PHRASE_BONUS = 1.5  # a shared two-word phrase counts this much on top of its words
KEYWORD_WEIGHT = 2.0  # principle keywords count double the words of the description


class Suggester:
    """An index of the principles and council clauses, built once per handbook."""

    def __init__(self, principles: Iterable[Principle], policy_clauses: Sequence[Clause], extra_texts: Iterable[str] = ()):
        self.principles = tuple(principles)
        self.policy_clauses = tuple(policy_clauses)
        by_id = {c.id: c for c in self.policy_clauses}
        # A lettered item ("DOI-2.1.a") is read together with its lead-in ("DOI-2.1").
        self.policy_terms = {}
        for c in self.policy_clauses:
            parent = by_id.get(c.id.rsplit(".", 1)[0]) if re.search(r"\.[a-z]$", c.id) else None
            self.policy_terms[c.id] = terms((parent.text + " " if parent else "") + c.text)
        corpus = [set(s for s, _ in t) for t in self.policy_terms.values()]
        corpus += [set(s for s, _ in terms(t)) for t in extra_texts]
        df = Counter(s for doc in corpus for s in doc)
        n = len(corpus) or 1
        self.idf = lambda s: math.log((n + 1) / (df.get(s, 0) + 1)) + 1.0
        self.policy_vectors = {cid: self._vector(t) for cid, t in self.policy_terms.items()}
        self.principle_profiles = {p.id: self._profile(p) for p in self.principles}

    def _vector(self, seq: Sequence[tuple[str, str]]) -> dict[str, float]:
        tf = Counter(s for s, _ in seq)
        vec = {s: (1 + math.log(c)) * self.idf(s) for s, c in tf.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {s: v / norm for s, v in vec.items()}

    def _profile(self, p: Principle) -> tuple[dict[str, float], dict[str, str]]:
        weights: dict[str, float] = {}
        phrases: dict[str, str] = {}
        for s, _ in terms(p.description):
            weights[s] = max(weights.get(s, 0.0), 1.0)
        for kw in p.keywords:
            kt = terms(kw)
            for s, _ in kt:
                weights[s] = max(weights.get(s, 0.0), KEYWORD_WEIGHT)
            for s, surface in bigrams(kt):
                phrases[s] = surface
        return weights, phrases

    def suggest(self, clause: Clause, k: int = 3) -> Suggestions:
        seq = terms(clause.text)
        surface = {}
        for s, w in seq:
            surface.setdefault(s, w)
        grams = dict(bigrams(seq))
        stems = set(surface)

        nolan = []
        for p in self.principles:
            weights, phrases = self.principle_profiles[p.id]
            contributions = {surface[s]: weights[s] * self.idf(s) for s in stems & set(weights)}
            for g in set(grams) & set(phrases):
                contributions[grams[g]] = PHRASE_BONUS * sum(self.idf(x) for x in g.split())
            if contributions:
                nolan.append(_suggestion(p.id, contributions))
        nolan.sort(key=lambda s: (-s.score, [p.id for p in self.principles].index(s.target)))

        query = self._vector(seq)
        policies = []
        for cid, vec in self.policy_vectors.items():
            contributions = {surface[s]: query[s] * vec[s] for s in stems & set(vec)}
            pgrams = dict(bigrams(self.policy_terms[cid]))
            for g in set(grams) & set(pgrams):
                contributions[grams[g]] = PHRASE_BONUS * sum(query.get(x, 0) * vec.get(x, 0) for x in g.split())
            if contributions:
                policies.append(_suggestion(cid, contributions))
        policies.sort(key=lambda s: (-s.score, s.target))
        return Suggestions(clause.id, tuple(nolan[:k]), tuple(policies[:k]))


def _suggestion(target: str, contributions: dict[str, float]) -> Suggestion:
    shared = sorted(contributions, key=lambda t: (-contributions[t], t))
    return Suggestion(target, round(sum(contributions.values()), 3), tuple(shared[:8]))


def suggest_for(clause: Clause, principles: Iterable[Principle], policy_clauses: Sequence[Clause], k: int = 3) -> Suggestions:
    """The k best principles and council clauses for one CIH clause, with their evidence."""
    return Suggester(principles, policy_clauses).suggest(clause, k)


def suggester_for(handbook: Handbook, principles: Iterable[Principle] | None = None, mapping: Mapping | None = None) -> Suggester:
    """The suggester for a handbook (`mapping`: the reviewed entries it may learn from; this scorer does not)."""
    cih = [c.text for s in handbook.current_documents for c in s.document.clauses]
    council = [c for s in handbook.policies for c in s.document.clauses]
    return Suggester(principles if principles is not None else default_principles(), council, cih)


# ---------------------------------------------------------------------------
# Writing drafts into the mapping file.


def drafted_entry(clause: Clause, found: Suggestions, nested: bool = False) -> ClauseMapping:
    links = tuple(
        PolicyLink(
            clause=s.target,
            relation=Relation.INTERSECTS_WITH,
            basis=Basis.SAME_MEANING,
            rationale=f"Suggested automatically from the shared terms {', '.join(s.shared[:4])}; "
            "confirm the relation and basis when reviewing.",
        )
        for s in found.policies
    )
    evidence = tuple(Evidence(SourceKind.NOLAN, s.target, s.score, s.shared) for s in found.nolan) + tuple(
        Evidence(SourceKind.POLICY, s.target, s.score, s.shared) for s in found.policies
    )
    return ClauseMapping(
        clause=clause.id,
        version="",  # set by the caller, who knows the clause's source
        status=Status.SUGGESTED,
        nolan=tuple(s.target for s in found.nolan) or ("integrity",),
        policies=links,
        gap="" if links else "No council clause shares enough wording; a reviewer should decide whether this is a gap.",
        text_sha256=clause.sha256,
        evidence=evidence,
    )


# ---------------------------------------------------------------------------
# How far the suggestions agree with people.


@dataclass(frozen=True)
class Agreement:
    total: int
    top1: int
    top3: int

    def line(self, label: str) -> str:
        def pct(n: int) -> str:
            return f"{100 * n / self.total:.0f}%" if self.total else "–"

        return f"{label}: top-1 {pct(self.top1)} ({self.top1}/{self.total}), top-3 {pct(self.top3)} ({self.top3}/{self.total})"


@dataclass(frozen=True)
class Metrics:
    principles: Agreement  # primary principle among the top 1 / top 3 suggested
    policies: Agreement  # any curated council clause among the top 1 / top 3 (entries with links only)

    def lines(self) -> list[str]:
        return [
            self.principles.line("Primary Nolan principle"),
            self.policies.line("Council clause"),
        ]


def evaluate(mapping: Mapping, handbook: Handbook, principles: Iterable[Principle] | None = None) -> Metrics:
    """Agreement of the suggestions with the reviewed, up-to-date entries."""
    suggester = suggester_for(handbook, principles)
    cih = handbook.current_clauses
    p_total = p1 = p3 = c_total = c1 = c3 = 0
    for clause_id, entry in reviewed_current(mapping, handbook).items():
        clause = cih[clause_id][1]
        found = suggester.suggest(clause, k=3)
        ranked = [s.target for s in found.nolan]
        if entry.primary:
            p_total += 1
            p1 += ranked[:1] == [entry.primary]
            p3 += entry.primary in ranked[:3]
        curated = {link.clause for link in entry.policies}
        if curated:
            got = [s.target for s in found.policies]
            c_total += 1
            c1 += bool(set(got[:1]) & curated)
            c3 += bool(set(got[:3]) & curated)
    return Metrics(Agreement(p_total, p1, p3), Agreement(c_total, c1, c3))
