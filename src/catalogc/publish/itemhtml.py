"""An item's row of the domain page's table and its details, as HTML.

The two parts repeat for every item of every page, where each Jinja expression costs a lookup
and a call; written here they cost one ``escape`` per piece of text — the same escape Jinja's
autoescape applies, so the page is the same bytes the template rendered. The whitespace is the
template's as ``trim_blocks`` and ``lstrip_blocks`` left it (``templates/domain.html``).
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape


def table_row(row: dict[str, Any], number: int) -> Markup:
    anchor = escape(row["anchor"])
    return Markup(
        f'    <tr id="row-{anchor}">\n'
        f"      <td>{number}</td>\n"
        f'      <th scope="row"><a href="#item-{anchor}">{escape(row["name"])}</a></th>\n'
        f'      <td>{escape(row["sub"])}</td>\n'
        f'      <td>{escape(row["content"])}</td>\n'
        f'      <td>{escape(row["basis"])}</td>\n'
        f'      <td>{escape(row["time"])}</td>\n'
        f'      <td>{escape(row["subject"])}</td>\n'
        f'      <td>{escape(row["channels"])}</td>\n'
        f'      {escape(row["ticks"])}\n'
        "    </tr>\n")


def _citation(text: str, status: str | None, known: bool) -> str:
    if status:
        return f'<li>{escape(text)} <strong class="status">（{escape(status)}）</strong></li>'
    return f'<li>{escape(text)} <span class="valid">（现行有效）</span></li>' if known else f"<li>{escape(text)}</li>"


def article(row: dict[str, Any], root: str) -> Markup:
    anchor = escape(row["anchor"])
    sub = f' · {escape(row["sub"])}' if row["sub"] else ""
    citations = "".join(_citation(*citation) for citation in row["citations"])
    parsed = f' <span class="note">（{escape(row["time_parsed"])}）</span>' if row["time_parsed"] else ""
    # a line holding only an {% if %} block loses its indent and its newline
    note = f'<dt>调整说明</dt><dd>{escape(row["change_note"])}</dd>' if row["change_note"] else ""
    change = (f'<p class="changed"><a href="{escape(root)}changes.html#{escape(row["change"])}">'
              "本事项在本次发布中有调整：见目录动态调整记录</a></p>") if row["change"] else ""
    return Markup(
        f'<article class="item" id="item-{anchor}" aria-labelledby="h-{anchor}">\n'
        f'  <h3 id="h-{anchor}">{escape(row["name"])}{sub} <span class="code">{escape(row["id"])}</span></h3>\n'
        "  <dl>\n"
        f"    <dt>公开依据</dt><dd><ul>{citations}</ul></dd>\n"
        f'    <dt>公开时限</dt><dd>{escape(row["time"])}{parsed}</dd>\n'
        f'    <dt>公开对象</dt><dd>{escape(row["audience"])}</dd>\n'
        f'    <dt>所属部门</dt><dd>{escape(row["department"])}</dd>\n'
        f"{note}  </dl>\n"
        f'{change}  <p><a href="#row-{anchor}">回到目录表</a></p>\n'
        "</article>\n")
