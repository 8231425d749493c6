"""The handbook as plain files, for any engine that reads mkdocs.yml and Markdown.

The mkdocs plugin hands mkdocs the generated pages in memory. Engines that run
no mkdocs plugins (Zensical, Material for MkDocs' successor) can build the
same handbook from a folder instead: `handbook generate DIR` writes every page
and asset the plugin would add, the hand-written pages, the source PDFs and a
`mkdocs.yml` with the navigation spelled out and the handbook plugin removed.

Nothing here imports mkdocs: the folder is the whole interface.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import HandbookError, display_path
from .render import RenderedFile

PLUGIN = "handbook"


@dataclass(frozen=True)
class Generated:
    folder: Path
    pages: int  # Markdown pages written
    files: int  # every file written, pages included


def read_engine_config(path: Path) -> dict[str, Any]:
    """mkdocs.yml as plain data (the handbook's own file uses no custom YAML tags)."""
    shown = display_path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise HandbookError(shown, "not found", "run this in the handbook folder or pass --config-file") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise HandbookError(
            shown, f"cannot be read as plain YAML ({getattr(exc, 'problem', None) or 'syntax error'})",
            "remove custom tags such as !ENV or fix the syntax", line=mark.line + 1 if mark else None,
        ) from None
    if not isinstance(data, dict):
        raise HandbookError(shown, "is not a mapping of settings", "see the mkdocs.yml in this repository")
    return data


def plugin_options(config: dict[str, Any]) -> dict[str, Any]:
    """The handbook plugin's options in mkdocs.yml ({} when it is listed without options)."""
    for item in config.get("plugins") or []:
        if item == PLUGIN:
            return {}
        if isinstance(item, dict) and PLUGIN in item:
            return dict(item[PLUGIN] or {})
    return {}


def engine_config(config: dict[str, Any], nav: list[Any]) -> dict[str, Any]:
    """mkdocs.yml for the folder: same theme and extensions, the nav written out, no handbook plugin."""
    out = {k: v for k, v in config.items() if k not in ("docs_dir", "site_dir", "nav", "plugins")}
    plugins = [p for p in config.get("plugins") or [] if p != PLUGIN and not (isinstance(p, dict) and PLUGIN in p)]
    out["docs_dir"] = "docs"
    out["site_dir"] = "site"
    out["nav"] = nav
    if plugins:
        out["plugins"] = plugins
    return out


MARK = "# Written by `handbook generate`"


def refuse_foreign_folder(out: Path) -> None:
    """Only an empty folder or one this command wrote may be replaced: never the project, docs/ or anything else."""
    if not out.exists():
        return
    config = out / "mkdocs.yml"
    ours = config.is_file() and config.read_text(encoding="utf-8", errors="replace").startswith(MARK)
    if not out.is_dir() or (any(out.iterdir()) and not ours):
        raise HandbookError(
            display_path(out), "exists and was not written by handbook generate", "name a new or empty folder; nothing was changed"
        )


def write_folder(
    out: Path,
    *,
    config: dict[str, Any],
    docs_dir: Path,
    nav: list[Any],
    files: Iterable[RenderedFile],
    sources: Iterable[tuple[str, str]],
    abbreviation_lines: str,
) -> Generated:
    """Write the folder next to `out` and swap it into place, so a failure leaves the old one whole."""
    out = out.resolve()  # "." has no name to put a staging folder beside
    refuse_inside_docs(out, docs_dir)
    restore_interrupted_swap(out)
    refuse_foreign_folder(out)
    staging = out.with_name(f".{out.name}.generating")
    shutil.rmtree(staging, ignore_errors=True)
    docs = staging / "docs"
    docs.mkdir(parents=True)
    written: set[str] = set()
    if docs_dir.is_dir():  # hand-written pages and assets win over generated ones, as in the plugin
        for path in sorted(docs_dir.rglob("*")):
            if path.is_file():
                rel = path.relative_to(docs_dir).as_posix()
                target = docs / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
                written.add(rel)
    for rendered in files:
        if rendered.path in written:
            continue
        target = docs / rendered.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(rendered.content, bytes):
            target.write_bytes(rendered.content)
        else:
            target.write_text(rendered.content, encoding="utf-8")
        written.add(rendered.path)
    for rel, file in sources:
        if rel not in written:
            target = docs / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(file, target)
            written.add(rel)
    pages = sorted(p for p in written if p.endswith(".md"))
    if abbreviation_lines:  # the plugin adds them to every page as it is read; here they are written in
        for rel in pages:
            target = docs / rel
            target.write_text(f"{target.read_text(encoding='utf-8')}\n\n{abbreviation_lines}\n", encoding="utf-8")
    text = yaml.safe_dump(engine_config(config, nav), sort_keys=False, allow_unicode=True)
    (staging / "mkdocs.yml").write_text(
        f"{MARK}: the handbook's pages as plain files, for any engine that reads\n"
        "# mkdocs.yml (mkdocs, Zensical). Edit the sources and run it again rather than editing this folder.\n" + text,
        encoding="utf-8",
    )
    swap_into_place(staging, out)
    return Generated(out, len(pages), len(written) + 1)


SITE_MARK = "handbook.json"  # every handbook build writes it at the site's root


def refuse_inside_docs(out: Path, docs_dir: Path) -> None:
    """An output folder inside the pages folder would be read back as pages by the next run, growing each time."""
    if out.resolve().is_relative_to(docs_dir.resolve()):
        raise HandbookError(
            display_path(out), f"is inside {display_path(docs_dir)}/, whose files are the handbook's pages, so each run would read the last one's output",
            f"name a folder outside {display_path(docs_dir)}/; nothing was changed",
        )


def refuse_foreign_site(out: Path, project: Path, docs_dir: Path) -> None:
    """`handbook build` replaces its output folder whole: only a new or empty folder, or a handbook
    site built before, may be replaced; never the project, a folder holding it, or anyone's files."""
    out = out.resolve()
    refuse_inside_docs(out, docs_dir)
    if project.resolve().is_relative_to(out):
        raise HandbookError(
            display_path(out), "is the handbook's own folder or holds it, and would be replaced whole by the built site",
            "name a new or empty folder for the site (such as site/); nothing was changed",
        )
    if not out.exists():
        return
    if not out.is_dir():
        raise HandbookError(display_path(out), "is a file, not a folder", "name a new or empty folder for the site; nothing was changed")
    if any(out.iterdir()) and not (out / SITE_MARK).is_file():
        raise HandbookError(
            display_path(out), f"exists, is not empty and holds no handbook site (no {SITE_MARK}), so building there would delete its files",
            "name a new or empty folder, or the folder of an earlier build; nothing was changed",
        )


def restore_interrupted_swap(final: Path) -> None:
    """A run stopped between the two renames of `swap_into_place` left the last good folder aside: put it back."""
    old = final.with_name(f".{final.name}.old")
    if old.is_dir() and not final.exists():
        old.rename(final)


def swap_into_place(staging: Path, final: Path) -> None:
    """Replace `final` by the finished `staging` folder; the old one is kept aside until the new one is in place."""
    restore_interrupted_swap(final)
    old = final.with_name(f".{final.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if final.exists():
        final.rename(old)
    staging.rename(final)
    shutil.rmtree(old, ignore_errors=True)
