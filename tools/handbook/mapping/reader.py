"""Read the mapping file with ruamel.yaml's round-trip loader: every mistake with its line.

The file is edited by people, so `load_mapping` never stops at the first
mistake: it reads what it can and records each problem as a `Problem` with the
line where it is and what to do. The same loader (`round_trip_yaml`) is used by
the writer, so what is read is what is written back, comments included.

Limits, because the file is input: it may not be larger than `MAX_BYTES`, may
not nest deeper than `MAX_DEPTH`, and may not use YAML aliases at all (`*name`:
nothing the handbook writes needs them, and a few nested aliases can expand to
billions of values, the "billion laughs" attack).
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml import __version__ as ruamel_version
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent

from ..cache_files import read_entry, write_entry
from ..errors import HandbookError, display_path
from ..yamlio import check_yaml_limits
from ..textnorm import text_sha256
from .model import (
    Basis,
    BreachPosition,
    BreachRoute,
    ClauseLabel,
    Evidence,
    Mapping,
    MappingEntry,
    PolicyLink,
    Problem,
    ProblemKind,
    Relation,
    SourceKind,
    Status,
)

MAX_BYTES = 32 * 1024 * 1024  # the sample's mapping is 60 KB; a 100-fold handbook's about 6 MB
MAX_DEPTH = 20  # the format nests 5 deep

ENTRY_KEYS = ("clause", "version", "text_sha256", "status", "nolan", "policies", "gap", "breach",
              "reviewed_by", "reviewed_on", "text", "evidence")
ORPHAN_KEYS = (*ENTRY_KEYS, "reworded_as")
LINK_KEYS = ("clause", "relation", "basis", "rationale")
BREACH_KEYS = ("misconduct", "procedure")
POSITION_KEYS = ("statement", "adopted_on", "adopted_by")
TOP_KEYS = ("breach_position", "entries", "orphaned")
_SHA = re.compile(r"^[0-9a-f]{64}$")

Path_ = tuple[Any, ...]  # where a value is in the file: ("entries", 3, "policies", 0, "clause")


class _AliasFound(YAMLError):
    def __init__(self, mark: Any) -> None:
        super().__init__("alias")
        self.mark = mark


class _NoAliasComposer(Composer):
    """Refuses `*alias` outright, before anything is expanded."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.parser.check_event(AliasEvent):
            raise _AliasFound(self.parser.peek_event().start_mark)
        return super().compose_node(parent, index)


def round_trip_yaml() -> YAML:
    """The loader and dumper for the mapping file, set to the file's own layout."""
    yaml = YAML(typ="rt")
    yaml.Composer = _NoAliasComposer
    yaml.max_depth = MAX_DEPTH
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # never re-wrap a long rationale
    return yaml


def read_document(path: Path) -> Any:
    """The file's round-trip tree (CommentedMap), or HandbookError with the line of the first mistake."""
    shown = display_path(path)
    path = Path(path)
    if not path.is_file():
        raise HandbookError(shown, "mapping file not found", "create it (handbook suggest writes a first draft) or fix the path")
    if path.stat().st_size > MAX_BYTES:
        raise HandbookError(shown, f"mapping file is larger than {MAX_BYTES // (1024 * 1024)} MB", "check it is the right file")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise HandbookError(shown, "mapping is not UTF-8 text", "save it as UTF-8") from None
    try:
        check_yaml_limits(text, shown, what="mapping")  # the shared size and alias caps (yamlio)
    except HandbookError as exc:
        raise _Refused(shown, exc.line, ProblemKind.MALFORMED, exc.problem, exc.fix) from None
    try:
        return round_trip_yaml().load(text)
    except _AliasFound as exc:
        raise _Refused(shown, exc.mark.line + 1, ProblemKind.MALFORMED, "uses a YAML alias (*name)",
                       "write the value out in full; the mapping allows no aliases") from None
    except DuplicateKeyError as exc:
        key = re.search(r'duplicate key "([^"]*)"', exc.problem or "")
        raise _Refused(shown, exc.problem_mark.line + 1 if exc.problem_mark else None, ProblemKind.DUPLICATE,
                       f"key '{key.group(1) if key else '?'}' appears twice in one entry", "remove one of them") from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = (exc.problem or exc.context or "syntax error").splitlines()[0]
        raise _Refused(shown, mark.line + 1 if mark else None, ProblemKind.MALFORMED,
                       f"malformed YAML ({problem})", "fix the mapping's syntax") from None
    except (YAMLError, RecursionError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise _Refused(shown, None, ProblemKind.MALFORMED, f"malformed YAML ({first})", "fix the mapping's syntax") from None
    except ValueError as exc:  # ruamel builds dates as it reads: 2024-13-45 fails inside the loader
        line = _impossible_date_line(text)
        raise _Refused(shown, line, ProblemKind.MALFORMED, f"a date that does not exist ({exc})",
                       "write a real date as YYYY-MM-DD") from None


_DATE_LIKE = re.compile(r"(?<![\w.-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\w.-])")


def _impossible_date_line(text: str) -> int | None:
    """The line of the first YYYY-MM-DD value that is not a real day (what ruamel refused)."""
    for n, line in enumerate(text.splitlines(), start=1):
        for m in _DATE_LIKE.finditer(line.split("#", 1)[0]):
            try:
                date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                return n
    return None


class _Refused(HandbookError):
    """The file could not be parsed at all; carries the problem's kind."""

    def __init__(self, path: str, line: int | None, kind: ProblemKind, problem: str, fix: str) -> None:
        super().__init__(path, problem, fix, line=line)
        self.kind = kind


def load_mapping(path: Path, cache: Path | None = None) -> Mapping:
    """Read the mapping file; every mistake becomes a Problem rather than an exception.

    A missing file raises HandbookError: the configuration points at the wrong place.
    With a `cache` folder, the parsed file (plain data and line numbers) is kept
    there under the SHA-256 of its bytes: the round-trip parser is slow, and a
    build that has not changed the file need not run it again.
    """
    shown = display_path(path)
    path = Path(path)
    if cache is None or not path.is_file():
        return load_mapping_document(path)[1]
    raw = path.read_bytes()
    name = f"mapping-{_cache_key(raw)}.json"
    cached = _from_cache(read_entry(cache, name))
    if cached is None:
        doc, mapping = load_mapping_document(path)
        if doc is None:
            return mapping
        lines: dict[Path_, int] = {}
        data = plain(doc, (), lines)
        try:
            write_entry(cache, name, _to_cache(data, lines))
        except (TypeError, ValueError):
            pass  # a key JSON cannot hold (e.g. a mapping as a key): read the file each time
        return mapping
    data, lines = cached
    return _Reader(shown, lines).read(data)


def load_mapping_document(path: Path) -> tuple[Any, Mapping]:
    """The round-trip tree (None if unreadable) and the mapping read from it, from one parse."""
    shown = display_path(path)
    try:
        doc = read_document(Path(path))
    except _Refused as exc:
        problem = Problem(shown, exc.line, exc.kind, exc.problem, exc.fix)
        return None, Mapping(shown, (), problems=(problem,), readable=False)
    lines: dict[Path_, int] = {}
    data = plain(doc, (), lines)
    return doc, _Reader(shown, lines).read(data)


def _cache_key(raw: bytes) -> str:
    digest = hashlib.sha256(raw)
    digest.update(Path(__file__).read_bytes())  # a change to this reader reads the file again
    digest.update(ruamel_version.encode())
    return digest.hexdigest()[:32]


def _tag(value: Any) -> Any:
    if isinstance(value, dict):
        return {"$map": [[_tag(k), _tag(v)] for k, v in value.items()]}
    if isinstance(value, list):
        return [_tag(v) for v in value]
    if isinstance(value, datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    return value


def _untag(value: Any) -> Any:
    if isinstance(value, list):
        return [_untag(v) for v in value]
    if isinstance(value, dict):
        if "$map" in value:
            return {_hashable(_untag(k)): _untag(v) for k, v in value["$map"]}
        if "$datetime" in value:
            return datetime.fromisoformat(value["$datetime"])
        return date.fromisoformat(value["$date"])
    return value


def _hashable(key: Any) -> Any:
    return tuple(key) if isinstance(key, list) else key


def _to_cache(data: Any, lines: dict[Path_, int]) -> bytes:
    return json.dumps({"data": _tag(data), "lines": [[_tag(list(k)), v] for k, v in lines.items()]}).encode("utf-8")


def _from_cache(raw: bytes | None) -> tuple[Any, dict[Path_, int]] | None:
    if raw is None:
        return None
    try:
        stored = json.loads(raw.decode("utf-8"))
        lines = {tuple(_hashable(p) for p in _untag(k)): int(v) for k, v in stored["lines"]}
        return _untag(stored["data"]), lines
    except (ValueError, KeyError, TypeError):
        return None  # an unreadable cache entry: parse the file again


def plain(node: Any, where: Path_, lines: dict[Path_, int]) -> Any:
    """The round-trip tree as plain dicts, lists and scalars, noting the line of every key and item."""
    if isinstance(node, CommentedMap):
        out = {}
        for key, value in node.items():
            lines[(*where, key)] = node.lc.key(key)[0] + 1
            out[key] = plain(value, (*where, key), lines)
        return out
    if isinstance(node, CommentedSeq):
        items = []
        for i, value in enumerate(node):
            lines[(*where, i)] = node.lc.item(i)[0] + 1
            items.append(plain(value, (*where, i), lines))
        return items
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, datetime):
        return node
    if isinstance(node, date):
        return date(node.year, node.month, node.day)
    if isinstance(node, str):
        return str(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    return node


class _Reader:
    def __init__(self, shown: str, lines: dict[Path_, int]):
        self.shown = shown
        self.lines = lines
        self.problems: list[Problem] = []

    def line(self, where: Path_) -> int | None:
        for cut in range(len(where), 0, -1):
            line = self.lines.get(where[:cut])
            if line:
                return line
        return None

    def problem(self, where: Path_, kind: ProblemKind, problem: str, fix: str) -> None:
        self.problems.append(Problem(self.shown, self.line(where), kind, problem, fix))

    def malformed(self, where: Path_, problem: str, fix: str) -> None:
        self.problem(where, ProblemKind.MALFORMED, problem, fix)

    def read(self, data: Any) -> Mapping:
        if data is None:
            data = {}
        if not isinstance(data, dict) or not isinstance(data.get("entries", []), list) or not isinstance(data.get("orphaned", []), list):
            self.malformed(("entries",), "the mapping must have 'entries:' holding a list of entries",
                           "see the header of mapping/cih-to-council.yml for the format")
            return Mapping(self.shown, (), problems=tuple(self.problems), readable=False)
        for key in data:
            if key not in TOP_KEYS:
                self.malformed((key,), f"unknown top-level key '{key}'", f"use only {', '.join(TOP_KEYS)}")
        position = self.position(data["breach_position"]) if "breach_position" in data else None
        entries = self.entries("entries", data.get("entries") or [], orphaned=False)
        orphaned = self.entries("orphaned", data.get("orphaned") or [], orphaned=True)
        entries, orphaned = self.without_duplicates(entries, orphaned)
        self.problems.sort(key=lambda p: p.line or 0)
        return Mapping(self.shown, tuple(entries), tuple(orphaned), position, tuple(self.problems))

    def entries(self, heading: str, raw: list[Any], orphaned: bool) -> list[MappingEntry]:
        out = []
        for i, item in enumerate(raw):
            entry = self.entry((heading, i), item, orphaned)
            if entry is not None:
                out.append(entry)
        return out

    def without_duplicates(
        self, entries: list[MappingEntry], orphaned: list[MappingEntry]
    ) -> tuple[list[MappingEntry], list[MappingEntry]]:
        """The same wording twice: which entry applies would be a guess, so only the first is read."""
        seen: dict[str, MappingEntry] = {}
        kept: tuple[list[MappingEntry], list[MappingEntry]] = ([], [])
        for into, group in zip(kept, (entries, orphaned)):
            for entry in group:
                first = seen.setdefault(entry.text_sha256, entry)
                if first is entry:
                    into.append(entry)
                    continue
                self.problems.append(Problem(
                    self.shown, entry.line_of("text_sha256"), ProblemKind.DUPLICATE,
                    f"{entry.label}: the same wording (text_sha256) has another entry, {first.label} at line {first.line}",
                    "merge the two into one entry",
                ))
        return kept

    def position(self, raw: Any) -> BreachPosition | None:
        where = ("breach_position",)
        if not isinstance(raw, dict):
            self.malformed(where, "breach_position must have statement, adopted_on and adopted_by",
                           "see the header of mapping/cih-to-council.yml")
            return None
        before = len(self.problems)
        for key in raw:
            if key not in POSITION_KEYS:
                self.malformed((*where, key), f"breach_position: unknown key '{key}'", f"use only {', '.join(POSITION_KEYS)}")
        statement = self.text_field(where, raw, "statement", "breach_position", "write the council's position in one paragraph")
        adopted_by = self.text_field(where, raw, "adopted_by", "breach_position", "name the committee or officer that adopted it")
        adopted_on = self.date_field(where, raw, "adopted_on", "breach_position")
        if len(self.problems) != before or adopted_on is None:
            return None
        return BreachPosition(statement, adopted_on, adopted_by, self.lines.get(where))

    def text_field(self, where: Path_, raw: dict[str, Any], key: str, what: str, fix: str) -> str:
        value = raw.get(key)
        if not isinstance(value, str) or not value.strip():
            self.malformed((*where, key) if key in raw else where, f"{what}: {key} is {_shown(value)}, not text", fix)
            return ""
        return " ".join(value.split())

    def date_field(self, where: Path_, raw: dict[str, Any], key: str, what: str) -> date | None:
        value = _date(raw.get(key))
        if value is None:
            self.malformed((*where, key) if key in raw else where, f"{what}: {key} is {_shown(raw.get(key))}, not a date",
                           "write it as YYYY-MM-DD")
        return value

    def entry(self, where: Path_, raw: Any, orphaned: bool) -> MappingEntry | None:
        before = len(self.problems)
        if not isinstance(raw, dict):
            self.malformed(where, "an entry must be a mapping with clause, version, text_sha256, status, nolan and policies",
                           "see the header of mapping/cih-to-council.yml for the format")
            return None
        clause, version = raw.get("clause"), raw.get("version")
        what = f"{clause} ({version})" if isinstance(clause, str) and isinstance(version, str) else str(clause or f"entry {where[1] + 1}")
        allowed = ORPHAN_KEYS if orphaned else ENTRY_KEYS
        for key in raw:
            if key not in allowed:
                self.malformed((*where, key), f"{what}: unknown key '{key}'", f"use only {', '.join(allowed)}")
        if not isinstance(clause, str) or not clause.strip():
            self.malformed((*where, "clause") if "clause" in raw else where, f"{what}: clause is {_shown(clause)}",
                           "give the CIH clause ID the wording was reviewed under, e.g. clause: COC-1.3")
        if not isinstance(version, str) or not version.strip():
            self.malformed((*where, "version") if "version" in raw else where, f"{what}: version is {_shown(version)}",
                           "give the document version as text, e.g. version: v3 (quote numbers: version: \"4.0\")")
        sha = raw.get("text_sha256")
        if not isinstance(sha, str) or not _SHA.match(sha):
            self.malformed((*where, "text_sha256") if "text_sha256" in raw else where,
                           f"{what}: text_sha256 is {_shown(sha)}, not a SHA-256 (64 lower-case hex digits)",
                           "copy the clause's Text SHA-256 from its page")
        status = raw.get("status")
        if status not in tuple(Status):
            self.malformed((*where, "status") if "status" in raw else where, f"{what}: status is {_shown(status)}",
                           "write status: reviewed or status: suggested")
        nolan = raw.get("nolan")
        if isinstance(nolan, str):
            nolan = [nolan]
        if not isinstance(nolan, list) or not nolan or not all(isinstance(n, str) and n for n in nolan):
            self.malformed((*where, "nolan") if "nolan" in raw else where,
                           f"{what}: nolan must list one or more principle IDs, the primary first",
                           "write e.g. nolan: [integrity]")
            nolan = []
        if len(set(nolan)) != len(nolan):
            self.problem((*where, "nolan"), ProblemKind.DUPLICATE, f"{what}: a principle is listed twice in nolan",
                         "list each principle once")
        links = self.links((*where, "policies"), what, raw.get("policies", []))
        gap = raw.get("gap", "")
        if gap is None:
            gap = ""
        if not isinstance(gap, str):
            self.malformed((*where, "gap"), f"{what}: gap must be text", "quote the note")
            gap = ""
        text = raw.get("text", "")
        if text is None:
            text = ""
        if not isinstance(text, str):
            self.malformed((*where, "text"), f"{what}: text must be the clause's wording", "quote it")
            text = ""
        elif text and isinstance(sha, str) and _SHA.match(sha) and text_sha256(text) != sha:
            self.malformed((*where, "text"), f"{what}: text is not the wording with this text_sha256",
                           "copy the wording from the clause's page, or delete text:")
        breach = self.breach((*where, "breach"), what, raw["breach"]) if raw.get("breach") is not None else None
        reviewed_by, reviewed_on = "", None
        if status == Status.REVIEWED:
            reviewed_by = raw.get("reviewed_by")
            if not isinstance(reviewed_by, str) or not reviewed_by.strip():
                self.malformed((*where, "reviewed_by") if "reviewed_by" in raw else where,
                               f"{what}: a reviewed entry needs reviewed_by", "give the reviewer's role")
                reviewed_by = ""
            reviewed_on = self.date_field(where, raw, "reviewed_on", what)
            if "evidence" in raw:
                self.malformed((*where, "evidence"), f"{what}: evidence belongs to suggested entries only",
                               "remove it once the entry is reviewed")
            if not links and not gap.strip() and isinstance(raw.get("policies", []), list):
                self.malformed((*where, "policies") if "policies" in raw else where,
                               f"{what}: no council clause and no gap note", "link a council clause or write gap: with the reason")
        evidence = self.evidence((*where, "evidence"), what, raw.get("evidence"))
        reworded_as = self.label((*where, "reworded_as"), what, raw.get("reworded_as")) if orphaned else None
        if any(p.kind in (ProblemKind.MALFORMED, ProblemKind.DUPLICATE) for p in self.problems[before:]):
            return None
        return MappingEntry(
            text_sha256=sha, clause=clause.strip(), version=version.strip(), status=Status(status),
            nolan=tuple(nolan), policies=tuple(links), gap=" ".join(gap.split()), breach=breach,
            reviewed_by=reviewed_by.strip(), reviewed_on=reviewed_on, text=text, evidence=evidence,
            reworded_as=reworded_as, line=self.lines.get(where),
            field_lines={k: self.lines[(*where, k)] for k in raw if (*where, k) in self.lines},
        )

    def links(self, where: Path_, what: str, raw: Any) -> list[PolicyLink]:
        if raw is None:
            raw = []
        if not isinstance(raw, list):
            self.malformed(where, f"{what}: policies must be a list of council clauses", "write policies: [] with a gap note if none")
            return []
        out: list[PolicyLink] = []
        for i, item in enumerate(raw):
            at = (*where, i)
            if not isinstance(item, dict):
                self.malformed(at, f"{what}: a policies item is not a mapping", "give clause, relation, basis and rationale")
                continue
            ok = True
            for key in item:
                if key not in LINK_KEYS:
                    self.malformed((*at, key), f"{what}: unknown key '{key}' in a policies item", f"use only {', '.join(LINK_KEYS)}")
                    ok = False
            clause = item.get("clause")
            if not isinstance(clause, str) or not clause:
                self.malformed((*at, "clause") if "clause" in item else at, f"{what}: a policies item has no clause",
                               "give the council clause ID, e.g. clause: ECC-2.1")
                ok = False
            relation = item.get("relation")
            if relation not in tuple(Relation):
                self.malformed((*at, "relation") if "relation" in item else at,
                               f"{what}: relation {_shown(relation)} for {clause} is not one of {' | '.join(Relation)}", "use one of them")
                ok = False
            basis = item.get("basis")
            if basis not in tuple(Basis):
                self.malformed((*at, "basis") if "basis" in item else at,
                               f"{what}: basis {_shown(basis)} for {clause} is not one of {' | '.join(Basis)}", "use one of them")
                ok = False
            rationale = item.get("rationale")
            if not isinstance(rationale, str) or not rationale.strip():
                self.malformed((*at, "rationale") if "rationale" in item else at, f"{what}: the link to {clause} has no rationale",
                               "add one sentence saying why")
                ok = False
            if not ok:
                continue
            if any(link.clause == clause for link in out):
                self.problem((*at, "clause"), ProblemKind.DUPLICATE, f"{what}: {clause} is linked twice", "keep one link per council clause")
                continue
            out.append(PolicyLink(clause, Relation(relation), Basis(basis), " ".join(rationale.split()), self.lines.get(at)))
        return out

    def breach(self, where: Path_, what: str, raw: Any) -> BreachRoute | None:
        if not isinstance(raw, dict):
            self.malformed(where, f"{what}: breach must have misconduct and procedure lists",
                           "write e.g. breach: {misconduct: [DIS-5.1.b], procedure: [DIS-2.1]}")
            return None
        lists: dict[str, tuple[str, ...]] = {}
        for key in raw:
            if key not in BREACH_KEYS:
                self.malformed((*where, key), f"{what}: unknown key '{key}' in breach", f"use only {', '.join(BREACH_KEYS)}")
        for key in BREACH_KEYS:
            value = raw.get(key) or []
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
                self.malformed((*where, key), f"{what}: breach {key} must list Disciplinary Procedure clause IDs",
                               f"write e.g. {key}: [DIS-5.1.b]")
                value = []
            if len(set(value)) != len(value):
                self.problem((*where, key), ProblemKind.DUPLICATE, f"{what}: a clause is listed twice in breach {key}", "list each once")
            lists[key] = tuple(value)
        return BreachRoute(lists["misconduct"], lists["procedure"], self.lines.get(where))

    def label(self, where: Path_, what: str, raw: Any) -> ClauseLabel | None:
        if raw is None:
            return None
        if (not isinstance(raw, dict) or not all(isinstance(raw.get(k), str) for k in ("clause", "version", "text_sha256"))
                or not _SHA.match(raw["text_sha256"])):
            self.malformed(where, f"{what}: reworded_as is not in the form handbook suggest writes",
                           "give clause, version and text_sha256 of the clause that continues it, or delete it")
            return None
        return ClauseLabel(raw["clause"], raw["version"], raw["text_sha256"])

    def evidence(self, where: Path_, what: str, raw: Any) -> tuple[Evidence, ...]:
        if raw is None:
            return ()
        out: list[Evidence] = []
        try:
            for key, kind in (("nolan", SourceKind.NOLAN), ("policies", SourceKind.POLICY)):
                for target, item in (raw.get(key) or {}).items():
                    extra = tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in item.items() if k not in ("score", "shared"))
                    out.append(Evidence(kind, str(target), float(item["score"]), tuple(str(s) for s in item["shared"]), extra))
        except (AttributeError, KeyError, TypeError, ValueError):
            self.malformed(where, f"{what}: evidence is not in the form handbook suggest writes",
                           "delete it and run handbook suggest again")
        return tuple(out)


def _shown(value: Any) -> str:
    return "missing" if value is None else f"'{value}'"


def _date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return None
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None
