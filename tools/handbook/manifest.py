"""The manifest: which source files the handbook is built from.

`source_pdfs/manifest.yml` names each CIH document (with every version and its
in-force date) and each council policy. Paths in it are relative to the
manifest. Every mistake is reported with the manifest's name and line.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from .errors import HandbookError, display_path
from .model import Manifest, SourceEntry
from .yamlio import line_of, load_yaml

CODE = re.compile(r"^[A-Z][A-Z0-9]{1,7}$")
KINDS = {"code", "framework"}


def load_manifest(path: Path) -> Manifest:
    path = path.resolve()
    shown = display_path(path)
    data = load_yaml(path, what="manifest")
    if not isinstance(data, dict) or not isinstance(data.get("documents"), list) or not data["documents"]:
        raise HandbookError(shown, "the manifest has no 'documents' list", "list each CIH document under 'documents:' (see README)")
    documents: list[SourceEntry] = []
    codes: set[str] = set()
    for item in data["documents"]:
        documents.extend(_document_versions(item, path, codes))
    policies_data = data.get("policies") or []
    if not isinstance(policies_data, list):
        raise HandbookError(shown, "'policies' must be a list", "list each council policy under 'policies:'", line=line_of(data))
    policies = [_policy(item, path, codes) for item in policies_data]
    return Manifest(documents=tuple(documents), policies=tuple(policies), path=str(path))


def _document_versions(item: Any, manifest: Path, codes: set[str]) -> list[SourceEntry]:
    shown = display_path(manifest)
    line = line_of(item)
    if not isinstance(item, dict):
        raise HandbookError(shown, "each document must be a mapping with code, title and versions", "see README", line=line)
    code = _code(item, manifest, codes)
    kind = item.get("kind", "code")
    if not isinstance(kind, str) or kind not in KINDS:
        raise HandbookError(shown, f"document {code}: kind '{kind}' is not one of {sorted(KINDS)}", "fix 'kind'", line=line)
    versions = item.get("versions")
    if not isinstance(versions, list) or not versions:
        raise HandbookError(shown, f"document {code} has no 'versions' list", "add at least one version with version, in_force and file", line=line)
    for v in versions:
        if not isinstance(v, dict):
            raise HandbookError(
                shown,
                f"each version of document {code} must be a mapping with version, in_force and file",
                "see README",
                line=line_of(v) or line,
            )
    entries = [
        SourceEntry(
            code=code,
            title=_text(item, "title", manifest),
            publisher=_text(item, "publisher", manifest),
            version=_text(v, "version", manifest),
            in_force=_date(v, manifest),
            path=_file(v, manifest),
            kind=kind,
            sample=bool(item.get("sample", False)),
            slug=str(item.get("slug") or _slugify(_text(item, "title", manifest))),
            cite_as=str(item.get("cite_as", "")).strip(),
        )
        for v in versions
    ]
    seen: set[str] = set()
    for entry, v in zip(entries, versions, strict=True):
        if entry.version in seen:
            raise HandbookError(shown, f"document {code} lists version {entry.version} twice", "remove the duplicate", line=line_of(v))
        seen.add(entry.version)
    return entries


def _policy(item: Any, manifest: Path, codes: set[str]) -> SourceEntry:
    if not isinstance(item, dict):
        raise HandbookError(display_path(manifest), "each policy must be a mapping with code, title, version, in_force and file", "see README", line=line_of(item))
    return SourceEntry(
        code=_code(item, manifest, codes),
        title=_text(item, "title", manifest),
        publisher=str(item.get("publisher", "")),
        version=_text(item, "version", manifest),
        in_force=_date(item, manifest),
        path=_file(item, manifest),
        kind="policy",
        sample=bool(item.get("sample", False)),
        slug=str(item.get("slug") or _slugify(_text(item, "title", manifest))),
        cite_as=str(item.get("cite_as", "")).strip(),
    )


def _code(item: dict[str, Any], manifest: Path, codes: set[str]) -> str:
    code = str(item.get("code", ""))
    if not CODE.match(code):
        raise HandbookError(
            display_path(manifest),
            f"code '{code}' must be 2–8 capital letters or digits, starting with a letter",
            "give the document a short code such as COC; it prefixes every clause ID",
            line=line_of(item),
        )
    if code in codes:
        raise HandbookError(display_path(manifest), f"code {code} is used twice", "give each document its own code", line=line_of(item))
    codes.add(code)
    return code


def _text(item: dict[str, Any], key: str, manifest: Path) -> str:
    value = item.get(key)
    if value is None or not str(value).strip():
        raise HandbookError(display_path(manifest), f"missing '{key}'", f"add '{key}:' to this entry", line=line_of(item))
    return str(value).strip()


def _date(item: dict[str, Any], manifest: Path) -> date:
    value = item.get("in_force")
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise HandbookError(
            display_path(manifest), f"in_force '{value}' is not a date", "write it as YYYY-MM-DD", line=line_of(item)
        ) from None


def _file(item: dict[str, Any], manifest: Path) -> str:
    name = _text(item, "file", manifest)
    path = (manifest.parent / name).resolve()
    try:
        exists = path.is_file()
    except OSError:  # e.g. a name too long for the file system
        exists = False
    if not exists:
        raise HandbookError(
            display_path(manifest),
            f"names a file that does not exist: {name}",
            f"put the file in {display_path(manifest.parent)}/ or correct the name",
            line=line_of(item),
        )
    if path.suffix.lower() not in {".pdf", ".md"}:
        raise HandbookError(display_path(manifest), f"{name} is neither a PDF nor a Markdown file", "give a .pdf (or, for policies, .md) file", line=line_of(item))
    return str(path)


def _slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
