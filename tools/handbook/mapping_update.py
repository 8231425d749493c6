"""`handbook suggest`: keep the mapping file in step with the manifest, and draft what is missing.

After the council swaps in new PDFs (or CIH publishes a new version), every
entry is checked against the wordings of every version in the manifest:

- kept: its wording is where its label says;
- moved: its wording is now under another clause ID or version; the label is corrected;
- reworded: its wording is gone, and a current clause without an entry reads
  like it (versions.similarity over the kept `text`); the entry is set aside
  under `orphaned:` with `reworded_as:` pointing at that clause, which gets a
  suggested entry drafted for its new wording;
- orphaned: its wording is gone and nothing reads like it; set aside with its text;
- new: a current clause whose wording has no entry gets a suggested entry.

A suggested (never reviewed) entry whose wording is gone is simply dropped. An
orphan whose wording comes back (the old PDF restored) returns to `entries:`.
The file is changed in place, round-trip: comments and layout are kept.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ruamel.yaml.comments import CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from .errors import HandbookError, display_path
from .model import Clause, Source
from .nolan import Principle
from .suggest import drafted_entry, suggester_for
from .versions import SIMILAR_ENOUGH, similarity
from .mapping.model import ClauseLabel, Mapping, MappingEntry, ProblemKind, clause_sort_key
from .mapping.reader import load_mapping_document
from .mapping.wording import wording_index
from .mapping.writer import dump_document, entry_node, label_node, new_document

if TYPE_CHECKING:
    from .model import Handbook

Drafter = Callable[[Source, Clause], MappingEntry]


@dataclass(frozen=True)
class UpdateSummary:
    kept: int = 0
    moved: int = 0
    reworded: int = 0
    orphaned: int = 0
    new: int = 0
    dropped: int = 0  # suggested entries whose wording is gone
    details: tuple[str, ...] = ()  # one line per change, for the reviewer

    def __str__(self) -> str:
        text = f"kept {self.kept}, moved {self.moved}, reworded {self.reworded}, orphaned {self.orphaned}, new {self.new}"
        return text + (f" (dropped {self.dropped} suggested entries whose wording is gone)" if self.dropped else "")


def suggestion_drafter(handbook: Handbook, principles: Iterable[Principle] | None = None, mapping: Mapping | None = None) -> Drafter:
    """Drafts a suggested entry for a clause with the suggest module's scoring, labelled and with its text.

    `mapping`: the reviewed entries the suggester may learn from.
    """
    suggester = suggester_for(handbook, principles, mapping)

    def draft(source: Source, clause: Clause) -> MappingEntry:
        entry = drafted_entry(clause, suggester.suggest(clause))
        return dataclasses.replace(entry, clause=clause.id, version=source.entry.version,
                                   text_sha256=clause.sha256, text=clause.text)

    return draft


def draft_missing(mapping: Mapping, handbook: Handbook, principles: Iterable[Principle] | None = None) -> dict[str, MappingEntry]:
    """A suggested entry for each current wording the file has no entry for, by SHA-256 (for a build to show)."""
    missing = [(s, c) for s in handbook.current_documents for c in s.document.clauses if mapping.for_wording(c.sha256) is None]
    if not missing:
        return {}
    draft = suggestion_drafter(handbook, principles, mapping)
    return {c.sha256: draft(s, c) for s, c in missing}


def update_mapping(path: Path, handbook: Handbook, draft: Drafter) -> UpdateSummary:
    """Bring the file at `path` in step with the handbook; write it only if something changed."""
    path = Path(path)
    if path.is_file():
        doc, mapping = load_mapping_document(path)
        broken = [p for p in mapping.problems if p.kind in (ProblemKind.MALFORMED, ProblemKind.DUPLICATE)]
        if broken or doc is None:
            first = broken[0] if broken else mapping.problems[0]
            raise HandbookError(
                display_path(path),
                f"has {len(broken) or 1} problem(s) to fix first, e.g. line {first.line}: {first.problem}",
                "fix them and run handbook suggest again (nothing was written)",
            )
        before = dump_document(doc)
    else:
        doc, mapping, before = new_document(), Mapping(display_path(path), ()), ""
    summary = _update(doc, mapping, handbook, draft)
    text = dump_document(doc)
    if text != before:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return summary


def _update(doc: Any, mapping: Mapping, handbook: Handbook, draft: Drafter) -> UpdateSummary:
    worded = wording_index(handbook)
    if doc.get("entries") is None:
        doc["entries"] = CommentedSeq()
    entries_seq, orphan_seq = doc["entries"], doc.get("orphaned")
    counts = dict(kept=0, moved=0, reworded=0, orphaned=0, new=0, dropped=0)
    details: list[str] = []
    # The file's entries and its nodes are in the same order (a file with broken entries is refused).
    live: list[tuple[Any, MappingEntry]] = list(zip(list(entries_seq), mapping.entries))
    vanished: list[tuple[Any, MappingEntry]] = []
    for node, entry in live:
        found = worded.get(entry.text_sha256)
        if not found:
            vanished.append((node, entry))
            continue
        if any(c.id == entry.clause and s.entry.version == entry.version for s, c in found):
            counts["kept"] += 1
        else:
            source, clause = found[0]
            details.append(f"moved: {entry.label} → {clause.id} ({source.entry.version})")
            node["clause"], node["version"] = clause.id, source.entry.version
            counts["moved"] += 1
        if "text" not in node:
            node["text"] = DoubleQuotedScalarString(found[0][1].text)
    # Orphans whose wording came back.
    restored: list[Any] = []
    for node, orphan in zip(list(orphan_seq or ()), mapping.orphaned):
        found = worded.get(orphan.text_sha256)
        if found:
            source, clause = found[0]
            node["clause"], node["version"] = clause.id, source.entry.version
            node.pop("reworded_as", None)
            orphan_seq.remove(node)
            restored.append(node)
            details.append(f"restored from orphaned: {orphan.label} → {clause.id} ({source.entry.version})")
            counts["moved"] += 1
    entries_seq.extend(restored)
    covered = {e.text_sha256 for _, e in live if e.text_sha256 in worded} | {_sha(n) for n in restored}
    # Current clauses whose wording has no entry, in document order.
    missing = [(s, c) for s in handbook.current_documents for c in s.document.clauses if c.sha256 not in covered]
    missing = list({c.sha256: (s, c) for s, c in missing}.values())  # one entry per wording
    successors = _rewordings([e for _, e in vanished if e.reviewed], missing)
    for node, entry in vanished:
        entries_seq.remove(node)
        if not entry.reviewed:
            counts["dropped"] += 1
            details.append(f"dropped suggested entry: {entry.label} (its wording is in no version)")
            continue
        follow = successors.get(entry.text_sha256)
        if follow is not None:
            source, clause = follow
            node["reworded_as"] = label_node(ClauseLabel(clause.id, source.entry.version, clause.sha256))
            counts["reworded"] += 1
            details.append(f"reworded: {entry.label} set aside; a suggested entry is drafted for {clause.id} ({source.entry.version})")
        else:
            counts["orphaned"] += 1
            details.append(f"orphaned: {entry.label} set aside (its wording is in no version)")
        if orphan_seq is None:
            doc["orphaned"] = orphan_seq = CommentedSeq()
        orphan_seq.append(node)
    if orphan_seq is not None and not orphan_seq and "orphaned" in doc:
        del doc["orphaned"]
    rewording_targets = {c.sha256 for _, c in successors.values()}
    for source, clause in missing:
        _insert(entries_seq, entry_node(draft(source, clause)), clause, source)
        if clause.sha256 not in rewording_targets:
            counts["new"] += 1
    return UpdateSummary(**counts, details=tuple(details))


def _sha(node: Any) -> str:
    return str(node.get("text_sha256", ""))


def _rewordings(gone: list[MappingEntry], missing: list[tuple[Source, Clause]]) -> dict[str, tuple[Source, Clause]]:
    """For vanished reviewed entries with their text: the unmapped current clause of the same document that reads most like it."""
    candidates = []
    for entry in gone:
        if not entry.text:
            continue
        code = entry.clause.split("-")[0]
        for source, clause in missing:
            if source.entry.code == code:
                score = similarity(entry.text, clause.text)
                if score >= SIMILAR_ENOUGH:
                    candidates.append((score, entry.text_sha256, source, clause))
    out: dict[str, tuple[Source, Clause]] = {}
    taken: set[str] = set()
    for score, sha, source, clause in sorted(candidates, key=lambda t: (-t[0], clause_sort_key(t[3].id))):
        if sha in out or clause.sha256 in taken:
            continue
        out[sha] = (source, clause)
        taken.add(clause.sha256)
    return out


def _insert(seq: Any, node: Any, clause: Clause, source: Source) -> None:
    """Put a new entry after the entries of the clauses before it in its document, else at the end."""
    code = source.entry.code
    key = clause_sort_key(clause.id)
    at = len(seq)
    for i, other in enumerate(seq):
        label = str(other.get("clause", ""))
        if label.split("-")[0] == code and clause_sort_key(label) > key:
            at = i
            break
    seq.insert(at, node)
