"""init, impact and coverage: the commands a coordinating office uses besides check."""

from __future__ import annotations

import json

from click.testing import CliRunner

from catalogc.cli import main
from tests.paths import ROOT


def test_init_scaffolds_the_guideline_and_check_lists_what_is_left(tmp_path) -> None:
    runner = CliRunner()
    args = ["init", "--domain", "户籍管理", "--region", "360799", "--department", "溪山县公安局",
            "--effective", "2025-01-01", "-w", str(tmp_path)]
    assert runner.invoke(main, args).exit_code == 0
    path = tmp_path / "catalogs" / "公安局" / "户籍管理.yaml"
    text = path.read_text(encoding="utf-8")
    assert "出生登记" in text and "形成或者变更之日起20个工作日内予以公开" in text
    result = runner.invoke(main, ["check", str(tmp_path), "--format", "json"])
    codes = {d["code"] for d in json.loads(result.output)}
    assert codes == {"C101"}, codes  # only the elements the guideline leaves to the department
    assert runner.invoke(main, args).exit_code == 2  # no silent overwrite
    assert runner.invoke(main, [*args, "--force"]).exit_code == 0


def test_init_refuses_unknown_domains(tmp_path) -> None:
    result = CliRunner().invoke(main, ["init", "--domain", "不存在", "--region", "360799", "--department", "x",
                                       "-w", str(tmp_path)])
    assert result.exit_code == 2


def test_impact_finds_citing_items() -> None:
    result = CliRunner().invoke(main, ["impact", "《法律援助条例》", str(ROOT / "examples" / "broken"), "--format", "json"])
    data = json.loads(result.output)
    assert data["documents"][0]["status"] == "已废止"
    assert [(i["item"], i["line"]) for i in data["items"]] == [("SHJZ-008", 98)]


def test_impact_by_number_and_short_name() -> None:
    runner = CliRunner()
    by_number = json.loads(runner.invoke(main, ["impact", "国发[2012]45号", str(ROOT), "--format", "json"]).output)
    assert len(by_number["items"]) >= 5
    short = json.loads(runner.invoke(main, ["impact", "信息公开条例", str(ROOT), "--format", "json"]).output)
    assert len(short["items"]) >= 10


def test_coverage_of_the_sample_region_is_complete() -> None:
    result = CliRunner().invoke(main, ["coverage", str(ROOT), "--format", "json"])
    rows = json.loads(result.output)
    assert rows and all(r["covered"] == r["entries"] for r in rows)


def test_domains_lists_the_registry() -> None:
    rows = json.loads(CliRunner().invoke(main, ["domains", "--format", "json"]).output)
    assert len(rows) == 26 and any(r["name"] == "社会救助" and r["baseline"] for r in rows)


def _init(tmp_path, domain: str) -> str:
    out = tmp_path / f"{domain}.yaml"
    args = ["init", "--domain", domain, "--region", "360799", "--department", "溪山县民政局", "-o", str(out)]
    assert CliRunner().invoke(main, args).exit_code == 0
    return out.read_text(encoding="utf-8")


def test_init_names_the_townships_where_the_guideline_publishes_at_township_level(tmp_path) -> None:
    text = _init(tmp_path, "社会救助")
    assert "subject: [溪山县民政局, 各乡镇人民政府（街道办事处）]" in text  # 乡级 items: no C112
    assert "subject: 溪山县民政局\n" in _init(tmp_path, "户籍管理")  # 县级 only: the department alone


def test_init_shows_what_check_would_question_as_a_comment(tmp_path) -> None:
    # 市政服务's guideline cites a document the registry may not know: the department verifies it
    text = _init(tmp_path, "市政服务")
    from catalogc.refdata.legal import resolve_text

    if resolve_text("《城镇燃气管理条例》").unknown:
        assert "# 标准指引的公开依据：《城镇燃气管理条例》（法规登记表中没有，请核对名称、文号）" in text
        assert "basis: [《城镇燃气管理条例》]" not in text
    else:
        assert "《城镇燃气管理条例》" in text and "# 标准指引的公开依据" not in text


def test_init_does_not_copy_a_decision_time_limit_longer_than_seven_days(tmp_path) -> None:
    # county tables of 城市综合执法 print 处罚决定：20个工作日内; 双公示 asks 7 working days (C108)
    text = _init(tmp_path, "城市综合执法")
    assert "# 标准目录常见的公开时限：1.除处罚决定外其他内容：长期公开（动态调整）；2.处罚决定：20个工作日内。" in text
    assert "国办发〔2018〕118号" in text and "time_limit: 1." not in text
