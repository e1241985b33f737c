"""Citations resolved against the law registry (and a workspace's own documents), cached.

Every title of an entry is resolved on its own: one known title does not vouch for the others
(a nine-title cell reports each unknown one). A title that wraps another (《…转发〈X〉》,
《…印发〈X〉的通知》) resolves to X when the wrapper itself is not registered. A title the
registry does not know gets a did-you-mean when one registered title is a near miss; a document
number that resolves to a document whose title differs from the cited one is reported with the
registry's title.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from catalogc.parse.citation import Citation, parse_citation, strip_numbering, title_key
from catalogc.refdata import Law, LawRegistry, _load, laws

# A suggestion must be this close (difflib ratio of the title keys) and differ by a few characters.
NEAR_MISS_RATIO = 0.9
NEAR_MISS_CHARS = 3


@dataclass(frozen=True, slots=True)
class Resolved:
    citation: Citation
    laws: tuple[Law, ...]  # the documents found, by number first, then by title
    unknown: tuple[str, ...]  # titles or numbers the registry does not know
    suggestions: tuple[tuple[str, Law], ...] = ()  # (unknown 《title》, the registered near miss)
    mismatched: tuple[tuple[str, str, Law], ...] = ()  # (cited 《title》, number, the document the number is)


def _inner_titles(title: str) -> list[str]:
    """The titles nested in 〈〉 inside a title, outermost first."""
    inner: list[str] = []
    depth, current = 0, []
    for ch in title:
        if ch == "〈":
            if depth:
                current.append(ch)
            depth += 1
        elif ch == "〉" and depth:
            depth -= 1
            if depth:
                current.append(ch)
            else:
                inner.append("".join(current))
                current = []
        elif depth:
            current.append(ch)
    return inner


@cache
def _by_subject(registry: LawRegistry) -> dict[str, list[Law]]:
    """Registered titles by their 关于… part: 国务院办公厅关于推进X的意见 is found as 关于推进X的意见."""
    out: dict[str, list[Law]] = {}
    for key in registry.title_keys():
        at = key.find("关于")
        if at >= 0 and len(key) - at >= 8:
            for law in registry.lookup_title(key):
                out.setdefault(key[at:], []).append(law)
    return out


def _by_issuer_less(title: str, registry: LawRegistry) -> list[Law]:
    """A title cited with or without its issuer before 关于 (《关于推进…的意见》, 《文化部 财政部关于…》)
    finds the registered document with the same 关于… part, when only one has it."""
    key = title_key(title)
    at = key.find("关于")
    if at < 0 or len(key) - at < 8:
        return []
    hits = list(dict.fromkeys(_by_subject(registry).get(key[at:], [])))
    return hits if len({law.title for law in hits}) == 1 else []


def _lookup(title: str, registry: LawRegistry) -> list[Law]:
    hits = registry.lookup_title(title) or _by_issuer_less(title, registry)
    if hits:
        return hits
    tail = title[title.rfind("〉") + 1:] if "〉" in title else None
    if tail not in ("", "的通知"):  # 《国务院关于修改〈X〉的决定》 is not X
        return []
    for inner in _inner_titles(title):
        hits = registry.lookup_title(inner)
        if hits:
            return hits
    return []


def _same_document(cited: str, law: Law) -> bool:
    """Whether a cited title names this document: its title or an alias, or one containing the other
    (《国务院办公厅印发〈X〉的通知》 and X)."""
    key = title_key(cited)
    for name in (law.title, *law.aliases):
        other = title_key(name)
        if key == other or (len(other) >= 6 and other in key) or (len(key) >= 6 and key in other):
            return True
    return False


@cache
def _keys(registry: LawRegistry) -> dict[int, tuple[str, ...]]:
    """The registry's title keys by length, in registry order."""
    out: dict[int, list[str]] = {}
    for key in registry.title_keys():
        out.setdefault(len(key), []).append(key)
    return {length: tuple(keys) for length, keys in out.items()}


def _near_lengths(key: str, registry: LawRegistry) -> list[str]:
    """The title keys whose length alone lets them reach the near-miss ratio: difflib's own first
    test (``real_quick_ratio``), made once per length instead of once per key; what passes it, and
    so the matches, are the same."""
    size = len(key)
    return [k for length, keys in _keys(registry).items()
            if 2.0 * min(size, length) / (size + length) >= NEAR_MISS_RATIO for k in keys]


def near_miss(title: str, registry: LawRegistry) -> Law | None:
    """The registered document whose title differs from this one by a few characters
    (政府信息公开条件 → 条例, 推进政务公开工作意见 → 工作的意见), or None."""
    key = title_key(title)
    return _near_miss(key, registry) if len(key) >= 4 else None


@lru_cache(maxsize=4096)
def _near_miss(key: str, registry: LawRegistry) -> Law | None:
    """Remembered: a county's own unregistered document is cited by item after item."""
    for candidate in difflib.get_close_matches(key, _near_lengths(key, registry), n=3, cutoff=NEAR_MISS_RATIO):
        if abs(len(candidate) - len(key)) <= NEAR_MISS_CHARS:
            hits = registry.lookup_title(candidate)
            if hits:
                return hits[0]
    return None


def resolve(citation: Citation, registry: LawRegistry) -> Resolved:
    by_number: list[tuple[str, Law]] = []
    for number in citation.numbers:
        law = registry.lookup_number(number)
        if law is not None:
            by_number.append((number, law))
    found: list[Law] = [law for _, law in by_number]
    unknown: list[str] = []
    unmatched_titles: list[str] = []
    for title in citation.titles:
        hits = _lookup(title, registry)
        numbered = [law for law in hits if law in found]
        if numbered:
            continue  # a title cited with its number: the number decided which version is meant
        if hits:
            found.append(hits[0])
            continue
        if any(_same_document(title, law) for _, law in by_number):
            continue
        unmatched_titles.append(title)
    for title in (*citation.unclosed, *citation.unopened):  # C109 asks for the 《》; the document still counts
        hits = _lookup(title, registry)
        if hits and not any(law in found for law in hits):
            found.append(hits[0])
    mismatched: list[tuple[str, str, Law]] = []
    titled = set(found[len(by_number):])
    orphans = [(number, law) for number, law in by_number
               if law not in titled and not any(_same_document(t, law) for t in citation.titles)]
    if len(orphans) == 1 and (len(unmatched_titles) == 1 or len(citation.titles) == 1):
        # one title and one number that is another document (《社会救助暂行办法》（国发〔2012〕45号））, or one
        # unknown title among several and one such number: the number and the title disagree
        (number, law) = orphans[0]
        title = unmatched_titles[0] if unmatched_titles else citation.titles[0]
        mismatched.append((f"《{title}》", number, law))
        unknown.extend(f"《{t}》" for t in unmatched_titles if t != title)
    else:
        unknown.extend(f"《{t}》" for t in unmatched_titles)
    if citation.numbers and not by_number and not citation.titles:
        unknown.extend(citation.numbers)
    suggestions = tuple((u, law) for u in unknown if u.startswith("《")
                        for law in (near_miss(u, registry),) if law is not None)
    return Resolved(citation, tuple(dict.fromkeys(found)), tuple(unknown), suggestions, tuple(mismatched))


@dataclass(frozen=True, slots=True)
class Generic:
    """Wording a national template prints in its 公开依据 column instead of a title; legitimate."""

    text: str
    domains: tuple[str, ...]  # empty: every domain
    source: str


@cache
def generic_wordings() -> dict[str, Generic]:
    rows = _load("laws.yaml").get("generic") or []
    out: dict[str, Generic] = {}
    for r in rows:
        entry = Generic(r["text"], tuple(r.get("domains") or ()), r.get("source", ""))
        out[title_key(entry.text)] = entry
    return out


def is_generic(text: str, domain: str | None) -> bool:
    """Whether a basis entry is a template's own generic wording (各地配套政策法规文件), for this domain."""
    entry = generic_wordings().get(title_key(strip_numbering(text)))
    return entry is not None and (not entry.domains or domain in entry.domains)


# What a document title ends with: a bare text ending so is a title written without 《》.
DOCUMENT_ENDINGS = ("法", "条例", "办法", "规定", "规则", "细则", "意见", "通知", "决定", "规划", "纲要", "方案",
                    "指引", "规程", "规范", "标准", "批复", "函", "公告")


# Words that make a phrase a reference to documents in general, not a title (国家有关规定).
_VAGUE = re.compile(r"有关|相关|配套|各[地省市县级]|等$|^按|^依")


def proposed_title(text: str) -> str | None:
    """The 《》 form of a basis entry that names a document without 《》, or None.

    ●中华人民共和国政府信息公开条例 → 《中华人民共和国政府信息公开条例》; 浙江省“七五”普法规划 →
    《浙江省“七五”普法规划》; 信息公开规定 → 《中华人民共和国政府信息公开条例》 (the registered
    document its words name); a 》 with no 《 or a 《 with no 》 gets the missing mark.
    """
    citation = parse_citation(text)
    if citation.unopened or citation.unclosed:
        title = (citation.unopened or citation.unclosed)[0]
        return f"《{title}》" + (citation.article or "")
    bare = strip_numbering(text).rstrip("。；;，,")
    if not bare or citation.has_document:
        return None
    registry = laws()
    hits = registry.lookup_title(bare) or ([near] if (near := near_miss(bare, registry)) else [])
    if hits:
        return f"《{hits[0].title}》"
    if title_key(bare) in ("信息公开规定", "政务公开规定", "信息公开有关规定"):
        return f"《{registry.by_id['zfxxgk-2019'].title}》" if "zfxxgk-2019" in registry.by_id else None
    if bare.endswith(DOCUMENT_ENDINGS) and len(bare) >= 4 and not _VAGUE.search(bare):
        return f"《{bare}》"
    return None


@lru_cache(maxsize=65536)
def resolve_text(text: str) -> Resolved:
    """Resolution of one basis entry against the shipped registry."""
    return resolve(parse_citation(text), laws())
