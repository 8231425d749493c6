"""Explainable mapping suggestions that learn from the reviewed mapping.

A CIH clause gets three kinds of suggestion, each with a confidence and the
evidence behind it, so a reviewer sees at once why it was made:

* **Nolan principles**, ranked by four signals added together: the reviewed
  clauses most like it (their principles, primary first), the principle's
  profile learned from every reviewed clause filed under it, the principle's
  reviewed synonym list (``data/nolan.yml``, this project's own words) and how
  often reviewers chose it. Ties go to the more often chosen principle.
* **Council clauses**, ranked by BM25 (the standard probabilistic retrieval
  score) plus the links reviewers made for the most similar reviewed clauses.
  The relation and basis come from that evidence: what the similar reviewed
  clauses said about the same council clause, otherwise how much of each
  text the other covers.
* **A gap**, by a small logistic regression on two figures (how far the
  similar reviewed clauses link a council standard BM25 ranks high for it,
  and its cosine with the most alike policy; a procedure's clauses set no
  standard and count for neither), fitted and its threshold calibrated
  leave-one-out over the reviewed clauses the model was given, never on the
  clause it scores. Both figures ask one question, whether the council's
  standards cover the clause; reviewers' free-text reasons are not read.

Words are lower-cased, common words dropped and inflections removed
(``declares``, ``declared``, ``declaring`` → ``declar``) while derived words
stay apart (``organises`` ≠ ``organisations``), and each term counts by its
rarity (TF-IDF). Everything here is pure: plain inputs in, ranked suggestions
out, no I/O and nothing fetched; ``evaluate`` measures it leave-one-out.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from .mapping import Basis, ClauseMapping, Evidence, Mapping, PolicyLink, Relation, SourceKind, Status
from .model import Clause, Handbook
from .nolan import Principle, default_principles
from .textnorm import words
from .word_families import family_lists

# ---------------------------------------------------------------------------
# Words and terms.

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

# -ing forms English uses as words of their own: kept whole so that "housing" does not
# match "houses", a disciplinary "hearing" not "hear", "placing" oneself under an
# obligation not "people and places".
KEEP_WHOLE = frozenset(
    "housing building meeting hearing planning setting warning funding finding spending placing feeling "
    "proceeding booking offering being morning evening wedding clothing".split()
)
_VOWELS = set("aeiouy")


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """Remove inflections only: plural and third-person -s, -ed, -ing and adverbial -ly, then a final -e.

    "declare", "declares", "declared", "declaring" → "declar"; "organises" →
    "organis" but "organisations" → "organisation" (derived words keep their
    suffix: their meaning differs); "honestly" → "honest"; words in KEEP_WHOLE
    stay as they are.
    """
    w = word.replace("'", "").replace("\u2019", "")
    if len(w) <= 3 or w in KEEP_WHOLE:
        return w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith(("sses", "ches", "shes", "xes")):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    elif w.endswith("ied") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("ed") and not w.endswith("eed") and len(w) > 4 and _VOWELS & set(w[:-2]):
        w = _undouble(w[:-2])
    elif w.endswith("ing") and len(w) > 5 and _VOWELS & set(w[:-3]):
        w = _undouble(w[:-3])
    elif w.endswith("bly"):
        w = w[:-1] + "e"
    elif w.endswith("ly") and not w.endswith(("ily", "pply", "mbly")) and len(w) >= 6:
        w = w[:-2]
    if w in KEEP_WHOLE:
        return w
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]
    return w


def _undouble(w: str) -> str:
    """"planned" → "plann" → "plan"; "falling" keeps "fall"."""
    if len(w) >= 4 and w[-1] == w[-2] and w[-1] not in _VOWELS and w[-1] not in "lsz":
        return w[:-1]
    return w


@lru_cache(maxsize=1)
def word_families() -> dict[str, str]:
    """Stem → the stem of its family's first word (data/word_families.yml)."""
    return {stem(w): stem(family[0]) for family in family_lists() for w in family}


def term(word: str) -> str:
    """The word's stem, or its family's when data/word_families.yml joins it to others."""
    s = stem(word)
    return word_families().get(s, s)


@lru_cache(maxsize=16384)
def terms(text: str) -> tuple[tuple[str, str], ...]:
    """(term, surface word) pairs of the content words, in order (cached: every clause page asks again)."""
    return tuple((term(w), w) for w in words(text) if w not in STOP_WORDS and len(w) > 2 and not w.isdigit())


Vector = dict[str, float]


def _dot(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b[k] for k, v in a.items() if k in b)


def _normalised(vec: Vector) -> Vector:
    norm = math.sqrt(sum(v * v for v in vec.values()))
    return {k: v / norm for k, v in vec.items()} if norm else {}


# ---------------------------------------------------------------------------
# Plain inputs.


class CouncilClause(NamedTuple):
    id: str  # "GIF-2.1"
    text: str
    policy: str = ""  # the policy's title
    # A procedure's clause (manifest kind: procedure, such as the Disciplinary Procedure): it says how a
    # breach is handled, not what staff must do, so its words are no evidence that a duty is covered.
    procedure: bool = False


class PrincipleText(NamedTuple):
    id: str  # "integrity"
    description: str  # the official description
    synonyms: tuple[str, ...] = ()  # this project's reviewed synonyms (data/nolan.yml)


class Example(NamedTuple):
    """One reviewed decision: a CIH clause's wording and what reviewers chose for it."""

    text: str
    nolan: tuple[str, ...]  # primary first
    council: tuple[str, ...]  # linked council clause IDs
    gap: bool
    label: str = ""  # a readable name for evidence, e.g. the clause ID
    relations: tuple[tuple[str, str, str], ...] = ()  # (council clause, relation, basis) per link


# ---------------------------------------------------------------------------
# The unlabelled side: council clauses and the handbook's texts, for term weights and retrieval.

BM25_K1 = 1.2
BM25_B = 0.75


class Corpus:
    """Term statistics over every text the handbook holds, and BM25 over the council clauses.

    Built from texts only, never from reviewers' decisions, so one corpus serves
    every leave-one-out fold (the clause being suggested is in the handbook too).
    """

    def __init__(self, council: Sequence[CouncilClause], background: Iterable[str] = ()):
        self.council = tuple(council)
        by_id = {c.id: c for c in self.council}
        # A lettered or roman-numbered item ("DOI-2.1.a", "ECC-4.2.ii") is read together with its lead-in ("DOI-2.1").
        self.council_terms: dict[str, tuple[tuple[str, str], ...]] = {}
        for c in self.council:
            parent = by_id.get(c.id.rsplit(".", 1)[0]) if re.search(r"\.[a-z]+$", c.id) else None
            self.council_terms[c.id] = terms((parent.text + " " if parent else "") + c.text)
        docs = [{s for s, _ in t} for t in self.council_terms.values()]
        docs += [{s for s, _ in terms(t)} for t in dict.fromkeys(background)]
        self.df = Counter(s for d in docs for s in d)
        self.n = len(docs) or 1
        council_df = Counter(s for t in self.council_terms.values() for s in {s for s, _ in t})
        nc = len(self.council_terms) or 1
        self.bm25_idf = {s: math.log(1 + (nc - d + 0.5) / (d + 0.5)) for s, d in council_df.items()}
        self.council_tf = {cid: Counter(s for s, _ in t) for cid, t in self.council_terms.items()}
        self.avg_len = sum(len(t) for t in self.council_terms.values()) / nc if self.council_terms else 1.0
        self.council_vectors = {cid: self.vector_of(t) for cid, t in self.council_terms.items()}
        # The clauses that set a standard: every council clause but a procedure's.
        self.standards = frozenset(c.id for c in self.council if not c.procedure)
        # Each policy read as one text: a duty the council covers is likely in some policy's words even when
        # no single clause holds them all. Procedures are left out, as the report leaves them out of coverage.
        by_policy: dict[str, list[tuple[str, str]]] = {}
        for c in self.council:
            if c.id in self.standards:
                by_policy.setdefault(c.policy or c.id.split("-")[0], []).extend(self.council_terms[c.id])
        self.policy_vectors = {p: self.vector_of(t) for p, t in by_policy.items()}
        self._vectors: dict[str, Vector] = {}
        self._sims: dict[tuple[str, str], float] = {}
        self._bm25: dict[str, dict[str, tuple[float, tuple[str, ...]]]] = {}

    def idf(self, s: str) -> float:
        return math.log((self.n + 1) / (self.df.get(s, 0) + 1)) + 1.0

    def vector_of(self, seq: Sequence[tuple[str, str]]) -> Vector:
        tf = Counter(s for s, _ in seq)
        return _normalised({s: (1 + math.log(c)) * self.idf(s) for s, c in tf.items()})

    def vector(self, text: str) -> Vector:
        """The clause's TF-IDF vector, unit length."""
        if text not in self._vectors:
            self._vectors[text] = self.vector_of(terms(text))
        return self._vectors[text]

    def similarity(self, a: str, b: str) -> float:
        key = (a, b) if a <= b else (b, a)
        if key not in self._sims:
            self._sims[key] = _dot(self.vector(a), self.vector(b))
        return self._sims[key]

    def policy_similarity(self, text: str) -> float:
        """The cosine of the text with the policy (not a procedure) whose whole wording is most like it."""
        q = self.vector(text)
        return max((_dot(q, v) for v in self.policy_vectors.values()), default=0.0)

    def bm25_ceiling(self, text: str) -> float:
        """The BM25 score of a council clause of average length holding each of the text's terms once."""
        return sum(self.bm25_idf.get(s, 0.0) for s in {s for s, _ in terms(text)}) or 1.0

    def bm25(self, text: str) -> dict[str, tuple[float, tuple[str, ...]]]:
        """BM25 of every council clause sharing a term with the text: (score, shared words strongest first)."""
        if text in self._bm25:
            return self._bm25[text]
        surface: dict[str, str] = {}
        for s, w in terms(text):
            surface.setdefault(s, w)
        found = {}
        for cid, tf in self.council_tf.items():
            length = sum(tf.values())
            parts = {}
            for s in surface.keys() & tf.keys():
                f = tf[s]
                parts[surface[s]] = self.bm25_idf[s] * f * (BM25_K1 + 1) / (f + BM25_K1 * (1 - BM25_B + BM25_B * length / self.avg_len))
            if parts:
                found[cid] = (sum(parts.values()), tuple(sorted(parts, key=lambda w: (-parts[w], w))))
        self._bm25[text] = found
        return found


# ---------------------------------------------------------------------------
# The model: what the reviewed examples teach, on top of the corpus.

NEIGHBOURS = 5  # reviewed clauses consulted per suggestion
LABEL_WEIGHTS = (1.0, 0.5, 0.25)  # a principle's weight by its place in a reviewed list (primary first)
DESCRIPTION_WEIGHT = 0.5  # words of the official description, against 1 for a synonym
# How the four signals for a principle add up (each a distribution over the principles).
W_NEIGHBOURS, W_PROFILE, W_SYNONYMS, W_PRIOR = 1.0, 1.0, 1.0, 0.25
W_LINKS = 1.0  # each similar reviewed clause linking a council clause adds its cosine similarity, times this
MIN_TO_CALIBRATE = 3  # reviewed gaps, and linked clauses, needed to fit the gap model; fewer: a gap only when nothing matches
DEFAULT_GAP_THRESHOLD = 0.5  # used only then
GAP_FEATURES = ("similar clauses linking a top council clause", "closest policy")
GAP_TOP_COUNCIL = 5  # BM25's best council clauses that similar reviewed clauses' links are checked against
COVER = 0.6  # share of a text's weight the other covers for subset / superset / equivalent
SAME_WORDING = 0.8  # both texts at least this covered by the other: same wording
SAME_MEANING = 0.25  # either this covered: same meaning; less: same outcome


@dataclass(frozen=True)
class Suggestion:
    target: str  # principle ID or council clause ID
    score: float
    shared: tuple[str, ...] = ()  # shared words, strongest first
    confidence: float = 0.0  # 0..1: this suggestion's share of the evidence
    similar: tuple[tuple[str, float], ...] = ()  # similar reviewed clauses that chose it: (label, similarity)
    relation: str = ""  # council clauses only: proposed from the evidence
    basis: str = ""
    why: str = ""  # one line: where the relation and basis came from


@dataclass(frozen=True)
class GapProposal:
    proposed: bool
    confidence: float  # 0..1: the likelihood of a gap if proposed, of none if not
    score: float  # the gap model's likelihood of a gap
    threshold: float  # calibrated on the reviewed examples (leave-one-out among them)
    similar: tuple[tuple[str, float], ...] = ()  # similar reviewed clauses that are gaps
    closest: tuple[str, float] = ("", 0.0)  # the best council clause and its score
    # The gap model's two figures, named (GAP_FEATURES): what the likelihood was computed from.
    features: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True)
class Suggestions:
    clause: str
    nolan: tuple[Suggestion, ...]
    policies: tuple[Suggestion, ...]
    gap: GapProposal | None = None


def _distribution(scores: dict[str, float]) -> dict[str, float]:
    total = sum(v for v in scores.values() if v > 0)
    return {k: v / total for k, v in scores.items() if v > 0} if total else {}


class Model:
    """Suggestions learned from reviewed examples; fit on exactly the examples given."""

    def __init__(
        self,
        corpus: Corpus,
        principles: Sequence[PrincipleText],
        examples: Sequence[Example],
        neighbours: int | None = None,
        calibrate: bool = True,
    ):
        self.corpus = corpus
        self.principles = tuple(principles)
        self.examples = tuple(examples)
        self.neighbours = neighbours or NEIGHBOURS
        self.order = [p.id for p in self.principles]
        primary = Counter(e.nolan[0] for e in self.examples if e.nolan)
        self.prior = {p: (primary[p] + 1) / (sum(primary.values()) + len(self.order)) for p in self.order}
        self.synonym_vectors = {p.id: self._synonym_vector(p) for p in self.principles}
        self.profiles = {p: _normalised(v) for p, v in self._profile_sums().items()}
        if calibrate:
            self.gap_model, self.gap_threshold = self._calibrate_gaps()
        else:
            self.gap_model, self.gap_threshold = Logistic.constant(0.0), DEFAULT_GAP_THRESHOLD

    def _synonym_vector(self, p: PrincipleText) -> Vector:
        vec: Vector = {}
        for s, _ in terms(p.description):
            vec[s] = max(vec.get(s, 0.0), DESCRIPTION_WEIGHT * self.corpus.idf(s))
        for syn in p.synonyms:
            for s, _ in terms(syn):
                vec[s] = max(vec.get(s, 0.0), self.corpus.idf(s))
        return _normalised(vec)

    def _profile_sums(self) -> dict[str, Vector]:
        sums: dict[str, Vector] = {p: {} for p in self.order}
        for e in self.examples:
            for rank, p in enumerate(e.nolan):
                if p not in sums:
                    continue
                w = LABEL_WEIGHTS[min(rank, len(LABEL_WEIGHTS) - 1)]
                for s, v in self.corpus.vector(e.text).items():
                    sums[p][s] = sums[p].get(s, 0.0) + w * v
        return sums

    # -- neighbours ---------------------------------------------------------

    def similar(self, text: str, exclude: int | None = None) -> list[tuple[float, int]]:
        """The most similar reviewed examples: (cosine, index), best first."""
        found = [(self.corpus.similarity(text, e.text), i) for i, e in enumerate(self.examples) if i != exclude]
        found = [(s, i) for s, i in found if s > 0]
        found.sort(key=lambda t: (-t[0], t[1]))
        return found[: self.neighbours]

    # -- the three suggestions ------------------------------------------------

    def suggest(self, text: str, k: int = 3, clause: str = "") -> Suggestions:
        near = self.similar(text)
        return Suggestions(clause, self._nolan(text, near, k), self._council(text, near, k), self._gap(text, near))

    def _nolan(self, text: str, near: list[tuple[float, int]], k: int) -> tuple[Suggestion, ...]:
        q = self.corpus.vector(text)
        votes: dict[str, float] = {}
        chose: dict[str, list[tuple[str, float]]] = {}
        for sim, i in near:
            e = self.examples[i]
            for rank, p in enumerate(e.nolan):
                votes[p] = votes.get(p, 0.0) + sim * LABEL_WEIGHTS[min(rank, len(LABEL_WEIGHTS) - 1)]
                chose.setdefault(p, []).append((e.label or e.text[:40], round(sim, 3)))
        signals = [
            # The neighbours' say grows with how alike the nearest one is: a single shared common word says little.
            (W_NEIGHBOURS * (near[0][0] if near else 0.0), _distribution(votes)),
            (W_PROFILE, _distribution({p: _dot(q, v) for p, v in self.profiles.items()})),
            (W_SYNONYMS, _distribution({p: _dot(q, v) for p, v in self.synonym_vectors.items()})),
            (W_PRIOR, self.prior),
        ]
        scores = {p: sum(w * dist.get(p, 0.0) for w, dist in signals) for p in self.order}
        total = sum(scores.values()) or 1.0
        ranked = sorted(self.order, key=lambda p: (-scores[p], -self.prior[p], self.order.index(p)))
        surface = dict((s, w) for s, w in reversed(terms(text)))
        out = []
        for p in ranked[:k]:
            shared = self._principle_terms(p, q, surface)
            out.append(Suggestion(p, round(scores[p], 4), shared, round(scores[p] / total, 3), tuple(chose.get(p, ())[:3])))
        return tuple(out)

    def _principle_terms(self, p: str, q: Vector, surface: dict[str, str]) -> tuple[str, ...]:
        """The clause's words that speak for the principle: in its synonyms or description, or its profile."""
        weights = {s: q[s] * (self.synonym_vectors[p].get(s, 0.0) + self.profiles[p].get(s, 0.0)) for s in q}
        return tuple(surface[s] for s in sorted(weights, key=lambda s: (-weights[s], s)) if weights[s] > 0)[:6]

    def _links(self, near: list[tuple[float, int]]) -> tuple[dict[str, float], dict[str, list[tuple[str, float]]]]:
        links: dict[str, float] = {}
        who: dict[str, list[tuple[str, float]]] = {}
        for sim, i in near:
            e = self.examples[i]
            for c in dict.fromkeys(e.council):
                links[c] = links.get(c, 0.0) + sim
                who.setdefault(c, []).append((e.label or e.text[:40], round(sim, 3)))
        return links, who

    def council_scores(self, text: str, near: list[tuple[float, int]]) -> dict[str, float]:
        """BM25 as a share of what a clause holding every term would score, plus the similar reviewed clauses' links."""
        bm = self.corpus.bm25(text)
        ceiling = self.corpus.bm25_ceiling(text)
        scores = {c: s / ceiling for c, (s, _) in bm.items()}
        links, _ = self._links(near)
        for c, v in links.items():
            if c in self.corpus.council_terms:  # a link to a clause no longer in the policies is ignored
                scores[c] = scores.get(c, 0.0) + W_LINKS * v
        return scores

    def _council(self, text: str, near: list[tuple[float, int]], k: int) -> tuple[Suggestion, ...]:
        scores = self.council_scores(text, near)
        bm = self.corpus.bm25(text)
        _, who = self._links(near)
        total = sum(scores.values()) or 1.0
        out = []
        for c in sorted(scores, key=lambda c: (-scores[c], c))[:k]:
            relation, basis, why = self._relation(text, c, near)
            shared = bm.get(c, (0.0, ()))[1][:6]
            out.append(Suggestion(c, round(scores[c], 4), shared, round(scores[c] / total, 3), tuple(who.get(c, ())[:3]), relation, basis, why))
        return tuple(out)

    def _relation(self, text: str, council_id: str, near: list[tuple[float, int]]) -> tuple[str, str, str]:
        """Relation and basis: as reviewers linked this council clause for similar clauses, else by coverage."""
        votes: Counter[tuple[str, str]] = Counter()
        for sim, i in near:
            for c, relation, basis in self.examples[i].relations:
                if c == council_id:
                    votes[(relation, basis)] += sim
        if votes:
            (relation, basis), _ = max(votes.items(), key=lambda kv: (kv[1], kv[0]))
            return relation, basis, "as reviewers linked it for similar clauses"
        q = self.corpus.vector(text)
        c = self.corpus.council_vectors.get(council_id, {})
        shared = q.keys() & c.keys()
        q_cov = sum(q[s] ** 2 for s in shared)
        c_cov = sum(c[s] ** 2 for s in shared)
        if q_cov >= COVER and c_cov >= COVER:
            relation = "equivalent-to"
        elif q_cov >= COVER:
            relation = "subset-of"
        elif c_cov >= COVER:
            relation = "superset-of"
        else:
            relation = "intersects-with"
        basis = "same wording" if min(q_cov, c_cov) >= SAME_WORDING else "same meaning" if max(q_cov, c_cov) >= SAME_MEANING else "same outcome"
        return relation, basis, f"the council clause covers {q_cov:.0%} of this clause's weight, this clause {c_cov:.0%} of its"

    # -- gaps ---------------------------------------------------------------

    def gap_features(self, text: str, near: list[tuple[float, int]]) -> tuple[float, float]:
        """The evidence that the council's standards cover the clause, each a plain figure a reviewer can check:

        * how far the similar reviewed clauses (``near``) link one of the council standards BM25 ranks
          highest for this clause (their cosines added): retrieval and reviewers agreeing that a clause applies;
        * the cosine with the most alike policy, read as one text.

        Procedures' clauses count for neither: the Disciplinary Procedure's words ("investigation",
        "complaint", "hearing") match many duties it does not set. The reviewers' written reasons are not
        read: how alike a clause is to the prose of earlier reasons says more about who wrote them than about
        what the council's policies cover (leave-one-out, the model ranked gaps no better with them)."""
        bm = self.corpus.bm25(text)
        top = set(sorted((c for c in bm if c in self.corpus.standards), key=lambda c: (-bm[c][0], c))[:GAP_TOP_COUNCIL])
        link_support = sum(sim for sim, i in near if top & set(self.examples[i].council))
        return link_support, self.corpus.policy_similarity(text)

    def _gap(self, text: str, near: list[tuple[float, int]]) -> GapProposal:
        features = self.gap_features(text, near)
        p = self.gap_model.probability(features)
        similar = tuple((self.examples[i].label or self.examples[i].text[:40], round(s, 3)) for s, i in near if self.examples[i].gap)
        scores = self.council_scores(text, near)
        best = max(scores, key=lambda c: (scores[c], c), default="")
        if not scores:  # no council clause shares a word and no similar reviewed clause links one
            p = 1.0
        proposed = p >= self.gap_threshold
        return GapProposal(
            proposed, round(p if proposed else 1 - p, 3), round(p, 4), round(self.gap_threshold, 4), similar[:3],
            (best, round(scores.get(best, 0.0), 3)), tuple(zip(GAP_FEATURES, (round(x, 3) for x in features))),
        )

    def _calibrate_gaps(self) -> tuple[Logistic, float]:
        """Fit the gap model on the examples, each scored without itself (leave-one-out inside these
        examples only), and the probability threshold that best balances precision and recall there."""
        rows = [(self.gap_features(e.text, self.similar(e.text, exclude=i)), e.gap) for i, e in enumerate(self.examples)]
        if sum(gap for _, gap in rows) < MIN_TO_CALIBRATE or sum(not gap for _, gap in rows) < MIN_TO_CALIBRATE:
            return Logistic.constant(0.0), DEFAULT_GAP_THRESHOLD
        model = Logistic.fit([x for x, _ in rows], [y for _, y in rows])
        return model, best_threshold([(model.probability(x), y) for x, y in rows])


class Logistic:
    """Logistic regression on a few standardised features, L2-regularised."""

    def __init__(self, weights: Sequence[float], bias: float, mean: Sequence[float], scale: Sequence[float]):
        self.weights, self.bias, self.mean, self.scale = tuple(weights), bias, tuple(mean), tuple(scale)

    @classmethod
    def constant(cls, p: float) -> Logistic:
        return cls((), math.log(max(p, 1e-9) / max(1 - p, 1e-9)), (), ())

    @classmethod
    def fit(cls, xs: Sequence[Sequence[float]], ys: Sequence[bool], l2: float = 1.0, steps: int = 25) -> Logistic:
        """Newton's method on the penalised log-likelihood (the intercept is not penalised)."""
        n, d = len(xs), len(xs[0])
        mean = [sum(x[j] for x in xs) / n for j in range(d)]
        scale = [math.sqrt(sum((x[j] - mean[j]) ** 2 for x in xs) / n) or 1.0 for j in range(d)]
        rows = [[1.0] + [(x[j] - mean[j]) / scale[j] for j in range(d)] for x in xs]
        beta = [0.0] * (d + 1)
        for _ in range(steps):
            grad = [0.0 if j == 0 else l2 * beta[j] for j in range(d + 1)]
            hess = [[(l2 if i == j and i else 0.0) for j in range(d + 1)] for i in range(d + 1)]
            for z, y in zip(rows, ys):
                p = _sigmoid(sum(b * zj for b, zj in zip(beta, z)))
                w = max(p * (1 - p), 1e-9)
                for i in range(d + 1):
                    grad[i] += (p - (1.0 if y else 0.0)) * z[i]
                    for j in range(d + 1):
                        hess[i][j] += w * z[i] * z[j]
            step = _solve(hess, grad)
            beta = [b - s for b, s in zip(beta, step)]
            if max(abs(s) for s in step) < 1e-8:
                break
        return cls(beta[1:], beta[0], mean, scale)

    def probability(self, x: Sequence[float]) -> float:
        return _sigmoid(self.bias + sum(w * (xj - m) / s for w, xj, m, s in zip(self.weights, x, self.mean, self.scale)))


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    """x with a·x = b, by Gaussian elimination with partial pivoting (a is small and positive definite)."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(col + 1, n):
            f = m[r][col] / m[col][col]
            for c in range(col, n + 1):
                m[r][c] -= f * m[col][c]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (m[r][n] - sum(m[r][c] * x[c] for c in range(r + 1, n))) / m[r][r]
    return x


def _sigmoid(t: float) -> float:
    return 1 / (1 + math.exp(-t)) if t >= 0 else math.exp(t) / (1 + math.exp(t))


def best_threshold(scored: Sequence[tuple[float, bool]]) -> float:
    """The cut (score ≥ cut means positive) with the best balance of precision and recall (their minimum,
    then F1); ties go to the middle of the widest margin."""
    if not any(positive for _, positive in scored):
        return DEFAULT_GAP_THRESHOLD
    values = sorted({s for s, _ in scored})
    cuts = [values[0] - 1e-6] + [(a + b) / 2 for a, b in zip(values, values[1:])] + [values[-1] + 1e-6]
    best: tuple[float, float, float, float] | None = None
    for i, cut in enumerate(cuts):
        tp = sum(1 for s, pos in scored if s >= cut and pos)
        fp = sum(1 for s, pos in scored if s >= cut and not pos)
        fn = sum(1 for s, pos in scored if s < cut and pos)
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        balance = min(tp / (tp + fp), tp / (tp + fn)) if tp else 0.0
        margin = (values[i] - values[i - 1]) if 0 < i < len(values) else 0.0
        if best is None or (balance, f1, margin) > best[:3]:
            best = (balance, f1, margin, cut)
    assert best is not None
    return best[3]


# ---------------------------------------------------------------------------
# Leave-one-out: how far the suggestions agree with reviewers.


@dataclass(frozen=True)
class Figures:
    nolan_total: int  # examples with a primary principle
    nolan_top1: int  # primary principle ranked first
    nolan_top3: int  # primary principle among the first three
    council_total: int  # examples with council links
    council_top1: int  # the first council clause is one reviewers linked
    council_top3: int  # one of the first three is
    gap_proposed: int  # gaps proposed
    gap_right: int  # of which reviewers found a gap too
    gap_total: int  # gaps reviewers found

    def fractions(self) -> dict[str, dict[str, float]]:
        def frac(n: int, d: int) -> float:
            return round(n / d, 4) if d else 0.0

        return {
            "nolan": {"top1": frac(self.nolan_top1, self.nolan_total), "top3": frac(self.nolan_top3, self.nolan_total)},
            "council": {"top1": frac(self.council_top1, self.council_total), "top3": frac(self.council_top3, self.council_total)},
            "gap": {"precision": frac(self.gap_right, self.gap_proposed), "recall": frac(self.gap_right, self.gap_total)},
        }

    def lines(self) -> list[str]:
        def pct(n: int, d: int) -> str:
            return f"{100 * n / d:.0f}% ({n}/{d})" if d else "– (0/0)"

        return [
            f"Primary Nolan principle: top-1 {pct(self.nolan_top1, self.nolan_total)}, top-3 {pct(self.nolan_top3, self.nolan_total)}",
            f"Council clause: top-1 {pct(self.council_top1, self.council_total)}, top-3 {pct(self.council_top3, self.council_total)}",
            f"Gap: precision {pct(self.gap_right, self.gap_proposed)}, recall {pct(self.gap_right, self.gap_total)}",
        ]


@dataclass(frozen=True)
class Evaluation:
    model: Figures
    baseline: Figures  # the same answer every time: the commonest choices of the other examples, and always a gap
    baseline_nolan: tuple[str, ...]  # that answer, over the whole set
    baseline_council: tuple[str, ...]

    def lines(self) -> list[str]:
        return [
            *self.model.lines(),
            f"Baseline, the same answer every time ({', '.join(self.baseline_nolan)}; "
            f"{', '.join(self.baseline_council)}; always a gap):",
            *("  " + line for line in self.baseline.lines()),
        ]


Fit = Callable[[Sequence[Example]], Model]


def _tally(results: Iterable[tuple[Example, Sequence[str], Sequence[str], bool]]) -> Figures:
    n_total = n1 = n3 = c_total = c1 = c3 = proposed = right = gaps = 0
    for e, nolan, council, gap in results:
        if e.nolan:
            n_total += 1
            n1 += list(nolan[:1]) == [e.nolan[0]]
            n3 += e.nolan[0] in nolan[:3]
        if e.council:
            c_total += 1
            c1 += bool(set(council[:1]) & set(e.council))
            c3 += bool(set(council[:3]) & set(e.council))
        proposed += gap
        right += gap and e.gap
        gaps += e.gap
    return Figures(n_total, n1, n3, c_total, c1, c3, proposed, right, gaps)


def commonest(examples: Sequence[Example]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The three principles most often primary and the three council clauses most often linked."""
    nolan = Counter(e.nolan[0] for e in examples if e.nolan)
    council = Counter(c for e in examples for c in dict.fromkeys(e.council))
    return (
        tuple(p for p, _ in sorted(nolan.items(), key=lambda kv: (-kv[1], kv[0]))[:3]),
        tuple(c for c, _ in sorted(council.items(), key=lambda kv: (-kv[1], kv[0]))[:3]),
    )


def leave_one_out(examples: Sequence[Example], fit: Fit) -> Evaluation:
    """Score each example with a model fitted on all the others (refitted per fold, calibration included)."""
    examples = tuple(examples)
    ours, same = [], []
    for i, held_out in enumerate(examples):
        rest = examples[:i] + examples[i + 1 :]
        found = fit(rest).suggest(held_out.text, k=3)
        ours.append((held_out, [s.target for s in found.nolan], [s.target for s in found.policies], bool(found.gap and found.gap.proposed)))
        nolan, council = commonest(rest)
        same.append((held_out, nolan, council, True))
    nolan, council = commonest(examples)
    return Evaluation(_tally(ours), _tally(same), nolan, council)


def evaluate_examples(corpus: Corpus, principles: Sequence[PrincipleText], examples: Sequence[Example]) -> Evaluation:
    return leave_one_out(examples, lambda rest: Model(corpus, principles, rest))

# ---------------------------------------------------------------------------
# The adapter: today's Handbook, Mapping and Principles as the plain inputs above.


def principle_texts(principles: Iterable[Principle]) -> tuple[PrincipleText, ...]:
    return tuple(PrincipleText(p.id, p.description, tuple(p.synonyms)) for p in principles)


def council_clauses(handbook: Handbook) -> tuple[CouncilClause, ...]:
    return tuple(
        CouncilClause(c.id, c.text, s.entry.title, s.entry.kind == "procedure") for s in handbook.policies for c in s.document.clauses
    )


def corpus_for(handbook: Handbook) -> Corpus:
    """Term weights from every CIH clause of every version and every council clause; BM25 over the council clauses."""
    return Corpus(council_clauses(handbook), (c.text for s in handbook.documents for c in s.document.clauses))


def reviewed_examples(mapping: Mapping, handbook: Handbook) -> tuple[Example, ...]:
    """Each reviewed entry with the wording it was reviewed against: its text hash found in any version of
    the handbook, or the text the entry keeps (an orphaned entry); one example per wording."""
    texts = {c.sha256: c.text for s in handbook.documents for c in s.document.clauses}
    out: dict[str, Example] = {}
    for e in (*mapping.entries, *getattr(mapping, "orphaned", ())):
        text = texts.get(e.text_sha256) or getattr(e, "text", "")
        if not e.reviewed or not text or e.text_sha256 in out:
            continue
        out[e.text_sha256] = Example(
            text=text,
            nolan=tuple(e.nolan),
            council=tuple(link.clause for link in e.policies),
            gap=not e.policies,
            label=e.clause,
            relations=tuple((link.clause, str(link.relation), str(link.basis)) for link in e.policies),
        )
    return tuple(sorted(out.values(), key=lambda x: (x.label, x.text)))


class Suggester:
    """A model fitted on the reviewed mapping, asked about handbook clauses."""

    def __init__(self, model: Model):
        self.model = model

    def suggest(self, clause: Clause, k: int = 3) -> Suggestions:
        return self.model.suggest(clause.text, k, clause.id)


def suggester_for(handbook: Handbook, principles: Iterable[Principle] | None = None, mapping: Mapping | None = None) -> Suggester:
    """Fitted on every reviewed entry of the mapping (none: principles' synonyms and BM25 only)."""
    examples = reviewed_examples(mapping, handbook) if mapping is not None else ()
    texts = principle_texts(principles if principles is not None else default_principles())
    return Suggester(Model(corpus_for(handbook), texts, examples))


def evaluate(mapping: Mapping, handbook: Handbook, principles: Iterable[Principle] | None = None) -> Evaluation:
    """Leave-one-out agreement of the suggestions with the reviewed entries, beside the same-answer baseline."""
    texts = principle_texts(principles if principles is not None else default_principles())
    return evaluate_examples(corpus_for(handbook), texts, reviewed_examples(mapping, handbook))



# ---------------------------------------------------------------------------
# Writing drafts into the mapping file.


def _similar(items: Sequence[tuple[str, float]]) -> tuple[str, ...]:
    return tuple(f"{label} ({sim:.2f})" for label, sim in items)


def evidence_of(found: Suggestions) -> tuple[Evidence, ...]:
    """What the suggest command writes under `evidence:`: per suggestion its score, the shared terms,
    its confidence and the similar reviewed clauses behind it (for a council clause, also the relation's source)."""
    nolan = tuple(
        Evidence(SourceKind.NOLAN, s.target, s.score, s.shared, (("confidence", s.confidence), ("similar", _similar(s.similar))))
        for s in found.nolan
    )
    policies = tuple(
        Evidence(
            SourceKind.POLICY, s.target, s.score, s.shared,
            (("confidence", s.confidence), ("similar", _similar(s.similar)), ("relation_from", s.why)),
        )
        for s in found.policies
    )
    return nolan + policies


def drafted_entry(clause: Clause, found: Suggestions) -> ClauseMapping:
    """A `status: suggested` entry: the principles, the council clauses (or a proposed gap) and the evidence."""
    gap = found.gap
    if gap is not None and gap.proposed or not found.policies:
        links: tuple[PolicyLink, ...] = ()
        similar = f"; similar reviewed clauses with a gap: {', '.join(_similar(gap.similar))}" if gap and gap.similar else ""
        figures = "".join(f"; {name} {value:.2f}" for name, value in gap.features) if gap else ""
        confidence = f" (gap likelihood {gap.score:.2f}, calibrated threshold {gap.threshold:.2f}{figures})" if gap else ""
        gap_text = (
            f"Suggested automatically: no council clause matches well enough{confidence}{similar}. "
            "Confirm the gap and say why, or link the council clause that applies."
        )
    else:
        links = tuple(
            PolicyLink(
                clause=s.target,
                relation=Relation(s.relation),
                basis=Basis(s.basis),
                rationale=f"Suggested automatically ({s.why}; shared terms: {', '.join(s.shared[:4]) or 'none'}); "
                "confirm the relation and basis and write why when reviewing.",
            )
            for s in found.policies
        )
        gap_text = ""
    return ClauseMapping(
        clause=clause.id,
        version="",  # set by the caller (mapping_update), who knows the clause's source
        status=Status.SUGGESTED,
        nolan=tuple(s.target for s in found.nolan),
        policies=links,
        gap=gap_text,
        text_sha256=clause.sha256,
        evidence=evidence_of(found),
    )
