"""Write the mapping file back without losing what people wrote in it.

The file is edited by reviewers, so `handbook suggest` changes it in place
through ruamel.yaml's round-trip tree: comments, key order, quoting and layout
of everything it does not touch stay exactly as they were. New entries are
built here in the one layout the header describes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from .model import ClauseLabel, MappingEntry, SourceKind
from .reader import round_trip_yaml

HEADER = """\
# Mapping of the CIH standards to the Seven Principles of Public Life and to
# the council's own policies. Edited by people; `handbook suggest` drafts
# entries for wordings that have none and keeps the file in step with the
# manifest. Comments you write here are kept.
#
# An entry belongs to the WORDING it was reviewed against: text_sha256 is the
# key; clause and version are labels saying where that wording was reviewed.
# It applies to every clause, in any version, with exactly that wording, and
# to no other: a reworded clause is "not yet reviewed" until its new wording
# has an entry (handbook suggest drafts one, marked suggested).
#
# breach_position:              # the council's general position on breaches
#   statement: "..."            # shown under "If this standard is breached"
#   adopted_on: 2026-11-20      # YYYY-MM-DD
#   adopted_by: Housing Committee
# entries:
#   - clause: COC-1.3           # label: the CIH clause ID where it was reviewed
#     version: v3               # label: that document's version
#     text_sha256: ...          # THE KEY: "Text SHA-256" on the clause's page
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
#     breach:                   # the reviewed breach route (Disciplinary Procedure IDs)
#       misconduct: [DIS-5.1.b] # misconduct / gross misconduct examples (never sanctions)
#       procedure: [DIS-2.1]    # the clauses that set the route
#     reviewed_by: HR Policy Officer
#     reviewed_on: 2026-11-22   # YYYY-MM-DD
#     text: "..."               # the wording itself (optional; kept when set aside)
#     evidence: ...             # suggested entries only: why each suggestion was
#                               # made; delete it when you review
# orphaned:                     # entries whose wording is in no clause of any
#   - clause: COC-1.5           # version in the manifest, set aside by handbook
#     ...                       # suggest with their text; reworded_as points at
#     reworded_as: {clause: COC-1.4, version: v3, text_sha256: ...}
#                               # the clause that seems to continue the wording
#
# Reviewing a suggested entry: check the principles and links, fix relation,
# basis and rationale, delete evidence, set status: reviewed, reviewed_by and
# reviewed_on. Clauses still to review show "Not yet reviewed" on the site;
# `handbook check --strict` fails until there are none.
"""


def _flow(items: Any) -> CommentedSeq:
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def _quoted(text: str) -> DoubleQuotedScalarString:
    return DoubleQuotedScalarString(text)


def label_node(label: ClauseLabel) -> CommentedMap:
    node = CommentedMap([("clause", label.clause), ("version", label.version), ("text_sha256", label.text_sha256)])
    node.fa.set_flow_style()
    return node


def entry_node(entry: MappingEntry) -> CommentedMap:
    """A new entry in the file's layout (keys in the order the header lists them)."""
    node = CommentedMap()
    node["clause"] = entry.clause
    node["version"] = entry.version
    node["text_sha256"] = entry.text_sha256
    node["status"] = entry.status.value
    node["nolan"] = _flow(list(entry.nolan))
    node["policies"] = CommentedSeq(
        CommentedMap([
            ("clause", link.clause),
            ("relation", link.relation.value),
            ("basis", link.basis.value),
            ("rationale", _quoted(link.rationale)),
        ])
        for link in entry.policies
    ) if entry.policies else _flow([])
    if entry.gap:
        node["gap"] = _quoted(entry.gap)
    if entry.breach is not None:
        node["breach"] = CommentedMap([("misconduct", _flow(list(entry.breach.misconduct))),
                                       ("procedure", _flow(list(entry.breach.procedure)))])
    if entry.reviewed:
        node["reviewed_by"] = entry.reviewed_by
        node["reviewed_on"] = entry.reviewed_on
    if entry.text:
        node["text"] = _quoted(entry.text)
    if entry.evidence:
        evidence = CommentedMap()
        for kind, key in ((SourceKind.NOLAN, "nolan"), (SourceKind.POLICY, "policies")):
            items = [e for e in entry.evidence if e.kind is kind]
            if items:
                per = CommentedMap()
                for e in items:
                    item = CommentedMap([("score", round(e.score, 3)), ("shared", _flow(list(e.shared)))])
                    for name, value in e.extra:
                        item[name] = _flow(list(value)) if isinstance(value, (list, tuple)) else value
                    item.fa.set_flow_style()
                    per[e.target] = item
                evidence[key] = per
        node["evidence"] = evidence
    if entry.reworded_as is not None:
        node["reworded_as"] = label_node(entry.reworded_as)
    return node


def new_document() -> CommentedMap:
    """An empty mapping file: the header, then `entries:`."""
    doc = round_trip_yaml().load(HEADER + "entries: []\n")
    return doc


def dump_document(doc: Any) -> str:
    out = io.StringIO()
    round_trip_yaml().dump(doc, out)
    return out.getvalue()


def dump_mapping(entries: Sequence[MappingEntry], orphaned: Sequence[MappingEntry] = (), header: str = HEADER) -> str:
    """A whole mapping file from entries (for tests and one-off conversions)."""
    doc = round_trip_yaml().load(header + "entries: []\n")
    doc["entries"].extend(entry_node(e) for e in entries)
    if orphaned:
        doc["orphaned"] = CommentedSeq(entry_node(e) for e in orphaned)
    return dump_document(doc)
