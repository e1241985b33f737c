"""Citations: titles, articles and document numbers, and their resolution against the registry."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from catalogc.citation import normalize_number, parse_citation
from catalogc.legal import resolve_text
from catalogc.numerals import cn_to_int
from catalogc.refdata import laws


@pytest.mark.parametrize(("text", "value"), [("十", 10), ("二十", 20), ("十五", 15), ("一百零五", 105), ("两", 2),
                                             ("三十", 30), ("二〇二四", 2024), ("一千二百", 1200)])
def test_chinese_numerals(text: str, value: int) -> None:
    assert cn_to_int(text) == value


def test_parse_citation() -> None:
    c = parse_citation("《中华人民共和国政府信息公开条例》（国务院令第711号）第二十条")
    assert c.titles == ("中华人民共和国政府信息公开条例",) and c.article_number == 20 and c.numbers == ("国务院令第711号",)
    nested = parse_citation("《中共中央办公厅 国务院办公厅印发〈关于全面推进政务公开工作的意见〉的通知》（中办发〔2016〕8号）")
    assert len(nested.titles) == 1 and nested.numbers == ("中办发〔2016〕8号",)
    assert not parse_citation("相关政策文件").has_document
    assert parse_citation("国令第711号").numbers == ("国务院令第711号",)


@given(st.sampled_from(["〔〕", "[]", "【】", "()", "（）", "［］"]), st.integers(2000, 2030), st.integers(1, 999),
       st.sampled_from(["国发", "国办发", "民发", "财预", "中办发"]))
def test_number_bracket_variants_normalize_alike(brackets: str, year: int, n: int, issuer: str) -> None:
    assert normalize_number(f"{issuer}{brackets[0]}{year}{brackets[1]}{n}号") == f"{issuer}〔{year}〕{n}号"


@given(st.text(alphabet="社会救助暂行办法条例中华人民共和国", min_size=2, max_size=20), st.integers(1, 199),
       st.booleans())
def test_title_and_article_round_trip(title: str, article: int, arabic: bool) -> None:
    from tests.test_timelimit import chinese

    number = str(article) if arabic else chinese(article)
    c = parse_citation(f"《{title}》第{number}条")
    assert c.titles == (title,) and c.article_number == article


@given(st.text(max_size=60))
def test_never_raises(text: str) -> None:
    parse_citation(text)


def test_registry_is_consistent() -> None:
    registry = laws()
    for law in registry.by_id.values():
        assert law.source, law.id
        assert law.replaced_by is None or law.replaced_by in registry.by_id, law.id
        assert law.status in ("有效", "已修订", "已废止")


@pytest.mark.parametrize(("text", "status"), [
    ("《收养法》", "已废止"), ("《信息公开条例》", "有效"), ("《中华人民共和国法律援助条例》", "已废止"),
    ("国发[2012]45号", "有效"), ("《最低生活保障审核审批办法（试行）》", "已废止"), ("《社會救助暫行辦法》", "有效"),
])
def test_resolution(text: str, status: str) -> None:
    (law,) = resolve_text(text).laws
    assert law.status == status
