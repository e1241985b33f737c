"""Field-level comparison of two versions of one bundle item: what changed, in the catalog's
own terms (a parsed time limit, a set of levels, a citation and its successor), not as text.

A change in wording alone is no change: content and subjects are compared folded (width,
script and spacing), citations by the documents and article they resolve to, time limits
by their parse.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from catalogc.diff.changeset import Change
from catalogc.model.bundle import Citation, Item
from catalogc.parse.normalize import fold


def change(kind: str, field: str | None, old: Any, new: Any, zh: str, en: str) -> Change:
    return Change(kind, field, old, new, zh, en)


def _quote(text: str, limit: int = 40) -> str:
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"


def _list(values: list[str] | set[str]) -> str:
    return "、".join(sorted(values)) if isinstance(values, set) else "、".join(values)


def _en(values: list[str] | set[str]) -> str:
    return ", ".join(sorted(values)) if isinstance(values, set) else ", ".join(values)


def names(old: Item, new: Item) -> Iterator[Change]:
    before, after = _label(old), _label(new)
    if fold(before) != fold(after):
        yield change("renamed", "name", before, after, f"名称：{before} → {after}", f"name: {before} → {after}")


def _label(item: Item) -> str:
    return item.name + (f" / {item.sub}" if item.sub else "")


def _inline(before: str, after: str, context: int = 6) -> str:
    """One entry edited in place, as the edit alone in a little context: ``…救助[-金额-]{+标准+}…``."""
    out: list[str] = []
    ops = difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes()
    for n, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag == "equal":
            text = before[i1:i2]
            if len(text) > 2 * context + 1:
                head = text[:context] if n else ""  # context after the previous edit
                tail = text[-context:] if n < len(ops) - 1 else ""  # context before the next one
                text = f"{head}…{tail}"
            out.append(text)
            continue
        if i2 > i1:
            out.append(f"[-{before[i1:i2]}-]")
        if j2 > j1:
            out.append(f"{{+{after[j1:j2]}+}}")
    return "".join(out)


def content(old: Item, new: Item) -> Iterator[Change]:
    a, b = [fold(c) for c in old.content], [fold(c) for c in new.content]
    if a == b:
        return
    zh: list[str] = []
    en: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if tag == "replace" and i2 - i1 == j2 - j1 == 1:
            edit = _inline(old.content[i1], new.content[j1])
            zh.append(f"改为“{edit}”")
            en.append(f"edited “{edit}”")
            continue
        zh += [*(f"删去{_quote(t)}" for t in old.content[i1:i2]), *(f"增加{_quote(t)}" for t in new.content[j1:j2])]
        en += [*(f"removed {_quote(t)}" for t in old.content[i1:i2]), *(f"added {_quote(t)}" for t in new.content[j1:j2])]
    yield change("content-changed", "content", old.content, new.content, f"公开内容：{'；'.join(zh) or '调整了顺序'}",
                 f"content: {'; '.join(en) or 'reordered'}")


def _key(citation: Citation) -> tuple[Any, ...]:
    """What a citation means: the documents it resolves to (its folded titles when unknown) and its article."""
    documents = tuple(sorted(d.id for d in citation.documents))
    return (documents or tuple(fold(t) for t in citation.titles) or (fold(citation.text),), citation.article or "")


def _successors(citation: Citation) -> set[str]:
    """Every document that replaced one this citation resolves to, following the registry's chain."""
    from catalogc.refdata import laws

    registry = laws().by_id
    found: set[str] = set()
    for document in citation.documents:
        current: str | None = document.replaced_by or getattr(registry.get(document.id), "replaced_by", None)
        while current and current not in found:
            found.add(current)
            law = registry.get(current)
            current = law.replaced_by if law else None
    return found


def basis(old: Item, new: Item) -> Iterator[Change]:
    old_keys = {_key(c): c for c in old.basis}
    new_keys = {_key(c): c for c in new.basis}
    gone = [c for k, c in old_keys.items() if k not in new_keys]
    came = [c for k, c in new_keys.items() if k not in old_keys]
    for before in list(gone):
        successors = _successors(before)
        after = next((c for c in came if successors & {d.id for d in c.documents}), None)
        if after is not None:
            gone.remove(before)
            came.remove(after)
            yield change("basis-replaced", "basis", before.text, after.text,
                         f"公开依据：{before.text} → {after.text}（前者已由后者取代）",
                         f"basis: {before.text} → {after.text} (replaced by its successor)")
    if gone or came:
        zh = "；".join([*(f"删去{c.text}" for c in gone), *(f"增加{c.text}" for c in came)])
        en = "; ".join([*(f"removed {c.text}" for c in gone), *(f"added {c.text}" for c in came)])
        yield change("basis-changed", "basis", [c.text for c in gone], [c.text for c in came],
                     f"公开依据：{zh}", f"basis: {en}")


_UNITS = {"工作日": ("个工作日", "working days"), "日": ("日", "days"), "月": ("个月", "months"),
          "小时": ("小时", "hours"), "周": ("周", "weeks")}


def _simple(parsed: dict[str, Any]) -> bool:
    """One period of N units and nothing else: such limits are shown as ``20 → 10 个工作日``."""
    return len(parsed["parts"]) == 1 and parsed["kind"] == "within" and parsed["amount"] is not None


def time_limit(old: Item, new: Item) -> Iterator[Change]:
    a, b = old.time_limit, new.time_limit
    pa, pb = a.parsed, b.parsed
    if pa is None or pb is None:
        if fold(a.text) != fold(b.text):
            yield change("time-limit-changed", "time_limit", a.text, b.text, f"公开时限：{_quote(a.text)} → {_quote(b.text)}",
                         f"time limit: {_quote(a.text)} → {_quote(b.text)}")
        return
    if pa["text"] == pb["text"]:
        return  # the same limit in other words
    da, db = pa.get("max_working_days"), pb.get("max_working_days")
    if da is not None and db is not None and da != db:
        kind = "time-limit-shortened" if db < da else "time-limit-lengthened"
    else:
        kind = "time-limit-changed"
    zh_word, en_word = {"time-limit-shortened": ("缩短", "shortened"), "time-limit-lengthened": ("延长", "lengthened"),
                        "time-limit-changed": ("变更", "changed")}[kind]
    same_frame = all(pa.get(k) == pb.get(k) for k in ("unit", "anchor", "publicity", "defers_to_law", "notes"))
    if _simple(pa) and _simple(pb) and same_frame:
        zh_unit, en_unit = _UNITS.get(pa["unit"], (pa["unit"], pa["unit"]))
        zh = f"{pa['amount']} → {pb['amount']} {zh_unit}"
        en = f"{pa['amount']} → {pb['amount']} {en_unit}"
    else:
        zh = en = f"{pa['text']} → {pb['text']}"
    yield change(kind, "time_limit", a.text, b.text, f"公开时限：{zh}（{zh_word}）", f"time limit: {en} ({en_word})")


def _folded(values: list[str]) -> set[str]:
    return {fold(v) for v in values}


def subject(old: Item, new: Item) -> Iterator[Change]:
    if _folded(old.subject) != _folded(new.subject):
        yield change("subject-changed", "subject", old.subject, new.subject,
                     f"公开主体：{_list(old.subject)} → {_list(new.subject)}",
                     f"subject: {_en(old.subject)} → {_en(new.subject)}")


def method(old: Item, new: Item) -> Iterator[Change]:
    if set(old.method) != set(new.method):
        yield change("method-changed", "method", old.method, new.method,
                     f"公开方式：{_list(old.method)} → {_list(new.method)}", f"method: {_en(old.method)} → {_en(new.method)}")


def _members(field: str, a: list[str], b: list[str],
             steps: tuple[tuple[str, bool, str, str], ...]) -> Iterator[Change]:
    """Values that came into or left a list field, one change per direction that happened; each
    step is (kind, whether it reports values that came, Chinese label, English label)."""
    came, gone = [v for v in b if v not in a], [v for v in a if v not in b]
    for kind, added, zh, en in steps:
        values = came if added else gone
        if values:
            yield change(kind, field, a, b, f"{zh} {_list(values)}", f"{en} {_en(values)}")


def channels(old: Item, new: Item) -> Iterator[Change]:
    yield from _members("channels", old.channels, new.channels, (
        ("channel-added", True, "公开渠道：增加", "channels: added"),
        ("channel-removed", False, "公开渠道：不再有", "channels: no longer")))


def audience(old: Item, new: Item) -> Iterator[Change]:
    note_a, note_b = fold(old.audience_note or ""), fold(new.audience_note or "")
    if set(old.audience) == set(new.audience) and note_a == note_b:
        return

    def shown(item: Item) -> str:
        return _list(item.audience) + (f"（{item.audience_note}）" if item.audience_note else "")

    def shown_en(item: Item) -> str:
        return _en(item.audience) + (f" ({item.audience_note})" if item.audience_note else "")

    yield change("audience-changed", "audience", shown(old), shown(new), f"公开对象：{shown(old)} → {shown(new)}",
                 f"audience: {shown_en(old)} → {shown_en(new)}")


def level(old: Item, new: Item) -> Iterator[Change]:
    yield from _members("level", old.level, new.level, (
        ("level-narrowed", False, "公开层级：不再含", "level: no longer"),
        ("level-widened", True, "公开层级：增加", "level: now also")))


def codes(old: Item, new: Item) -> Iterator[Change]:
    for field, label, label_en in (("powers", "权责清单编码", "power codes"), ("services", "公共服务事项编码", "service codes")):
        a, b = getattr(old, field), getattr(new, field)
        came, gone = [c for c in b if c not in a], [c for c in a if c not in b]
        if came or gone:
            shown = " ".join([*(f"+{c}" for c in came), *(f"−{c}" for c in gone)])
            yield change("codes-changed", field, a, b, f"{label}：{shown}", f"{label_en}: {shown}")


COMPARISONS = (names, content, basis, time_limit, subject, method, channels, audience, level, codes)


def item_changes(old: Item, new: Item) -> list[Change]:
    """Every field-level change from ``old`` to ``new`` (place and id are the caller's to compare)."""
    return [c for compare in COMPARISONS for c in compare(old, new)]
