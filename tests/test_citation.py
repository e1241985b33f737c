"""Citations: titles, articles and document numbers, and their resolution against the registry."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from catalogc.parse.citation import (
    normalize_number,
    normalize_title,
    parse_citation,
    strip_numbering,
    title_key,
)
from catalogc.refdata import laws, legal
from catalogc.refdata.legal import resolve_text
from tests.test_numerals import to_chinese


@pytest.mark.parametrize(("text", "titles", "article", "number", "numbers"), [
    ("《中华人民共和国政府信息公开条例》（国务院令第711号）第二十条", ("中华人民共和国政府信息公开条例",), "第二十条", 20,
     ("国务院令第711号",)),
    ("《中华人民共和国政府信息公开条例》(国令第711号)", ("中华人民共和国政府信息公开条例",), None, None, ("国务院令第711号",)),
    ("《社会救助暂行办法》第九条", ("社会救助暂行办法",), "第九条", 9, ()),
    ("《社会救助暂行办法》第20条", ("社会救助暂行办法",), "第20条", 20, ()),
    ("《社会救助暂行办法》第二十条第一款", ("社会救助暂行办法",), "第二十条第一款", 20, ()),
    ("《条例》第２０条", ("条例",), "第20条", 20, ()),
    ("〈社会救助暂行办法〉第一百零五条", ("社会救助暂行办法",), "第一百零五条", 105, ()),
    ("国发〔2012〕45号", (), None, None, ("国发〔2012〕45号",)),
    ("国发[2012]45号", (), None, None, ("国发〔2012〕45号",)),
    ("国发【２０１２】４５号", (), None, None, ("国发〔2012〕45号",)),
    ("国发〔2012〕45号；民发〔2012〕220号", (), None, None, ("国发〔2012〕45号", "民发〔2012〕220号")),
    ("《地方预决算公开操作规程》(财预〔2016〕143号)", ("地方预决算公开操作规程",), None, None, ("财预〔2016〕143号",)),
    ("中办发〔2016〕8号、国办发〔2017〕94号", (), None, None, ("中办发〔2016〕8号", "国办发〔2017〕94号")),
    ("中共中央办公厅 国务院办公厅印发《关于全面推进政务公开工作的意见》(中办发〔2016〕8号)",
     ("关于全面推进政务公开工作的意见",), None, None, ("中办发〔2016〕8号",)),
    ("《中共中央办公厅 国务院办公厅印发〈关于全面推进政务公开工作的意见〉的通知》",
     ("中共中央办公厅国务院办公厅印发〈关于全面推进政务公开工作的意见〉的通知",), None, None, ()),
    ("中华人民共和国国务院令第711号", (), None, None, ("国务院令第711号",)),
    ("中华人民共和国政府信息公开条例国务院令第711号", (), None, None, ("国务院令第711号",)),
    ("人力资源市场暂行条例(国务院令第700号)", (), None, None, ("国务院令第700号",)),
    ("住房和城乡建设部令第11号", (), None, None, ("住建部令第11号",)),
    ("国家税务总局关于纳税人权利与义务的公告(2009年第1号)", (), None, None, ("国家税务总局公告2009年第1号",)),
    ("相关政策文件", (), None, None, ()),
    ("《社会救助暂行办法第九条", (), "第九条", 9, ()),  # unclosed: no title, the article still found
    ("", (), None, None, ()),
    ("第十百条", (), None, None, ()),  # not a number: no article, and no error
])
def test_parse_citation(text, titles, article, number, numbers) -> None:
    c = parse_citation(text)
    assert (c.titles, c.article, c.article_number, c.numbers) == (titles, article, number, numbers)
    assert c.text == text
    assert c.has_document == bool(titles or numbers)


def test_has_document() -> None:
    assert parse_citation("国发〔2012〕45号").has_document  # a number alone names a document
    assert parse_citation("《户口登记条例》").has_document
    assert not parse_citation("相关政策文件").has_document
    assert not parse_citation("第二十条").has_document


@pytest.mark.parametrize(("raw", "normalized"), [
    ("国发[2012]45号", "国发〔2012〕45号"), ("国办发（2017）94号", "国办发〔2017〕94号"), ("民发(2012)220号", "民发〔2012〕220号"),
    ("财预［2016］143号", "财预〔2016〕143号"), ("财预 〔2016〕 143 号", "财预〔2016〕143号"), ("国令第711号", "国务院令第711号"),
    ("国务院令第711号", "国务院令第711号"), ("国务院令第七一一号", "国务院令第711号"), ("国发〔2012〕045号", "国发〔2012〕45号"),
    ("人社部令第23号", "人社部令第23号"), ("国家税务总局公告2009年第1号", "国家税务总局公告2009年第1号"),
])
def test_normalize_number(raw: str, normalized: str) -> None:
    assert normalize_number(raw) == normalized


@pytest.mark.parametrize(("raw", "normalized"), [
    ("《社会救助暂行办法》", "社会救助暂行办法"), (" 社会救助 暂行办法 ", "社会救助暂行办法"),
    ("最低生活保障审核审批办法(试行)", "最低生活保障审核审批办法（试行）"), ("最低生活保障审核审批办法（试行）", "最低生活保障审核审批办法（试行）"),
    ("２０１８－２０２０年农机购置补贴实施指导意见", "2018-2020年农机购置补贴实施指导意见"),
    ("建住房〔2007〕258号", "建住房〔2007〕258号"),
])
def test_normalize_title(raw: str, normalized: str) -> None:
    assert normalize_title(raw) == normalized


BRACKETS = ["〔〕", "[]", "【】", "()", "（）", "［］", "〖〗", "﹝﹞"]
FULL = str.maketrans("0123456789", "０１２３４５６７８９")


@given(st.sampled_from(BRACKETS), st.integers(1949, 2099), st.integers(1, 999),
       st.sampled_from(["国发", "国办发", "民发", "财预", "中办发", "建住房", "国办公开办函", "应急厅函"]),
       st.booleans(), st.booleans())
def test_number_bracket_variants_normalize_alike(brackets, year, n, issuer, full, spaced) -> None:
    raw = f"{issuer}{brackets[0]}{year}{brackets[1]}{n}号"
    raw = raw.translate(FULL) if full else raw
    raw = " ".join(raw) if spaced else raw
    assert normalize_number(raw) == f"{issuer}〔{year}〕{n}号"
    assert parse_citation(f"《某某办法》（{raw}）").numbers == (f"{issuer}〔{year}〕{n}号",)


TITLE_CHARS = "社会救助暂行办法条例中华人民共和国政府信息公开关于全面推进工作的意见通知试行第一二十条款号令国发"


@given(st.text(alphabet=TITLE_CHARS, min_size=2, max_size=24), st.integers(1, 999),
       st.sampled_from(["arabic", "full", "chinese"]), st.sampled_from(["《》", "〈〉"]), st.sampled_from(["", "第一款", "第3项"]))
def test_title_and_article_round_trip(title, article, style, quotes, tail) -> None:
    number = {"arabic": str(article), "full": str(article).translate(FULL), "chinese": to_chinese(article)}[style]
    c = parse_citation(f"{quotes[0]}{title}{quotes[1]}第{number}条{tail}")
    assert c.titles == (title,)
    assert c.article_number == article
    assert c.article == f"第{number.translate(str.maketrans('０１２３４５６７８９', '0123456789'))}条{tail}"


@given(st.text(max_size=60))
def test_never_raises(text: str) -> None:
    c = parse_citation(text)
    assert c.has_document == bool(c.titles or c.numbers)
    normalize_number(text)
    normalize_title(text)


@given(st.text(alphabet="《》〈〉〔〕[]【】()第条号令国发务院0123456789二十百零〇", max_size=40))
def test_never_raises_on_near_misses(text: str) -> None:
    parse_citation(text)
    normalize_number(text)


# ---------------------------------------------------------------------------------------------
# Resolution against the law registry (refdata, legal): parsed numbers and titles find their entry.


def test_registry_is_consistent() -> None:
    registry = laws()
    for law in registry.by_id.values():
        assert law.source, law.id
        assert law.replaced_by is None or law.replaced_by in registry.by_id, law.id
        assert law.status in ("有效", "已修订", "已废止")


@pytest.mark.parametrize(("text", "status"), [
    ("《收养法》", "已废止"), ("《信息公开条例》", "有效"), ("《中华人民共和国法律援助条例》", "已废止"),
    ("国发[2012]45号", "有效"), ("《最低生活保障审核审批办法（试行）》", "已废止"), ("《社會救助暫行辦法》", "有效"),
    ("住房和城乡建设部令第11号", "有效"), ("国家税务总局关于纳税人权利与义务的公告(2009年第1号)", "有效"),
])
def test_resolution(text: str, status: str) -> None:
    (law,) = resolve_text(text).laws
    assert law.status == status


@pytest.mark.parametrize(("text", "unclosed", "unopened", "titles"), [
    ("《中华人民共和国政府信息公开条例》《教育部关于推进中小学信息公开工作的意见", ("教育部关于推进中小学信息公开工作的意见",), (),
     ("中华人民共和国政府信息公开条例",)),
    ("《社会救助暂行办法第九条", ("社会救助暂行办法",), (), ()),
    ("中华人民共和国公共文化服务保障法》", (), ("中华人民共和国公共文化服务保障法",), ()),
    ("2.中华人民共和国公共文化服务保障法》《公共图书馆法》", (), ("中华人民共和国公共文化服务保障法",), ("公共图书馆法",)),
    ("《中共中央、国务院转发<中央宣传部、司法部关于在公民中开展法治宣传教育的第七个五年规划(2016-2020年)>》", (), (),
     ("中共中央、国务院转发〈中央宣传部、司法部关于在公民中开展法治宣传教育的第七个五年规划（2016-2020年）〉",)),
])
def test_unclosed_unopened_and_nested(text, unclosed, unopened, titles) -> None:
    c = parse_citation(text)
    assert (c.unclosed, c.unopened, c.titles) == (unclosed, unopened, titles)


@pytest.mark.parametrize(("raw", "stripped"), [
    ("2.建设用地审查报批有关规定", "建设用地审查报批有关规定"), ("●中华人民共和国政府信息公开条例", "中华人民共和国政府信息公开条例"),
    ("2018-2020年农机购置补贴实施指导意见", "2018-2020年农机购置补贴实施指导意见"), ("3《人力资源市场暂行条例》", "《人力资源市场暂行条例》"),
    ("2.【部门规章及规范性文件】《国家基本公共卫生服务规范(第三版)》", "《国家基本公共卫生服务规范(第三版)》"),
])
def test_strip_numbering(raw: str, stripped: str) -> None:
    assert strip_numbering(raw) == stripped


DASHES = "-‐‑‒–—―－~～"
NESTED = ["〈〉", "<>", "‹›", "＜＞", "《》"]


@given(st.integers(1990, 2090), st.integers(1, 9), st.sampled_from(DASHES), st.sampled_from(DASHES),
       st.sampled_from(NESTED), st.sampled_from(["()", "（）"]), st.booleans())
def test_title_key_folds_dash_bracket_and_nesting_variants(start, span, dash_a, dash_b, nested, parens, spaced) -> None:
    def title(dash: str, marks: str, brackets: str) -> str:
        inner = f"关于开展法治宣传教育的规划{brackets[0]}{start}{dash}{start + span}年{brackets[1]}"
        text = f"《中共中央、国务院转发{marks[0]}{inner}{marks[1]}的通知》"
        return " ".join(text) if spaced else text

    key = title_key(parse_citation(title(dash_a, nested, parens)).titles[0])
    assert key == title_key(title(dash_b, "〈〉", "（）"))


@given(st.text(alphabet="《》〈〉<>‹›第条号令2016-—国发关于意见●.、 ", max_size=40))
def test_title_parts_never_raise(text: str) -> None:
    c = parse_citation(text)
    title_key(text)
    strip_numbering(text)
    assert all(c.unclosed) and all(c.unopened)


@pytest.mark.parametrize(("text", "law_id"), [
    ("《中共中央、国务院转发<中央宣传部、司法部关于在公民中开展法治宣传教育的第七个五年规划(2016-2020年)>》", "qiwu-pufa"),
    ("《2018-2020年农机购置补贴实施指导意见》", "nongji-butie-2018"),
    ("《关于推进重大建设项目批准和实施领域政府信息公开的意见》", "zdxm-2017"),
    ("《财政部关于印发<地方预决算公开操作规程>的通知》", "yujuesuan-guicheng-2016"),
    ("《国务院办公厅印发〈关于全面推进政务公开工作的意见〉实施细则的通知》", "zwgk-xize-2016"),
    ("《行政许可法》", "xingzheng-xuke"),
])
def test_variant_titles_resolve(text: str, law_id: str) -> None:
    assert [law.id for law in resolve_text(text).laws] == [law_id]


def test_wrapped_decision_is_not_the_wrapped_document() -> None:
    """《国务院关于修改〈X〉的决定》 amends X; it is not X itself."""
    assert resolve_text("《国务院关于修改<疫苗流通和预防接种管理条例>的决定》").laws == ()


def _near_miss_over_every_key(key: str) -> object:
    """The near-miss lookup as first written: difflib over every title key of the registry."""
    import difflib

    registry = laws()
    for candidate in difflib.get_close_matches(key, tuple(registry.title_keys()), n=3, cutoff=legal.NEAR_MISS_RATIO):
        if abs(len(candidate) - len(key)) <= legal.NEAR_MISS_CHARS:
            hits = registry.lookup_title(candidate)
            if hits:
                return hits[0]
    return None


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_near_misses_compare_only_keys_of_a_reachable_length(data: st.DataObject) -> None:
    """Leaving out the keys whose length alone keeps them under the ratio changes no answer."""
    keys = sorted(laws().title_keys())
    key = data.draw(st.sampled_from(keys))
    for _ in range(data.draw(st.integers(0, 4))):
        at = data.draw(st.integers(0, len(key)))
        edit = data.draw(st.sampled_from(["insert", "delete", "replace"]))
        char = data.draw(st.sampled_from("的和条例办法规定关于工作意见通知县"))
        key = key[:at] + char + key[at:] if edit == "insert" else key[:at] + (char if edit == "replace" else "") + key[at + 1:]
    if len(key) >= 4:
        assert legal._near_miss.__wrapped__(key, laws()) is _near_miss_over_every_key(key)
