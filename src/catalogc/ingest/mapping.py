"""Rows of a recognised table as catalog items, grouped into one catalog per department and domain.

Every value that was not written as such in the table (同上, a blank 一级事项 under a filled
one, the department taken from 公开主体, a domain from the title) carries a note that
becomes a ``# 推断：…`` comment; every cell that cannot be mapped becomes a Problem with its
address. Nothing is dropped without one or the other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from catalogc import refdata
from catalogc.ingest import Problem, UnusableInput
from catalogc.ingest import cells as parse
from catalogc.ingest.layout import Column, Layout
from catalogc.ingest.tables import Grid
from catalogc.model.catalog import NINE_ELEMENTS
from catalogc.parse.normalize import fold
from catalogc.parse.numerals import cn_to_int

LIST_ELEMENTS = ("subject", "method", "channels", "audience", "level")
_UNIT = re.compile(r"(?:填报|编制|公开|责任|牵头)?(?:单位|部门)[:：]\s*([^\s，,；;]+)")
_VOCABULARIES = {"audience": refdata.audiences, "method": refdata.methods, "level": refdata.levels}


@dataclass(frozen=True, slots=True)
class Options:
    region: str
    domain: str | None = None
    department: str | None = None
    prefix: str | None = None


@dataclass(slots=True)
class Draft:
    """One item as read: values in output order, and the inference note of each value."""

    where: str  # 目录.xlsx!社会救助!第3行
    number: str
    values: dict[str, Any] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    department: str | None = None
    department_note: str | None = None


@dataclass(slots=True)
class CatalogDraft:
    region: str
    department: str
    domain: str
    prefix: str
    department_note: str | None = None
    domain_note: str | None = None
    sources: list[str] = field(default_factory=list)
    remarks: list[str] = field(default_factory=list)  # title and note rows of the source tables, as comments
    items: list[Draft] = field(default_factory=list)


@dataclass(slots=True)
class TableResult:
    grid: Grid
    domain: str | None
    domain_note: str | None
    drafts: list[Draft]
    remarks: list[str]
    problems: list[Problem]


def _row_text(row: list[str]) -> str:
    """A row's distinct texts (a merged cell once)."""
    return " ".join(dict.fromkeys(t for t in row if t))


def _domain_candidates(grid: Grid, layout: Layout) -> list[tuple[str, str]]:
    titles = [_row_text(grid.texts[r]) for r in layout.title_rows]
    out = [(t, f"表题“{t}”") for t in dict.fromkeys(titles + grid.titles) if t]
    out.append((grid.name, f"工作表名“{grid.name}”"))
    stem = grid.source.rsplit(".", 1)[0]
    out.append((stem, f"文件名“{grid.source}”"))
    return out


def find_domain(text: str, loose: bool = True) -> str | None:
    """The registry domain a title names: 社会救助领域基层政务公开标准目录 → 社会救助.

    Strictly, only a name before 领域 counts; loosely, any domain name or alias in the text
    (the longest), which a sheet or file name needs but a 填报单位 line would mislead.
    """
    registry = refdata.domains()
    for marked in re.finditer(r"([^\s，,。：:、]{2,24})领域", text):
        words = marked.group(1)  # 溪山县社会救助及福利: the longest tail that is a domain
        for start in range(len(words) - 1):
            if registry.resolve(words[start:]):
                return registry.resolve(words[start:])
    if not loose:
        return None
    key = fold(text)
    names = sorted(((fold(n), d.name) for d in registry.domains for n in (d.name, *d.aliases)), key=lambda p: -len(p[0]))
    for name, canonical in names:
        if name in key:
            return canonical
    return None


def _table_domain(grid: Grid, layout: Layout, options: Options) -> tuple[str | None, str | None]:
    if options.domain:
        return refdata.domains().resolve(options.domain) or options.domain, None
    candidates = _domain_candidates(grid, layout)
    for loose in (False, True):
        for text, origin in candidates:
            found = find_domain(text, loose)
            if found:
                return found, f"领域取自{origin}"
    return None, None


def _table_unit(grid: Grid, layout: Layout) -> tuple[str | None, str | None]:
    """The department of a 填报单位：… line above the header (in the table or before it)."""
    for r in layout.title_rows:
        for c, text in enumerate(grid.texts[r]):
            found = _UNIT.search(text)
            if found:
                return found.group(1), f"部门取自表头“{text}”（{grid.where(r, c)}）"
    for text in grid.titles:
        found = _UNIT.search(text)
        if found:
            return found.group(1), f"部门取自表前的“{text}”"
    return None, None


_REMARK = re.compile(r"^(注|说明|备注|填表说明|填表人|填报人|审核人|负责人|制表|联系人|联系电话|填报日期|日期)")


def _is_remark(grid: Grid, r: int) -> bool:
    """A row that is one cell merged across the table (分类标题, 注：…), or only 注/填表人/审核人 lines."""
    filled = [c for c, t in enumerate(grid.texts[r]) if t]
    origins = {grid.origins[r][c] for c in filled}
    if len(origins) == 1 and grid.spans(r, filled[0]) >= min(3, grid.width):
        return True
    return all(_REMARK.match(grid.texts[r][c]) for c in filled)


def _is_numbered_blank(row: list[str], layout: Layout) -> bool:
    """A row of a template numbered in advance and never filled: only its 序号 is written."""
    numbers = {c.index for c in layout.columns if c.role == "number"}
    return all(c in numbers for c, t in enumerate(row) if t)


class _Reader:
    """Maps the data rows of one table, remembering the previous row for 同上 and blank 一级事项."""

    def __init__(self, grid: Grid, layout: Layout) -> None:
        self.grid, self.layout = grid, layout
        self.problems: list[Problem] = []
        self.previous: dict[int, str] = {}
        self.previous_name: str | None = None

    def problem(self, r: int, c: int, message: str) -> None:
        self.problems.append(Problem(self.grid.where(r, c), message))

    def text(self, r: int, c: int, draft: Draft, key: str) -> str:
        """The cell's text, with 同上 resolved to the row above (and noted)."""
        text = self.grid.texts[r][c]
        if parse.is_ditto(text):
            above = self.previous.get(c)
            if above is None:
                self.problem(r, c, "“同上”没有可依的上一行；请写出这一格的内容")
                return ""
            draft.notes[key] = f"原表为“同上”（{self.grid.where(r, c)}），取上一行的值"
            text = above
        self.previous[c] = text
        return text

    def row(self, r: int) -> Draft:
        grid = self.grid
        draft = Draft(grid.where(r), "")
        ticks: dict[str, list[str]] = {}
        tick_columns: dict[str, list[int]] = {}
        runs: list[tuple[Column, str]] = []  # each column and its text, a continuing column joined to the one before
        for column in self.layout.columns:
            c = column.index
            if column.continues and grid.origins[r][c] == grid.origins[r][c - 1]:
                continue  # the same merged cell
            text = self.text(r, c, draft, column.role)
            if column.continues and runs:
                first, before = runs[-1]
                runs[-1] = (first, "\n".join(t for t in (before, text) if t))
            else:
                runs.append((column, text))
        for column, text in runs:  # in column order, so that problems are too
            if column.ticks:
                tick_columns.setdefault(column.role, []).append(column.index)
                self._tick(r, column, text, draft, ticks.setdefault(column.role, []))
            elif text:
                self._value(r, column, text, draft)
        for role, values in ticks.items():
            if values or role not in draft.values:
                draft.values[role] = list(dict.fromkeys([*draft.values.get(role, []), *values]))
        columns = {column.role: column.index for column, _ in runs if not column.ticks}
        self._inherit_name(r, draft, columns)
        self._blanks(r, draft, columns, tick_columns)
        return draft

    def _value(self, r: int, column: Column, text: str, draft: Draft) -> None:
        c, role = column.index, column.role
        if role == "number":
            draft.number = text
        elif role == "note":
            draft.values[role] = text
        elif role in ("name", "sub", "time_limit"):
            draft.values[role] = text.replace("\n", "")
        elif role == "content":
            lines = text.split("\n")
            draft.values[role] = lines[0] if len(lines) == 1 else lines
        elif role == "basis":
            draft.values[role] = parse.citations(text)
        elif role == "subject":
            draft.values[role] = parse.subjects(text)
        elif role == "channels":
            self._channels(r, c, text, draft)
        elif role in _VOCABULARIES:
            self._words(r, c, role, text, draft)
        elif role == "extra":
            draft.values.setdefault("extra", {})[column.label] = text
        else:  # a column without a header
            self.problem(r, c, f"这一列没有表头，无法确定“{text[:20]}”是哪个要素；请补上表头后重新导入")

    def _channels(self, r: int, c: int, text: str, draft: Draft) -> None:
        found = parse.channels(text)
        ticked = [ch for ch in found if ch.ticked]
        if found and not ticked:
            draft.notes["channels"] = f"待填写：原表渠道均未勾选（{self.grid.where(r, c)}）"
        read = [_channel_value(ch) for ch in ticked]
        aliases = [f"“{ch.written}”记为“{ch.canonical}”" for ch in ticked if ch.alias]
        notes = (["按别名" + "，".join(aliases)] if aliases else []) + [note for _, note in read if note]
        if notes:
            draft.notes["channels"] = "；".join(notes)
        draft.values["channels"] = list(dict.fromkeys(value for value, _ in read))

    def _words(self, r: int, c: int, role: str, text: str, draft: Draft) -> None:
        if role == "audience" and "特定群" in text:
            head, _, note = text.partition("特定群")
            note = re.sub(r"^[体众]", "", note).strip(" （）():：")
            values, unknown = parse.vocabulary_values(head, refdata.audiences()) if head.strip() else ([], [])
            values.append("特定群体")
            if note:
                draft.values["audience_note"] = note
        else:
            values, unknown = parse.vocabulary_values(text, _VOCABULARIES[role](), "级" if role == "level" else "")
        if unknown and role == "audience" and not values:
            values = ["特定群体"]
            draft.values["audience_note"] = text
            draft.notes["audience"] = f"公开对象写作“{text}”（{self.grid.where(r, c)}），记为特定群体"
        elif unknown:
            self.problem(r, c, f"无法识别“{'、'.join(unknown)}”；{_EXPECT[role]}")
        draft.values[role] = list(dict.fromkeys([*draft.values.get(role, []), *values]))

    def _tick(self, r: int, column: Column, text: str, draft: Draft, values: list[str]) -> None:
        ticked, note = parse.tick(text)
        if ticked is None and column.role == "audience" and column.values == ("特定群体",):
            ticked = True  # 特定群体 written out in the tick column
        elif column.role == "channels" and column.values == ("其他",) and (ticked is None or note):
            values.append(f"其他：{note}")  # the 其他 column names the channel: 基层公共服务平台, √（法律服务网）
            return
        elif ticked is None and column.role == "level" and all(v in text or v[0] in text for v in column.values):
            ticked, note = True, ""
        if ticked is None:
            self.problem(r, column.index, f"“{text}”不是勾选标记；{column.label}列请写 √ 或留空")
            return
        if ticked:
            values += column.values
            if note and column.values == ("特定群体",):
                draft.values["audience_note"] = note
            elif note:
                self.problem(r, column.index, f"勾选后的文字“{note}”无处存放；{column.label}列请只写 √")

    def _inherit_name(self, r: int, draft: Draft, columns: dict[str, int]) -> None:
        if draft.values.get("name"):
            self.previous_name = draft.values["name"]
        elif "name" in columns and self.previous_name and draft.values.get("sub"):
            draft.values["name"] = self.previous_name
            draft.notes["name"] = f"一级事项空白（{self.grid.where(r, columns['name'])}），沿用上一行"

    def _blanks(self, r: int, draft: Draft, columns: dict[str, int], ticks: dict[str, list[int]]) -> None:
        for key in NINE_ELEMENTS:
            if draft.values.get(key):
                continue
            draft.values[key] = [] if key in LIST_ELEMENTS else ""
            if key in columns:
                draft.notes.setdefault(key, f"待填写：原表空白（{self.grid.where(r, columns[key])}）")
            elif key in ticks:
                first, last = self.grid.where(r, ticks[key][0]), self.grid.where(r, ticks[key][-1]).rsplit("!", 1)[1]
                draft.notes.setdefault(key, f"待填写：原表未勾选（{first}–{last}）")
            else:
                draft.notes.setdefault(key, "待填写：原表没有这一列")


_EXPECT = {
    "audience": "公开对象请写 全社会 或 特定群体（写明群体）",
    "method": "公开方式请写 主动 和/或 依申请",
    "level": "公开层级请写 市级、县级、乡级、村级 中的一个或多个",
}


def read_table(grid: Grid, layout: Layout, options: Options) -> TableResult:
    """The items of one recognised table, its remarks, and the cells that could not be mapped."""
    domain, domain_note = _table_domain(grid, layout, options)
    unit, unit_note = (options.department, None) if options.department else _table_unit(grid, layout)
    reader = _Reader(grid, layout)
    headers = [grid.texts[r] for r in layout.header]
    drafts: list[Draft] = []
    remarks = [f"原表标题 {grid.where(r)}：{_row_text(grid.texts[r])}" for r in layout.title_rows]
    for r in range(layout.header.stop, len(grid.texts)):
        row = grid.texts[r]
        if not any(row) or row in headers or _is_numbered_blank(row, layout):
            continue  # blank rows, and the header repeated where a Word table breaks across pages
        if _is_remark(grid, r):
            remarks.append(f"原表说明 {grid.where(r)}：{_row_text(row)}")
            continue
        draft = reader.row(r)
        if unit:
            draft.department, draft.department_note = unit, unit_note
        elif draft.values.get("subject"):
            draft.department = draft.values["subject"][0]
            draft.department_note = f"部门取自公开主体列（{draft.where}）"
        else:
            reader.problems.append(Problem(draft.where, "公开主体为空，无法确定这一行属于哪个部门；请填写公开主体或用 --department 指定"))
            continue
        drafts.append(draft)
    return TableResult(grid, domain, domain_note, drafts, remarks, reader.problems)


def _number(text: str) -> tuple[int, ...] | None:
    """1 → (1,), 1.2 → (1, 2), 一 → (1,); None for what cannot make a short id."""
    parts = [p for p in re.split(r"[.．、\-－]", text.strip("()（）、. ")) if p]
    try:
        numbers = tuple(cn_to_int(p) for p in parts)
    except ValueError:
        return None
    return numbers if 0 < len(numbers) <= 4 and all(n < 100_000 for n in numbers) else None


def assign_ids(catalog: CatalogDraft) -> list[str]:
    """prefix-序号 (SHJZ-001, 1.2 → SHJZ-001-002); rows numbered in order when 序号 repeats or is missing."""
    numbers = [_number(d.number) for d in catalog.items]
    if all(numbers) and len(set(numbers)) == len(numbers):
        return [f"{catalog.prefix}-" + "-".join(f"{n:03d}" for n in number) for number in numbers if number]
    ids = []
    for n, draft in enumerate(catalog.items, start=1):
        ids.append(f"{catalog.prefix}-{n:03d}")
        why = f"原表序号为“{draft.number}”" if draft.number else "原表没有序号"
        draft.notes["id"] = f"{why}，本目录序号有重复或缺失，按行顺序编号"
    return ids


def group(tables: list[TableResult], options: Options) -> list[CatalogDraft]:
    """One catalog per department and domain, in the order they first appear."""
    catalogs: dict[tuple[str, str], CatalogDraft] = {}
    registry = refdata.domains()
    for table in tables:
        if table.domain is None:
            raise UnusableInput(f"{table.grid.source}!{table.grid.name}：无法从表题、工作表名或文件名确定领域；"
                                "请用 --domain 指定，如 --domain 社会救助")
        known = registry.get(table.domain)
        prefix = options.prefix or (known.prefix if known else None)
        if prefix is None:
            raise UnusableInput(f"领域“{table.domain}”不在领域登记表中，没有事项编号前缀；请用 --prefix 指定，如 --prefix JTYS")
        for draft in table.drafts:
            key = (draft.department or "", table.domain)
            catalog = catalogs.get(key)
            if catalog is None:
                catalog = catalogs[key] = CatalogDraft(options.region, key[0], table.domain, prefix,
                                                       draft.department_note, table.domain_note)
            source = f"{table.grid.source}!{table.grid.name}"
            if source not in catalog.sources:
                catalog.sources.append(source)
                catalog.remarks += table.remarks
            catalog.items.append(draft)
    return list(catalogs.values())


def _channel_value(ch: parse.Channel) -> tuple[str, str | None]:
    """The catalog value of a ticked channel and the comment saying how it was read.

    The same judgement as ``check``: a channel outside the national template is 其他：X (the
    form the template asks for), a near miss of an option is that option; both are written in
    their canonical form with the original text in a comment, never refused.
    """
    if ch.canonical is not None:
        return ch.canonical, None  # aliases are noted together by the caller
    resolved, kind = refdata.channels().judge(ch.written)
    if kind == "other":
        return resolved[0], f"“{ch.written}”不是全国模板的选项，记为“{resolved[0]}”"
    if kind == "typo":
        return resolved[0], f"“{ch.written}”按近似写法记为“{resolved[0]}”，请核对"
    return ch.written, f"“{ch.written}”无法对应全国模板的选项，原样保留，请核对"
