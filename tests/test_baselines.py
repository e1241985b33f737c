"""Guideline baselines (refdata/data/guidelines/*.yaml): one per registered domain, sourced, canonical.

Each baseline lists the first- and second-level items of a ministry's standard guideline and the
elements it fixes; `catalogc init` starts a catalog from it and C205 checks a county against it.
"""

from __future__ import annotations

import re
from importlib import resources

import pytest
import yaml
from click.testing import CliRunner

from catalogc import refdata
from catalogc.cli import main

pytestmark = pytest.mark.full_baselines

DOMAINS = [d.name for d in refdata.domains().domains]
# the keys a baseline item may carry: its labels and the elements a guideline can fix
ITEM_KEYS = {"name", "sub", "aliases", "content", "basis", "time_limit", "channels", "audience", "audience_note",
             "method", "level"}
# a web address as the header comments give them (scheme omitted), e.g. www.zs.gov.cn/sjz/…
ADDRESS = re.compile(r"(?:[a-z0-9-]+\.)+(?:gov\.cn|com\.cn|com|cn|net|org)(?::\d+)?/\S*", re.IGNORECASE)


def _files() -> dict[str, str]:
    """Baseline file text by the domain it declares."""
    folder = resources.files("catalogc.refdata").joinpath("data", "guidelines")
    out = {}
    for entry in folder.iterdir():
        if entry.name.endswith(".yaml"):
            text = entry.read_text(encoding="utf-8")
            out[yaml.safe_load(text)["domain"]] = text
    return out


def _header(text: str) -> str:
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line)
    return "\n".join(lines)


def _rows(domain: str) -> list[dict]:
    return yaml.safe_load(_files()[domain])["items"]


def test_every_registered_domain_has_a_baseline() -> None:
    found = refdata.guidelines()
    assert sorted(set(DOMAINS) - set(found)) == []
    assert sorted(set(found) - set(DOMAINS)) == []  # no baseline for a domain the registry does not know


def test_each_file_is_named_after_its_domain() -> None:
    folder = resources.files("catalogc.refdata").joinpath("data", "guidelines")
    names = {e.name: yaml.safe_load(e.read_text(encoding="utf-8"))["domain"]
             for e in folder.iterdir() if e.name.endswith(".yaml")}
    assert [n for n, domain in names.items() if n != f"{domain}.yaml"] == []
    assert len(names) == len(set(names.values()))  # one file per domain: a second would silently replace the first


@pytest.mark.parametrize("domain", DOMAINS)
def test_baseline_loads_and_names_its_source(domain: str) -> None:
    guideline = refdata.guidelines()[domain]
    assert guideline.document.strip(), "the guideline's document number or title"
    assert guideline.items, "at least one item"
    header = _header(_files()[domain])
    assert domain in header and ADDRESS.search(header), "a header comment naming the source and its address"


@pytest.mark.parametrize("domain", DOMAINS)
def test_baseline_uses_canonical_vocabulary_only(domain: str) -> None:
    vocabularies = {"channels": refdata.channels(), "audience": refdata.audiences(), "method": refdata.methods(),
                    "level": refdata.levels()}
    for row in _rows(domain):
        assert set(row) <= ITEM_KEYS, (row["name"], set(row) - ITEM_KEYS)
        for key, vocabulary in vocabularies.items():
            for value in row.get(key, ()):
                canonical, alias = vocabulary.resolve(value)
                assert (canonical, alias) == (value, False), (row["name"], key, value)
        if "特定群体" in row.get("audience", ()):
            assert row.get("audience_note"), (row["name"], "特定群体 names its group")
        assert isinstance(row.get("basis", []), list) and isinstance(row.get("content", ""), str)


@pytest.mark.parametrize("domain", DOMAINS)
def test_item_labels_and_aliases_are_distinct(domain: str) -> None:
    rows = _rows(domain)
    labels = [f"{r['name']}/{r['sub']}" if r.get("sub") else r["name"] for r in rows]
    assert len(labels) == len(set(labels)), labels
    seen: set[str] = set()
    for row, label in zip(rows, labels, strict=True):
        aliases = row.get("aliases", [])
        assert isinstance(aliases, list)
        for alias in aliases:
            # an alias is a label as tables print it: 一级/二级, or 一级 alone
            assert isinstance(alias, str) and alias.strip() and alias.count("/") <= 1, alias
            assert alias not in labels, (label, alias)  # an alias never names another item of the baseline
            assert alias not in seen, alias
            seen.add(alias)


def test_registry_guideline_numbers_match_the_baselines() -> None:
    baselines = refdata.guidelines()
    mismatched = [(d.name, d.guideline, baselines[d.name].document)
                  for d in refdata.domains().domains if d.guideline and baselines[d.name].document != d.guideline]
    assert mismatched == []


def test_finance_baseline_is_the_standard_guideline_not_the_operating_procedure() -> None:
    # 财预〔2016〕143号 (地方预决算公开操作规程) is a basis the tables cite, not the standard guideline
    assert refdata.guidelines()["财政预决算"].document == "财办发〔2019〕77号"
    assert refdata.domains().get("财政预决算").guideline == "财办发〔2019〕77号"


@pytest.mark.parametrize("printed, domain", [("农村集体土地征收", "征地补偿"), ("救灾生产", "救灾"),
                                             ("涉贫涉乡村振兴", "扶贫"), ("生态环境", "环境保护")])
def test_domains_resolve_under_the_names_tables_print(printed: str, domain: str) -> None:
    assert refdata.domains().resolve(printed) == domain


@pytest.mark.parametrize("domain", DOMAINS)
def test_init_scaffolds_every_domain(domain: str, tmp_path) -> None:
    out = tmp_path / "catalogs" / "x" / f"{domain}.yaml"
    result = CliRunner().invoke(main, ["init", "--domain", domain, "--region", "360799",
                                       "--department", "溪山县X局", "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["domain"] == domain
    items = refdata.guidelines()[domain].items
    assert [(i["name"], i.get("sub")) for i in data["items"]] == [(i.name, i.sub) for i in items]
    assert all("aliases" not in i for i in data["items"])  # aliases describe the baseline, not the catalog


def test_domains_command_reports_a_baseline_for_every_domain() -> None:
    import json

    rows = json.loads(CliRunner().invoke(main, ["domains", "--format", "json"]).output)
    assert [r["name"] for r in rows if not r["baseline"]] == []


# what a department writes into the elements init leaves blank, in the template's own wording
FILLED = {"content": "办理条件、办理流程、办理结果", "basis": "[《中华人民共和国政府信息公开条例》]",
          # the 重大建设项目 guideline's two-part limit: items about 许可/处罚 decisions also meet 双公示 (C108)
          "time_limit": "信息形成20个工作日内公开;其中行政许可、行政处罚事项应自作出行政决定之日起7个工作日内公示",
          "method": "[主动]", "channels": "[政府网站]",
          "audience": "[全社会]", "level": "[县级]"}


def test_init_output_checks_clean_in_every_domain(tmp_path) -> None:
    """A fresh catalog draws no warning or info with the full rule set: only C101 for the elements the
    guideline leaves to the department, and nothing at all once those are written."""
    import json

    runner = CliRunner()
    for domain in DOMAINS:
        args = ["init", "--domain", domain, "--region", "360799", "--department", "溪山县X局",
                "--effective", "2025-01-01", "-o", str(tmp_path / "catalogs" / "x" / f"{domain}.yaml")]
        assert runner.invoke(main, args).exit_code == 0, domain
    found = json.loads(runner.invoke(main, ["check", str(tmp_path), "--format", "json"]).output)
    assert [(d["file"], d["line"], d["code"], d["message"]) for d in found if d["code"] != "C101"] == []
    for path in (tmp_path / "catalogs" / "x").iterdir():
        text = path.read_text(encoding="utf-8")
        for key, value in FILLED.items():
            text = text.replace(f'    {key}: ""  # 待填写', f"    {key}: {value}")
        path.write_text(text, encoding="utf-8")
    found = json.loads(runner.invoke(main, ["check", str(tmp_path), "--format", "json"]).output)
    assert [(d["file"], d["line"], d["code"], d["message"]) for d in found] == []
