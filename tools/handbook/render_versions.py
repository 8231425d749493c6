"""Pages about versions: what changed, which version was in force on a date, superseded notices."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date

from .model import Clause, Source
from .pipeline import Handbook
from .render import RenderedFile, clause_page, document_page, md_text, page_url, rel, unsearched, version_heading, yaml_str
from .versions import ClauseChange, compare, successor, word_diff


def changes_page(slug: str) -> str:
    return f"cih/{slug}/changes.md"


IN_FORCE_PAGE = "cih/in-force.md"


def until(handbook: Handbook, source: Source) -> date | None:
    """The day the next version took effect, if a later one exists."""
    return ended_on(handbook.versions(source.entry.code), source)


def ended_on(versions: tuple[Source, ...], source: Source) -> date | None:
    """The day the next of `versions` took effect after `source`, if any."""
    later = [s.entry.in_force for s in versions if s.entry.in_force > source.entry.in_force]
    return min(later) if later else None


def superseded_note(handbook: Handbook, source: Source, clause: Clause | None, here: str) -> list[str]:
    """The notice on a page of a superseded CIH version: what replaced it, and where."""
    return superseded_lines(handbook.versions(source.entry.code), source, clause, here, document_page, clause_page)


def superseded_lines(
    versions: tuple[Source, ...],
    source: Source,
    clause: Clause | None,
    here: str,
    version_page: Callable[[Source], str],
    clause_page_of: Callable[[Source, Clause], str],
) -> list[str]:
    """The superseded notice for a version (and clause) of any versioned source, CIH document or council policy."""
    current = versions[-1]
    if current is source:
        return []
    ended = ended_on(versions, source)
    lines = [
        f'!!! warning "Superseded version"',
        f"    This is **{md_text(version_heading(source.entry.version))}**, in force from {source.entry.in_force.isoformat()}"
        f"{f' until {ended.isoformat()}' if ended else ''}. It has been superseded by "
        f"[{md_text(version_heading(current.entry.version))}]({rel(here, version_page(current))}), in force from "
        f"{current.entry.in_force.isoformat()}. Its pages stay at these addresses so that citations to it still work.",
    ]
    if clause is not None:
        changes = compare(source.document, current.document)
        follow = successor(changes, clause.id)
        if follow is None:
            lines.append(f"    This clause was removed in {md_text(version_heading(current.entry.version))}.")
        else:
            status = next(c.status for c in changes if c.new is follow)
            wording = "with the same wording" if status == "unchanged" else "reworded"
            lines.append(
                f"    In {md_text(version_heading(current.entry.version))} it continues as "
                f"[{md_text(follow.id)}]({rel(here, clause_page_of(current, follow))}), {wording}."
            )
    return [*unsearched(lines), ""]  # the same notice is on every page of the version


def render_version_pages(handbook: Handbook) -> list[RenderedFile]:
    files = [RenderedFile(changes_page(handbook.current(code).entry.slug), changes_markdown(handbook, code)) for code in handbook.codes]
    files.append(RenderedFile(IN_FORCE_PAGE, in_force_markdown(handbook), in_nav=True))
    return files


def changes_markdown(handbook: Handbook, code: str) -> str:
    versions = handbook.versions(code)
    return version_changes_markdown(versions, changes_page(versions[-1].entry.slug), clause_page)


def version_changes_markdown(versions: tuple[Source, ...], here: str, clause_page_of: Callable[[Source, Clause], str]) -> str:
    """What changed from each version to the next, for a CIH document or a council policy."""
    current = versions[-1]
    out = ["---", f"title: {yaml_str('What changed: ' + current.entry.title)}", "---", "", f"# What changed: {md_text(current.entry.title)}", ""]
    if len(versions) == 1:
        out.append(f"Only one version is held: {md_text(current.entry.version)}, in force from {current.entry.in_force.isoformat()}.")
        return "\n".join(out) + "\n"
    out.append(
        "Clauses are matched across versions by their wording, not by their position, so a clause that moved "
        "keeps its history. In reworded clauses, deleted words are struck through and new words are underlined."
    )
    for old, new in zip(versions, versions[1:]):
        out += ["", f"## {md_text(old.entry.version)} → {md_text(new.entry.version)}", ""]
        changes = compare(old.document, new.document)
        counts = {s: sum(1 for c in changes if c.status == s) for s in ("unchanged", "reworded", "added", "removed")}
        out.append(
            f"{md_text(new.entry.version)} took effect on {new.entry.in_force.isoformat()}: "
            f"{counts['added']} added, {counts['removed']} removed, {counts['reworded']} reworded, "
            f"{counts['unchanged']} unchanged."
        )
        for status, heading in (("added", "Added"), ("removed", "Removed"), ("reworded", "Reworded")):
            items = [c for c in changes if c.status == status]
            if not items:
                continue
            out += ["", f"### {heading}", ""]
            out += [change_line(c, old, new, here, clause_page_of) for c in items]
        moved = [c for c in changes if c.status == "unchanged" and c.moved]
        if moved:
            out += ["", "### Same wording, new ID", ""]
            out += [change_line(c, old, new, here, clause_page_of) for c in moved]
    return "\n".join(out) + "\n"


def change_line(
    change: ClauseChange, old: Source, new: Source, here: str, clause_page_of: Callable[[Source, Clause], str] = clause_page
) -> str:
    def link(source: Source, clause: Clause) -> str:
        return f"[{md_text(clause.id)} ({md_text(source.entry.version)})]({rel(here, clause_page_of(source, clause))})"

    if change.status == "added" and change.new:
        return f"- {link(new, change.new)} {md_text(change.new.text)}"
    if change.status == "removed" and change.old:
        return f"- {link(old, change.old)} {md_text(change.old.text)}"
    assert change.old and change.new
    if change.status == "unchanged":
        return f"- {link(old, change.old)} → {link(new, change.new)} {md_text(change.new.text)}"
    return f"- {link(old, change.old)} → {link(new, change.new)}\n\n    {diff_html(change.old.text, change.new.text)}\n"


def diff_html(old: str, new: str) -> str:
    """A paragraph of the new wording with deleted words struck through and new words underlined."""
    runs = "".join(
        html.escape(text) if op == "=" else f"<{'del' if op == '-' else 'ins'}>{html.escape(text)}</{'del' if op == '-' else 'ins'}>"
        for op, text in word_diff(old, new)
    )
    return f'<p class="handbook-diff">{runs}</p>'


def in_force_markdown(handbook: Handbook) -> str:
    out = [
        "---",
        "title: In force on a date",
        "---",
        "",
        "# Which version was in force on a date",
        "",
        "Cite the version that applied **when the conduct happened**. Enter the date to see it, "
        "or read the table: each version applies from its in-force date until the next version's.",
        "",
        '<form class="handbook-in-force" onsubmit="return false">',
        '<label for="handbook-date">Date of the conduct</label>',
        '<input type="date" id="handbook-date" name="date">',
        "</form>",
        '<p id="handbook-in-force-result" role="status" aria-live="polite"></p>',
        "",
        '<table class="handbook-versions" data-search-exclude>',
        "<thead><tr><th>Document</th><th>Version</th><th>In force from</th><th>Until</th></tr></thead>",
        "<tbody>",
    ]
    for code in handbook.codes:
        for source in handbook.versions(code):
            ended = until(handbook, source)
            url = page_url(document_page(source))
            out.append(
                f'<tr data-from="{source.entry.in_force.isoformat()}" data-until="{ended.isoformat() if ended else ""}" '
                f'data-document="{html.escape(source.entry.title)}" data-version="{html.escape(source.entry.version)}">'
                f"<td>{html.escape(source.entry.title)}</td>"
                f'<td><a href="../{url[len("cih/"):]}">{html.escape(source.entry.version)}</a></td>'
                f"<td>{source.entry.in_force.isoformat()}</td><td>{ended.isoformat() if ended else 'current'}</td></tr>"
            )
    out += ["</tbody>", "</table>"]
    return "\n".join(out) + "\n"
