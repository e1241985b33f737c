"""Legal-basis rules: each 公开依据 names a document, known to the registry and still in force."""

from __future__ import annotations

from collections.abc import Iterator

from catalogc import refdata
from catalogc.diagnostics import Severity
from catalogc.refdata.legal import resolve_text
from catalogc.rules.base import FileContext, Finding, Message, Rule


def check_basis_format(ctx: FileContext) -> Iterator[Finding]:
    """公开依据须写明文件：书名号括起的名称（可带条款），或文号，如《社会救助暂行办法》第九条、国发〔2012〕45号。

    Passing::

        item: {basis: [《社会救助暂行办法》第九条, 国发〔2012〕45号]}

    Failing::

        item: {basis: [相关政策文件]}
    """
    for index, item in ctx.items:
        for position, entry in enumerate(item.basis or ()):
            if entry.strip() and not resolve_text(entry).citation.has_document:
                yield Finding("C109", ctx.item_path(index, "basis", position), args={"value": entry}, item=item.id)


def check_basis_unknown(ctx: FileContext) -> Iterator[Finding]:
    """引用的文件不在法规登记表中：核对名称，或在 catalogc.toml 的 [[laws]] 中登记本地文件。

    Passing::

        item: {basis: [《中华人民共和国政府信息公开条例》第二十条]}

    Failing::

        item: {basis: [《溪山县社会救助工作细则》]}
    """
    local = ctx.settings.local_laws
    for index, item in ctx.items:
        for position, entry in enumerate(item.basis or ()):
            unknown = [u for u in resolve_text(entry).unknown if local is None or not local.knows(u)]
            if unknown:
                yield Finding("C110", ctx.item_path(index, "basis", position), args={"value": "、".join(unknown)},
                              item=item.id)


def check_basis_repealed(ctx: FileContext) -> Iterator[Finding]:
    """引用的文件已废止或已被修订取代，须改引现行文件。

    Passing::

        item: {basis: [《中华人民共和国法律援助法》]}

    Failing::

        item: {basis: [《中华人民共和国法律援助条例》]}
    """
    registry = refdata.laws()
    for index, item in ctx.items:
        for position, entry in enumerate(item.basis or ()):
            for law in resolve_text(entry).laws:
                if law.status == "有效":
                    continue
                successor = registry.by_id.get(law.replaced_by) if law.replaced_by else None
                args = {
                    "value": f"《{law.title}》" + (f"（{law.number}）" if law.number else ""),
                    "status": law.status,
                    "since": f"{law.repealed}起" if law.repealed else "",
                    "by": f"《{successor.title}》" + (f"（{successor.number}）" if successor.number else "")
                    if successor else "",
                }
                variant = "replaced" if successor else "default"
                yield Finding("C111", ctx.item_path(index, "basis", position), variant, args, item.id)


RULES: tuple[Rule, ...] = (
    Rule("C109", "basis-format", Severity.WARNING, "公开依据没有写明文件", "a basis entry names no document", {
        "default": Message("公开依据“{value}”没有写明文件名称或文号", "Basis '{value}' names no document",
                           "写成《文件名称》（可带条款）或文号，如《社会救助暂行办法》第九条、国发〔2012〕45号。",
                           "Write 《title》 (optionally with an article) or a document number."),
    }, "file", check_basis_format),
    Rule("C110", "basis-unknown", Severity.INFO, "引用的文件不在法规登记表中", "cited document not in the law registry", {
        "default": Message("法规登记表中没有 {value}", "The law registry does not know {value}",
                           "核对名称是否为全称；本地文件可在 catalogc.toml 的 [[laws]] 中登记。",
                           "Check the title; register local documents under [[laws]] in catalogc.toml."),
    }, "file", check_basis_unknown),
    Rule("C111", "basis-repealed", Severity.ERROR, "引用的文件已废止或被取代", "cited document repealed or replaced", {
        "default": Message("{value}{since}{status}", "{value} is {status} {since}",
                           "改引现行有效的文件。", "Cite the document in force."),
        "replaced": Message("{value}{since}{status}，已由{by}取代", "{value} is {status} {since}, replaced by {by}",
                            "改引{by}，并核对条款。", "Cite {by} instead and check the article."),
    }, "file", check_basis_repealed),
)
