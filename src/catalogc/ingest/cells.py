"""The text of one cell as values: tick marks, checkbox and numbered lists, citations, levels.

Pure functions of text, with the vocabularies of ``refdata``; property-tested in
tests/test_import.py. Lists are split only outside brackets, so 县(市、区)民政局 stays one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from catalogc import refdata
from catalogc.parse.normalize import fold

MARKS = "√✓✔☑■●◆▣✅"
TICKS = frozenset(MARKS) | {"是", "Y", "y"}
BLANKS = frozenset({"", "□", "口", "☐", "否", "无", "×", "✗", "/", "／", "-", "－", "—", "——", "--"})
BOX_ON = "■☑√✓✔◆●▣"
BOX_OFF = "□☐口"
_OPENERS, _CLOSERS = "(（[【〔《〈", ")）]】〕》〉"
# 1. 2、 三） and, before a title, a bare 2《…》 (a numbered list whose dot was lost)
_NUMBERING = re.compile(r"(?:^|(?<=[\s、，,；;。]))(?:(?:\d{1,2}|[一二三四五六七八九十]{1,2})\s*[.．、)）]|\d{1,2}(?=《))\s*")
_MARKER = re.compile(rf"(?:^|(?<=[\s、，,；;]))([{BOX_ON}{BOX_OFF}])\s*")
_DITTO = {"同上", "同上。", "同上栏", "同左", "同前"}


def is_ditto(text: str) -> bool:
    return fold(text) in _DITTO


def split_top(text: str, separators: str) -> list[str]:
    """Split at separators that are outside brackets; pieces stripped, empty ones dropped."""
    pieces, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in _OPENERS:
            depth += 1
        elif ch in _CLOSERS:
            depth = max(0, depth - 1)
        elif depth == 0 and ch in separators:
            pieces.append(text[start:i])
            start = i + 1
    pieces.append(text[start:])
    return [p.strip() for p in pieces if p.strip()]


def tick(text: str) -> tuple[bool | None, str]:
    """(ticked, the words written beside the mark); None when the text is no mark at all.

    √ ✓ ■ ● 是 tick; □ 口 × and an empty cell do not; √（申请人） ticks with a note.
    """
    stripped = text.strip()
    if fold(stripped) in BLANKS or stripped in BLANKS:
        return False, ""
    if stripped in TICKS:
        return True, ""
    if stripped[0] in MARKS:  # √（申请人）; a word such as 是 ticks only alone
        note = stripped[1:].strip().strip("()（）:：").strip()
        return True, note
    return None, stripped


def strip_numbering(text: str) -> list[str]:
    """'1.政府网站 2.政务服务中心' → ['政府网站', '政务服务中心']; text without numbers → [text]."""
    parts = _NUMBERING.split(text)
    return [p.strip(" 、，,；;。\n") for p in parts if p.strip(" 、，,；;。\n")]


@dataclass(frozen=True, slots=True)
class Channel:
    written: str
    ticked: bool
    canonical: str | None  # None: not in the national template or its aliases
    alias: bool  # written as an alias or variant of ``canonical``


def _resolve(text: str) -> tuple[str | None, bool]:
    canonical, alias = refdata.channels().resolve(text)
    if canonical is None and re.match(r"^其他\s+\S", text):
        canonical, alias = refdata.channels().resolve("其他：" + text[2:].strip())
    return canonical, alias


def _plain_channels(text: str, ticked: bool) -> list[Channel]:
    """Entries of an unmarked list: separators, numbering, and names that themselves hold a separator."""
    text = re.sub(r"\s+(?=[(（])", "", text)
    whole = _resolve(text) if "\n" not in text else (None, False)  # a line break always ends an entry
    if whole[0] is not None:
        return [Channel(text, ticked, *whole)]
    tokens: list[tuple[str, str]] = []  # (word, the separator written after it)
    for chunk in strip_numbering(text):
        parts = re.split(r"([\s、，,；;]+)", chunk)
        tokens += [(w, s) for w, s in zip(parts[::2], [*parts[1::2], ""], strict=True) if w]

    def joined(run: list[tuple[str, str]]) -> str:
        return "".join(w + s for w, s in run[:-1]) + run[-1][0]

    out, i = [], 0
    while i < len(tokens):
        taken = 1
        for j in range(min(len(tokens), i + 4), i + 1, -1):  # longest run first: 社区/企事业单位、村公示栏(电子屏)
            run = tokens[i:j]
            if any("\n" in sep for _, sep in run[:-1]):
                continue
            if _resolve(joined(run))[0] is not None and any(_resolve(w)[0] is None for w, _ in run[1:]):
                taken = j - i
                break
        written = joined(tokens[i:i + taken])
        out.append(Channel(written, ticked, *_resolve(written)))
        i += taken
    return out


def channels(text: str) -> list[Channel]:
    """A 公开渠道和载体 cell: a ■/□ checkbox list, a numbered list, or names with separators.

    ■ (and ☑ ◆ ● √) tick the entry after it, □ (and 口 ☐) do not; ■其他 X is 其他：X.
    口 counts as a box only at the start of an entry, so 办事窗口 stays a name.
    """
    marks = list(_MARKER.finditer(text))
    if not marks:
        return _plain_channels(text, True)
    out = []
    head = text[: marks[0].start()].strip()
    if head:
        out += _plain_channels(head, True)
    for k, mark in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(text)
        entry = text[mark.end():end].strip(" 、，,；;\n")
        if entry:
            out += _plain_channels(entry, mark.group(1) in BOX_ON)
    return out


_LEVEL_WORDS = re.compile(r"[省市州盟县区旗乡镇村街道]{1,3}(?:、[省市州盟县区旗乡镇村街道]{1,3})*")


def subjects(text: str) -> list[str]:
    """A 公开主体 cell as entries, split at 、，； and line breaks outside brackets — except after a bare
    level word: 市、区两级人民政府民政部门 and 县、乡两级人民政府 are one body each."""
    out: list[str] = []
    for part in split_top(text, "、，,；;\n"):
        if out and _LEVEL_WORDS.fullmatch(out[-1]):
            out[-1] = f"{out[-1]}、{part}"
        else:
            out.append(part)
    return out


def citations(text: str) -> list[str]:
    """A 公开依据 cell as entries: one per line, per ；, and per 《title》 that follows another."""
    out = []
    for line in split_top(text, "\n；;"):
        for entry in strip_numbering(line):
            parts = re.split(r"(?<=[》〉）)条款项号])\s*[、，,]?\s*(?=《)", entry)
            out += [p.strip(" 、，,。") for p in parts if p.strip(" 、，,。")]
    return out


def vocabulary_values(text: str, vocabulary: refdata.Vocabulary, suffix: str = "") -> tuple[list[str], list[str]]:
    """(canonical values, words not understood) of a cell such as 县级、乡级 or 乡、村级 or 主动公开.

    With a suffix (级), a bare 乡 is 乡级 and 乡村级 is 乡级 and 村级.
    """
    values, unknown = [], []
    for word in split_top(text, "、，,；;/／\n 和及与"):
        canonical, _ = vocabulary.resolve(word)
        if canonical is None and suffix:
            stem = word.removesuffix(suffix)
            found = [vocabulary.resolve(ch + suffix)[0] for ch in stem]
            if stem and all(found):
                values += [f for f in found if f]
                continue
        if canonical is None:
            unknown.append(word)
        else:
            values.append(canonical)
    return list(dict.fromkeys(values)), unknown
