"""公开依据 entries: 《titles》, articles (第二十条 / 第20条) and document numbers (国发〔2012〕45号).

Document numbers are normalized (brackets typed as [] 【】 () （） ［］ become 〔〕, full-width
digits become ASCII, 国令 becomes 国务院令) so that the registry can be keyed by them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from catalogc.numerals import CN_NUMBER, cn_to_int

_OPEN, _CLOSE = "《〈", "》〉"
_BRACKETS = str.maketrans({"[": "〔", "]": "〕", "【": "〔", "】": "〕", "(": "〔", ")": "〕", "（": "〔", "）": "〕",
                           "［": "〔", "］": "〕", "〖": "〔", "〗": "〕"})
_ARTICLE = re.compile(rf"第\s*(\d+|{CN_NUMBER})\s*条(?:\s*第\s*(?:\d+|{CN_NUMBER})\s*[款项])*")
_BRACKET_NUMBER = re.compile(r"([\u4e00-\u9fff]{1,10})\s*〔\s*(\d{4})\s*〕\s*(\d+)\s*号")
_ORDER_NUMBER = re.compile(r"([\u4e00-\u9fff]{1,10}令)\s*第\s*(\d+)\s*号")
_ANNOUNCEMENT = re.compile(r"([\u4e00-\u9fff]{2,12}公告)\s*(\d{4})\s*年\s*第\s*(\d+)\s*号")
_LEADING_WORDS = ("依据", "根据", "按照", "参照", "依照", "以及", "和", "及", "与", "或")


@dataclass(frozen=True, slots=True)
class Citation:
    text: str
    titles: tuple[str, ...]
    article: str | None
    article_number: int | None
    numbers: tuple[str, ...]

    @property
    def has_document(self) -> bool:
        return bool(self.titles or self.numbers)


def _ascii_digits(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", ch) if ch.isdigit() else ch for ch in text)


def normalize_title(title: str) -> str:
    """Without 《》 and spaces; full-width ASCII letters and digits made half-width."""
    title = title.strip().strip("《》")
    return "".join(unicodedata.normalize("NFKC", ch) if "\uff01" <= ch <= "\uff5e" and ch not in "（）" else ch
                   for ch in title if not ch.isspace())


def _strip_leading(prefix: str) -> str:
    changed = True
    while changed:
        changed = False
        for word in _LEADING_WORDS:
            if prefix.startswith(word) and len(prefix) > len(word) + 1:
                prefix, changed = prefix[len(word):], True
    return prefix


def normalize_number(text: str) -> str:
    """国发[2012]45号 → 国发〔2012〕45号; 国令第711号 → 国务院令第711号."""
    text = _ascii_digits("".join(text.split())).translate(_BRACKETS)
    found = _numbers(text)
    return found[0] if found else text


def _numbers(text: str) -> list[str]:
    out = []
    for m in _BRACKET_NUMBER.finditer(text):
        out.append(f"{_strip_leading(m.group(1))}〔{m.group(2)}〕{int(m.group(3))}号")
    for m in _ORDER_NUMBER.finditer(text):
        issuer = _strip_leading(m.group(1))
        issuer = "国务院令" if issuer in ("国令", "国务院令") else issuer
        out.append(f"{issuer}第{int(m.group(2))}号")
    for m in _ANNOUNCEMENT.finditer(text):
        out.append(f"{_strip_leading(m.group(1))}{m.group(2)}年第{int(m.group(3))}号")
    return out


def _titles(text: str) -> tuple[list[str], str]:
    """Outermost 《》 (or 〈〉) titles, and the text outside them."""
    titles: list[str] = []
    outside: list[str] = []
    depth = 0
    current: list[str] = []
    for ch in text:
        if ch in _OPEN:
            if depth:
                current.append(ch)
            depth += 1
        elif ch in _CLOSE and depth:
            depth -= 1
            if depth:
                current.append(ch)
            else:
                title = normalize_title("".join(current))
                if title:
                    titles.append(title)
                current = []
        elif depth:
            current.append(ch)
        else:
            outside.append(ch)
    return titles, "".join(outside)


def parse_citation(text: str) -> Citation:
    """Never raises: what is not recognized is simply absent from the result."""
    titles, outside = _titles(text)
    plain = _ascii_digits("".join(outside.split())).translate(_BRACKETS)
    article = _ARTICLE.search(plain)
    number: int | None = None
    if article:
        raw = article.group(1)
        number = int(raw) if raw.isdigit() else cn_to_int(raw)
    numbers = tuple(dict.fromkeys(_numbers(plain)))
    return Citation(text, tuple(titles), article.group(0) if article else None, number, numbers)
