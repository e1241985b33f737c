"""公开依据 entries: 《titles》, articles (第二十条 / 第20条) and document numbers (国发〔2012〕45号).

Pure: no I/O; resolving titles and numbers against the law registry is ``refdata``/``legal``'s job.

- Titles are the outermost 《》 (or 〈〉) spans; a nested title stays inside its outer one
  (《…印发〈关于全面推进政务公开工作的意见〉的通知》 is one title), whether it is marked 〈〉, 《》
  or, as many tables type it, ASCII <> or ‹› (written back as 〈〉). An unclosed 《 and a 》 with no
  opening 《 are kept apart (``unclosed``, ``unopened``) so that the rules can propose the fix.
- ``title_key`` is what two titles are compared by: dash variants (2016-2020, 2016—2020) and
  bracket variants fold together, nested-title marks, quotes and 、 drop out.
- Document numbers are normalized so that the registry can be keyed by them: brackets typed
  as [] 【】 () （） ［］ 〖〗 become 〔〕, full-width digits become ASCII, 国令 and
  中华人民共和国国务院令 become 国务院令, a few long ministry names in 令 numbers become the
  short ones the registry uses (住房和城乡建设部令 → 住建部令).
- Articles: 第二十条, 第20条, 第二十条第一款 → the text and the integer 20.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from catalogc.parse.lazy import lazy
from catalogc.parse.normalize import fold
from catalogc.parse.numerals import CN_NUMBER, MAX_LENGTH, cn_to_int

_OPEN, _CLOSE = "《〈", "》〉"
_BRACKETS = str.maketrans({"[": "〔", "]": "〕", "【": "〔", "】": "〕", "(": "〔", ")": "〕", "（": "〔", "）": "〕",
                           "［": "〔", "］": "〕", "〖": "〔", "〗": "〕", "〘": "〔", "〙": "〕", "{": "〔", "}": "〕",
                           "﹝": "〔", "﹞": "〕", "⁅": "〔", "⁆": "〕"})
# Nested-title marks typed inside a 《》 title: written back as 〈〉.
_NESTED = str.maketrans({"<": "〈", ">": "〉", "‹": "〈", "›": "〉", "＜": "〈", "＞": "〉", "«": "〈", "»": "〉"})
# Dashes and hyphens that join year ranges (2016-2020, 2016—2020, 2016～2020) fold to one.
_DASHES = str.maketrans(dict.fromkeys(map(ord, "-‐‑‒–—―－~～−﹣"), "-"))
_KEY_DROP = str.maketrans(dict.fromkeys(map(ord, "《》〈〉<>‹›«»“”\"'‘’「」『』、·•，,"), None))
_NUM = r"(?<![0-9])([0-9]{1,6})(?![0-9])"  # bounded: no int() of a 5000-digit string
_CN_NUM = rf"([0-9]{{1,6}}|{CN_NUMBER})"
_ARTICLE = lazy(rf"第{_CN_NUM}条(?:第(?:[0-9]{{1,6}}|{CN_NUMBER})[款项目])*")
_HAN = r"[\u4e00-\u9fff]"
_BRACKET_NUMBER = lazy(rf"({_HAN}{{1,12}})〔([0-9]{{4}})〕第?{_NUM}号")
_ORDER_NUMBER = lazy(rf"({_HAN}{{1,14}}令)第?{_CN_NUM}号")
_ANNOUNCEMENT = lazy(rf"({_HAN}{{2,30}}公告)〔?([0-9]{{4}})年第?{_NUM}号〕?")
_LEADING_WORDS = ("依据", "根据", "按照", "参照", "依照", "以及", "和", "及", "与", "或", "见")
# Where a run of Chinese before a number holds a document name too, the issuer starts after it:
# 中华人民共和国政府信息公开条例国务院令第711号 → 国务院令.
_TITLE_END = lazy(r"(?:条例|办法|规定|意见|通知|细则|规则|方案|指引|决定|规划|纲要|批复|函|》|〉)")
_ORDER_ISSUERS = {
    "国令": "国务院令", "中华人民共和国国务院令": "国务院令", "国务院令": "国务院令",
    "中华人民共和国主席令": "主席令",
    "住房和城乡建设部令": "住建部令", "中华人民共和国住房和城乡建设部令": "住建部令",
    "人力资源和社会保障部令": "人社部令", "人力资源社会保障部令": "人社部令",
    "中华人民共和国人力资源和社会保障部令": "人社部令",
    "国家市场监督管理总局令": "市场监管总局令", "市场监督管理总局令": "市场监管总局令",
    "国家市场监管总局令": "市场监管总局令",
    "中华人民共和国建设部令": "建设部令",
}


@dataclass(frozen=True, slots=True)
class Citation:
    text: str
    titles: tuple[str, ...]
    article: str | None
    article_number: int | None
    numbers: tuple[str, ...]
    unclosed: tuple[str, ...] = ()  # text after a 《 that is never closed
    unopened: tuple[str, ...] = ()  # text before a 》 that was never opened

    @property
    def has_document(self) -> bool:
        """Whether the entry names a document at all (C109 fires when it does not)."""
        return bool(self.titles or self.numbers)


def _number_value(raw: str) -> int | None:
    """12, 十二 → 12; None for what is not a number (十百) or too long to be one."""
    if len(raw) > MAX_LENGTH:
        return None
    try:
        return int(raw) if raw.isascii() and raw.isdigit() else cn_to_int(raw)
    except ValueError:
        return None


def _ascii_digits(text: str) -> str:
    """Full-width (and other) digits as ASCII: ２０１２ → 2012."""
    out = []
    for ch in text:
        if ch.isdigit() and not ch.isascii():
            folded = unicodedata.normalize("NFKC", ch)
            out.append(folded if folded.isascii() and folded.isdigit() else ch)
        else:
            out.append(ch)
    return "".join(out)


def normalize_title(title: str) -> str:
    """Without 《》 and spaces; full-width ASCII letters and digits made half-width, parentheses made
    Chinese （）, nested-title marks typed as <> or ‹› made 〈〉; Chinese punctuation (〔〕, 〈〉, 、)
    kept as it is."""
    title = "".join(title.split()).strip("《》").translate(_NESTED)
    out = []
    for ch in title:
        if ch in "()":
            out.append("（" if ch == "(" else "）")
        elif "\uff01" <= ch <= "\uff5e" and ch not in "（）":
            out.append(unicodedata.normalize("NFKC", ch))
        else:
            out.append(ch)
    return "".join(out)


def title_key(title: str) -> str:
    """What two titles are compared by: ``fold`` (widths, traditional forms, spaces), one dash for
    every dash and hyphen, （） for every parenthesis, without 《》〈〉<>, quotes and 、.

    《…第七个五年规划(2016-2020年)》 and 《…第七个五年规划（2016—2020年）》 are one document.
    """
    text = fold(title).translate(_DASHES).translate(_KEY_DROP)
    return text.replace("(", "（").replace(")", "）").replace("〔", "（").replace("〕", "）")


def _strip_leading(prefix: str) -> str:
    changed = True
    while changed:
        changed = False
        for word in _LEADING_WORDS:
            if prefix.startswith(word) and len(prefix) > len(word) + 1:
                prefix, changed = prefix[len(word):], True
    return prefix


def _issuer(raw: str) -> str:
    """The issuer part of the Chinese before a number, without a document name or 依据 before it."""
    ends = [m.end() for m in _TITLE_END.finditer(raw) if m.end() < len(raw)]
    if ends:
        raw = raw[ends[-1]:]
    return _strip_leading(raw)


def _order_issuer(raw: str) -> str:
    issuer = _issuer(raw)
    for long, short in sorted(_ORDER_ISSUERS.items(), key=lambda kv: -len(kv[0])):
        if issuer.endswith(long):
            return short
    return issuer


def _announcement_issuer(raw: str) -> str:
    """国家税务总局关于纳税人权利与义务的公告 → 国家税务总局公告."""
    issuer = _issuer(raw[: -len("公告")])
    issuer = issuer.split("关于")[0] if "关于" in issuer else issuer
    return f"{issuer}公告"


def _numbers(plain: str) -> list[str]:
    """Document numbers in bracket-normalized, space-free, ASCII-digit text."""
    found: list[tuple[int, str]] = []
    for m in _BRACKET_NUMBER.finditer(plain):
        found.append((m.start(), f"{_issuer(m.group(1))}〔{m.group(2)}〕{int(m.group(3))}号"))
    for m in _ORDER_NUMBER.finditer(plain):
        value = _number_value(m.group(2))
        if value is not None:
            found.append((m.start(), f"{_order_issuer(m.group(1))}第{value}号"))
    for m in _ANNOUNCEMENT.finditer(plain):
        found.append((m.start(), f"{_announcement_issuer(m.group(1))}{m.group(2)}年第{int(m.group(3))}号"))
    return [number for _, number in sorted(found)]


def _plain(text: str) -> str:
    return _ascii_digits("".join(text.split())).translate(_BRACKETS)


def normalize_number(text: str) -> str:
    """国发[2012]45号 → 国发〔2012〕45号; 国令第711号 → 国务院令第711号; text without a number: spaces
    removed, brackets and digits normalized."""
    plain = _plain(text)
    found = _numbers(plain)
    return found[0] if found else plain


_SEPARATORS = "、，,；;。 \t\n●•·■□◆◇★☆"
_NUMBERING = lazy(r"^[（(]?(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})(?:[.、．。）)]|(?=[《【]))")


def strip_numbering(text: str) -> str:
    """Without the list numbering, bullets and 依据 words a table prints before an entry:
    2.建设用地审查报批有关规定 → 建设用地审查报批有关规定; ●中华… → 中华…; 根据… → …."""
    text = text.strip().lstrip(_SEPARATORS)
    text = _NUMBERING.sub("", text).strip().lstrip(_SEPARATORS)
    text = re.sub(r"^【[^】]{1,20}】", "", text)
    return _strip_leading(text)


def _fragment_before(outside: list[str]) -> str:
    """The text just before a stray 》: back to the last separator, without numbering or 依据 words."""
    text = "".join(outside)
    cut = max(text.rfind(ch) for ch in _SEPARATORS)
    text = _NUMBERING.sub("", text[cut + 1:].strip())
    return _strip_leading(text)


def _titles(text: str) -> tuple[list[str], str, list[str], list[str]]:
    """Outermost 《》 (or 〈〉) titles, the text outside them (an unclosed 《 counts as outside), the
    unclosed titles and the texts before a 》 that no 《 opened."""
    titles: list[str] = []
    outside: list[str] = []
    unclosed: list[str] = []
    unopened: list[str] = []
    depth = 0
    current: list[str] = []
    for ch in text:
        if ch in _OPEN:
            if depth:
                current.append(ch)
            else:
                current = []
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
        elif ch == "》":
            fragment = _fragment_before(outside)
            if fragment:
                unopened.append(normalize_title(fragment))
                del outside[len(outside) - len(fragment):]
        else:
            outside.append(ch)
    if depth:  # 《社会救助暂行办法第九条: no title, but its article and numbers still count
        outside.extend(current)
        rest = normalize_title("".join(current))
        rest = _ARTICLE.split(_plain(rest), maxsplit=1)[0] if rest else rest
        if rest:
            unclosed.append(normalize_title(rest))
    return titles, "".join(outside), unclosed, unopened


def parse_citation(text: str) -> Citation:
    """Titles, the first article and the document numbers of one basis entry. Never raises: what is
    not recognized is simply absent from the result."""
    if not isinstance(text, str):
        return Citation(str(text), (), None, None, ())
    titles, outside, unclosed, unopened = _titles(text)
    plain = _plain(outside)
    article: str | None = None
    number: int | None = None
    for match in _ARTICLE.finditer(plain):
        number = _number_value(match.group(1))
        if number is not None:
            article = match.group(0)
            break
    numbers = tuple(dict.fromkeys(_numbers(plain)))
    return Citation(text, tuple(dict.fromkeys(titles)), article, number, numbers, tuple(unclosed), tuple(unopened))
