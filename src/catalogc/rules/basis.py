"""Legal-basis rules: each 公开依据 names a document, known to the registry and still in force."""

from __future__ import annotations

from collections.abc import Iterator

from catalogc import refdata
from catalogc.diagnostics import Severity
from catalogc.refdata import LawRegistry
from catalogc.refdata.legal import Resolved, is_generic, proposed_title, resolve_text
from catalogc.rules.base import FileContext, Finding, Message, Rule


def _domain(ctx: FileContext) -> str | None:
    head = ctx.head
    return refdata.domains().resolve(head.domain) if head is not None and head.domain else None


def check_basis_format(ctx: FileContext) -> Iterator[Finding]:
    """公开依据须写明文件：书名号括起的名称（可带条款），或文号，如《社会救助暂行办法》第九条、国发〔2012〕45号。

    缺少书名号（或只有半边）的标题给出改正后的写法；模板自己的泛称（各地配套政策法规文件、各省“七五”普法规划）是正当写法，不报告。

    English::

        A basis entry names a document: its title in 《》 (an article may follow) or its document
        number, as in 《社会救助暂行办法》第九条 or 国发〔2012〕45号. A title without its 《》 (or with one of them
        missing) gets the corrected form; the templates' own generic wording (各地配套政策法规文件,
        各省“七五”普法规划) is legitimate and passes.

    为什么::

        公开依据是国办发〔2019〕54号要求的要素之一；只写“相关政策文件”，公众无从查证事项为什么公开，法规变化时也找不出受影响的事项（catalogc impact）。

    Why::

        The basis is one of the elements 国办发〔2019〕54号 requires; 相关政策文件 (relevant policy documents)
        lets nobody verify why the item is disclosed, nor find the items a change in the law affects
        (catalogc impact).

    Passing::

        item: {basis: [《社会救助暂行办法》第九条, 国发〔2012〕45号, 各地相关政策法规文件]}

    Failing::

        item: {basis: [相关政策文件, 浙江省“七五”普法规划, 《教育部关于推进中小学信息公开工作的意见]}
    """
    domain = _domain(ctx)
    for index, item in ctx.items:
        for position, entry in enumerate(item.basis or ()):
            if not entry.strip():
                continue
            citation = resolve_text(entry).citation
            if citation.unclosed or citation.unopened:
                variant = "unclosed" if citation.unclosed else "unopened"
            elif citation.has_document or is_generic(entry, domain):
                continue
            else:
                variant = "default"
            proposal = proposed_title(entry)
            if variant == "default" and proposal:
                variant = "bare"
            yield Finding(ctx.item_path(index, "basis", position), variant,
                          {"value": entry, "proposal": proposal or ""}, item.id)


def _cited(law) -> str:
    return f"《{law.title}》" + (f"（{law.number}）" if law.number else "")


def check_basis_unknown(ctx: FileContext) -> Iterator[Finding]:
    """引用的文件不在法规登记表中：核对名称，或在 catalogc.toml 的 [[laws]] 中登记本地文件。

    条目中的每个标题都会查找；与登记名称相近的标题给出登记的名称（是不是……），文号与所引标题不是同一文件时给出警告。

    English::

        The cited document is not in the law registry: check its title, or register local documents
        under [[laws]] in catalogc.toml. Every title of an entry is looked up; a near-miss title
        gets the registered one (did-you-mean), and a document number that belongs to another
        document than the cited title is a warning.

    为什么::

        只有认得出的文件，才能检查它是否已废止（C111）、是否允许更长的公开时限（C107），也才能在它修订时找出受影响的事项；登记表 refdata/data/laws.yaml 的每一条都写明了来源。

    Why::

        Only a known document can be checked for repeal (C111) and for a longer time limit (C107),
        and traced when it changes; every entry of the registry (refdata/data/laws.yaml) names its
        source.

    Passing::

        item: {basis: [《中华人民共和国政府信息公开条例》第二十条]}

    Failing::

        item: {basis: [《溪山县社会救助工作细则》, 《中华人民共和国政府信息公开条件》]}
    """
    local = ctx.settings.local_laws
    said: dict[str, list[tuple[str, dict[str, str]]]] = {}  # an entry cited item after item: judged once per file
    for index, item in ctx.items:
        for position, entry in enumerate(item.basis or ()):
            found = said.get(entry)
            if found is None:
                found = said[entry] = list(_unknown(resolve_text(entry), local))
            if found:
                path = ctx.item_path(index, "basis", position)
                for variant, args in found:
                    yield Finding(path, variant, args, item.id)


def _unknown(resolved: Resolved, local: LawRegistry | None) -> Iterator[tuple[str, dict[str, str]]]:
    """C110's variants and arguments for one resolved entry."""
    for title, number, law in resolved.mismatched:
        if local is None or not local.knows(title):
            yield "mismatch", {"value": title, "number": number, "title": _cited(law)}
    unknown = [u for u in resolved.unknown if local is None or not local.knows(u)]
    if not unknown:
        return
    suggested = {u: law for u, law in resolved.suggestions if u in unknown}
    plain = [u for u in unknown if u not in suggested]
    if plain:
        yield "default", {"value": "、".join(plain)}
    for title, law in suggested.items():
        yield "near", {"value": title, "title": _cited(law)}


def check_basis_repealed(ctx: FileContext) -> Iterator[Finding]:
    """引用的文件已废止或已被修订取代，须改引现行文件。

    English::

        The cited document has been repealed or replaced by a revision: cite the one in force.

    为什么::

        依据已失效的文件公开，事项的内容和条件可能已经改变；例如《中华人民共和国政府信息公开条例》2019年修订（国务院令第711号）后，2007年版（国务院令第492号）的条款已不再适用。登记表记录了每个文件的状态和取代它的文件。

    Why::

        An item based on a document no longer in force may disclose outdated content or conditions;
        after the 2019 revision of the Regulations (State Council Decree 711), for example, the
        articles of the 2007 text (Decree 492) no longer apply. The registry records each document's
        status and its successor.

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
                yield Finding(ctx.item_path(index, "basis", position), variant, args, item.id)


RULES: tuple[Rule, ...] = (
    Rule("C109", "basis-format", Severity.WARNING, "公开依据没有写明文件", "a basis entry names no document", {
        "default": Message("公开依据“{value}”没有写明文件名称或文号", "Basis '{value}' names no document",
                           "写成《文件名称》（可带条款）或文号，如《社会救助暂行办法》第九条、国发〔2012〕45号。",
                           "Write 《title》 (optionally with an article) or a document number."),
        "bare": Message("公开依据“{value}”的文件名称没有加书名号", "Basis '{value}' gives a title without 《》",
                        "写作 {proposal}（可带条款或文号）。", "Write {proposal} (optionally with an article or number)."),
        "unclosed": Message("公开依据“{value}”中的书名号《没有闭合", "Basis '{value}' opens a 《 that is never closed",
                            "补上》：写作 {proposal}。", "Close the title: write {proposal}."),
        "unopened": Message("公开依据“{value}”中的》前面缺少《", "Basis '{value}' closes a 》 that was never opened",
                            "补上《：写作 {proposal}。", "Open the title: write {proposal}."),
    }, "file", check_basis_format),
    Rule("C110", "basis-unknown", Severity.INFO, "引用的文件不在法规登记表中", "cited document not in the law registry", {
        "default": Message("法规登记表中没有 {value}", "The law registry does not know {value}",
                           "核对名称是否为全称；本地文件可在 catalogc.toml 的 [[laws]] 中登记。",
                           "Check the title; register local documents under [[laws]] in catalogc.toml."),
        "near": Message("法规登记表中没有 {value}，是否应为 {title}？", "The law registry does not know {value}; did you mean {title}?",
                        "若指的是 {title}，改用其准确名称；本地文件可在 catalogc.toml 的 [[laws]] 中登记。",
                        "If {title} is meant, cite its exact title; register local documents under [[laws]]."),
        "mismatch": Message("文号 {number} 是 {title}，与所引名称 {value} 不一致", "Number {number} is {title}, not {value}",
                            "核对名称与文号：若指的是该文号的文件，写作 {title}；否则改正文号。",
                            "Check title and number: write {title} if that document is meant, else correct the number.",
                            Severity.WARNING),
    }, "file", check_basis_unknown),
    Rule("C111", "basis-repealed", Severity.ERROR, "引用的文件已废止或被取代", "cited document repealed or replaced", {
        "default": Message("{value}{since}{status}", "{value} is {status} {since}",
                           "改引现行有效的文件。", "Cite the document in force."),
        "replaced": Message("{value}{since}{status}，已由{by}取代", "{value} is {status} {since}, replaced by {by}",
                            "改引{by}，并核对条款。", "Cite {by} instead and check the article."),
    }, "file", check_basis_repealed),
)
