"""Resolve stage: every fact a page shows, decided once per build.

    extract → map → resolve → render → engine

Extraction gives the clauses of every version (`pipeline.Handbook`), the
mapping says what the council reviewed (`mapping`, `mapping_versions`). This
module puts the two together and decides, once, everything a page states: for
each CIH clause of every version its address and citation, the clause it
continues and where it continues, the mapping entry that applies to its
wording and its review state, the council clauses it engages with relation and
rationale, its principles and its breach route; for each council clause the
CIH clauses that engage it; for each document version what superseded it and
what changed. The result is plain frozen data; the render modules only format
it, so a page can never decide a fact while it lays it out.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from .citation import cite, permalink
from .mapping import ClauseMapping, Mapping, clause_sort_key, review_state
from .mapping_versions import reviewed_clause
from .model import Clause, Handbook, Section, Source
from .nolan import Principle, Principles
from .suggest import terms
from .urls import clause_page, council_clause_page, document_page, page_url, policy_clause_target, policy_page
from .versions import compare, successor, word_diff

DISCIPLINARY = "DIS"  # the council's Disciplinary Procedure: where a breach is dealt with

Runs = tuple[tuple[str, str], ...]  # a word diff: (op, text) with op "=", "-" or "+"


@dataclass(frozen=True)
class ClauseRef:
    """A CIH clause in one version, enough to link to it and quote it."""

    id: str
    version: str
    text: str
    page: str


@dataclass(frozen=True)
class Successor:
    """Where a clause of a superseded version continues in the current version."""

    version: str  # the current version's label
    clause: ClauseRef | None  # None: removed in that version
    reworded: bool = False


@dataclass(frozen=True)
class Engagement:
    """A current CIH clause that engages a council clause, as the mapping says."""

    cih: ClauseRef
    relation: str
    basis: str
    state: str  # the CIH clause's review state


@dataclass(frozen=True)
class CouncilClause:
    source: Source  # the policy version that holds it
    clause: Clause
    target: str  # the clause on its policy's page (council/<slug>.md#<anchor>)
    page: str  # its own page (council/<slug>/<version>/<id>.md)
    items: tuple[Clause, ...]  # its lettered items (ECC-4.2.a, …), whose text completes it
    engaged_by: tuple[Engagement, ...]  # current CIH clauses, in clause-ID order


@dataclass(frozen=True)
class CouncilLink:
    """A council clause a CIH clause engages, with the mapping's reasons."""

    clause: CouncilClause
    relation: str
    basis: str
    rationale: str


@dataclass(frozen=True)
class BreachExample:
    clause: CouncilClause
    label: str  # "misconduct example" | "gross misconduct example"
    shared: tuple[str, ...]  # the words it shares with the engaged council clauses, strongest first


@dataclass(frozen=True)
class BreachRoute:
    """What happens if the standard is breached."""

    policies: tuple[Source, ...]  # council policies engaged, the procedure apart
    procedure: Source | None  # the Disciplinary Procedure, when the council has one
    named: tuple[CouncilClause, ...]  # procedure clauses the mapping links directly
    examples: tuple[BreachExample, ...]  # otherwise: its examples that share words with the engaged clauses


@dataclass(frozen=True)
class Applies:
    """How a current CIH clause applies at the council: the mapping that fits its wording."""

    state: str  # "reviewed" | "stale" | "suggested" | "unmapped"
    entry: ClauseMapping | None
    reviewed_against: ClauseRef | None  # the wording reviewed, when it is worth saying which
    changes_since: Runs | None  # stale: from the reviewed wording to this one
    principles: tuple[tuple[Principle, bool], ...]  # (principle, primary)
    council: tuple[CouncilLink, ...]
    breach: BreachRoute | None


@dataclass(frozen=True)
class CihClause:
    source: Source
    section: Section
    clause: Clause
    page: str
    url: str
    citation: str
    permalink: str
    current: bool
    predecessor: ClauseRef | None  # the same clause in the version before, matched by wording
    successor: Successor | None  # superseded versions only
    applies: Applies | None  # current versions of a handbook with a mapping


@dataclass(frozen=True)
class DocumentVersion:
    source: Source
    page: str
    url: str
    current: bool
    until: date | None  # the day the next version took effect
    superseded_by: Source | None  # the current version, when this one is superseded
    clauses: tuple[CihClause, ...]  # in document order


@dataclass(frozen=True)
class Change:
    status: str  # "unchanged" | "reworded" | "added" | "removed"
    old: ClauseRef | None
    new: ClauseRef | None
    moved: bool = False
    diff: Runs = ()  # reworded clauses


@dataclass(frozen=True)
class VersionStep:
    old: Source
    new: Source
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class History:
    """One CIH document's versions, oldest first, and what changed at each step."""

    code: str
    versions: tuple[DocumentVersion, ...]
    steps: tuple[VersionStep, ...]

    @property
    def current(self) -> DocumentVersion:
        return self.versions[-1]


@dataclass(frozen=True)
class PrincipleClause:
    clause: ClauseRef
    primary: bool
    state: str


@dataclass(frozen=True)
class PrincipleFacts:
    principle: Principle
    by_document: tuple[tuple[Source, tuple[PrincipleClause, ...]], ...]  # every current CIH document

    @property
    def count(self) -> int:
        return sum(len(rows) for _, rows in self.by_document)

    @property
    def primary(self) -> int:
        return sum(1 for _, rows in self.by_document for r in rows if r.primary)


@dataclass(frozen=True)
class PolicyFacts:
    source: Source
    page: str
    clauses: tuple[CouncilClause, ...]

    @property
    def engaged(self) -> int:
        return sum(1 for c in self.clauses if c.engaged_by)


@dataclass(frozen=True)
class ClauseLinks:
    """What the mapping says of one CIH clause, as far as the alignment report needs it."""

    principles: tuple[str, ...]  # Nolan principle names, primary first
    policy_clauses: tuple[str, ...]  # council clause IDs
    gap_note: str = ""
    relations: tuple[str, ...] = ()  # OSCAL relation of each policy clause, in the same order
    reviewed: bool = True  # False while the entry is suggested or its clause was reworded since review
    reviewed_by: str = ""
    reviewed_on: str = ""


@dataclass(frozen=True)
class Resolved:
    site_url: str
    documents: tuple[DocumentVersion, ...]  # every CIH version, in manifest order
    histories: tuple[History, ...]  # one per CIH document, in manifest order
    policies: tuple[PolicyFacts, ...]
    mapping: Mapping | None = None
    principles: Principles | None = None
    nolan: tuple[PrincipleFacts, ...] = ()
    gaps: tuple[str, ...] = ()  # current CIH clauses whose entry engages no council clause
    report_links: dict[str, ClauseLinks] = field(default_factory=dict)

    @property
    def mapped(self) -> bool:
        return self.mapping is not None and self.principles is not None

    @property
    def current_documents(self) -> tuple[DocumentVersion, ...]:
        return tuple(h.current for h in self.histories)


# ---------------------------------------------------------------------------


def resolve(
    handbook: Handbook, site_url: str = "", mapping: Mapping | None = None, principles: Principles | None = None
) -> Resolved:
    """Every fact the pages show; the mapping's facts only when both the mapping and the principles are given."""
    if mapping is None or principles is None:
        mapping, principles = None, None
    refs = {(id(s), c.id): _ref(s, c) for s in handbook.documents for c in s.document.clauses}
    states = {cid: review_state(mapping, c) for cid, (_, c) in handbook.current_clauses.items()} if mapping else {}
    council = {cc.clause.id: cc for p in handbook.policies for cc in _council_clauses(p, mapping, handbook, refs, states)}
    documents = tuple(_document(handbook, s, site_url, refs, states, council, mapping, principles) for s in handbook.documents)
    by_source = {id(d.source): d for d in documents}
    histories = tuple(_history(handbook, code, by_source, refs) for code in handbook.codes)
    policies = tuple(
        PolicyFacts(p, policy_page(p.entry), tuple(council[c.id] for c in p.document.clauses)) for p in handbook.policies
    )
    if mapping is None or principles is None:
        return Resolved(site_url, documents, histories, policies)
    cih = handbook.current_clauses
    return Resolved(
        site_url,
        documents,
        histories,
        policies,
        mapping,
        principles,
        nolan=tuple(_principle(p, handbook, mapping, refs, states) for p in principles),
        gaps=tuple(e.clause for e in mapping.sorted_entries() if e.clause in cih and not e.policies),
        report_links=report_links(mapping, principles),
    )


def _ref(source: Source, clause: Clause) -> ClauseRef:
    return ClauseRef(clause.id, source.entry.version, clause.text, clause_page(source.entry, clause.id))


def _council_clauses(
    policy: Source, mapping: Mapping | None, handbook: Handbook, refs: dict, states: dict[str, str]
) -> list[CouncilClause]:
    cih = handbook.current_clauses
    clauses = policy.document.clauses
    out = []
    for clause in clauses:
        engaged: list[Engagement] = []
        for e in mapping.clauses_for_policy_clause(clause.id) if mapping else ():
            if e.clause not in cih:
                continue
            link = e.link(clause.id)
            assert link is not None
            source, cih_clause = cih[e.clause]
            engaged.append(Engagement(refs[(id(source), cih_clause.id)], link.relation, link.basis, states[e.clause]))
        items = tuple(c for c in clauses if re.fullmatch(re.escape(clause.id) + r"\.[a-z]", c.id))
        out.append(
            CouncilClause(
                policy,
                clause,
                policy_clause_target(policy.entry, clause.id),
                council_clause_page(policy.entry, clause.id),
                items,
                tuple(engaged),
            )
        )
    return out


def _document(
    handbook: Handbook,
    source: Source,
    site_url: str,
    refs: dict,
    states: dict[str, str],
    council: dict[str, CouncilClause],
    mapping: Mapping | None,
    principles: Principles | None,
) -> DocumentVersion:
    versions = handbook.versions(source.entry.code)
    current = versions[-1]
    at = versions.index(source)
    is_current = current is source
    later = [s.entry.in_force for s in versions if s.entry.in_force > source.entry.in_force]
    before = compare(versions[at - 1].document, source.document) if at > 0 else ()
    after = compare(source.document, current.document) if not is_current else ()
    clauses = []
    for section in source.document.sections:
        for clause in section.clauses:
            url = page_url(clause_page(source.entry, clause.id))
            old = next((c.old for c in before if c.new is clause and c.old is not None), None)
            clauses.append(
                CihClause(
                    source=source,
                    section=section,
                    clause=clause,
                    page=clause_page(source.entry, clause.id),
                    url=url,
                    citation=cite(source.entry, section, clause, url, site_url),
                    permalink=permalink(site_url, url),
                    current=is_current,
                    predecessor=refs[(id(versions[at - 1]), old.id)] if old is not None else None,
                    successor=None if is_current else _successor(after, current, clause, refs),
                    applies=(
                        _applies(handbook, clause, mapping, principles, states, council)
                        if is_current and mapping is not None and principles is not None
                        else None
                    ),
                )
            )
    return DocumentVersion(
        source=source,
        page=document_page(source.entry),
        url=page_url(document_page(source.entry)),
        current=is_current,
        until=min(later) if later else None,
        superseded_by=None if is_current else current,
        clauses=tuple(clauses),
    )


def _successor(changes: Sequence, current: Source, clause: Clause, refs: dict) -> Successor:
    follow = successor(tuple(changes), clause.id)
    if follow is None:
        return Successor(current.entry.version, None)
    status = next(c.status for c in changes if c.new is follow)
    return Successor(current.entry.version, refs[(id(current), follow.id)], reworded=status != "unchanged")


def _applies(
    handbook: Handbook,
    clause: Clause,
    mapping: Mapping,
    principles: Principles,
    states: dict[str, str],
    council: dict[str, CouncilClause],
) -> Applies:
    state = states[clause.id]
    entry = mapping.for_clause(clause.id)
    against, since = _reviewed_wording(handbook, state, entry)
    if entry is None:
        return Applies(state, None, against, since, (), (), None)
    chosen = tuple(
        (p, i == 0) for i, pid in enumerate(entry.nolan) for p in (principles.get(pid),) if p is not None
    )
    links = tuple(
        CouncilLink(council[link.clause], link.relation, link.basis, link.rationale)
        for link in entry.policies
        if link.clause in council
    )
    return Applies(state, entry, against, since, chosen, links, _breach_route(links, handbook, council))


def _reviewed_wording(handbook: Handbook, state: str, entry: ClauseMapping | None) -> tuple[ClauseRef | None, Runs | None]:
    """Which wording the review was against, when it was an earlier version's or differs from this one."""
    if entry is None or state not in ("reviewed", "stale"):
        return None, None
    origin = reviewed_clause(handbook, entry) if (entry.reviewed_version or state == "stale") else None
    if origin is None:
        return None, None
    source, old = origin
    ref = _ref(source, old)
    if state == "reviewed":
        return ref, None
    current = handbook.current(source.entry.code)
    new = next((c for c in current.document.clauses if c.id == entry.clause), None)
    if new is None:
        return None, None
    return ref, tuple(word_diff(old.text, new.text))


# ---------------------------------------------------------------------------
# The breach route.


def _breach_route(links: tuple[CouncilLink, ...], handbook: Handbook, council: dict[str, CouncilClause]) -> BreachRoute:
    dis = next((p for p in handbook.policies if p.entry.code == DISCIPLINARY), None)
    engaged: dict[str, Source] = {}
    for link in links:
        if link.clause.source.entry.code != DISCIPLINARY:
            engaged.setdefault(link.clause.source.entry.code, link.clause.source)
    if not engaged or dis is None:
        return BreachRoute(tuple(engaged.values()), dis, (), ())
    named = tuple(link.clause for link in links if link.clause.source is dis)
    if named:
        return BreachRoute(tuple(engaged.values()), dis, named, ())
    # Word matching, shown with the shared words so the reader can judge; reviewed data replaces it (issue 13).
    topic = " ".join(link.clause.clause.text for link in links)
    examples = tuple(
        BreachExample(council[c.id], label, shared) for c, label, shared in disciplinary_examples(dis, topic)
    )
    return BreachRoute(tuple(engaged.values()), dis, (), examples)


def disciplinary_examples(dis: Source, topic_text: str, limit: int = 3) -> list[tuple[Clause, str, tuple[str, ...]]]:
    """The lettered examples in the procedure's misconduct lists that share the most (rare) words with the topic."""
    clauses = dis.document.clauses
    by_id, examples, df = _misconduct_examples(clauses)
    if not examples:
        return []
    n = len(clauses)
    topic = {s for s, _ in terms(topic_text)}
    scored = []
    for c in examples:
        seq = terms(c.text)
        shared = {w: math.log((n + 1) / (df[s] + 1)) for s, w in seq if s in topic}
        score = sum(shared.values())
        if score >= 0.5 * math.log(n + 1):  # at least one fairly rare word in common
            parent = by_id.get(c.id.rsplit(".", 1)[0])
            gross = parent is not None and parent.text.lower().startswith("gross misconduct")
            label = "gross misconduct example" if gross else "misconduct example"
            scored.append((score, c, label, tuple(sorted(shared, key=lambda w: -shared[w]))))
    scored.sort(key=lambda t: (-t[0], clause_sort_key(t[1].id)))
    return [(c, label, shared) for _, c, label, shared in scored[:limit]]


@lru_cache(maxsize=4)  # one procedure, asked once per mapped clause
def _misconduct_examples(clauses: tuple[Clause, ...]) -> tuple[dict[str, Clause], tuple[Clause, ...], Counter[str]]:
    """The procedure's clauses by ID, its lettered misconduct examples, and how many clauses use each word stem."""
    by_id = {c.id: c for c in clauses}
    examples = [c for c in clauses if re.search(r"\.[a-z]$", c.id)]
    examples = [c for c in examples if "misconduct" in by_id.get(c.id.rsplit(".", 1)[0], c).text.lower()]
    # Callers share these (cached), so they only read them.
    df = Counter(s for c in clauses for s in {s for s, _ in terms(c.text)})
    return by_id, tuple(examples), df


# ---------------------------------------------------------------------------
# Versions, principles and the report.


def _history(handbook: Handbook, code: str, by_source: dict[int, DocumentVersion], refs: dict) -> History:
    versions = handbook.versions(code)
    steps = []
    for old, new in zip(versions, versions[1:]):
        changes = tuple(
            Change(
                c.status,
                refs[(id(old), c.old.id)] if c.old else None,
                refs[(id(new), c.new.id)] if c.new else None,
                c.moved,
                tuple(word_diff(c.old.text, c.new.text)) if c.status == "reworded" and c.old and c.new else (),
            )
            for c in compare(old.document, new.document)
        )
        steps.append(VersionStep(old, new, changes))
    return History(code, tuple(by_source[id(s)] for s in versions), tuple(steps))


def _principle(p: Principle, handbook: Handbook, mapping: Mapping, refs: dict, states: dict[str, str]) -> PrincipleFacts:
    mapped = {e.clause: e for e in mapping.clauses_for_principle(p.id)}
    by_document = []
    for source in handbook.current_documents:
        rows = tuple(
            PrincipleClause(refs[(id(source), c.id)], mapped[c.id].primary == p.id, states[c.id])
            for c in source.document.clauses
            if c.id in mapped
        )
        by_document.append((source, rows))
    return PrincipleFacts(p, tuple(by_document))


def report_links(mapping: Mapping, principles: Principles) -> dict[str, ClauseLinks]:
    """The report's view of the mapping: principle names and council clause IDs per CIH clause."""
    out = {}
    for entry in mapping.entries:
        names = tuple(p.name for pid in entry.nolan for p in (principles.get(pid),) if p is not None)
        out[entry.clause] = ClauseLinks(
            names,
            tuple(link.clause for link in entry.policies),
            entry.gap,
            relations=tuple(link.relation for link in entry.policies),
            reviewed=entry.reviewed,
            reviewed_by=entry.reviewed_by,
            reviewed_on=entry.reviewed_on.isoformat() if entry.reviewed_on else "",
        )
    return out
