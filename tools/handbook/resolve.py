"""Resolve stage: every fact a page shows, decided once per build.

    extract → map → resolve → render → engine

Extraction gives the clauses of every version (`pipeline.Handbook`), the
mapping says what the council reviewed (`mapping`, keyed by wording). This
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

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from .citation import cite, clause_heading, permalink
from .mapping import (
    BreachPosition,
    Mapping,
    MappingEntry,
    clause_sort_key,
    current_entries,
    nearest_reviewed,
    review_state,
    reviewed_current,
)
from .model import Clause, Handbook, Section, Source
from .nolan import Principle, Principles
from .urls import (
    clause_page,
    council_clause_page,
    document_page,
    page_url,
    policy_changes_page,
    policy_clause_target,
    policy_page,
    policy_version_page,
)
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
    clause: CouncilClause  # a lettered example in the procedure's misconduct lists
    label: str  # "misconduct example" | "gross misconduct example", from the list it is in
    category: CouncilClause | None  # the clause whose list it is in (DIS-5.1, DIS-5.2)


@dataclass(frozen=True)
class BreachRoute:
    """What happens if the standard is breached: as the council reviewed it, never guessed.

    `reviewed` is False when the mapping entry names no breach route; the page then says so.
    """

    policies: tuple[Source, ...]  # council policies engaged, procedures apart
    procedure: Source | None  # the Disciplinary Procedure, when the council has one
    reviewed: bool  # the entry carries a reviewed breach: route
    examples: tuple[BreachExample, ...]  # the misconduct / gross misconduct examples that apply
    steps: tuple[CouncilClause, ...]  # the procedure clauses that set the route
    position: BreachPosition | None = None  # the council's general position on breaches


@dataclass(frozen=True)
class Suggestion:
    """Links suggested for a wording nobody has reviewed: shown only marked as suggestions, never as fact."""

    entry: MappingEntry  # status suggested: from the file, or drafted for this build
    principles: tuple[tuple[Principle, bool], ...]
    council: tuple[CouncilLink, ...]


@dataclass(frozen=True)
class NearestReview:
    """A review of another wording of the same clause: shown beside it, labelled with that wording only."""

    entry: MappingEntry
    clause: ClauseRef | None  # where that wording is; None when it is in no version (an orphaned entry)
    changes_since: Runs  # from that wording to this clause's


@dataclass(frozen=True)
class Applies:
    """How a CIH clause applies at the council: the reviewed mapping of exactly its wording, if any."""

    state: str  # "reviewed" | "suggested" | "unreviewed" (ReviewState values)
    entry: MappingEntry | None  # the reviewed entry for this wording; None unless state is "reviewed"
    reviewed_against: ClauseRef | None  # the same wording reviewed under another clause ID or version
    principles: tuple[tuple[Principle, bool], ...]  # (principle, primary), of the reviewed entry only
    council: tuple[CouncilLink, ...]
    breach: BreachRoute | None
    current: bool = True  # False: a superseded version's clause (history)
    suggestion: Suggestion | None = None  # current clauses without a reviewed entry
    nearest: NearestReview | None = None  # current clauses without a reviewed entry


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
    heading: str = ""  # "COC-1.4 — CIH Code of Conduct v3": the page's heading and tab title
    # Superseded versions: for each council clause the mapping links, its wording in the policy versions
    # that were in force while this version was, other than the current one (the page shows the current).
    council_then: tuple[tuple[str, tuple[PolicyClause, ...]], ...] = ()
    council_then_until: str = ""  # the day this version stopped being in force (superseded versions)


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
class PolicyClause:
    """A council clause in one version of its policy, at its own page."""

    source: Source
    section: Section
    clause: Clause
    page: str  # council/<slug>/<version>/<id>.md
    url: str
    anchor: str  # the same clause on the policy's current page (current versions only, else "")
    heading: str  # "DOI-2.1 — Declarations of Interest Policy version 1.4"
    citation: str
    permalink: str
    current: bool
    items: tuple[Clause, ...]  # its lettered items, whose text completes it
    parent: Clause | None  # for a lettered item: the numbered clause it belongs to
    full_text: str  # the clause followed by its items: "… This includes: (a) …; (b) …"
    successor: Successor | None  # superseded versions only: where it continues in the current version


@dataclass(frozen=True)
class PolicyVersion:
    """One version of a council policy, at its own address."""

    source: Source
    page: str  # council/<slug>/<version>/index.md
    url: str
    current: bool
    until: date | None
    superseded_by: Source | None
    clauses: tuple[PolicyClause, ...]  # in document order


@dataclass(frozen=True)
class PolicyHistory:
    """A council policy's versions, oldest first, and what changed at each step (as for CIH documents)."""

    code: str
    versions: tuple[PolicyVersion, ...]
    steps: tuple[VersionStep, ...]
    changes_page: str

    @property
    def current(self) -> PolicyVersion:
        return self.versions[-1]


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
    policy_histories: tuple[PolicyHistory, ...] = ()  # one per council policy, in manifest order

    @property
    def mapped(self) -> bool:
        return self.mapping is not None and self.principles is not None

    @property
    def current_documents(self) -> tuple[DocumentVersion, ...]:
        return tuple(h.current for h in self.histories)


# ---------------------------------------------------------------------------


def resolve(
    handbook: Handbook,
    site_url: str = "",
    mapping: Mapping | None = None,
    principles: Principles | None = None,
    drafts: dict[str, MappingEntry] | None = None,
) -> Resolved:
    """Every fact the pages show; the mapping's facts only when both the mapping and the principles are given.

    `drafts`: suggested entries made for this build for current wordings the file has no entry for, by SHA-256.
    """
    if mapping is None or principles is None:
        mapping, principles = None, None
    refs = {(id(s), c.id): _ref(s, c) for s in handbook.documents for c in s.document.clauses}
    states = {cid: review_state(mapping, c).value for cid, (_, c) in handbook.current_clauses.items()} if mapping else {}
    reviewed = reviewed_current(mapping, handbook) if mapping else {}
    engaging: dict[str, list[tuple[str, MappingEntry]]] = {}
    for cid in sorted(reviewed, key=clause_sort_key):
        for council_id in dict.fromkeys(link.clause for link in reviewed[cid].policies):  # an entry once per council clause
            engaging.setdefault(council_id, []).append((cid, reviewed[cid]))
    council = {cc.clause.id: cc for p in handbook.policies for cc in _council_clauses(p, engaging, handbook, refs, states)}
    mapped = _Mapped(mapping, principles, drafts or {}) if mapping is not None and principles is not None else None
    policy_histories = tuple(_policy_history(handbook, p.entry.code, site_url) for p in handbook.policies)
    documents = tuple(_document(handbook, s, site_url, refs, council, mapped, policy_histories) for s in handbook.documents)
    by_source = {id(d.source): d for d in documents}
    histories = tuple(_history(handbook, code, by_source, refs) for code in handbook.codes)
    policies = tuple(
        PolicyFacts(p, policy_page(p.entry), tuple(council[c.id] for c in p.document.clauses)) for p in handbook.policies
    )
    if mapping is None or principles is None:
        return Resolved(site_url, documents, histories, policies, policy_histories=policy_histories)
    cih = handbook.current_clauses
    return Resolved(
        policy_histories=policy_histories,
        site_url=site_url,
        documents=documents,
        histories=histories,
        policies=policies,
        mapping=mapping,
        principles=principles,
        nolan=tuple(_principle(p, handbook, reviewed, refs, states) for p in principles),
        gaps=tuple(cid for cid in cih if cid in reviewed and not reviewed[cid].policies),
        report_links=report_links(current_entries(mapping, handbook), principles),
    )


@dataclass(frozen=True)
class _Mapped:
    mapping: Mapping
    principles: Principles
    drafts: dict[str, MappingEntry]


def _ref(source: Source, clause: Clause) -> ClauseRef:
    return ClauseRef(clause.id, source.entry.version, clause.text, clause_page(source.entry, clause.id))


def _council_clauses(
    policy: Source, engaging: dict[str, list[tuple[str, MappingEntry]]], handbook: Handbook, refs: dict, states: dict[str, str]
) -> list[CouncilClause]:
    cih = handbook.current_clauses
    clauses = policy.document.clauses
    out = []
    for clause in clauses:
        engaged: list[Engagement] = []
        for cid, e in engaging.get(clause.id, ()):
            link = e.link(clause.id)
            assert link is not None
            source, cih_clause = cih[cid]
            engaged.append(Engagement(refs[(id(source), cih_clause.id)], link.relation, link.basis, states[cid]))
        items = tuple(c for c in clauses if re.fullmatch(re.escape(clause.id) + r"\.[a-z]+", c.id))
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
    council: dict[str, CouncilClause],
    mapped: _Mapped | None,
    policy_histories: tuple[PolicyHistory, ...] = (),
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
            # Equality, not identity: compare() is cached by value, so its clauses may be equal copies of these.
            old = next((c.old for c in before if c.new == clause and c.old is not None), None)
            applies = _applies(handbook, source, clause, is_current, mapped, council, refs) if mapped else None
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
                    applies=applies,
                    heading=clause_heading(source.entry, clause.id),
                    council_then=_council_then(applies_links(applies), source, later, policy_histories) if not is_current else (),
                    council_then_until=min(later).isoformat() if later else "",
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
    status = next(c.status for c in changes if c.new == follow)
    return Successor(current.entry.version, refs[(id(current), follow.id)], reworded=status != "unchanged")


def _applies(
    handbook: Handbook,
    source: Source,
    clause: Clause,
    current: bool,
    mapped: _Mapped,
    council: dict[str, CouncilClause],
    refs: dict,
) -> Applies:
    """Only an entry reviewed against exactly this wording is a fact; anything else is labelled as what it is."""
    mapping, principles = mapped.mapping, mapped.principles
    state = review_state(mapping, clause).value
    entry = mapping.reviewed_for(clause.sha256)
    if entry is not None:
        chosen, links = _chosen(entry, principles, council)
        against = _reviewed_against(handbook, source, clause, entry, refs)
        return Applies(state, entry, against, chosen, links, _breach_route(entry, links, handbook, council, mapping.breach_position), current)
    if not current:
        return Applies(state, None, None, (), (), None, current)
    draft = mapping.for_wording(clause.sha256) or mapped.drafts.get(clause.sha256)
    suggestion = Suggestion(draft, *_chosen(draft, principles, council)) if draft is not None else None
    near = nearest_reviewed(mapping, handbook, source, clause)
    nearest = None
    if near is not None:
        where = refs[(id(near.source), near.clause.id)] if near.source is not None and near.clause is not None else None
        nearest = NearestReview(near.entry, where, tuple(word_diff(near.reviewed_text, clause.text)))
    return Applies(state, None, None, (), (), None, current, suggestion, nearest)


def _chosen(
    entry: MappingEntry, principles: Principles, council: dict[str, CouncilClause]
) -> tuple[tuple[tuple[Principle, bool], ...], tuple[CouncilLink, ...]]:
    chosen = tuple((p, i == 0) for i, pid in enumerate(entry.nolan) for p in (principles.get(pid),) if p is not None)
    links = tuple(
        CouncilLink(council[link.clause], link.relation, link.basis, link.rationale)
        for link in entry.policies
        if link.clause in council
    )
    return chosen, links


def _reviewed_against(handbook: Handbook, source: Source, clause: Clause, entry: MappingEntry, refs: dict) -> ClauseRef | None:
    """Where the review was done, when that was another clause ID or version with this same wording."""
    if entry.clause == clause.id and entry.version == source.entry.version:
        return None
    for other in handbook.versions(source.entry.code):
        if other.entry.version == entry.version:
            for c in other.document.clauses:
                if c.id == entry.clause and c.sha256 == entry.text_sha256:
                    return refs[(id(other), c.id)]
    return None


# ---------------------------------------------------------------------------
# Council policy versions.


def applies_links(applies: Applies | None) -> tuple[str, ...]:
    return tuple(link.clause.clause.id for link in applies.council) if applies is not None else ()


def _council_then(
    linked: tuple[str, ...], source: Source, later: list[date], histories: tuple[PolicyHistory, ...]
) -> tuple[tuple[str, tuple[PolicyClause, ...]], ...]:
    """Each linked council clause as worded in the policy versions in force while `source` was, the current one apart."""
    start, end = source.entry.in_force, min(later) if later else None
    by_code = {h.code: h for h in histories}
    out = []
    for cid in linked:
        history = by_code.get(cid.partition("-")[0])
        if history is None:
            continue
        then = tuple(
            c
            for v in history.versions
            if not v.current and (end is None or v.source.entry.in_force < end) and (v.until is None or v.until > start)
            for c in v.clauses
            if c.clause.id == cid
        )
        if then:
            out.append((cid, then))
    return tuple(out)


def lettered_items(clauses: Sequence[Clause], clause: Clause) -> tuple[Clause, ...]:
    """The lettered items (ECC-4.2.a, …, or numbered (i), (ii): ECC-4.2.ii) of a numbered clause, in order."""
    return tuple(c for c in clauses if re.fullmatch(re.escape(clause.id) + r"\.[a-z]+", c.id))


def parent_clause(clauses: Sequence[Clause], clause: Clause) -> Clause | None:
    """The numbered clause a lettered item belongs to."""
    head, _, letter = clause.id.rpartition(".")
    if not re.fullmatch(r"[a-z]+", letter):
        return None
    return next((c for c in clauses if c.id == head), None)


def full_text(clause: Clause, items: Sequence[Clause]) -> str:
    return " ".join([clause.text, *(f"({i.id.rpartition('.')[2]}) {i.text}" for i in items)])


def _policy_history(handbook: Handbook, code: str, site_url: str) -> PolicyHistory:
    versions = handbook.policy_versions(code)
    current = versions[-1]
    refs = {(id(s), c.id): ClauseRef(c.id, s.entry.version, c.text, council_clause_page(s.entry, c.id)) for s in versions for c in s.document.clauses}
    out = []
    for source in versions:
        is_current = source is current
        later = [s.entry.in_force for s in versions if s.entry.in_force > source.entry.in_force]
        after = compare(source.document, current.document) if not is_current else ()
        clauses = source.document.clauses
        facts = []
        for section in source.document.sections:
            for clause in section.clauses:
                page = council_clause_page(source.entry, clause.id)
                url = page_url(page)
                items = lettered_items(clauses, clause)
                facts.append(
                    PolicyClause(
                        source=source,
                        section=section,
                        clause=clause,
                        page=page,
                        url=url,
                        anchor=policy_clause_target(source.entry, clause.id) if is_current else "",
                        heading=clause_heading(source.entry, clause.id),
                        citation=cite(source.entry, section, clause, url, site_url),
                        permalink=permalink(site_url, url),
                        current=is_current,
                        items=items,
                        parent=parent_clause(clauses, clause),
                        full_text=full_text(clause, items),
                        successor=None if is_current else _successor(after, current, clause, refs),
                    )
                )
        page = policy_version_page(source.entry)
        out.append(
            PolicyVersion(
                source=source,
                page=page,
                url=page_url(page),
                current=is_current,
                until=min(later) if later else None,
                superseded_by=None if is_current else current,
                clauses=tuple(facts),
            )
        )
    return PolicyHistory(code, tuple(out), _steps(versions, refs), policy_changes_page(current.entry.slug))


# ---------------------------------------------------------------------------
# The breach route.


def _breach_route(
    entry: MappingEntry, links: tuple[CouncilLink, ...], handbook: Handbook, council: dict[str, CouncilClause], position: BreachPosition | None
) -> BreachRoute:
    """The entry's reviewed breach route with each clause it names; no words are matched, ever."""
    dis = next((p for p in handbook.policies if p.entry.code == DISCIPLINARY), None)
    engaged: dict[str, Source] = {}
    for link in links:
        if link.clause.source.entry.kind != "procedure" and link.clause.source.entry.code != DISCIPLINARY:
            engaged.setdefault(link.clause.source.entry.code, link.clause.source)
    if entry.breach is None:
        return BreachRoute(tuple(engaged.values()), dis, False, (), (), position)
    examples = []
    for cid in entry.breach.misconduct:
        if cid not in council:
            continue
        parent = council.get(cid.rpartition(".")[0])
        gross = parent is not None and parent.clause.text.lower().startswith("gross misconduct")
        examples.append(BreachExample(council[cid], "gross misconduct example" if gross else "misconduct example", parent))
    steps = tuple(council[cid] for cid in entry.breach.procedure if cid in council)
    return BreachRoute(tuple(engaged.values()), dis, True, tuple(examples), steps, position)


# ---------------------------------------------------------------------------
# Versions, principles and the report.


def _history(handbook: Handbook, code: str, by_source: dict[int, DocumentVersion], refs: dict) -> History:
    versions = handbook.versions(code)
    return History(code, tuple(by_source[id(s)] for s in versions), _steps(versions, refs))


def _steps(versions: Sequence[Source], refs: dict) -> tuple[VersionStep, ...]:
    """What changed from each version to the next, clauses matched by wording."""
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
    return tuple(steps)


def _principle(
    p: Principle, handbook: Handbook, reviewed: dict[str, MappingEntry], refs: dict, states: dict[str, str]
) -> PrincipleFacts:
    mapped = {cid: e for cid, e in reviewed.items() if p.id in e.nolan}
    by_document = []
    for source in handbook.current_documents:
        rows = tuple(
            PrincipleClause(refs[(id(source), c.id)], mapped[c.id].primary == p.id, states[c.id])
            for c in source.document.clauses
            if c.id in mapped
        )
        by_document.append((source, rows))
    return PrincipleFacts(p, tuple(by_document))


def report_links(entries: dict[str, MappingEntry], principles: Principles) -> dict[str, ClauseLinks]:
    """The report's view of the mapping: principle names and council clause IDs per current CIH clause ID.

    `entries`: the entry for each current clause's wording (mapping.current_entries), reviewed or not.
    """
    out = {}
    for clause_id, entry in entries.items():
        names = tuple(p.name for pid in entry.nolan for p in (principles.get(pid),) if p is not None)
        out[clause_id] = ClauseLinks(
            names,
            tuple(link.clause for link in entry.policies),
            entry.gap,
            relations=tuple(link.relation for link in entry.policies),
            reviewed=entry.reviewed,
            reviewed_by=entry.reviewed_by,
            reviewed_on=entry.reviewed_on.isoformat() if entry.reviewed_on else "",
        )
    return out
