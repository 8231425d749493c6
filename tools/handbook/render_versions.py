"""Pages about versions: what changed, which version was in force on a date, superseded notices."""

from __future__ import annotations

import html

from .citation import version_name
from .render import RenderedFile, front_matter, md_text, unsearched
from .resolve import Change, CihClause, ClauseRef, DocumentVersion, History, PolicyClause, PolicyHistory, PolicyVersion, Resolved, Runs
from .urls import IN_FORCE_PAGE, changes_page, document_page, href, policy_version_page, rel


def superseded_note(version: DocumentVersion | PolicyVersion, clause: CihClause | PolicyClause | None, here: str) -> list[str]:
    """The notice on a page of a superseded version (CIH document or council policy): what replaced it, and where."""
    current = version.superseded_by
    if current is None:
        return []
    source, ended = version.source, version.until
    current_page = policy_version_page(current.entry) if isinstance(version, PolicyVersion) else document_page(current.entry)
    lines = [
        f'!!! warning "Superseded version"',
        f"    This is **{md_text(version_name(source.entry.version))}**, in force from {source.entry.in_force.isoformat()}"
        f"{f' until {ended.isoformat()}' if ended else ''}. It has been superseded by "
        f"[{md_text(version_name(current.entry.version))}]({rel(here, current_page)}), in force from "
        f"{current.entry.in_force.isoformat()}. Its pages stay at these addresses so that citations to it still work.",
    ]
    if clause is not None and clause.successor is not None:
        follow = clause.successor
        if follow.clause is None:
            lines.append(f"    This clause was removed in {md_text(version_name(follow.version))}.")
        else:
            wording = "reworded" if follow.reworded else "with the same wording"
            lines.append(
                f"    In {md_text(version_name(follow.version))} it continues as "
                f"[{md_text(follow.clause.id)}]({rel(here, follow.clause.page)}), {wording}."
            )
    return [*unsearched(lines), ""]  # the same notice is on every page of the version


def render_version_pages(resolved: Resolved) -> list[RenderedFile]:
    files = [RenderedFile(changes_page(h.current.source.entry.slug), changes_markdown(h)) for h in resolved.histories]
    files.append(RenderedFile(IN_FORCE_PAGE, in_force_markdown(resolved), in_nav=True))
    return files


def changes_markdown(history: History | PolicyHistory) -> str:
    """What changed from each version to the next, for a CIH document or a council policy."""
    current = history.current.source
    here = history.changes_page if isinstance(history, PolicyHistory) else changes_page(current.entry.slug)
    out = [*front_matter(f"What changed: {current.entry.title}"), f"# What changed: {md_text(current.entry.title)}", ""]
    if not history.steps:
        out.append(f"Only one version is held: {md_text(current.entry.version)}, in force from {current.entry.in_force.isoformat()}.")
        return "\n".join(out) + "\n"
    out.append(
        "Clauses are matched across versions by their wording, not by their position, so a clause that moved "
        "keeps its history. In reworded clauses, deleted words are struck through and new words are underlined."
    )
    for step in history.steps:
        old, new, changes = step.old, step.new, step.changes
        out += ["", f"## {md_text(old.entry.version)} → {md_text(new.entry.version)}", ""]
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
            out += [change_line(c, here) for c in items]
        moved = [c for c in changes if c.status == "unchanged" and c.moved]
        if moved:
            out += ["", "### Same wording, new ID", ""]
            out += [change_line(c, here) for c in moved]
    return "\n".join(out) + "\n"


def change_line(change: Change, here: str) -> str:
    def link(clause: ClauseRef) -> str:
        return f"[{md_text(clause.id)} ({md_text(clause.version)})]({rel(here, clause.page)})"

    if change.status == "added" and change.new:
        return f"- {link(change.new)} {md_text(change.new.text)}"
    if change.status == "removed" and change.old:
        return f"- {link(change.old)} {md_text(change.old.text)}"
    assert change.old and change.new
    if change.status == "unchanged":
        return f"- {link(change.old)} → {link(change.new)} {md_text(change.new.text)}"
    return f"- {link(change.old)} → {link(change.new)}\n\n    {diff_html(change.diff)}\n"


def diff_html(runs: Runs) -> str:
    """A paragraph of the new wording with deleted words struck through and new words underlined."""
    text = "".join(
        html.escape(text) if op == "=" else f"<{'del' if op == '-' else 'ins'}>{html.escape(text)}</{'del' if op == '-' else 'ins'}>"
        for op, text in runs
    )
    return f'<p class="handbook-diff">{text}</p>'


def in_force_markdown(resolved: Resolved) -> str:
    out = [
        *front_matter("In force on a date"),
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
    for history in resolved.histories:
        for version in history.versions:
            entry, ended = version.source.entry, version.until
            out.append(
                f'<tr data-from="{entry.in_force.isoformat()}" data-until="{ended.isoformat() if ended else ""}" '
                f'data-document="{html.escape(entry.title)}" data-version="{html.escape(entry.version)}">'
                f"<td>{html.escape(entry.title)}</td>"
                f'<td><a href="{href(IN_FORCE_PAGE, version.page)}">{html.escape(entry.version)}</a></td>'
                f"<td>{entry.in_force.isoformat()}</td><td>{ended.isoformat() if ended else 'current'}</td></tr>"
            )
    out += ["</tbody>", "</table>"]
    return "\n".join(out) + "\n"
