"""The human-edited mapping from CIH clauses to Nolan principles and council clauses.

`mapping/cih-to-council.yml` says, for every clause of the current CIH
documents, which of the Seven Principles of Public Life it expresses (the
first listed is the primary one) and which clauses of the council's own
policies it engages, with an OSCAL-style relation, the basis of the match and
a one-sentence rationale. Each entry records the SHA-256 of the CIH clause
text it was reviewed against, so a reworded clause is flagged as stale.

`load_mapping` never stops at the first mistake: it reads what it can and
`validate` returns every problem, each one line with the file and line where
it is and what to do. `is_error` says which problems fail a build.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from .errors import HandbookError, display_path
from .model import Clause, Handbook
from .yamlio import load_yaml_tree

DEFAULT_MAPPING = "mapping/cih-to-council.yml"

STATUSES = ("reviewed", "suggested")
# The OSCAL mapping model's relationship types (NIST OSCAL control mapping).
RELATIONS = ("equivalent-to", "subset-of", "superset-of", "intersects-with", "no-relationship")
BASES = ("same wording", "same meaning", "same outcome")

KINDS = (
    "malformed",
    "unknown-clause",
    "unknown-principle",
    "unknown-policy-clause",
    "duplicate",
    "unmapped",
    "stale",
    "suggested",
    "moved",
    "removed",
)
ERROR_KINDS = frozenset({"malformed", "unknown-clause", "unknown-principle", "unknown-policy-clause", "duplicate"})
REVIEW_KINDS = frozenset({"unmapped", "stale", "suggested"})  # shown on the site as "needs review"
# "moved" and "removed": a new CIH version shifted or dropped the clause an
# entry was keyed by. The site already follows the clause (mapping_versions);
# only the file is out of date, so these fail --strict but not a normal build.

ENTRY_KEYS = ("status", "nolan", "policies", "gap", "reviewed_by", "reviewed_on", "text_sha256", "evidence", "suggested")
LINK_KEYS = ("clause", "relation", "basis", "rationale")
_SHA = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    kind: str  # one of KINDS
    message: str  # what is wrong; what to do

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class PolicyLink:
    clause: str  # council clause ID, e.g. "ECC-2.1"
    relation: str  # one of RELATIONS
    basis: str  # one of BASES
    rationale: str
    line: int | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Evidence:
    """Why `handbook suggest` proposed a principle or a council clause."""

    kind: str  # "nolan" | "policy"
    target: str  # principle ID or council clause ID
    score: float
    shared: tuple[str, ...]  # the shared terms and phrases


@dataclass(frozen=True)
class ClauseMapping:
    clause: str  # CIH clause ID
    status: str  # "reviewed" | "suggested"
    nolan: tuple[str, ...]  # principle IDs, primary first
    policies: tuple[PolicyLink, ...] = ()
    gap: str = ""
    reviewed_by: str = ""
    reviewed_on: date | None = None
    text_sha256: str = ""
    evidence: tuple[Evidence, ...] = ()  # only on suggested entries
    suggested: ClauseMapping | None = None  # alternatives proposed for a stale reviewed entry
    # Set by mapping_versions.follow_versions when the entry was reviewed
    # against an earlier version's wording: that version and clause ID, and
    # the ID the file still uses if the clause has moved since.
    reviewed_version: str = ""
    reviewed_id: str = ""
    followed_from: str = ""
    line: int | None = field(default=None, compare=False)
    field_lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def line_of(self, key: str) -> int | None:
        return self.field_lines.get(key) or self.line

    @property
    def primary(self) -> str | None:
        return self.nolan[0] if self.nolan else None

    @property
    def reviewed(self) -> bool:
        return self.status == "reviewed"

    def link(self, policy_clause: str) -> PolicyLink | None:
        return next((p for p in self.policies if p.clause == policy_clause), None)


@dataclass(frozen=True)
class Mapping:
    path: str  # as shown in messages
    entries: tuple[ClauseMapping, ...]  # well-formed entries, in file order
    problems: tuple[Problem, ...] = ()  # found while reading (malformed, duplicate)
    listed: frozenset[str] = frozenset()  # every CIH ID with an entry, well-formed or not
    readable: bool = True  # False when the file could not be read as a mapping at all

    def for_clause(self, clause_id: str) -> ClauseMapping | None:
        return self._by_clause.get(clause_id)

    def clauses_for_policy_clause(self, policy_clause_id: str) -> tuple[ClauseMapping, ...]:
        """The CIH entries that link a council clause, in clause-ID order."""
        return self._by_policy_clause.get(policy_clause_id, ())

    def clauses_for_principle(self, principle_id: str, primary_only: bool = False) -> tuple[ClauseMapping, ...]:
        return tuple(
            e for e in self.sorted_entries() if (e.primary == principle_id if primary_only else principle_id in e.nolan)
        )

    def sorted_entries(self) -> tuple[ClauseMapping, ...]:
        return self._sorted

    # Every clause page asks these again; built once (cached_property writes past the frozen dataclass).
    @cached_property
    def _sorted(self) -> tuple[ClauseMapping, ...]:
        return tuple(sorted(self.entries, key=lambda e: clause_sort_key(e.clause)))

    @cached_property
    def _by_clause(self) -> dict[str, ClauseMapping]:
        return {e.clause: e for e in self.entries}

    @cached_property
    def _by_policy_clause(self) -> dict[str, tuple[ClauseMapping, ...]]:
        found: dict[str, list[ClauseMapping]] = {}
        for e in self._sorted:
            for clause in dict.fromkeys(link.clause for link in e.policies):  # an entry once, however many links
                found.setdefault(clause, []).append(e)
        return {clause: tuple(entries) for clause, entries in found.items()}


def clause_sort_key(clause_id: str) -> tuple[Any, ...]:
    """COC-1.2 < COC-1.10 < COE-Q1: numbers compared as numbers."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.findall(r"\d+|[^\d.\-]+", clause_id))


def is_error(problem: Problem, strict: bool) -> bool:
    """Strict: every problem fails. Otherwise only broken input fails; review items are shown on the site."""
    return strict or problem.kind in ERROR_KINDS


# ---------------------------------------------------------------------------
# Reading.


def load_mapping(path: Path) -> Mapping:
    """Read the mapping file; every mistake becomes a Problem rather than an exception.

    A missing file raises HandbookError: the configuration points at the wrong place.
    """
    shown = display_path(path)
    if not Path(path).is_file():
        raise HandbookError(shown, "mapping file not found", "create it (handbook suggest writes a first draft) or fix the path")
    try:
        data, root = load_yaml_tree(Path(path), what="mapping")
    except HandbookError as exc:
        kind = "duplicate" if "appears twice" in exc.problem else "malformed"
        return Mapping(shown, (), (Problem(shown, exc.line, kind, f"{exc.problem}; {exc.fix}"),), readable=False)
    lines = _key_lines(root)
    reader = _Reader(shown, lines)
    return reader.read(data)


def _key_lines(root: yaml.Node | None) -> dict[tuple[Any, ...], int]:
    """The line of every key (and list item) by its path, e.g. ("clauses", "COC-1.1", "status")."""
    out: dict[tuple[Any, ...], int] = {}

    def walk(node: Any, where: tuple[Any, ...]) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                here = (*where, key.value)
                out.setdefault(here, key.start_mark.line + 1)
                walk(value, here)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                out[(*where, i)] = item.start_mark.line + 1
                walk(item, (*where, i))

    if root is not None:
        walk(root, ())
    return out


class _Reader:
    def __init__(self, shown: str, lines: dict[tuple[Any, ...], int]):
        self.shown = shown
        self.lines = lines
        self.problems: list[Problem] = []

    def problem(self, where: tuple[Any, ...], kind: str, message: str) -> None:
        line = None
        for cut in range(len(where), 0, -1):
            line = self.lines.get(where[:cut])
            if line:
                break
        self.problems.append(Problem(self.shown, line, kind, message))

    def read(self, data: Any) -> Mapping:
        if data is None:
            data = {"clauses": {}}
        if not isinstance(data, dict) or not isinstance(data.get("clauses", {}), dict):
            self.problem(("clauses",), "malformed", "the mapping must have 'clauses:' holding one entry per CIH clause ID; see the header of mapping/cih-to-council.yml")
            return Mapping(self.shown, (), tuple(self.problems), readable=False)
        for key in data:
            if key != "clauses":
                self.problem((key,), "malformed", f"unknown top-level key '{key}'; put every entry under 'clauses:'")
        entries = []
        listed = set()
        for clause_id, raw in (data.get("clauses") or {}).items():
            clause_id = str(clause_id)
            listed.add(clause_id)
            entry = self.entry(("clauses", clause_id), clause_id, raw, nested=False)
            if entry is not None:
                entries.append(entry)
        return Mapping(self.shown, tuple(entries), tuple(self.problems), frozenset(listed))

    def entry(self, where: tuple[Any, ...], clause_id: str, raw: Any, nested: bool) -> ClauseMapping | None:
        before = len(self.problems)
        what = f"{clause_id} (suggested alternative)" if nested else clause_id
        if not isinstance(raw, dict):
            self.problem(where, "malformed", f"{what}: the entry must be a mapping with status, nolan and policies; see the header for the format")
            return None
        allowed = ENTRY_KEYS if not nested else ("nolan", "policies", "gap", "text_sha256", "evidence")
        for key in raw:
            if key not in allowed:
                self.problem((*where, key), "malformed", f"{what}: unknown key '{key}'; use only {', '.join(allowed)}")
        status = "suggested" if nested else raw.get("status")
        if status not in STATUSES:
            self.problem((*where, "status"), "malformed", f"{what}: status is {_shown(status)}; write status: reviewed or status: suggested")
        nolan = raw.get("nolan")
        if isinstance(nolan, str):
            nolan = [nolan]
        if not isinstance(nolan, list) or not nolan or not all(isinstance(n, str) and n for n in nolan):
            self.problem((*where, "nolan"), "malformed", f"{what}: nolan must list one or more principle IDs, the primary first, e.g. nolan: [integrity]")
            nolan = []
        if len(set(nolan)) != len(nolan):
            self.problem((*where, "nolan"), "duplicate", f"{what}: a principle is listed twice in nolan; list each principle once")
        links = self.links((*where, "policies"), what, raw.get("policies", []))
        gap = raw.get("gap", "")
        if not isinstance(gap, str):
            self.problem((*where, "gap"), "malformed", f"{what}: gap must be text; quote the note")
            gap = ""
        reviewed_by, reviewed_on = "", None
        if status == "reviewed":
            reviewed_by = raw.get("reviewed_by")
            if not isinstance(reviewed_by, str) or not reviewed_by.strip():
                self.problem((*where, "reviewed_by"), "malformed", f"{what}: a reviewed entry needs reviewed_by; give the reviewer's role")
                reviewed_by = ""
            reviewed_on = _date(raw.get("reviewed_on"))
            if reviewed_on is None:
                self.problem(
                    (*where, "reviewed_on"),
                    "malformed",
                    f"{what}: reviewed_on is {_shown(raw.get('reviewed_on'))}, not a date; write it as YYYY-MM-DD",
                )
            if "evidence" in raw:
                self.problem((*where, "evidence"), "malformed", f"{what}: evidence belongs to suggested entries only; remove it once the entry is reviewed")
            if not links and not gap.strip() and isinstance(raw.get("policies", []), list):
                self.problem((*where, "policies"), "malformed", f"{what}: no council clause and no gap note; link a council clause or write gap: with the reason")
        sha = raw.get("text_sha256", "")
        if sha in ("", None) and status == "reviewed":
            self.problem((*where, "text_sha256"), "malformed", f"{what}: text_sha256 is missing; copy the clause's Text SHA-256 from its page")
        elif sha not in ("", None) and (not isinstance(sha, str) or not _SHA.match(sha)):
            self.problem((*where, "text_sha256"), "malformed", f"{what}: text_sha256 is not a SHA-256 (64 lower-case hex digits); copy it from the clause's page")
        evidence = self.evidence((*where, "evidence"), what, raw.get("evidence"))
        suggested = None
        if not nested and "suggested" in raw:
            if status != "reviewed":
                self.problem((*where, "suggested"), "malformed", f"{what}: 'suggested:' alternatives belong beside a reviewed entry; remove it")
            else:
                suggested = self.entry((*where, "suggested"), clause_id, raw["suggested"], nested=True)
        if len(self.problems) != before and any(p.kind == "malformed" or p.kind == "duplicate" for p in self.problems[before:]):
            return None
        return ClauseMapping(
            clause=clause_id,
            status=str(status),
            nolan=tuple(nolan),
            policies=tuple(links),
            gap=gap.strip(),
            reviewed_by=reviewed_by.strip(),
            reviewed_on=reviewed_on,
            text_sha256=str(sha or ""),
            evidence=evidence,
            suggested=suggested,
            line=self.lines.get(where),
            field_lines={k: self.lines[(*where, k)] for k in raw if (*where, k) in self.lines},
        )

    def links(self, where: tuple[Any, ...], what: str, raw: Any) -> list[PolicyLink]:
        if raw is None:
            raw = []
        if not isinstance(raw, list):
            self.problem(where, "malformed", f"{what}: policies must be a list of council clauses (or [] with a gap note)")
            return []
        out: list[PolicyLink] = []
        for i, item in enumerate(raw):
            at = (*where, i)
            if not isinstance(item, dict):
                self.problem(at, "malformed", f"{what}: each policies item must have clause, relation, basis and rationale")
                continue
            ok = True
            for key in item:
                if key not in LINK_KEYS:
                    self.problem((*at, key), "malformed", f"{what}: unknown key '{key}' in a policies item; use only {', '.join(LINK_KEYS)}")
                    ok = False
            clause = item.get("clause")
            if not isinstance(clause, str) or not clause:
                self.problem((*at, "clause"), "malformed", f"{what}: a policies item has no clause; give the council clause ID, e.g. clause: ECC-2.1")
                ok = False
            relation = item.get("relation")
            if relation not in RELATIONS:
                self.problem((*at, "relation"), "malformed", f"{what}: relation {_shown(relation)} for {clause} is not one of {' | '.join(RELATIONS)}; use one of them")
                ok = False
            basis = item.get("basis")
            if basis not in BASES:
                self.problem((*at, "basis"), "malformed", f"{what}: basis {_shown(basis)} for {clause} is not one of {' | '.join(BASES)}; use one of them")
                ok = False
            rationale = item.get("rationale")
            if not isinstance(rationale, str) or not rationale.strip():
                self.problem((*at, "rationale") if "rationale" in item else at, "malformed", f"{what}: the link to {clause} has no rationale; add one sentence saying why")
                ok = False
            if ok and any(link.clause == clause for link in out):
                self.problem((*at, "clause"), "duplicate", f"{what}: {clause} is linked twice; keep one link per council clause")
                continue
            if ok:
                out.append(PolicyLink(str(clause), str(relation), str(basis), " ".join(str(rationale).split()), self.lines.get(at)))
        return out

    def evidence(self, where: tuple[Any, ...], what: str, raw: Any) -> tuple[Evidence, ...]:
        if raw is None:
            return ()
        out: list[Evidence] = []
        try:
            for kind in ("nolan", "policies"):
                for target, item in (raw.get(kind) or {}).items():
                    out.append(
                        Evidence("nolan" if kind == "nolan" else "policy", str(target), float(item["score"]), tuple(str(s) for s in item["shared"]))
                    )
        except (AttributeError, KeyError, TypeError, ValueError):
            self.problem(where, "malformed", f"{what}: evidence is not in the form handbook suggest writes; delete it and run handbook suggest again")
        return tuple(out)


def _shown(value: Any) -> str:
    return "missing" if value is None else f"'{value}'"


def _date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


# ---------------------------------------------------------------------------
# Checking against the handbook.


def validate(mapping: Mapping, handbook: Handbook, principle_ids: Iterable[str] | None = None) -> list[Problem]:
    """Every problem with the mapping, in file order, then the clauses with no entry."""
    if principle_ids is None:
        from .nolan import default_principles

        principle_ids = default_principles().ids
    known_principles = set(principle_ids)
    cih = handbook.current_clauses
    council = handbook.policy_clauses
    problems = list(mapping.problems)
    f = mapping.path
    for entry in mapping.entries:
        for candidate in (entry, entry.suggested):
            if candidate is None:
                continue
            what = entry.clause if candidate is entry else f"{entry.clause} (suggested alternative)"
            for pid in candidate.nolan:
                if pid not in known_principles:
                    problems.append(
                        Problem(f, candidate.line_of("nolan"), "unknown-principle",
                                f"{what}: '{pid}' is not a Nolan principle; use one of {', '.join(sorted(known_principles))}")
                    )
            for link in candidate.policies:
                if link.clause not in council:
                    problems.append(
                        Problem(f, link.line, "unknown-policy-clause",
                                f"{what}: council clause {link.clause} no longer exists in the policies; link the clause that replaced it or remove the link")
                    )
        if entry.clause not in cih:
            problems.append(
                Problem(f, entry.line, "unknown-clause",
                        f"{entry.clause} is not a clause of the current CIH documents; correct the ID or remove the entry")
            )
            continue
        clause = cih[entry.clause][1]
        if entry.text_sha256 and entry.text_sha256 != clause.sha256:
            problems.append(
                Problem(f, entry.line_of("text_sha256"), "stale",
                        f"{entry.clause}: the clause text has changed since this entry was reviewed; check the mapping against the new text and set text_sha256: {clause.sha256}")
            )
        if entry.status == "suggested":
            problems.append(
                Problem(f, entry.line_of("status"), "suggested",
                        f"{entry.clause}: suggested automatically, not yet reviewed; check it, then set status: reviewed with reviewed_by and reviewed_on")
            )
    # Problems in file order; clauses with no entry at the end, in document order.
    problems.sort(key=lambda p: p.line or 0)
    for clause_id in cih if mapping.readable else ():
        if clause_id not in mapping.listed:
            problems.append(
                Problem(f, None, "unmapped", f"{clause_id} has no entry; add one under clauses: (handbook suggest drafts it)")
            )
    return problems


def review_state(mapping: Mapping, clause: Clause) -> str:
    """"reviewed", "stale", "suggested" or "unmapped": what the clause's page should say."""
    entry = mapping.for_clause(clause.id)
    if entry is None:
        return "unmapped"
    if entry.text_sha256 and entry.text_sha256 != clause.sha256:
        return "stale"
    return entry.status


# ---------------------------------------------------------------------------
# Writing: one deterministic layout, so a rewrite shows only real changes in a diff.

HEADER = """\
# Mapping of the CIH standards to the Seven Principles of Public Life and to
# the council's own policies. Edited by people; `handbook suggest` drafts
# entries for clauses that have none and flags reworded ones.
#
# clauses:
#   COC-1.1:                    # a clause ID of a current CIH document
#     status: reviewed          # reviewed | suggested (drafted by handbook suggest)
#     nolan: [integrity, honesty]   # one or more principles; the first is primary:
#                               # selflessness integrity objectivity accountability
#                               # openness honesty leadership
#     policies:                 # council clauses the CIH clause engages ([] if none)
#       - clause: ECC-2.1
#         relation: intersects-with # OSCAL mapping relation, read "the CIH clause
#                               # is <relation> the council clause": equivalent-to |
#                               # subset-of | superset-of | intersects-with | no-relationship
#         basis: same meaning   # same wording | same meaning | same outcome
#         rationale: "One sentence why."
#     gap: "Why no council clause matches (required when policies: [])"
#     reviewed_by: HR Policy Officer
#     reviewed_on: 2024-05-01   # YYYY-MM-DD
#     text_sha256: ...          # "Text SHA-256" of the clause as reviewed (on its page);
#                               # when the clause is reworded the entry shows as stale
#     evidence: ...             # suggested entries only: the shared terms behind each
#                               # suggestion, with scores; delete it when you review
#     suggested: ...            # written beside a stale reviewed entry: fresh
#                               # suggestions for the new text; the reviewed content
#                               # stays until someone re-reviews and deletes this
#
# Reviewing a suggested entry: check the principles and links, fix relation,
# basis and rationale, delete evidence, set status: reviewed, reviewed_by and
# reviewed_on. Clauses still to review are marked "Needs review" on the site;
# a build with --strict fails until there are none.
"""

_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 ._()/-]*[A-Za-z0-9.)]$|^[A-Za-z]$")
_RESERVED = {"yes", "no", "true", "false", "on", "off", "null", "y", "n", "~"}


def _scalar(value: Any) -> str:
    import json

    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.3f}"
    text = str(value)
    if _PLAIN.match(text) and text.lower() not in _RESERVED and ": " not in text and " #" not in text:
        return text
    return json.dumps(text, ensure_ascii=False)


def _quoted(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)


def _flow(items: Iterable[Any]) -> str:
    return "[" + ", ".join(_scalar(i) for i in items) + "]"


def _entry_lines(entry: ClauseMapping, indent: str, nested: bool = False) -> list[str]:
    out: list[str] = []
    if not nested:
        out.append(f"{indent}status: {entry.status}")
    out.append(f"{indent}nolan: {_flow(entry.nolan)}")
    if entry.policies:
        out.append(f"{indent}policies:")
        for link in entry.policies:
            out += [
                f"{indent}  - clause: {_scalar(link.clause)}",
                f"{indent}    relation: {link.relation}",
                f"{indent}    basis: {link.basis}",
                f"{indent}    rationale: {_quoted(link.rationale)}",
            ]
    else:
        out.append(f"{indent}policies: []")
    if entry.gap:
        out.append(f"{indent}gap: {_quoted(entry.gap)}")
    if not nested and entry.status == "reviewed":
        out.append(f"{indent}reviewed_by: {_scalar(entry.reviewed_by)}")
        out.append(f"{indent}reviewed_on: {_scalar(entry.reviewed_on or '')}")
    if entry.text_sha256:
        out.append(f"{indent}text_sha256: {entry.text_sha256}")
    if entry.evidence:
        out.append(f"{indent}evidence:")
        for kind, key in (("nolan", "nolan"), ("policy", "policies")):
            items = [e for e in entry.evidence if e.kind == kind]
            if items:
                out.append(f"{indent}  {key}:")
                for e in items:
                    out.append(f"{indent}    {_scalar(e.target)}: {{score: {e.score:.3f}, shared: {_flow(e.shared)}}}")
    if entry.suggested is not None:
        out.append(f"{indent}suggested:")
        out += _entry_lines(entry.suggested, indent + "  ", nested=True)
    return out


def dump_mapping(entries: Iterable[ClauseMapping], header: str = HEADER) -> str:
    """The mapping file's text: header comment, then entries sorted by clause ID."""
    lines = [header.rstrip("\n"), "clauses:"]
    ordered = sorted(entries, key=lambda e: clause_sort_key(e.clause))
    if not ordered:
        lines[-1] = "clauses: {}"
    for entry in ordered:
        lines.append(f"  {_scalar(entry.clause)}:")
        lines += _entry_lines(entry, "    ")
    return "\n".join(lines) + "\n"
