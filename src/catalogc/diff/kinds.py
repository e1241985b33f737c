"""The kinds of change the 动态调整 record knows, their words, and the ``--fail-on`` gate.

A kind is a machine name (stable: CI settings and the JSON name it). The order here is the
order changes of one item are listed in, and the order of ``summary()``.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

# kind → (中文, English) as the text report and the site's 调整内容 name it.
KINDS: dict[str, tuple[str, str]] = {
    "added": ("增加", "added"),
    "removed": ("取消", "removed"),
    "moved": ("移动", "moved"),
    "id-changed": ("编号变更", "id changed"),
    "renamed": ("名称变更", "renamed"),
    "content-changed": ("公开内容变更", "content changed"),
    "basis-replaced": ("依据由新文件取代", "basis replaced by its successor"),
    "basis-changed": ("公开依据变更", "basis changed"),
    "time-limit-shortened": ("时限缩短", "time limit shortened"),
    "time-limit-lengthened": ("时限延长", "time limit lengthened"),
    "time-limit-changed": ("时限变更", "time limit changed"),
    "subject-changed": ("公开主体变更", "subject changed"),
    "method-changed": ("公开方式变更", "method changed"),
    "channel-added": ("增加渠道", "channel added"),
    "channel-removed": ("减少渠道", "channel removed"),
    "audience-changed": ("公开对象变更", "audience changed"),
    "level-narrowed": ("层级收窄", "level narrowed"),
    "level-widened": ("层级扩大", "level widened"),
    "codes-changed": ("清单编码变更", "list codes changed"),
}
ORDER = {kind: n for n, kind in enumerate(KINDS)}

# The national change sheet's 调整类型: every kind but these two is a 变更.
SHEET_TYPE = {"added": ("增加", "added"), "removed": ("取消", "removed")}
CHANGED = ("变更", "changed")

WITHOUT_NOTE = "-without-note"
ANY = "any"


class GateError(ValueError):
    """An unknown kind in ``--fail-on``; the message proposes the nearest one."""


@dataclass(frozen=True, slots=True)
class Gate:
    """One ``--fail-on`` entry: a kind (or ``any``), and whether only changes without a note count."""

    kind: str
    unnoted_only: bool

    def hits(self, kind: str, noted: bool) -> bool:
        return (self.kind == ANY or self.kind == kind) and not (self.unnoted_only and noted)

    def __str__(self) -> str:
        return self.kind + (WITHOUT_NOTE if self.unnoted_only else "")


def gate_words() -> list[str]:
    return [w for kind in (ANY, *KINDS) for w in (kind, kind + WITHOUT_NOTE)]


def parse_gates(text: str, lang: str = "zh") -> list[Gate]:
    """``removed-without-note,level-narrowed`` → gates; raises ``GateError`` naming an unknown kind."""
    gates = []
    for word in (w.strip() for w in text.split(",")):
        if not word:
            continue
        kind, unnoted = (word[: -len(WITHOUT_NOTE)], True) if word.endswith(WITHOUT_NOTE) else (word, False)
        if kind != ANY and kind not in KINDS:
            near = difflib.get_close_matches(word, gate_words(), n=1)
            if lang == "en":
                hint = f"; did you mean {near[0]}?" if near else ""
                raise GateError(f"--fail-on: unknown kind of change {word!r}{hint} (catalogc diff --help lists them)")
            hint = f"；是不是 {near[0]}？" if near else ""
            raise GateError(f"--fail-on：没有 {word} 这种调整{hint}（catalogc diff --help 列出全部种类）")
        gates.append(Gate(kind, unnoted))
    return gates
