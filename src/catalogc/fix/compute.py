"""Which fix a finding has: recomputed from the scalar at the finding's position and the shipped data.

A diagnostic says where (the start of a YAML scalar) and which rule; the scalar's source span,
style and list give the edit, and the same reference data the rule used (vocabularies, law
registry) gives the replacement. Nothing else of the file is touched, so comments, key order,
quoting and formatting survive.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from catalogc import refdata
from catalogc.diagnostics import Diagnostic, Edit, Fix
from catalogc.fix.edit import Lines
from catalogc.fix.edit import replace as edit_between
from catalogc.model.catalog import Catalog, Item
from catalogc.model.validate import guess_key
from catalogc.parse import codes
from catalogc.parse.timelimit import parsed
from catalogc.refdata.legal import proposed_title, resolve_text
from catalogc.rules.subjects import level_problem

try:  # pragma: no cover - libyaml is there wherever PyYAML has wheels
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

STR = "tag:yaml.org,2002:str"
ITEM_KEYS = frozenset(Item.model_fields)
CATALOG_KEYS = frozenset(Catalog.model_fields)
_RESOLVER = yaml.resolver.Resolver()
_NUMBER_START = frozenset("0123456789+-.")  # YAML 1.2 may read such plain text as a number


@dataclass(frozen=True, slots=True)
class Scalar:
    """A scalar node with what a fix needs around it: the list it is in and the key it belongs to."""

    node: ScalarNode
    seq: SequenceNode | None
    key: str | None
    key_node: Node | None
    owner: MappingNode | None  # the mapping holding ``key`` (an item, for element values)
    is_key: bool = False  # the scalar is a key of ``owner``, not a value


class Source:
    """One file's text, its YAML nodes by start position, and the list style it uses."""

    def __init__(self, text: str, settings: Any = None) -> None:
        self.text = text
        self.settings = settings  # catalogc.load.config.Settings when known (the workspace's regions)
        self.lines = Lines(text)
        self.scalars: dict[tuple[int, int], Scalar] = {}
        self.flow = True
        try:
            self.root = yaml.compose(text, Loader=_Loader)
        except (yaml.YAMLError, RecursionError):  # a text the checker refused (C001, C005): nothing to fix
            self.root = None
        if self.root is not None:
            self._index(self.root)

    def head(self, key: str) -> str:
        """A top-level scalar's text (``region``, ``domain``), or ""."""
        return _text(self.root, key)

    def _index(self, root: Node) -> None:
        stack: list[tuple[Node, SequenceNode | None, str | None, Node | None, MappingNode | None]] = [
            (root, None, None, None, None)]
        seen: set[int] = set()
        styles = [0, 0]  # block, flow lists of scalars
        while stack:
            node, seq, key, key_node, owner = stack.pop()
            if id(node) in seen:
                continue
            seen.add(id(node))
            if isinstance(node, ScalarNode):
                mark = node.start_mark
                self.scalars[(mark.line + 1, mark.column + 1)] = Scalar(node, seq, key, key_node, owner)
            elif isinstance(node, SequenceNode):
                if node.value and all(isinstance(c, ScalarNode) for c in node.value):
                    styles[bool(node.flow_style)] += 1
                stack.extend((child, node, key, key_node, owner) for child in node.value)
            elif isinstance(node, MappingNode):
                for k, v in node.value:
                    if isinstance(k, ScalarNode):
                        mark = k.start_mark
                        self.scalars[(mark.line + 1, mark.column + 1)] = Scalar(k, None, None, None, node, True)
                    stack.append((v, None, k.value if isinstance(k, ScalarNode) else None, k, node))
        self.flow = styles[1] >= styles[0]

    def offset(self, mark: Any) -> int:
        return self.lines.starts[mark.line] + mark.column

    def span(self, node: Node) -> tuple[int, int]:
        return self.offset(node.start_mark), self.offset(node.end_mark)

    def edit(self, start: int, end: int, text: str) -> Edit:
        return edit_between(self.lines, start, end, text)


def _text(mapping: Node | None, key: str) -> str:
    return next((v.value for k, v in _pairs(mapping) if k.value == key and isinstance(v, ScalarNode)), "")


def _values(mapping: Node | None, key: str) -> list[str]:
    """A mapping's text or list of texts under ``key``."""
    for k, v in _pairs(mapping):
        if k.value == key:
            nodes = v.value if isinstance(v, SequenceNode) else [v]
            return [n.value for n in nodes if isinstance(n, ScalarNode)]
    return []


def _pairs(mapping: Node | None) -> list[tuple[Node, Node]]:
    return mapping.value if isinstance(mapping, MappingNode) else []


def _plain_ok(value: str, flow: bool) -> bool:
    """Whether ``value`` written bare reads back as this very text, in YAML 1.1 and 1.2 alike."""
    if not value or value != value.strip() or value[0] in _NUMBER_START:
        return False
    if _RESOLVER.resolve(ScalarNode, value, (True, False)) != STR:
        return False
    try:
        loaded = yaml.load(f"- [{value}]" if flow else f"- {value}", Loader=_Loader)
    except yaml.YAMLError:
        return False
    return loaded == ([[value]] if flow else [value])


def render(value: str, style: str | None, flow: bool) -> str:
    """``value`` as YAML source in the style the replaced scalar had (plain, '…' or "…")."""
    if style == "'":
        return "'" + value.replace("'", "''") + "'"
    if style == '"' or not _plain_ok(value, flow):
        return json.dumps(value, ensure_ascii=False)
    return value


def _in_flow(src: Source, s: Scalar) -> bool:
    return bool(s.seq is not None and s.seq.flow_style)


def _rewrite(src: Source, s: Scalar, value: str) -> tuple[Edit, ...] | None:
    """Replace the scalar by ``value`` in its own style; block scalars (| >) are left to people."""
    style = s.node.style
    if style in ("|", ">"):
        return None
    start, end = src.span(s.node)
    return (src.edit(start, end, render(value, style, _in_flow(src, s))),)


# Titles of fixes: (Chinese, English) templates.
_TITLES = {
    "write": ("改为“{value}”", "Write '{value}'"),
    "split": ("拆开写：{value}", "Write as separate values: {value}"),
    "drop": ("删去（已有 {value}）", "Remove it ({value} is already listed)"),
    "quote": ("加引号：{value}", "Quote it: {value}"),
    "cite": ("改引 {value}（核对条款）", "Cite {value} instead (check the article)"),
    "check-char": ("校验码改为“{value}”", "Make the check character '{value}'"),
}


def _title(kind: str, lang: str, value: str) -> str:
    zh, en = _TITLES[kind]
    return (en if lang == "en" else zh).format(value=value)


# ---- vocabulary fields (C102–C105) -------------------------------------------------------------

_VOCABULARIES: dict[str, Callable[[], refdata.Vocabulary]] = {
    "C102": refdata.methods, "C103": refdata.audiences, "C104": refdata.levels, "C105": refdata.channels,
}


def _vocabulary(src: Source, s: Scalar, d: Diagnostic, lang: str) -> Fix | None:
    vocabulary = _VOCABULARIES[d.code]()
    value = s.node.value
    resolved, kind = vocabulary.judge(value)
    if kind == "split":
        return _split(src, s, vocabulary, resolved, lang)
    if kind not in ("alias", "typo", "other") or not resolved:
        return None
    siblings = s.seq.value if s.seq is not None else [s.node]
    if resolved[0] in _already(vocabulary, siblings, s.node):  # [县级, 区级] → [县级], not [县级, 县级]
        fix = _drop(src, s, siblings, lang, resolved[0])
        return Fix(fix.title, fix.edits, kind == "alias") if fix else None
    edits = _rewrite(src, s, resolved[0])
    # an alias means the canonical value; a near miss or the 其他 box is a guess a person confirms
    return Fix(_title("write", lang, resolved[0]), edits, kind == "alias") if edits else None


def _already(vocabulary: refdata.Vocabulary, siblings: list[Node], node: Node) -> set[str]:
    """Values the list already holds or will hold after the safe fixes: what any entry before this
    one means, and the canonical values after it (a later alias or combined header gives way to this one)."""
    index = next(i for i, sibling in enumerate(siblings) if sibling is node)
    present: set[str] = set()
    for i, sibling in enumerate(siblings):
        if i == index or not isinstance(sibling, ScalarNode):
            continue
        resolved, kind = vocabulary.judge(sibling.value)
        if kind == "canonical" or i < index and kind in ("alias", "split"):
            present.update(resolved)
    return present


def _split(src: Source, s: Scalar, vocabulary: refdata.Vocabulary, resolved: tuple[str, ...],
           lang: str) -> Fix | None:
    """乡、村级 → 乡级, 村级 in the list style at hand: the flow list's separator, the block list's dash."""
    node, style = s.node, s.node.style
    if style in ("|", ">"):
        return None
    siblings = s.seq.value if s.seq is not None else [node]
    parts = [p for p in resolved if p not in _already(vocabulary, siblings, node)]
    start, end = src.span(node)
    shown = "、".join(resolved)
    if not parts:
        return _drop(src, s, siblings, lang, shown)
    fix = _split_edit(src, s, siblings, parts, lang, shown)
    if fix is None or _subjects_agree(src, s, vocabulary, siblings, resolved):
        return fix
    title = fix.title + ("（核对公开主体）" if lang != "en" else " (check the subjects)")
    return Fix(title, fix.edits, False)


def _subjects_agree(src: Source, s: Scalar, vocabulary: refdata.Vocabulary, siblings: list[Node],
                    resolved: tuple[str, ...]) -> bool:
    """Whether the split levels keep C112 as it is: a combined header names no township body, its parts do."""
    def claimed(split: bool) -> set[str | None]:
        out: set[str | None] = set()
        for sibling in siblings:
            if sibling is s.node:
                out.update(resolved if split else ())
            elif isinstance(sibling, ScalarNode) and vocabulary.judge(sibling.value)[1] != "split":
                out.add(vocabulary.resolve(sibling.value)[0])
        return out

    regions = getattr(src.settings, "regions", None) or {}
    towns = tuple(name for code, name in regions.items() if len(code) == 9)
    domain = refdata.domains().get(src.head("domain"))
    args = (_values(s.owner, "subject"), len(src.head("region")) == 9, towns, domain.township_bodies if domain else ())
    return level_problem(claimed(True), *args) in (None, level_problem(claimed(False), *args))


def _split_edit(src: Source, s: Scalar, siblings: list[Node], parts: list[str], lang: str, shown: str) -> Fix | None:
    node, style = s.node, s.node.style
    start, end = src.span(node)
    if s.seq is None:  # a single text value becomes a list
        if src.flow:
            text = "[" + ", ".join(render(p, style, True) for p in parts) + "]"
            return Fix(_title("split", lang, shown), (src.edit(start, end, text),), True)
        key_node = s.key_node
        if key_node is None:
            return None
        key_end = src.offset(key_node.end_mark)
        if not re.fullmatch(r":[ \t]*", src.text[key_end:start]):
            return None
        indent = " " * (key_node.start_mark.column + 2)
        newline = src.lines.newline()
        text = ":" + "".join(f"{newline}{indent}- {render(p, style, False)}" for p in parts)
        return Fix(_title("split", lang, shown), (src.edit(key_end, end, text),), True)
    if s.seq.flow_style:
        separator = _separator(src, siblings)
        text = separator.join(render(p, style, True) for p in parts)
        return Fix(_title("split", lang, shown), (src.edit(start, end, text),), True)
    prefix = src.text[src.lines.starts[node.start_mark.line]:start]
    if not re.fullmatch(r"[ \t]*-[ \t]+", prefix):
        return None
    newline = src.lines.newline()
    text = render(parts[0], style, False) + "".join(newline + prefix + render(p, style, False) for p in parts[1:])
    return Fix(_title("split", lang, shown), (src.edit(start, end, text),), True)


def _separator(src: Source, siblings: list[Node]) -> str:
    """The text between two entries of a flow list when it is a plain comma with spaces, else ", "."""
    if len(siblings) > 1:
        between = src.text[src.offset(siblings[0].end_mark):src.offset(siblings[1].start_mark)]
        if re.fullmatch(r"[ \t]*,[ \t]*", between):
            return between
    return ", "


def _drop(src: Source, s: Scalar, siblings: list[Node], lang: str, shown: str) -> Fix | None:
    """Remove a combined header whose parts the list already holds."""
    node = s.node
    index = next(i for i, sibling in enumerate(siblings) if sibling is node)
    if s.seq is None or len(siblings) < 2:
        return None
    start, end = src.span(node)
    if s.seq.flow_style:
        if index > 0:
            start = src.offset(siblings[index - 1].end_mark)
        else:
            end = src.offset(siblings[1].start_mark)
        return Fix(_title("drop", lang, shown), (src.edit(start, end, ""),), True)
    line = node.start_mark.line
    if node.end_mark.line != line:
        return None
    line_start, line_end = src.lines.starts[line], src.lines.ends[line]
    if not re.fullmatch(r"[ \t]*-[ \t]+", src.text[line_start:start]) or src.text[end:line_end].strip():
        return None  # a comment or more on the line: a person decides
    after = src.lines.starts[line + 1] if line + 1 < len(src.lines.starts) else line_end
    return Fix(_title("drop", lang, shown), (src.edit(line_start, after, ""),), True)


# ---- schema (C004) ----------------------------------------------------------------------------

def _schema(src: Source, s: Scalar, d: Diagnostic, lang: str) -> Fix | None:
    """``format: "1"`` → ``format: 1`` (safe); a misspelt key → the key it probably means (unsafe)."""
    node = s.node
    if s.is_key:
        in_item = s.owner is not src.root
        known = ITEM_KEYS if in_item else CATALOG_KEYS
        guess = guess_key(node.value, in_item) if node.value not in known else None
        if guess is None or any(k.value == guess for k, _ in _pairs(s.owner)) or node.style in ("|", ">"):
            return None  # a second key of that name would be a C002
        start, end = src.span(node)
        return Fix(_title("write", lang, guess), (src.edit(start, end, guess),), False)
    if s.key == "format" and s.owner is src.root and node.style in ("'", '"') and node.value.strip() == "1":
        start, end = src.span(node)
        return Fix(_title("write", lang, "1"), (src.edit(start, end, "1"),), True)
    return None


# ---- YAML 1.1/1.2 ambiguity (C006) -----------------------------------------------------------

def _quote(src: Source, s: Scalar, d: Diagnostic, lang: str) -> Fix | None:
    """Quote the text as written: every catalog field but ``format`` is text (codes keep their digits)."""
    if s.node.style or s.key == "format":
        return None
    start, end = src.span(s.node)
    text = json.dumps(s.node.value, ensure_ascii=False)
    return Fix(_title("quote", lang, text), (src.edit(start, end, text),), True)


# ---- time limits (C107) ------------------------------------------------------------------------

STATUTORY_FORM = "信息形成或者变更之日起20个工作日内"  # the form the C107 hint proposes for update cycles


def _statutory(src: Source, s: Scalar, d: Diagnostic, lang: str) -> Fix | None:
    """An update cycle (每季度更新一次) read as the 20 working days of 条例第二十六条; a person keeps any summary."""
    limit = parsed(s.node.value)
    if limit is None or not any(p.kind == "refresh" for p in limit.parts):
        return None
    edits = _rewrite(src, s, STATUTORY_FORM)
    return Fix(_title("write", lang, STATUTORY_FORM), edits, False) if edits else None


# ---- legal basis (C109–C111) -------------------------------------------------------------------

def _basis_format(src: Source, s: Scalar, d: Diagnostic, lang: str) -> Fix | None:
    proposal = proposed_title(s.node.value)
    if not proposal or proposal == s.node.value:
        return None
    edits = _rewrite(src, s, proposal)
    return Fix(_title("write", lang, proposal), edits, False) if edits else None


def _basis_near(src: Source, s: Scalar, d: Diagnostic, lang: str) -> Fix | None:
    value = s.node.value
    for unknown, law in resolve_text(value).suggestions:
        value = value.replace(unknown, f"《{law.title}》")
    if value == s.node.value:
        return None
    edits = _rewrite(src, s, value)
    return Fix(_title("write", lang, value), edits, False) if edits else None


def _basis_successor(src: Source, s: Scalar, d: Diagnostic, lang: str) -> Fix | None:
    """The successor the law registry names, title and number; the article is for a person to check."""
    registry = refdata.laws()
    value = s.node.value
    cited = []
    for law in resolve_text(value).laws:
        successor = registry.by_id.get(law.replaced_by) if law.status != "有效" and law.replaced_by else None
        written = next((t for t in (law.title, *law.aliases) if f"《{t}》" in value), None)
        if successor is None or written is None:
            continue
        value = value.replace(f"《{written}》", f"《{successor.title}》")
        if law.number and law.number in value:
            if successor.number:
                value = value.replace(law.number, successor.number)
            else:
                for written in (f"（{law.number}）", f"({law.number})", law.number):
                    value = value.replace(written, "")
        cited.append(f"《{successor.title}》")
    if value == s.node.value:
        return None
    edits = _rewrite(src, s, value)
    return Fix(_title("cite", lang, "、".join(cited)), edits, False) if edits else None


# ---- credit code (C207) ------------------------------------------------------------------------

def _check_char(src: Source, s: Scalar, d: Diagnostic, lang: str) -> Fix | None:
    value = s.node.value
    if codes.check_credit_code(value) != "check-char":
        return None
    expected = codes.credit_check_char(value[:17])
    edits = _rewrite(src, s, value[:17] + expected)
    return Fix(_title("check-char", lang, expected), edits, False) if edits else None


Fixer = Callable[[Source, Scalar, Diagnostic, str], "Fix | None"]

FIXERS: dict[str, Fixer] = {
    "C004": _schema, "C006": _quote,
    "C102": _vocabulary, "C103": _vocabulary, "C104": _vocabulary, "C105": _vocabulary, "C107": _statutory,
    "C109": _basis_format, "C110": _basis_near, "C111": _basis_successor,
    "C207": _check_char,
}

# What each code's fixes do, for the rule table and docs/fix.md: (safe, unsafe), Chinese and English.
AVAILABLE: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "C004": (("format: \"1\" 改为 format: 1", "format: \"1\" → format: 1"),
             ("拼错的键改为所指的键", "a misspelt key → the key it probably means")),
    "C006": (("加引号", "quote the value as written"), ("", "")),
    "C102": (("别名改为规范写法", "alias → canonical value"), ("", "")),
    "C103": (("别名改为规范写法", "alias → canonical value"), ("", "")),
    "C104": (("别名改为规范写法；合并表头拆开（公开主体已有乡镇时）",
              "alias → canonical value; combined header split (where the subjects name a township)"),
             ("合并表头拆开（须补乡镇主体）", "combined header split where C112 would then ask for a township subject")),
    "C105": (("别名改为规范写法", "alias → canonical value"),
             ("近似的渠道改为所指选项；其余写成“其他：…”", "near miss → the option meant; other channels → 其他：…")),
    "C107": (("", ""), ("按周期更新的时限改为“信息形成或者变更之日起20个工作日内”",
                        "an update cycle → 信息形成或者变更之日起20个工作日内")),
    "C109": (("", ""), ("补上书名号，或写成登记表中的名称", "the 《》 form, or the registered title")),
    "C110": (("", ""), ("近似的名称改为登记表中的名称", "a near-miss title → the registered one")),
    "C111": (("", ""), ("改引取代它的文件（名称和文号）", "the successor the law registry names (title and number)")),
    "C207": (("", ""), ("改正校验码", "the computed check character")),
}


def attach(text: str, diagnostics: Iterable[Diagnostic], lang: str = "zh", settings: Any = None) -> list[Diagnostic]:
    """The diagnostics of one file, each with its fix where it has one (``Diagnostic.fix``).

    ``text`` is the file's text as checked (or the editor's buffer); a diagnostic whose position
    no longer holds the scalar it was about gets no fix. ``settings`` (the workspace's) lets a fix
    see the workspace's township names; without them a fix errs on the side of review.
    """
    diagnostics = list(diagnostics)
    if not any(d.code in FIXERS for d in diagnostics):
        return diagnostics
    src = Source(text, settings)
    out = []
    for d in diagnostics:
        fixer = FIXERS.get(d.code)
        scalar = src.scalars.get((d.line, d.column)) if fixer else None
        fix = fixer(src, scalar, d, lang) if fixer and scalar and isinstance(scalar.node.value, str) else None
        out.append(replace(d, fix=fix) if fix else d)
    return out
