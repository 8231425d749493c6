"""YAML loading that remembers line numbers, for errors people can act on.

The manifest and the mapping are edited by hand, so a mistake must be
reported with the file and line where it is. Mappings are loaded as
`LineDict`s carrying the line of their first key.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import HandbookError, display_path


# Hand-edited files are small. These caps refuse a file built to exhaust memory
# (a "billion laughs" of nested aliases) with one line instead of a MemoryError.
MAX_YAML_BYTES = 20_000_000
MAX_YAML_ALIASES = 10_000
MAX_YAML_NODES = 5_000_000  # nodes once every alias is expanded


class LineDict(dict[str, Any]):
    line: int = 0
    key_lines: dict[Any, int]  # the line of each key, for messages about one key

    def __init__(self) -> None:
        super().__init__()
        self.key_lines = {}


# libyaml's parser when PyYAML was built with it: the same results, several times faster.
class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    pass


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    data = LineDict()
    data.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in data:
            raise HandbookError(
                loader.name, f"key '{key}' appears twice in one entry", "remove one of them", line=key_node.start_mark.line + 1
            )
        data.key_lines[key] = key_node.start_mark.line + 1
        data[key] = loader.construct_object(value_node, deep=True)
    return data


def _construct_timestamp(loader: _LineLoader, node: yaml.ScalarNode) -> Any:
    """A date, or one line naming the place of a date that does not exist (2024-02-30)."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError as exc:
        raise HandbookError(
            loader.name,
            f"'{node.value}' is not a real date ({exc})",
            "write it as YYYY-MM-DD with a month from 01 to 12 and a day that exists in that month",
            line=node.start_mark.line + 1,
        ) from None


class SourceFloat(float):
    """A YAML number with a point, remembering how it was written: `version: 1.10` is "1.10", not 1.1."""

    source: str = ""


def _construct_float(loader: _LineLoader, node: yaml.ScalarNode) -> float:
    value = SourceFloat(yaml.constructor.SafeConstructor.construct_yaml_float(loader, node))
    value.source = node.value
    return value


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_LineLoader.add_constructor("tag:yaml.org,2002:float", _construct_float)


def text_field(item: Any, key: str, shown: str) -> str:
    """`item[key]` as the text the council typed ("" when absent), or one line naming the key's line when
    it is not a piece of text: a list or mapping, or true/false (YAML reads `yes`, `no`, `on`, `off` so)."""
    value = item.get(key) if isinstance(item, dict) else None
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    line = getattr(item, "key_lines", {}).get(key) or line_of(item)
    if isinstance(value, (list, dict)):
        raise HandbookError(
            shown, f"'{key}' is a {'list' if isinstance(value, list) else 'mapping'}, not a piece of text",
            f"write '{key}' as one piece of text, in quotes if it starts with [ or {{ or holds ': '", line=line,
        )
    if isinstance(value, bool):
        raise HandbookError(
            shown, f"'{key}' reads as {str(value).lower()}, not as text", f"put the text in quotes, e.g. {key}: \"Yes\"", line=line
        )
    return value.source if isinstance(value, SourceFloat) and value.source else str(value)


def check_yaml_limits(text: str, path: str | Path, *, what: str = "file") -> None:
    """Refuse a YAML text too large or with too many aliases to load safely, before any loader builds it.

    Any YAML loader of hand-edited data (PyYAML or ruamel.yaml) calls this
    first. It reads the text once (tokens, then the node graph, which shares
    each aliased node rather than copying it) and counts the nodes the data
    would have once every alias is expanded. Syntax errors are left to the loader.
    """
    shown = display_path(path)
    if len(text) > MAX_YAML_BYTES:
        raise HandbookError(
            shown, f"is {len(text):,} characters long, more than the {MAX_YAML_BYTES:,} a {what} may have", f"split or shorten the {what}"
        )
    try:
        aliases = sum(1 for token in yaml.scan(text, Loader=yaml.SafeLoader) if isinstance(token, yaml.AliasToken))
    except yaml.YAMLError:
        return
    if aliases > MAX_YAML_ALIASES:
        raise HandbookError(shown, f"uses {aliases:,} YAML aliases (*name), more than {MAX_YAML_ALIASES:,}", f"write the {what} out without aliases")
    if not aliases:
        return
    try:
        nodes = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.YAMLError:
        return
    for node in nodes:
        check_node_limits(node, shown, what=what)


def check_node_limits(root: yaml.Node | None, shown: str, *, what: str = "file") -> None:
    """Refuse a composed YAML document whose aliases expand past MAX_YAML_NODES, or refer to themselves."""
    sizes: dict[int, int] = {}
    in_progress: set[int] = set()

    def size(node: yaml.Node) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in in_progress:
            raise HandbookError(shown, "a YAML alias refers to the entry that contains it", f"write the {what} out without that alias", line=node.start_mark.line + 1)
        in_progress.add(key)
        total = 1
        if isinstance(node, yaml.SequenceNode):
            children: list[yaml.Node] = list(node.value)
        elif isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        else:
            children = []
        for child in children:
            total += size(child)
            if total > MAX_YAML_NODES:
                raise HandbookError(
                    shown,
                    f"its YAML aliases expand to more than {MAX_YAML_NODES:,} values (an alias bomb?)",
                    f"write the {what} out without nested aliases",
                    line=node.start_mark.line + 1,
                )
        in_progress.discard(key)
        sizes[key] = total
        return total

    if root is not None:
        size(root)


def load_yaml(path: Path, *, what: str) -> Any:
    """Parse a YAML file; a syntax error becomes one HandbookError line."""
    return load_yaml_tree(path, what=what)[0]


def load_yaml_tree(path: Path, *, what: str) -> tuple[Any, yaml.Node | None]:
    """The parsed data and the YAML node tree it came from (for the line of any key)."""
    shown = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise HandbookError(shown, f"{what} not found", f"create it or point the configuration at the right {what}") from None
    except UnicodeDecodeError:
        raise HandbookError(shown, f"{what} is not UTF-8 text", "save it as UTF-8") from None
    if len(text) > MAX_YAML_BYTES:
        check_yaml_limits(text, path, what=what)
    try:
        loader = _LineLoader(text)
    except yaml.YAMLError as exc:  # e.g. a control character the YAML reader refuses
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise HandbookError(shown, f"contains text YAML cannot read ({first})", f"remove the character from the {what}") from None
    loader.name = shown
    try:
        node = loader.get_single_node()
        check_node_limits(node, shown, what=what)
        return (loader.construct_document(node) if node is not None else None), node
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark else None
        problem = (exc.problem or "syntax error").splitlines()[0]
        raise HandbookError(shown, f"malformed YAML ({problem})", f"fix the {what}'s syntax", line=line) from None
    except yaml.YAMLError as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise HandbookError(shown, f"malformed YAML ({first})", f"fix the {what}'s syntax") from None
    finally:
        loader.dispose()


def line_of(data: Any) -> int | None:
    return getattr(data, "line", None) or None
