"""YAML loading with positions, duplicate keys and input limits.

PyYAML's full ``yaml.load`` spends most of its time in the pure-Python constructor.
We let libyaml's C composer build the node tree (which carries every line and column
for free), then turn it into plain data with a small direct constructor that also
records duplicate keys and YAML 1.1/1.2 ambiguities. The node tree is kept only while
the file is checked, so positions cost nothing until a finding asks for one.
"""

from __future__ import annotations

import operator
import re
from array import array
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from catalogc.load.encoding import guess_encoding
from catalogc.model.limits import Limits  # defined apart so settings need no YAML; importable from here

_LIMITS = Limits()

try:  # pragma: no cover - exercised implicitly where libyaml exists
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
TIMESTAMP = "tag:yaml.org,2002:timestamp"
MERGE = "tag:yaml.org,2002:merge"
SEQ = "tag:yaml.org,2002:seq"
MAP = "tag:yaml.org,2002:map"


@dataclass(frozen=True, slots=True)
class LoadFinding:
    """A loader finding, located directly (1-based)."""

    code: str
    line: int
    column: int
    variant: str = "default"
    args: tuple[tuple[str, Any], ...] = ()
    path: tuple[str | int, ...] = ()  # where in the data, when known: the check gives the finding its item and element


@dataclass(slots=True)
class Loaded:
    data: Any = None
    root: Node | None = None
    findings: list[LoadFinding] = field(default_factory=list)
    source: bytes = b""  # the file's bytes, for the suppression comments

    @property
    def fatal(self) -> bool:
        return self.root is None


class Digits(int):
    """An all-digit plain scalar: an int to YAML, its source text to code fields."""

    text: str

    def __new__(cls, value: int, text: str) -> Digits:
        obj = super().__new__(cls, value)
        obj.text = text
        return obj


class _LimitExceeded(Exception):
    def __init__(self, node: Node, variant: str) -> None:
        super().__init__(variant)
        self.node = node
        self.variant = variant


_safe = yaml.SafeLoader("")  # used only for rare tags (timestamps, odd ints/floats)

# YAML 1.2 core schema, to find plain scalars PyYAML (YAML 1.1) reads differently.
_CORE_NULL = frozenset(("", "~", "null", "Null", "NULL"))
_CORE_BOOL = frozenset(("true", "True", "TRUE", "false", "False", "FALSE"))
_CORE_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_CORE_FLOAT = re.compile(
    r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)
_OCTAL_11 = re.compile(r"[-+]?0[0-9_]+")
_CORE_START = frozenset("0123456789+-.")  # a 1.1 string can only become a 1.2 number


def _core_tag(value: str) -> str:
    if value in _CORE_NULL:
        return NULL
    if value in _CORE_BOOL:
        return BOOL
    if _CORE_INT.fullmatch(value):
        return INT
    if _CORE_FLOAT.fullmatch(value):
        return FLOAT
    return STR


def is_ambiguous(value: str, tag11: str) -> bool:
    """True when YAML 1.1 (PyYAML) and YAML 1.2 (editors) read this plain scalar differently."""
    if tag11 == STR:
        return bool(value) and value[0] in _CORE_START and _core_tag(value) != STR
    if tag11 in (SEQ, MAP):
        return False
    if tag11 == TIMESTAMP:
        return False  # dates read as text in 1.2 still parse to the same date
    core = _core_tag(value)
    if tag11 == INT:
        return core != INT or bool(_OCTAL_11.fullmatch(value)) and value.lstrip("+-").strip("0") != ""
    return core != tag11


class _FastLoader(_Loader):  # type: ignore[misc, valid-type]
    """libyaml's composer with a cheaper resolver: most values are Chinese text, resolved at a glance.

    It also notes plain scalars that YAML 1.2 would read differently (C006), while the
    value and its plainness are at hand.
    """

    def __init__(self, stream: bytes) -> None:
        super().__init__(stream)
        self.ambiguous: set[str] = set()

    # The composer calls these two around every node and path resolvers are unused: as Python
    # no-ops they cost a frame each, as C callables that ignore their arguments almost nothing.
    descend_resolver = staticmethod(operator.is_)
    ascend_resolver = staticmethod(tuple)

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            if not implicit[0] or value and value[0] not in _SPECIAL:
                return STR
            hit = _RESOLVED.get(value)
            if hit is None:
                tag = yaml.resolver.Resolver.resolve(self, kind, value, implicit)
                hit = (tag, is_ambiguous(value, tag))
                if len(value) < 64 and len(_RESOLVED) < 100_000:
                    _RESOLVED[value] = hit
            if hit[1]:
                self.ambiguous.add(value)
            return hit[0]
        return SEQ if kind is SequenceNode else MAP


_SPECIAL = frozenset(yaml.resolver.Resolver.yaml_implicit_resolvers)  # first characters of non-strings
_RESOLVED: dict[str, tuple[str, bool]] = {}  # plain scalar → (YAML 1.1 tag, read differently by 1.2)


def _scalar(node: ScalarNode) -> Any:
    """Non-string scalars (rare in catalogs): PyYAML's own constructors, all-digit ints kept with text."""
    tag = node.tag
    value = node.value
    if tag == STR:
        return value
    if tag == INT:
        if value.isdigit():
            return Digits(int(value, 8) if len(value) > 1 and value[0] == "0" else int(value), value)
        return _safe.construct_yaml_int(node)
    if tag == NULL:
        return None
    if tag == BOOL:
        return _safe.construct_yaml_bool(node)
    if tag == FLOAT:
        return _safe.construct_yaml_float(node)
    if tag == TIMESTAMP:
        try:
            return _safe.construct_yaml_timestamp(node)
        except ValueError:  # 2024-02-30: keep the text, the schema reports the bad date where it is
            return value
    return value  # unknown or custom tags: keep the text, the schema judges it


class _Constructor:
    """Node tree → plain Python data. Duplicate keys are found by counting, not by lookups; nesting
    is measured on the way down (the root collection is level 1, as ``_measure_depth`` counts)."""

    __slots__ = ("findings", "budget", "counting", "max_depth")

    def __init__(self, budget: int, counting: bool, max_depth: int) -> None:
        self.findings: list[LoadFinding] = []
        self.budget = budget
        self.counting = counting  # only documents with anchors and aliases can explode
        self.max_depth = max_depth

    def build(self, node: Node, depth: int = 1) -> Any:
        if self.counting:
            self.budget -= 1
            if self.budget < 0:
                raise _LimitExceeded(node, "aliases")
        cls = node.__class__
        if cls is ScalarNode:
            return node.value if node.tag == STR else _scalar(node)  # type: ignore[arg-type]
        if depth > self.max_depth:
            raise _LimitExceeded(node, "depth")
        build = self.build
        counting = self.counting
        inner = depth + 1
        if cls is SequenceNode:
            if counting:
                return [build(child, inner) for child in node.value]
            # text inline: most nodes are text, and a call per node would be most of the cost
            return [child.value if child.tag == STR and child.__class__ is ScalarNode else build(child, inner)
                    for child in node.value]
        pairs = node.value
        out: dict[Any, Any] = {}
        for key_node, value_node in pairs:
            if key_node.__class__ is not ScalarNode or key_node.tag != STR:
                return self.mapping(pairs, inner)
            out[key_node.value] = (value_node.value if value_node.tag == STR and not counting
                                   and value_node.__class__ is ScalarNode else build(value_node, inner))
        if len(out) != len(pairs):
            self.duplicates(pairs)
        return out

    def duplicates(self, pairs: list[tuple[Node, Node]]) -> None:
        seen: set[Any] = set()
        for key_node, _ in pairs:
            if key_node.value in seen:
                mark = key_node.start_mark
                self.findings.append(LoadFinding("C002", mark.line + 1, mark.column + 1, args=(("key", key_node.value),)))
            seen.add(key_node.value)

    def mapping(self, pairs: list[tuple[Node, Node]], inner: int) -> dict[Any, Any]:
        """The general case: merge keys (<<) and keys that are not plain text."""
        out: dict[Any, Any] = {}
        merges: list[Any] = []
        for key_node, value_node in pairs:
            if key_node.tag == MERGE:
                merged = self.build(value_node, inner)
                merges.extend(merged if isinstance(merged, list) else [merged])
                continue
            key = self.build(key_node, inner)
            try:
                seen = key in out
            except TypeError:
                mark = key_node.start_mark
                self.findings.append(LoadFinding("C001", mark.line + 1, mark.column + 1, "unhashable-key"))
                continue
            if seen:
                mark = key_node.start_mark
                self.findings.append(LoadFinding("C002", mark.line + 1, mark.column + 1, args=(("key", key),)))
            out[key] = self.build(value_node, inner)
        for extra in merges:
            if isinstance(extra, dict):
                for k, v in extra.items():
                    out.setdefault(k, v)
        return out


def _ambiguous_findings(root: Node, values: set[str]) -> list[LoadFinding]:
    """Locate the plain scalars the resolver flagged (rare, so a walk is fine), with their paths."""
    found: list[LoadFinding] = []
    stack: list[tuple[Node, tuple[str | int, ...]]] = [(root, ())]
    seen: set[int] = set()
    while stack:
        node, path = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, ScalarNode):
            if not node.style and node.value in values:
                mark = node.start_mark
                found.append(LoadFinding("C006", mark.line + 1, mark.column + 1, args=(("value", node.value),),
                                         path=path))
        elif isinstance(node, SequenceNode):
            stack.extend((child, (*path, n)) for n, child in enumerate(node.value))
        elif isinstance(node, MappingNode):
            for key, value in node.value:
                name = key.value if isinstance(key, ScalarNode) else "?"
                stack.extend(((key, (*path, name)), (value, (*path, name))))
    found.sort(key=lambda f: (f.line, f.column))
    return found


# libyaml's composer recurses in C and overflows the stack somewhere past 20,000 levels. libyaml
# 0.2.6 and later (PyYAML ≥ 6.0.2's wheels) refuse more than 1,000 levels themselves; only an older
# one needs the bound below checked before composing.
SAFE_DEPTH = 5000
_nest_level = getattr(yaml._yaml, "_get_max_nest_level", None) if _Loader is not yaml.SafeLoader else None


def _composer_is_bounded() -> bool:
    return _nest_level is not None and _nest_level() <= SAFE_DEPTH
_OPENERS = bytes.maketrans(b"[{]}", b"\x01\x01\xff\xff")
_FLOW_ONLY = bytes(range(256)).translate(None, b"[]{}")


def _depth_bound(data: bytes) -> int:
    """A cheap upper bound on nesting: flow depth from the brackets, block depth from the longest line."""
    brackets = data.translate(None, _FLOW_ONLY)
    flow = max(accumulate(array("b", brackets.translate(_OPENERS))), default=0) if brackets else 0
    longest = max(map(len, data.splitlines()), default=0)
    return flow + longest


def _measure_depth(data: bytes, limit: int) -> tuple[int, int] | None:
    """Exact nesting check over parser events (iterative, so safe at any depth)."""
    depth = 0
    try:
        for event in yaml.parse(data, Loader=_Loader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > limit:
                    mark = event.start_mark
                    return (mark.line + 1, mark.column + 1) if mark else (1, 1)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        if not _too_deep(exc):
            return None  # a syntax error: the composer reports it as C001
        mark = exc.problem_mark or exc.context_mark
        return (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return None


def _too_deep(exc: yaml.MarkedYAMLError) -> bool:
    """libyaml ≥ 0.2.6 (bundled with PyYAML 6.0.4) refuses deep nesting itself: that is C005, not C001."""
    return "nesting depth" in f"{exc.problem} {exc.context}"


def _position_of(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", "replace")) + 1
    return data.count(b"\n", 0, offset) + 1, column


def load_file(path: Path, limits: Limits = _LIMITS) -> Loaded:
    """Read and parse one catalog file; an unreadable file is a C001 finding, never an exception."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return Loaded(findings=[LoadFinding("C001", 1, 1, args=(("problem", exc.strerror or str(exc)),))])
    loaded = load(data, limits)
    loaded.source = data
    return loaded


def load(data: bytes, limits: Limits = _LIMITS) -> Loaded:
    """Parse one catalog file's bytes; never raises on bad input."""
    result = Loaded()
    if len(data) > limits.max_bytes:
        result.findings.append(LoadFinding("C005", 1, 1, "size", (("size", len(data)), ("limit", limits.max_bytes))))
        return result
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or data[:4] in (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"):
        result.findings.append(LoadFinding("C003", 1, 1, args=(("encoding", "UTF-16/UTF-32"),)))
        return result
    if b"\x00" in data[:8192]:
        result.findings.append(LoadFinding("C003", 1, 1, args=(("encoding", guess_encoding(data)),)))
        return result
    try:
        if not _composer_is_bounded() and _depth_bound(data) > SAFE_DEPTH:
            where = _measure_depth(data, limits.max_depth)
            if where:
                result.findings.append(LoadFinding("C005", *where, "depth", (("limit", limits.max_depth),)))
                return result
        loader = _FastLoader(data)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.reader.ReaderError as exc:
        line, column = _position_of(data, exc.position)
        if "UTF-8" in str(exc.reason).upper():
            try:
                data.decode("utf-8")
            except UnicodeDecodeError as bad:
                line, column = _position_of(data, bad.start)
            result.findings.append(LoadFinding("C003", line, column, args=(("encoding", guess_encoding(data)),)))
            return result
        result.findings.append(LoadFinding("C001", line, column, "control", (("problem", exc.reason),)))
        return result
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if _too_deep(exc):  # libyaml's own limit: the first level past ours is where to point
            line, column = _measure_depth(data, limits.max_depth) or (line, column)
            result.findings.append(LoadFinding("C005", line, column, "depth", (("limit", limits.max_depth),)))
            return result
        problem = exc.problem or exc.context or "syntax error"
        # 民发[2021]57号 inside [..] ends the flow list early: the usual cause, worth its own hint
        variant = "flow" if "expected ',' or ']'" in problem or "expected ',' or '}'" in problem else "default"
        result.findings.append(LoadFinding("C001", line, column, variant, (("problem", problem),)))
        return result
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml reports everything marked
        result.findings.append(LoadFinding("C001", 1, 1, args=(("problem", str(exc)),)))
        return result
    if root is None:
        result.findings.append(LoadFinding("C004", 1, 1, "empty"))
        return result
    constructor = _Constructor(int(len(data) * limits.expansion) + 1000, b"*" in data and b"&" in data,
                               limits.max_depth)
    try:
        result.data = constructor.build(root)
    except _LimitExceeded as exc:
        mark = exc.node.start_mark
        args = (("limit", limits.max_depth),) if exc.variant == "depth" else ()
        result.findings.append(LoadFinding("C005", mark.line + 1, mark.column + 1, exc.variant, args))
        return result
    except RecursionError:  # deeper than the constructor goes: find where, exactly
        where = _measure_depth(data, limits.max_depth) or (1, 1)
        result.findings.append(LoadFinding("C005", *where, "depth", (("limit", limits.max_depth),)))
        return result
    except (yaml.YAMLError, ValueError, OverflowError) as exc:
        result.findings.append(LoadFinding("C001", 1, 1, args=(("problem", str(exc).splitlines()[0]),)))
        return result
    result.root = root
    result.findings.extend(constructor.findings)
    if loader.ambiguous:
        result.findings.extend(_ambiguous_findings(root, loader.ambiguous))
    return result
