"""Read a YAML 1.2 file into plain Python data plus the line and column of every node.

ruamel.yaml's round-trip loader records where each key, value and item starts; we copy that into a
position map and hand the rest of the code plain dict/list/str/int/float/bool/None, so nothing
downstream depends on ruamel types. Dates stay strings (`issued: 2024-01-15`); tags other than the
core scalar ones are refused, so a data file can never construct an object.

Hostile files are refused with a file:line:col error before they cost time or memory: files larger than
`MAX_DATA_FILE_BYTES`, nesting deeper than `MAX_DEPTH`, recursive aliases, and documents that hold more than
`MAX_NODES` nodes once every alias is expanded (a 342-byte "billion laughs" would otherwise expand to 10⁹).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import DuplicateKeyError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent

from drillsim.loading.errors import DataFileError, Issue, display_file
from drillsim.loading.input_files import MAX_DATA_FILE_BYTES, InputFileError, read_regular_file
from drillsim.loading.plain_data import DataPath

__all__ = ["MAX_DEPTH", "MAX_LINES", "MAX_NODES", "Position", "YamlDocument", "read_yaml", "parse_yaml"]

MAX_DEPTH = 64
"""Deepest nesting of mappings and lists accepted (shipped files nest about 8 deep)."""

MAX_LINES = 100_000
"""Most lines a data file may have (the largest shipped one has about 1 800): ruamel's scanner slows down
more than linearly on long runs of blank lines (a 1 MiB file of them takes over 15 s)."""

MAX_NODES = 50_000
"""Most keys, values and items one document may hold, counting every alias at its full expansion (the largest
shipped file holds about 5 000); parsing takes about 0.1 ms per node, so this bounds time and memory too."""

Position = tuple[int, int]
"""(line, column), both 1-based."""


class _Constructor(RoundTripConstructor):
    """Round-trip constructor that keeps timestamps as the text the author wrote."""


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", RoundTripConstructor.construct_yaml_str)

class _LimitError(MarkedYAMLError):
    """A document beyond what drillsim reads (too deep, too many nodes, a recursive alias)."""


class _BoundedComposer(Composer):
    """ruamel's composer, counting nodes as it builds them: an alias counts as the whole node it repeats.

    The node graph ruamel builds shares aliased nodes, so it stays small; it is the expansion into plain data
    (and everything after) that a billion-laughs document would blow up, so the count refuses it here first.
    """

    def compose_document(self) -> Any:
        self._expanded = 0
        self._sizes: dict[int, int] = {}
        return super().compose_document()

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.parser.peek_event()
        if isinstance(event, AliasEvent):
            target = self.anchors.get(event.anchor)
            if target is not None and target.end_mark is None:  # a collection still being composed
                raise _LimitError(None, None, f"alias *{event.anchor} repeats a node that contains it "
                                  "(a recursive alias); write the values out", event.start_mark)
            node = super().compose_node(parent, index)
            self._count(self._sizes.get(id(node), 1), event.start_mark, "with its aliases expanded, ")
            return node
        if self.depth >= MAX_DEPTH:
            raise _LimitError(None, None, f"nested more than {MAX_DEPTH} levels deep", event.start_mark)
        before = self._expanded
        self._count(1, event.start_mark, "")
        node = super().compose_node(parent, index)
        if event.anchor is not None:
            self._sizes[id(node)] = self._expanded - before
        return node

    def _count(self, nodes: int, mark: Any, how: str) -> None:
        self._expanded += nodes
        if self._expanded > MAX_NODES:
            raise _LimitError(None, None, f"{how}this document holds more than {MAX_NODES:,} keys, values and "
                              "items; drillsim reads no more than that", mark)


_CORE_TAGS = {"tag:yaml.org,2002:str": str, "tag:yaml.org,2002:int": int, "tag:yaml.org,2002:float": float}


@dataclass(frozen=True)
class YamlDocument:
    """A parsed data file: plain data, where each node starts, and the source lines to quote."""

    path: Path
    data: Any
    keys: Mapping[DataPath, Position] = field(default_factory=dict)
    values: Mapping[DataPath, Position] = field(default_factory=dict)
    lines: tuple[str, ...] = ()

    @property
    def positions(self) -> dict[DataPath, Position]:
        """One map for every node: a mapping entry at its key, a list item where it starts."""
        return {**self.values, **self.keys}

    def locate(self, path: DataPath) -> Position:
        """Position of a mapping key (preferred) or value/item; the nearest ancestor's if absent."""
        while True:
            if path in self.keys:
                return self.keys[path]
            if path in self.values:
                return self.values[path]
            if not path:
                return (1, 1) if self.lines else (0, 0)
            path = path[:-1]

    def source_line(self, line: int) -> str:
        """The text of a 1-based line, or '' when out of range."""
        return self.lines[line - 1] if 0 < line <= len(self.lines) else ""

    def issue(self, path: DataPath, message: str, hint: str | None = None) -> Issue:
        """An issue pointing at the node at `path` (or its nearest existing ancestor)."""
        line, col = self.locate(path)
        return Issue(display_file(self.path), line, col, path, message, self.source_line(line), hint)


class _Plain:
    """Converts ruamel nodes to plain data while filling the position maps."""

    def __init__(self, path: Path, lines: tuple[str, ...]) -> None:
        self.path = path
        self.lines = lines
        self.keys: dict[DataPath, Position] = {}
        self.values: dict[DataPath, Position] = {}

    def convert(self, node: Any, path: DataPath) -> Any:
        if isinstance(node, CommentedMap):
            self._check_tag(node, path)
            return self._mapping(node, path)
        if isinstance(node, CommentedSeq):
            self._check_tag(node, path)
            return self._sequence(node, path)
        if isinstance(node, TaggedScalar):
            return self._tagged(node, path)
        if node is None or isinstance(node, (str, int, float)):
            return _scalar(node)
        kind = type(node).__name__
        raise DataFileError([self._issue(path, f"unsupported YAML value ({kind}); data files use plain values")])

    def _mapping(self, node: CommentedMap, path: DataPath) -> dict[Any, Any]:
        self.values.setdefault(path, _pos(node.lc.line, node.lc.col))
        out: dict[Any, Any] = {}
        for key, value in node.items():
            plain_key = self.convert(key, path)
            if isinstance(plain_key, (dict, list)):
                raise DataFileError([self._issue(path, "mapping keys must be plain words or numbers")])
            child = (*path, plain_key)
            if plain_key in out:
                raise DataFileError([self._issue(path, f"duplicate key {plain_key!r} (written two ways)")])
            key_pos = _lc(node, "key", key)
            if key_pos is not None:
                self.keys[child] = key_pos
            value_pos = _lc(node, "value", key)
            if value_pos is not None:
                self.values[child] = value_pos
            out[plain_key] = self.convert(value, child)
        return out

    def _sequence(self, node: CommentedSeq, path: DataPath) -> list[Any]:
        self.values.setdefault(path, _pos(node.lc.line, node.lc.col))
        out: list[Any] = []
        for index, item in enumerate(node):
            child = (*path, index)
            item_pos = _lc(node, "item", index)
            if item_pos is not None:
                self.values[child] = item_pos
            out.append(self.convert(item, child))
        return out

    def _tagged(self, node: TaggedScalar, path: DataPath) -> Any:
        tag = str(node.tag.value if hasattr(node.tag, "value") else node.tag)
        convert = _CORE_TAGS.get(tag)
        if convert is None:
            raise DataFileError([self._issue(path, f"unsupported YAML tag {tag!r}; data files use plain values")])
        try:
            return convert(node.value)
        except ValueError:
            raise DataFileError([self._issue(path, f"{node.value!r} cannot be read as {tag}")]) from None

    def _check_tag(self, node: CommentedMap | CommentedSeq, path: DataPath) -> None:
        tag = getattr(getattr(node, "tag", None), "value", None)
        if tag is not None and not tag.startswith("tag:yaml.org,2002:"):
            raise DataFileError([self._issue(path, f"unsupported YAML tag {tag!r}; data files use plain values")])

    def _issue(self, path: DataPath, message: str) -> Issue:
        doc = YamlDocument(self.path, None, self.keys, self.values, self.lines)
        return doc.issue(path, message)


def _pos(line: int | None, col: int | None) -> Position:
    return ((line or 0) + 1, (col or 0) + 1)


def _lc(node: CommentedMap | CommentedSeq, which: str, key: Any) -> Position | None:
    """ruamel's 0-based (line, col) of a key, value or item, as 1-based; None when unknown (merged keys)."""
    try:
        line, col = getattr(node.lc, which)(key)
    except (KeyError, IndexError, TypeError, AttributeError):
        return None
    return _pos(line, col)


def _scalar(node: str | int | float | None) -> str | int | float | bool | None:
    """ruamel scalar subclasses (ScalarInt, ScalarFloat, ScalarBoolean, *ScalarString) to plain types."""
    if node is None or type(node) in (str, int, float, bool):
        return node
    if isinstance(node, bool) or type(node).__name__ == "ScalarBoolean":
        return bool(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    return str(node)


_OLD_VERSION_RE = re.compile(r"^%YAML\s+1\.[01]\b", re.MULTILINE)
_DUPLICATE_RE = re.compile(r'duplicate key "(?P<key>.*?)"')


def _yaml() -> YAML:
    yaml = YAML(typ="rt", pure=True)
    yaml.Constructor = _Constructor
    yaml.Composer = _BoundedComposer
    yaml.allow_duplicate_keys = False
    return yaml


def _marked_issue(path: Path, lines: tuple[str, ...], err: MarkedYAMLError) -> Issue:
    mark = err.problem_mark or err.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
    if isinstance(err, DuplicateKeyError):
        found = _DUPLICATE_RE.search(str(err.problem))
        key = found.group("key") if found else "?"
        message = f"duplicate key {key!r}: each key may appear only once in a mapping"
    elif isinstance(err, _LimitError):
        message = str(err.problem)
    else:
        problem = str(err.problem or err).strip()
        context = f" ({err.context.strip()})" if err.context else ""
        message = f"YAML syntax error: {problem}{context}"
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    return Issue(display_file(path), line, col, (), message, source)


def parse_yaml(text: str, path: Path) -> YamlDocument:
    """Parse YAML text (named `path` in messages); raises DataFileError on syntax errors and duplicate keys."""
    lines = tuple(text.splitlines())
    if len(lines) > MAX_LINES:
        message = f"more than {MAX_LINES:,} lines; drillsim reads no more than that"
        raise DataFileError([Issue(display_file(path), MAX_LINES + 1, 1, (), message, lines[MAX_LINES])])
    old = _OLD_VERSION_RE.search(text)
    if old is not None:
        line = text.count("\n", 0, old.start()) + 1
        message = "drillsim reads YAML 1.2 only: remove this %YAML directive"
        raise DataFileError([Issue(display_file(path), line, 1, (), message, lines[line - 1])])
    try:
        root = _yaml().load(text)
    except MarkedYAMLError as err:
        raise DataFileError([_marked_issue(path, lines, err)]) from None
    except YAMLError as err:
        raise DataFileError([Issue(display_file(path), 0, 0, (), f"YAML error: {err}")]) from None
    except (TypeError, ValueError, RecursionError) as err:  # ruamel chokes on e.g. mappings used as keys
        raise DataFileError([Issue(display_file(path), 0, 0, (), f"cannot read this YAML ({err})")]) from None
    plain = _Plain(path, lines)
    data = plain.convert(root, ())
    return YamlDocument(path, data, plain.keys, plain.values, lines)


def read_yaml(path: Path) -> YamlDocument:
    """Read and parse a UTF-8 YAML file; every failure (missing, not a regular file, larger than
    MAX_DATA_FILE_BYTES, bad bytes, bad YAML, too deep or too many nodes) is a DataFileError."""
    try:
        data = read_regular_file(path, MAX_DATA_FILE_BYTES)
    except InputFileError as err:
        raise DataFileError([Issue(display_file(path), 0, 0, (), str(err))]) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        col = len(data[data.rfind(b"\n", 0, err.start) + 1:err.start].decode("utf-8", "replace")) + 1
        message = f"not UTF-8 text: {err.reason} (byte 0x{data[err.start]:02x})"
        raise DataFileError([Issue(display_file(path), line, col, (), message)]) from None
    return parse_yaml(text.removeprefix("\ufeff"), Path(path))
