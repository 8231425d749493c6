"""The search index: every clause, policy and page of a built site, as small script files.

Written after the site is built (the mkdocs plugin calls `write_index`), read
in the browser by `assets/search.js`. Each file is a script that hands its
data to the page (`__hbSearchLoad(name, data)`), so the same index works served
over http and opened from a shared drive (`file://`, where browsers refuse
`fetch`); a query loads only the files it needs, so a large handbook stays quick.

What is indexed, one entry each:
- every clause, from the handbook's data: CIH clauses on their own pages,
  council clauses on theirs or, where a policy has no clause pages, at their
  anchor on the policy page; with the clause's ID, its text and its section;
- every other page, from its HTML, leaving out whatever is marked
  `data-search-exclude` (lists that repeat clauses indexed on their own page).

Ranking (BM25 over weighted fields, computed here; a prior per kind of entry
and for superseded versions, applied in the browser): a clause answers a
question, so clauses come before whole policies, documents and other pages,
and current versions before superseded ones.

Files, under `search/` in the site:
- `meta.js`: stop words, other words for what a typed word means
  (`data/search_synonyms.yml`, `data/word_families.yml`), the documents for the
  filter, and per entry its kind, filter group and whether it is current;
- `t/<key>.js`: postings of the terms starting with `<key>` (term → entries,
  scores, positions); clause IDs by their code (`t/id-coc.js`);
- `d/<n>.js`: entries' address, title, context and excerpt, `CHUNK` per file.
"""

from __future__ import annotations

import html.parser
import json
import math
import re
import shutil
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .model import Handbook
from .render import section_label
from .search_text import NEGATIONS, STOP_WORDS, alternatives, other_senses, questions, subject, term, terms, words
from .urls import clause_anchor, clause_page, council_clause_page, document_page, page_url, policy_page, policy_version_page

FOLDER = "search"
_ASSETS = Path(__file__).parent / "assets"
# Files every page loads: the site path → the packaged file.
SEARCH_ASSETS = {"assets/handbook-search.js": _ASSETS / "search.js", "assets/handbook-search.css": _ASSETS / "search.css"}
CHUNK = 64  # entries per excerpt file
EXCERPT = 400  # characters of an entry's text shown under its title

# Kinds of entry, in the order of `KINDS` in search.js.
CLAUSE, POLICY, DOCUMENT, PAGE = 0, 1, 2, 3

# Field weights: a clause's ID is its name; a title says what a page is about.
# A clause also carries its document's title, weakly: "whistleblowing" finds the Whistleblowing Policy's clauses.
# A list item (DIS-5.1.b) is read with its lead-in (DIS-5.1), weakly.
WEIGHTS = {"id": 12.0, "title": 3.0, "heading": 0.6, "document": 0.4, "lead_in": 0.3, "body": 1.0}
K1, B = 1.2, 0.75
SHARD_BYTES = 48_000  # a term file larger than this is split by one more letter of its terms
MAX_KEY = 8
REFINE_FORMS = "="  # a shard's key for the entries whose title or excerpt has a word exactly as written: "=supervision"
FIELD_GAP = 1000  # positions between fields, so a phrase never spans two


@dataclass
class Entry:
    url: str  # site-relative, as the directory URL ("cih/code-of-conduct/v3/coc-1.4/")
    title: str
    kind: int
    group: str  # filter key: a CIH document's code, "council:<code>" or "" for other pages
    current: bool
    context: str  # the line under the title: document, version, section
    fields: dict[str, str] = field(default_factory=dict)  # field name → text
    excerpt: str = ""


# ---------------------------------------------------------------------------
# Entries.


def clause_entries(handbook: Handbook, site: Path) -> list[Entry]:
    entries: list[Entry] = []
    for source in handbook.documents:
        entry = source.entry
        current = handbook.current(entry.code) is source
        for section in source.document.sections:
            for clause in section.clauses:
                entries.append(
                    Entry(
                        url=page_url(clause_page(entry, clause.id)),
                        title=clause.id,
                        kind=CLAUSE,
                        group=entry.code,
                        current=current,
                        context=f"{entry.title} {entry.version} · {section_label(section)}",
                        fields={"id": clause.id, "heading": section.title, "document": entry.title, "body": clause.text},
                        excerpt=clause.text,
                    )
                )
    latest = _current_policies(handbook)
    for source in handbook.all_policy_versions:  # a superseded version's clauses too, marked as such
        entry = source.entry
        for section in source.document.sections:
            texts = {c.id: c.text for c in section.clauses}
            for clause in section.clauses:
                entries.append(
                    Entry(
                        url=council_clause_url(source, clause, site),
                        title=clause.id,
                        kind=CLAUSE,
                        group=f"council:{entry.code}",
                        current=source in latest,
                        context=f"{entry.title} {entry.version} · {section.number} {section.title}".strip(),
                        fields={
                            "id": clause.id,
                            "heading": section.title,
                            "document": entry.title,
                            "lead_in": texts.get(_ITEM.sub("", clause.id), "") if _ITEM.search(clause.id) else "",
                            "body": clause.text,
                        },
                        excerpt=clause.text,
                    )
                )
    return entries


_ITEM = re.compile(r"\.[a-z]+$")  # a lettered (.a) or roman-numbered (.ii) item


def _current_policies(handbook: Handbook) -> set:
    """The latest version of each council policy (by in-force date)."""
    latest: dict[str, object] = {}
    for source in handbook.all_policy_versions:
        held = latest.get(source.entry.code)
        if held is None or source.entry.in_force >= held.entry.in_force:  # type: ignore[attr-defined]
            latest[source.entry.code] = source
    return set(latest.values())


def council_clause_url(source, clause, site: Path) -> str:  # type: ignore[no-untyped-def]
    """A council clause's own page where the site has one, else its anchor on the policy page."""
    own = page_url(council_clause_page(source.entry, clause.id))
    if (site / own / "index.html").is_file() or (site / (own[:-1] + ".html")).is_file():
        return own
    return f"{page_url(policy_page(source.entry))}#{clause_anchor(clause.id)}"


class _PageText(html.parser.HTMLParser):
    """A built page's title, headings and text, without what is marked data-search-exclude."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # inside the article when > 0
        self.skip = 0  # inside an excluded element when > 0
        self.heading = ""
        self.title: list[str] = []
        self.headings: list[str] = []
        self.body: list[str] = []
        self.current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        names = dict(attrs)
        if self.depth == 0:
            if tag == "article" and "md-content__inner" in (names.get("class") or ""):
                self.depth = 1
            return
        self.depth += 1
        if self.skip:
            self.skip += 1
        elif "data-search-exclude" in names or tag in ("script", "style") or "headerlink" in (names.get("class") or ""):
            self.skip = 1
        elif re.fullmatch(r"h[1-6]", tag):
            self.heading = tag
            self.current = []

    def handle_endtag(self, tag: str) -> None:
        if self.depth == 0 or tag in self.VOID:
            return
        self.depth -= 1
        if self.skip:
            self.skip -= 1
            return
        if tag == self.heading and self.current is not None:
            text = " ".join("".join(self.current).split())
            (self.title if tag == "h1" else self.headings).append(text)
            self.current, self.heading = None, ""

    def handle_data(self, data: str) -> None:
        if self.depth and not self.skip:
            (self.current if self.current is not None else self.body).append(data)


_NAV_LINK = re.compile(r'<a href="([^"#]*)"[^>]*class="md-nav__link[^"]*"[^>]*>(.*?)</a>', re.S)
_TAG = re.compile(r"<[^>]+>")


def nav_labels(site: Path) -> dict[str, str]:
    """The site navigation's label for each address it links (from the home page): 'nolan/' → 'Nolan principles'."""
    home = site / "index.html"
    if not home.is_file():
        return {}
    labels: dict[str, str] = {}
    for href, inner in _NAV_LINK.findall(home.read_text(encoding="utf-8")):
        url = re.sub(r"(^|/)index\.html$", r"\1", href.removeprefix("./"))
        if url and url != "." and not url.startswith(("http:", "https:", "/", "..")):
            labels.setdefault(url, " ".join(html.unescape(_TAG.sub(" ", inner)).split()))
    return labels


def _section(url: str, labels: dict[str, str], titles: dict[str, str] | None = None) -> str:
    """The navigation's names for a page and the sections above it ('nolan/openness/' → 'Nolan principles'),
    and the title of each page above it ('The Seven Principles of Public Life'): a page is found by the name
    of the part of the handbook it is in, as a clause by its document's title."""
    parts = url.strip("/").split("/")
    found = [labels[u] for n in range(len(parts), 0, -1) if (u := "/".join(parts[:n]) + "/") in labels]
    above = [(titles or {}).get("/".join(parts[:n]) + "/", "") for n in range(len(parts) - 1, 0, -1)]
    return " ".join(dict.fromkeys(name for name in found + above if name))


def page_entries(site: Path, skip: set[str], kinds: dict[str, tuple[int, str, bool]]) -> list[Entry]:
    """Every built page but those in `skip` (clause pages, indexed from data), by its HTML."""
    labels = nav_labels(site)
    read: list[tuple[str, _PageText]] = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel == "404.html" or rel.startswith(("assets/", f"{FOLDER}/")):
            continue
        url = rel[: -len("index.html")] if rel.endswith("index.html") else rel[: -len(".html")] + "/"
        if url in skip:
            continue
        parser = _PageText()
        parser.feed(path.read_text(encoding="utf-8"))
        read.append((url, parser))
    titles = {url: " ".join(parser.title) for url, parser in read}
    entries = []
    for url, parser in read:
        body = " ".join("".join(parser.body).split())
        title = titles[url] or url
        kind, group, current = kinds.get(url, (PAGE, "", True))
        entries.append(
            Entry(
                url=url,
                title=title,
                kind=kind,
                group=group,
                current=current,
                context="",
                fields={"title": title, "heading": " ".join(parser.headings), "document": _section(url, labels, titles), "body": body},
                excerpt=body[:240],
            )
        )
    return entries


def page_kinds(handbook: Handbook) -> dict[str, tuple[int, str, bool]]:
    kinds: dict[str, tuple[int, str, bool]] = {}
    for source in handbook.documents:
        kinds[page_url(document_page(source.entry))] = (DOCUMENT, source.entry.code, handbook.current(source.entry.code) is source)
    latest = _current_policies(handbook)
    for source in handbook.all_policy_versions:
        group = f"council:{source.entry.code}"
        kinds.setdefault(page_url(policy_page(source.entry)), (POLICY, group, True))
        kinds[page_url(policy_version_page(source.entry))] = (POLICY, group, source in latest)
    return kinds


# ---------------------------------------------------------------------------
# The index.


def shard_key(t: str, length: int) -> str:
    """The file holding a term's postings: clause IDs by code, words by their first `length` letters."""
    if "-" in t:
        return "id-" + t.split("-", 1)[0]
    return (t + "_" * length)[:length]


def plan_shards(sizes: dict[str, int], limit: int | None = None) -> dict[str, str]:
    """Term → file: words grouped by their first two letters, and a group larger than `limit` bytes split by
    one more letter, again and again, so a term's file stays small however large the handbook grows."""
    limit = SHARD_BYTES if limit is None else limit
    placed: dict[str, str] = {}
    pending = [(2, [t for t in sizes if "-" not in t])]
    for t in sizes:
        if "-" in t:
            placed[t] = shard_key(t, 0)
    while pending:
        length, group = pending.pop()
        by_key: dict[str, list[str]] = defaultdict(list)
        for t in group:
            by_key[shard_key(t, length)].append(t)
        for key, members in by_key.items():
            if sum(sizes[t] for t in members) > limit and length < MAX_KEY and len(members) > 1:
                pending.append((length + 1, members))
            else:
                placed.update((t, key) for t in members)
    return placed


def _field_start(name: str) -> int:
    """The first position of a field's words (fields are FIELD_GAP * 100 positions apart, in WEIGHTS' order)."""
    return list(WEIGHTS).index(name) * FIELD_GAP * 100


def build_index(entries: list[Entry], glossary: tuple[tuple[str, str], ...] = ()) -> tuple[dict, dict[str, dict], list[list]]:
    """meta, shards (key → term → [entries, scores, positions]), excerpt rows.

    `glossary`: the handbook's (abbreviation, expansion) pairs, read as search reads its own abbreviations."""
    counts: list[dict[str, float]] = []
    positions: list[dict[str, list[int]]] = []
    lengths: list[float] = []
    for e in entries:
        weighted: dict[str, float] = defaultdict(float)
        where: dict[str, list[int]] = defaultdict(list)
        length = 0.0
        for n, name in enumerate(WEIGHTS):
            text = e.fields.get(name, "")
            found = terms(text, _field_start(name)) if text else []
            for pos, t in found:
                weighted[t] += WEIGHTS[name]
                if name in ("id", "title", "body") or (name == "document" and e.kind == PAGE):  # a page's section names too
                    where[t].append(pos)
            length += len(found) * (1.0 if name == "body" else 0.5 if name in ("title", "lead_in") else 0.0)
        counts.append(weighted)
        positions.append(where)
        lengths.append(max(length, 1.0))
    n = len(entries)
    average = sum(lengths) / n if n else 1.0
    frequency: dict[str, int] = defaultdict(int)
    for weighted in counts:
        for t in weighted:
            frequency[t] += 1
    postings: dict[str, tuple[list[int], list[int], list[list[int]]]] = {}
    for i, weighted in enumerate(counts):
        norm = K1 * (1 - B + B * lengths[i] / average)
        for t, tf in weighted.items():
            idf = math.log(1 + (n - frequency[t] + 0.5) / (frequency[t] + 0.5))
            score = idf * tf * (K1 + 1) / (tf + norm)
            docs, scores, where = postings.setdefault(t, ([], [], []))
            docs.append(i)
            scores.append(max(1, round(score * 100)))
            where.append(positions[i].get(t, []))
    # Words exactly as written in each entry's title and excerpt, filed with their term: the browser ranks
    # an entry whose shown text has a word as typed a little higher ("supervision" before "supervise")
    # without loading any excerpt first.
    forms: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for i, e in enumerate(entries):
        for w in sorted(set(words(f"{e.title} {e.excerpt[:EXCERPT]}"))):
            if "-" not in w and (t := term(w)) in postings:
                forms[t].setdefault(REFINE_FORMS + w, []).append(i)
    files: dict[str, dict] = {t: {t: list(value), **forms.get(t, {})} for t, value in postings.items()}
    placed = plan_shards({t: len(json.dumps(data, separators=(",", ":"))) for t, data in files.items()})
    shards: dict[str, dict] = defaultdict(dict)
    for t, data in files.items():
        shards[placed[t]].update(data)
    groups = sorted({e.group for e in entries if e.group})
    group_index = {g: i + 1 for i, g in enumerate(groups)}
    meta = {
        "version": 1,
        "count": n,
        "chunk": CHUNK,
        "shards": sorted(shards),
        "stopWords": sorted(STOP_WORDS),
        "negations": sorted(NEGATIONS),
        # the positions of an entry's title field: a page whose title has every word typed is what was asked for
        "titleAt": [_field_start("title"), _field_start("title") + FIELD_GAP * 100],
        # the positions of a page's section names (its navigation's names and the titles of the pages above it)
        "sectionAt": [_field_start("document"), _field_start("document") + FIELD_GAP * 100],
        # per page (other entries have no words of their own in their title): how many words its title has,
        # a number that orders it ("5. Openness") not counted
        "titleWords": {str(i): sum(not t.isdigit() for _, t in terms(e.fields.get("title", ""))) for i, e in enumerate(entries) if e.kind == PAGE},
        # typed word(s) → what they mean in the handbook's words, where the handbook has those words
        "alternatives": {
            key: kept
            for key, phrases in sorted(alternatives(glossary).items())
            if (kept := [p for p in phrases if any(t in postings for t in p)])
        },
        # a word's meaning that does not apply after certain words ("on the phone": a call, not a device)
        "senses": other_senses(),
        # words for the people every clause is about ("housing officer", "staff"), as terms: not searched
        # for where a query has other words
        "subject": subject(),
        # question openings ("who", "how long") and the index terms of the answers they ask for
        "questions": [{"ask": q["ask"], "hint": hint} for q in questions() if (hint := [t for t in q["hint"] if t in postings])],
        "groups": [""] + groups,
        # per entry: kind * 2 + (1 if current), and its filter group
        "flags": [e.kind * 2 + (1 if e.current else 0) for e in entries],
        "group": [group_index.get(e.group, 0) for e in entries],
    }
    rows = [[e.url, e.title, e.context, e.excerpt[:EXCERPT]] for e in entries]
    return meta, shards, rows


def _script(name: str, data: object) -> str:
    return f"__hbSearchLoad({json.dumps(name)},{json.dumps(data, ensure_ascii=False, separators=(',', ':'))});\n"


def file_url(url: str, site: Path) -> str:
    """A directory URL as the file a browser opens from disk (use_directory_urls: false)."""
    path, _, anchor = url.partition("#")
    if path and not (site / path / "index.html").is_file() and (site / (path.rstrip("/") + ".html")).is_file():
        path = path.rstrip("/") + ".html"  # name.md is built as name.html
    elif path == "" or path.endswith("/"):
        path += "index.html"
    return path + (f"#{anchor}" if anchor else "")


def site_entries(site: Path, handbook: Handbook) -> list[Entry]:
    """What the index holds for a built site: every clause, then every other page."""
    clauses = clause_entries(handbook, site)
    # Clause pages are indexed from the data; on disk they are folders or .html files.
    skip = {e.url for e in clauses if "#" not in e.url}
    return clauses + page_entries(site, skip, page_kinds(handbook))


def write_index(
    site: Path, handbook: Handbook, titles: dict[str, str], directory_urls: bool = True, glossary: tuple[tuple[str, str], ...] = ()
) -> dict:
    """Index the built site in `site`; returns the meta data (for the bench and tests).
    `glossary`: (abbreviation, expansion) pairs of the handbook's glossary, found as their expansion."""
    entries = site_entries(site, handbook)
    if not directory_urls:
        for e in entries:
            e.url = file_url(e.url, site)
    meta, shards, rows = build_index(entries, glossary)
    meta["titles"] = titles
    out = site / FOLDER
    shutil.rmtree(out, ignore_errors=True)
    (out / "t").mkdir(parents=True)
    (out / "d").mkdir()
    (out / "meta.js").write_text(_script("meta", meta), encoding="utf-8")
    for key, data in shards.items():
        (out / "t" / f"{key}.js").write_text(_script(f"t/{key}", data), encoding="utf-8")
    for start in range(0, len(rows), CHUNK):
        name = f"d/{start // CHUNK}"
        (out / f"{name}.js").write_text(_script(name, rows[start : start + CHUNK]), encoding="utf-8")
    return meta


def group_titles(handbook: Handbook) -> dict[str, str]:
    """The filter's label for each group: the document's or policy's title."""
    titles = {s.entry.code: s.entry.title for s in handbook.documents}
    titles |= {f"council:{s.entry.code}": s.entry.title for s in handbook.policies}
    return titles


def read_index(site: Path) -> tuple[dict, dict[str, list], list[list]]:
    """The written index read back: meta, postings (term → [entries, scores, positions]), rows."""

    def data(path: Path) -> object:
        text = path.read_text(encoding="utf-8")
        return json.loads(text[text.index(",") + 1 : text.rindex(");")])

    folder = site / FOLDER
    meta = data(folder / "meta.js")
    postings: dict[str, list] = {}
    for path in sorted((folder / "t").glob("*.js")):
        postings.update((k, v) for k, v in data(path).items() if not k.startswith(REFINE_FORMS))  # type: ignore[union-attr]
    rows: list[list] = []
    for n in range(len(list((folder / "d").glob("*.js")))):
        rows += data(folder / "d" / f"{n}.js")  # type: ignore[arg-type]
    return meta, postings, rows  # type: ignore[return-value]
