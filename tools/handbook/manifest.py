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
from .urls import version_slug
from .yamlio import line_of, load_yaml, text_field

CODE = re.compile(r"^[A-Z][A-Z0-9]{1,7}$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
KINDS = {"code", "framework"}
POLICY_KINDS = {"policy", "procedure"}  # a procedure (Disciplinary Procedure, Training Agreement) sets a route, not a standard

# Every key the manifest knows; any other is reported (a typo such as
# `in_forse` would otherwise silently give a wrong date).
TOP_KEYS = ("documents", "policies", "source_folders")
DOCUMENT_KEYS = ("code", "title", "publisher", "kind", "slug", "cite_as", "sample", "versions")
VERSION_KEYS = ("version", "in_force", "file")
POLICY_KEYS = ("code", "title", "publisher", "kind", "slug", "cite_as", "sample", "versions", "version", "in_force", "file")


def load_manifest(path: Path) -> Manifest:
    path = path.resolve()
    shown = display_path(path)
    data = load_yaml(path, what="manifest")
    if not isinstance(data, dict) or not isinstance(data.get("documents"), list) or not data["documents"]:
        raise HandbookError(shown, "the manifest has no 'documents' list", "list each CIH document under 'documents:' (see README)")
    folders = _source_folders(data, path)
    documents: list[SourceEntry] = []
    codes: set[str] = set()
    for item in data["documents"]:
        documents.extend(_document_versions(item, path, codes, folders))
    policies_data = data.get("policies") or []
    if not isinstance(policies_data, list):
        raise HandbookError(shown, "'policies' must be a list", "list each council policy under 'policies:'", line=line_of(data))
    policies = [entry for item in policies_data for entry in _policy(item, path, codes, folders)]
    return Manifest(documents=tuple(documents), policies=tuple(policies), path=str(path), warnings=unknown_keys(data, shown))


def unknown_keys(data: Any, shown: str) -> tuple[str, ...]:
    """One warning line for each key the manifest does not know, with its line."""
    out: list[str] = []

    def check(item: Any, known: tuple[str, ...], where: str) -> None:
        if not isinstance(item, dict):
            return
        for key in item:
            if key not in known:
                line = getattr(item, "key_lines", {}).get(key) or line_of(item)
                out.append(
                    f"{shown}:{line}: unknown key '{key}'{where}, ignored; "
                    f"correct its spelling or remove it (known keys: {', '.join(known)})"
                )

    check(data, TOP_KEYS, "")
    for document in data.get("documents") or ():
        code = document.get("code", "?") if isinstance(document, dict) else "?"
        check(document, DOCUMENT_KEYS, f" in document {code}")
        for version in (document.get("versions") or ()) if isinstance(document, dict) else ():
            check(version, VERSION_KEYS, f" in a version of document {code}")
    for policy in data.get("policies") or () if isinstance(data.get("policies"), list) else ():
        code = policy.get("code", "?") if isinstance(policy, dict) else "?"
        check(policy, POLICY_KEYS, f" in policy {code}")
        for version in (policy.get("versions") or ()) if isinstance(policy, dict) and isinstance(policy.get("versions"), list) else ():
            check(version, VERSION_KEYS, f" in a version of policy {code}")
    return tuple(out)


def _source_folders(data: dict[str, Any], manifest: Path) -> tuple[Path, ...]:
    """Where source files may live: the manifest's folder and any folder the council names under source_folders."""
    named = data.get("source_folders") or []
    if not isinstance(named, list) or not all(isinstance(f, str) and f.strip() for f in named):
        raise HandbookError(
            display_path(manifest),
            "'source_folders' must be a list of folder paths",
            "write it as source_folders: [/srv/handbook-pdfs]",
            line=getattr(data, "key_lines", {}).get("source_folders"),
        )
    folders = [manifest.parent]
    for folder in named:
        resolved = (manifest.parent / folder).resolve()
        if not resolved.is_dir():
            raise HandbookError(
                display_path(manifest),
                f"source folder {folder} does not exist or is not a folder",
                "create it or correct 'source_folders'",
                line=getattr(data, "key_lines", {}).get("source_folders"),
            )
        folders.append(resolved)
    return tuple(folders)


def _document_versions(item: Any, manifest: Path, codes: set[str], folders: tuple[Path, ...]) -> list[SourceEntry]:
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
    entries = _entries(item, versions, code, kind, _text(item, "publisher", manifest), manifest, folders)
    _check_versions("document", code, entries, versions, manifest)
    return entries


def _check_versions(what: str, code: str, entries: list[SourceEntry], versions: list[Any], manifest: Path) -> None:
    """Each version once, at an address of its own, with an in-force date of its own."""
    shown = display_path(manifest)
    labels: dict[str, str] = {}
    dates: dict[date, str] = {}
    for entry, v in zip(entries, versions, strict=True):
        line = line_of(v)
        slug = version_slug(entry.version)
        if entry.version in labels.values():
            raise HandbookError(shown, f"{what} {code} lists version {entry.version} twice", "remove the duplicate", line=line)
        if not re.search(r"[a-z0-9]", slug):
            raise HandbookError(
                shown, f"{what} {code}: version '{entry.version}' has no letter or digit to name its pages by", "give a version such as v3 or 2024", line=line
            )
        if slug in labels:
            raise HandbookError(
                shown,
                f"{what} {code}: versions '{labels[slug]}' and '{entry.version}' would share the address '{slug}'",
                "give each version a label that differs in its letters or digits",
                line=line,
            )
        if entry.in_force in dates:
            raise HandbookError(
                shown,
                f"{what} {code}: versions '{dates[entry.in_force]}' and '{entry.version}' are both in force from {entry.in_force.isoformat()}",
                "give each version the date it took effect",
                line=line,
            )
        labels[slug] = entry.version
        dates[entry.in_force] = entry.version


def _policy(item: Any, manifest: Path, codes: set[str], folders: tuple[Path, ...]) -> list[SourceEntry]:
    """A council policy: every version listed under `versions:`, or one version given inline."""
    shown = display_path(manifest)
    line = line_of(item)
    if not isinstance(item, dict):
        raise HandbookError(shown, "each policy must be a mapping with code, title and versions (or version, in_force and file)", "see README", line=line)
    code = _code(item, manifest, codes)
    kind = item.get("kind", "policy")
    if not isinstance(kind, str) or kind not in POLICY_KINDS:
        raise HandbookError(
            shown,
            f"policy {code}: kind '{kind}' is not one of {sorted(POLICY_KINDS)}",
            "write kind: policy, or kind: procedure for a procedure such as the Disciplinary Procedure",
            line=line,
        )
    if "versions" in item:
        versions = item["versions"]
        inline = [key for key in ("version", "in_force", "file") if key in item]
        if inline:
            raise HandbookError(
                shown,
                f"policy {code} has both a 'versions' list and '{inline[0]}' of its own",
                "move every version, with its version, in_force and file, under 'versions:'",
                line=line,
            )
        if not isinstance(versions, list) or not versions:
            raise HandbookError(shown, f"policy {code}: 'versions' must be a list", "list each version with version, in_force and file", line=line)
        for v in versions:
            if not isinstance(v, dict):
                raise HandbookError(
                    shown, f"each version of policy {code} must be a mapping with version, in_force and file", "see README", line=line_of(v) or line
                )
    else:
        versions = [item]
    entries = _entries(item, versions, code, kind, text_field(item, "publisher", display_path(manifest)), manifest, folders)
    _check_versions("policy", code, entries, versions, manifest)
    return entries


def _entries(
    item: dict[str, Any], versions: list[Any], code: str, kind: str, publisher: str, manifest: Path, folders: tuple[Path, ...]
) -> list[SourceEntry]:
    """One SourceEntry per listed version of a document or policy: the item's fields, the version's own."""
    return [
        SourceEntry(
            code=code,
            title=_text(item, "title", manifest),
            publisher=publisher,
            version=_text(v, "version", manifest),
            in_force=_date(v, manifest),
            path=_file(v, manifest, folders),
            kind=kind,
            sample=_flag(item, "sample", manifest),
            slug=_slug(item, manifest),
            cite_as=text_field(item, "cite_as", display_path(manifest)).strip(),
        )
        for v in versions
    ]


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
    value = text_field(item, key, display_path(manifest)).strip()
    if not value:
        raise HandbookError(display_path(manifest), f"missing '{key}'", f"add '{key}:' to this entry", line=line_of(item))
    return value


def _flag(item: dict[str, Any], key: str, manifest: Path) -> bool:
    value = item.get(key, False)
    if not isinstance(value, bool):
        line = getattr(item, "key_lines", {}).get(key) or line_of(item)
        raise HandbookError(display_path(manifest), f"'{key}' must be true or false, not {value!r}", f"write {key}: true or {key}: false", line=line)
    return value


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


def _slug(item: dict[str, Any], manifest: Path) -> str:
    """The URL folder: as given (lower-case letters, digits and hyphens), else made from the title."""
    given = item.get("slug")
    if given is None or given == "":
        made = _slugify(_text(item, "title", manifest))
        if not made:
            raise HandbookError(
                display_path(manifest), "the title has no letter or digit to make a URL from", "add 'slug:' (e.g. code-of-conduct)", line=line_of(item)
            )
        return made
    if not isinstance(given, str) or not SLUG.match(given):
        raise HandbookError(
            display_path(manifest),
            f"slug '{given}' may only contain lower-case letters, digits and single hyphens",
            "write it like code-of-conduct; it is the page's URL folder",
            line=getattr(item, "key_lines", {}).get("slug") or line_of(item),
        )
    return given


def _file(item: dict[str, Any], manifest: Path, folders: tuple[Path, ...]) -> str:
    name = _text(item, "file", manifest)
    path = (manifest.parent / name).resolve()  # follows every symbolic link
    if not any(path.is_relative_to(folder) for folder in folders):
        allowed = " or ".join([f"the manifest's folder {display_path(folders[0])}/", *(f"{display_path(f)}/" for f in folders[1:])])
        linked = not Path(name).is_absolute() and ".." not in Path(name).parts  # so a symbolic link led out
        raise HandbookError(
            display_path(manifest),
            f"file {name} is outside {allowed}" + (f" (it is a link to {path})" if linked else "") + " and would be published",
            f"copy it into {display_path(manifest.parent)}/, or name its folder under 'source_folders:' at the top of the manifest",
            line=getattr(item, "key_lines", {}).get("file") or line_of(item),
        )
    try:
        exists = path.is_file()
    except OSError:  # e.g. a name too long for the file system
        exists = False
    if not exists:
        raise HandbookError(
            display_path(manifest),
            f"names a file that does not exist: {name}",
            "write the path with / between folders, not \\" if "\\" in str(name) else
            f"put the file in {display_path(manifest.parent)}/ or correct the name",
            line=line_of(item),
        )
    if path.suffix.lower() not in {".pdf", ".md"}:
        raise HandbookError(display_path(manifest), f"{name} is neither a PDF nor a Markdown file", "give a .pdf (or, for policies, .md) file", line=line_of(item))
    return str(path)


def _slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
