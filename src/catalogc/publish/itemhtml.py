"""An item's row of the domain page's table and its details, as HTML.

The two parts repeat for every item of every page, where each Jinja expression costs a lookup
and a call, and each ``markupsafe.escape`` makes a ``Markup`` object: written here as plain
strings, every piece of catalog text goes through ``text``, markupsafe's own escape without the
``Markup`` wrapper (or the same replaces by hand), so the page is the same bytes the template
rendered. The whitespace is the template's as ``trim_blocks`` and ``lstrip_blocks`` left it
(``templates/domain.html``).
"""

from __future__ import annotations

from collections.abc import Callable

import markupsafe

from catalogc.model.bundle import Document, Item
from catalogc.publish.layout import SPECIAL, ticks


def _replaced(value: str) -> str:
    """``str(markupsafe.escape(value))`` by hand, for a markupsafe without ``_escape_inner``."""
    return value.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;") \
        .replace("'", "&#39;").replace('"', "&#34;")


# markupsafe's own escape (C), which ``markupsafe.escape`` wraps in a Markup: a quarter of the replaces' time
text: Callable[[str], str] = getattr(markupsafe, "_escape_inner", _replaced)

_OFF, _ON = '<td class="tick"></td>', '<td class="tick">√</td>'


def _ticks(item: Item, levels: list[str]) -> str:
    """The √ cells in table order (``layout.ticks``), the 特定群体 one with the audience note."""
    cells = [_ON if on else _OFF for on in ticks(item, levels)]
    if item.audience_note and cells[SPECIAL] is _ON:
        cells[SPECIAL] = f'<td class="tick">√<br><span class="note">{text(item.audience_note)}</span></td>'
    return "".join(cells)


def table_row(item: Item, anchor: str, number: int, levels: list[str]) -> str:
    anchor = text(anchor)
    return (f'    <tr id="row-{anchor}">\n'
            f"      <td>{number}</td>\n"
            f'      <th scope="row"><a href="#item-{anchor}">{text(item.name)}</a></th>\n'
            f'      <td>{text(item.sub or "")}</td>\n'
            f'      <td>{"<br>".join(map(text, item.content))}</td>\n'
            f'      <td>{"<br>".join(text(b.text) for b in item.basis)}</td>\n'
            f"      <td>{text(item.time_limit.text)}</td>\n"
            f'      <td>{text("、".join(item.subject))}</td>\n'
            f'      <td>{text("、".join(item.channels))}</td>\n'
            f"      {_ticks(item, levels)}\n"
            "    </tr>\n")


Status = Callable[[Document], str | None]  # a cited document's status as shown, None when in force


def _citation(item_text: str, status: str | None, known: bool) -> str:
    if status:
        return f'<li>{text(item_text)} <strong class="status">（{text(status)}）</strong></li>'
    return f'<li>{text(item_text)} <span class="valid">（现行有效）</span></li>' if known else f"<li>{text(item_text)}</li>"


def article(item: Item, anchor: str, root: str, change: str | None, status: Status) -> str:
    anchor = text(anchor)
    sub = f" · {text(item.sub)}" if item.sub else ""
    citations = "".join(_citation(b.text, next((s for d in b.documents if (s := status(d))), None), bool(b.documents))
                        for b in item.basis)
    parsed = item.time_limit.parsed
    parsed_text = f' <span class="note">（{text(parsed["text"])}）</span>' if parsed and parsed["text"] else ""
    audience = "、".join(item.audience) + (f"（{item.audience_note}）" if item.audience_note else "")
    # a line holding only an {% if %} block loses its indent and its newline
    note = item.change_note
    reason = (note.reason + (f"（{note.date}）" if note.date else "")) if note else ""
    noted = f"<dt>调整说明</dt><dd>{text(reason)}</dd>" if reason else ""
    changed = (f'<p class="changed"><a href="{text(root)}changes.html#{text(change)}">'
               "本事项在本次发布中有调整：见目录动态调整记录</a></p>") if change else ""
    return (f'<article class="item" id="item-{anchor}" aria-labelledby="h-{anchor}">\n'
            f'  <h3 id="h-{anchor}">{text(item.name)}{sub} <span class="code">{text(item.id)}</span></h3>\n'
            "  <dl>\n"
            f"    <dt>公开依据</dt><dd><ul>{citations}</ul></dd>\n"
            f"    <dt>公开时限</dt><dd>{text(item.time_limit.text)}{parsed_text}</dd>\n"
            f"    <dt>公开对象</dt><dd>{text(audience)}</dd>\n"
            f"    <dt>所属部门</dt><dd>{text(item.department)}</dd>\n"
            f"{noted}  </dl>\n"
            f'{changed}  <p><a href="#row-{anchor}">回到目录表</a></p>\n'
            "</article>\n")
