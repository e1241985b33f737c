"""An office workspace assembling its region: two folder sources, one git source at a tag, and the
office's own township catalogs (docs/offices.md)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from catalogc.cli import main
from catalogc.model.schema import bundle_schema
from tests.paths import ROOT
from tests.rules import BASE, edit

REGIONS = (ROOT / "catalogc.toml").read_text(encoding="utf-8").split("[regions]", 1)[1]
LOCAL_LAW = "basis: [《溪山县社会救助工作细则》]"  # a county document in no registry: C110


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                          capture_output=True, text=True, check=True)
    return done.stdout.strip()


def git_source(repo: Path, files: dict[str, str], tag: str) -> str:
    """A repository whose ``tag`` holds ``files``; a later commit breaks them, which the tag must not show."""
    for rel, text in files.items():
        (repo / rel).parent.mkdir(parents=True, exist_ok=True)
        (repo / rel).write_text(text, encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "catalogs")
    git(repo, "tag", tag)
    commit = git(repo, "rev-parse", "HEAD")
    folder = next(rel.rsplit("/", 1)[0] for rel in sorted(files) if rel.endswith(".yaml"))
    (repo / folder / "later.yaml").write_text("format: 1\nitems: [\n", encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "after the tag")
    return commit


def copy(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(src, dst) if src.is_dir() else shutil.copyfile(src, dst)


OFFICE_TOML = """\
[regions]{regions}
[[sources]]
name = "民政局"
path = "../minzheng"

[[sources]]
name = "人社局"
path = "../renshe"

[[sources]]
name = "教育局"
git = "../jiaoyu"
ref = "v2024.2"
"""


@pytest.fixture(scope="module")
def region(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The office with its sources; the sample region's catalogs and lists split among them."""
    base = tmp_path_factory.mktemp("region")
    office, minzheng, renshe, jiaoyu = (base / n for n in ("office", "minzheng", "renshe", "jiaoyu"))
    copy(ROOT / "catalogs" / "乡镇", office / "catalogs" / "乡镇")
    (office / "catalogc.toml").write_text(OFFICE_TOML.format(regions=REGIONS), encoding="utf-8")
    copy(ROOT / "catalogs" / "民政局", minzheng / "catalogs" / "民政局")
    copy(ROOT / "lists" / "services" / "民政局.csv", minzheng / "lists" / "services" / "民政局.csv")
    # the department ignores C110 for its own files: a county rule it cites is none of the office's business
    (minzheng / "catalogc.toml").write_text('[check]\nignore = ["C110"]\n', encoding="utf-8")
    (minzheng / "catalogs" / "民政局" / "细则.yaml").write_text(
        edit("id: SHJZ-001", "id: MZ-900", edit("name: 最低生活保障", "name: 工作细则",
             edit("basis: [《社会救助暂行办法》第九条]", LOCAL_LAW))), encoding="utf-8")
    copy(ROOT / "catalogs" / "人力资源和社会保障局", renshe / "catalogs" / "人力资源和社会保障局")
    for kind in ("powers", "services"):
        copy(ROOT / "lists" / kind / "人力资源和社会保障局.csv", renshe / "lists" / kind / "人力资源和社会保障局.csv")
    education = (ROOT / "catalogs" / "教育体育局" / "义务教育.yaml").read_text(encoding="utf-8")
    extra = edit("id: SHJZ-001", "id: JY-900", edit("name: 最低生活保障", "name: 学生资助",
                 edit("department: 溪山县民政局", "department: 溪山县教育体育局",
                      edit("subject: 溪山县民政局", "subject: 溪山县教育体育局", edit("basis: [《社会救助暂行办法》第九条]", LOCAL_LAW)))))
    commit = git_source(jiaoyu, {"catalogs/教育体育局/义务教育.yaml": education, "catalogs/教育体育局/资助.yaml": extra},
                        "v2024.2")
    return office, commit


def check(office: Path, *options: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", str(office), *options])
    return result.exit_code, result.output


def test_one_region_of_every_source_with_provenance(region) -> None:
    office, commit = region
    status, output = check(office, "--format", "json")
    assert status == 0, output
    # no false C302/C304 (each source's lists are read), no false C206; the one C110 is the git source's:
    # the department that ignores C110 keeps it ignored for its own files only
    assert json.loads(output) == [{
        "code": "C110", "rule": "basis-unknown", "severity": "info", "file": "catalogs/教育体育局/资助.yaml",
        "line": 9, "column": 13, "item": "JY-900",
        "message": json.loads(output)[0]["message"], "hint": json.loads(output)[0]["hint"],
        "source": "教育局", "commit": commit,
    }]


def test_the_tag_is_read_not_the_working_tree(region) -> None:
    office, _ = region
    status, output = check(office)
    assert "later.yaml" not in output and status == 0


def test_text_groups_by_source(region, tmp_path: Path) -> None:
    office, commit = region
    status, output = check(office)
    assert f"来源 教育局（git ../jiaoyu @ {commit[:12]}）" in output
    assert "catalogs/教育体育局/资助.yaml\n  9:13" in output
    assert "   9 │     basis: [《溪山县社会救助工作细则》]" in output  # the line quoted from the blob at the tag
    assert "个文件" in output


def test_the_office_counts_every_file(region) -> None:
    office, _ = region
    from catalogc.check.engine import check_workspace
    from catalogc.check.prepare import prepare

    workspace, settings = prepare(office)
    result = check_workspace(workspace, settings, jobs=1)
    own, minzheng, renshe = (len(list((office.parent / f / "catalogs").rglob("*.yaml")))
                             for f in ("office", "minzheng", "renshe"))
    assert result.files == own + minzheng + renshe + 2  # and 教育局's two at the tag, not its later commit
    assert {s.name for s in result.office.sources} == {"民政局", "人社局", "教育局"}


def test_parallel_and_serial_agree(region, monkeypatch) -> None:
    office, _ = region
    from catalogc.check import assembly
    from catalogc.check.engine import check_workspace
    from catalogc.check.prepare import prepare

    monkeypatch.setattr(assembly, "PARALLEL_MIN_FILES", 1)
    serial = check_workspace(*prepare(office), jobs=1)
    parallel = check_workspace(*prepare(office), jobs=2)
    assert serial.diagnostics == parallel.diagnostics and serial.facts == parallel.facts


def test_build_carries_provenance_and_verifies(region, tmp_path: Path, monkeypatch) -> None:
    office, commit = region
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    outs = [tmp_path / "one", tmp_path / "two"]
    for out in outs:
        result = CliRunner().invoke(main, ["build", str(office), "-o", str(out), "--no-site", "--no-excel"])
        assert result.exit_code == 0, result.output
        assert CliRunner().invoke(main, ["verify", str(out)]).exit_code == 0
    files = sorted(p.relative_to(outs[0]) for p in outs[0].rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(outs[1]) for p in outs[1].rglob("*") if p.is_file())
    assert all((outs[0] / f).read_bytes() == (outs[1] / f).read_bytes() for f in files)  # deterministic
    education = json.loads((outs[0] / "catalogs" / "360799" / "义务教育.json").read_text(encoding="utf-8"))
    assert {(i["source"]["name"], i["source"]["commit"]) for i in education["items"]} == {("教育局", commit)}
    assert all(i["source"]["file"].startswith("catalogs/教育体育局/") for i in education["items"])
    index = json.loads((outs[0] / "index.json").read_text(encoding="utf-8"))
    by_file = {c["file"]: c for c in index["catalogs"]}
    assert by_file["../minzheng/catalogs/民政局/社会救助.yaml"]["source"] == "民政局"
    assert "commit" not in by_file["../minzheng/catalogs/民政局/社会救助.yaml"]
    town = next(c for f, c in by_file.items() if f.startswith("catalogs/乡镇/"))
    assert "source" not in town  # the office's own files carry no source
    assert index["regions"]["360799"] == "溪山县"
    validator = jsonschema.Draft202012Validator(bundle_schema())  # the schema generated from the models
    for path in outs[0].rglob("*.json"):
        if path.name != "manifest.json":
            validator.validate(json.loads(path.read_text(encoding="utf-8")))
    # the sources' items were spooled, stamped: the same files as a build holding them in memory
    import catalogc.publish.build as module
    from catalogc.publish.compile import compile_catalog
    from catalogc.publish.spool import Spooled

    sent: list[object] = []
    checked = module.check_workspace

    def check(*args, **kwargs):  # type: ignore[no-untyped-def]
        result = checked(*args, **kwargs)
        sent.extend(items for _, items in result.compiled)
        return result

    monkeypatch.setattr(module, "check_workspace", check)
    assert CliRunner().invoke(main, ["build", str(office), "-o", str(tmp_path / "spy"), "--no-site"]).exit_code == 0
    assert sent and all(isinstance(items, Spooled) or items == [] for items in sent)
    monkeypatch.setattr(module, "spooler", lambda folder: compile_catalog)
    held = tmp_path / "held"
    result = CliRunner().invoke(main, ["build", str(office), "-o", str(held), "--no-site", "--no-excel"])
    assert result.exit_code == 0, result.output
    assert files == sorted(p.relative_to(held) for p in held.rglob("*") if p.is_file())
    assert all((outs[0] / f).read_bytes() == (held / f).read_bytes() for f in files)


# ---------------------------------------------------------------- conflicts between sources

POWERS = "编码,事项名称,权力类型,实施主体,设定依据,领域\n360799-GF-0002,最低生活保障金给付,行政给付,溪山县民政局,《社会救助暂行办法》第九条,社会救助\n"


def conflicts(tmp_path: Path, office_toml: str = "", source_toml: str = "") -> Path:
    """The office's own 民政局 catalog (BASE), a folder source 甲 repeating it, and a git source 乙 of
    another department and region disclosing the same power entry."""
    office, folder, repo = tmp_path / "office", tmp_path / "甲", tmp_path / "乙"
    mine = edit("    level: [县级]\n", "    level: [县级]\n    powers: [\"360799-GF-0002\"]\n")
    files = {office / "catalogs" / "a.yaml": mine, office / "lists" / "powers" / "p.csv": POWERS,
             folder / "catalogs" / "b.yaml": BASE}
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    other = edit('region: "360799"', 'region: "360702"', edit("department: 溪山县民政局", "department: 溪山县财政局",
                 edit("subject: 溪山县民政局", "subject: 溪山县财政局", edit("id: SHJZ-001", "id: CZ-001",
                      edit("name: 最低生活保障", "name: 资金发放", mine)))))
    git_source(repo, {"catalogs/c.yaml": other, **({"catalogc.toml": source_toml} if source_toml else {})}, "v1")
    (office / "catalogc.toml").write_text(
        office_toml + '[regions]\n"360799" = "溪山县"\n\n[[sources]]\nname = "甲"\npath = "../甲"\n\n'
        '[[sources]]\nname = "乙"\ngit = "../乙"\nref = "v1"\n', encoding="utf-8")
    return office


def findings(office: Path) -> list[tuple[str | None, str, int, int, str]]:
    status, output = check(office, "--format", "json")
    assert status in (0, 1), output
    return [(d.get("source"), d["file"], d["line"], d["column"], d["code"]) for d in json.loads(output)]


def test_each_conflict_is_caught_where_it_lies(tmp_path: Path) -> None:
    found = findings(conflicts(tmp_path))
    assert ("甲", "../甲/catalogs/b.yaml", 3, 13, "C401") in found  # the same department
    assert ("甲", "../甲/catalogs/b.yaml", 6, 9, "C402") in found  # the same id in 360799 × 养老服务
    assert ("甲", "../甲/catalogs/b.yaml", 7, 11, "C403") in found  # the same name and sub
    assert ("乙", "catalogs/c.yaml", 16, 14, "C404") in found  # 360799-GF-0002 disclosed by 财政局 too
    assert ("乙", "catalogs/c.yaml", 2, 9, "C405") in found  # 360702 is not the office's
    # within one source duplicates are C201/C202; across sources only C402/C403 speak
    assert not [f for f in found if f[4] in ("C201", "C202")]


def test_registry_disagreement(tmp_path: Path) -> None:
    law = '[[laws]]\ntitle = "溪山县社会救助工作细则"\nstatus = "{}"\n'
    office = conflicts(tmp_path, law.format("有效"), '[regions]\n"360799" = "溪山区"\n\n' + law.format("已废止"))
    c406 = [f for f in findings(office) if f[4] == "C406"]
    assert c406 == [("乙", "catalogc.toml", 2, 1, "C406"), ("乙", "catalogc.toml", 4, 1, "C406")]
    messages = [d["message"] for d in json.loads(check(office, "--format", "json")[1]) if d["code"] == "C406"]
    assert messages == ["区划代码 360799 在这里叫“溪山区”，在“本工作区”的设置中叫“溪山县”",
                        "文件“溪山县社会救助工作细则”在这里是“已废止”（取代文件 —），在“本工作区”的设置中是“有效”（取代文件 —）"]


def test_office_region_prefix(tmp_path: Path) -> None:
    office = conflicts(tmp_path, '[office]\nregion = "3607"\n\n')
    assert not [f for f in findings(office) if f[4] == "C405"]  # 360702 starts with 3607


def test_a_source_cannot_silence_a_conflict(tmp_path: Path) -> None:
    office = conflicts(tmp_path)
    (tmp_path / "甲" / "catalogc.toml").write_text('[check]\nignore = ["C4"]\n', encoding="utf-8")
    assert ("甲", "../甲/catalogs/b.yaml", 6, 9, "C402") in findings(office)
    status, output = check(office, "--format", "json", "--ignore", "C402")  # the office's own choice
    assert "C402" not in output and "C401" in output


# ---------------------------------------------------------------- bad sources: exit 2, file and line

@pytest.mark.parametrize(("entry", "says"), [
    ('name = "丙"\ngit = "../乙"\nref = "v9"\n', "没有 ref“v9”"),
    ('name = "丙"\ngit = "../甲"\nref = "v1"\n', "不是 git 仓库"),
    ('name = "丙"\ngit = "https://example.org/x.git"\nref = "v1"\n', "git clone --mirror"),
    ('name = "丙"\npath = "../无此目录"\n', "找不到文件夹"),
    ('name = "丙"\npath = "."\n', "重叠"),
    ('name = "丙"\npath = "../甲"\nref = "v1"\n', "只用于 git 来源"),
    ('name = "丙"\n', "须给出且只给出一个"),
    ('name = "a:b"\npath = "../甲"\n', "不能含"),
    ('name = "甲"\npath = "../甲"\n', "来源名称重复"),
    ('name = "丙"\npath = "../甲"\ncolour = 1\n', "未知的键"),
])
def test_bad_sources_are_exit_2_with_file_and_line(tmp_path: Path, entry: str, says: str) -> None:
    office = conflicts(tmp_path)
    toml = office / "catalogc.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + "\n[[sources]]\n" + entry, encoding="utf-8")
    line = toml.read_text(encoding="utf-8").splitlines().index("[[sources]]", 10) + 1
    result = CliRunner().invoke(main, ["check", str(office)])
    assert result.exit_code == 2, result.output
    assert says in result.output and "内部错误" not in result.output
    if says != "来源名称重复":  # a problem of the whole list has no one table to point at
        assert f"catalogc.toml:{line}：" in result.output


def test_nested_offices_are_refused(tmp_path: Path) -> None:
    office = conflicts(tmp_path)
    (tmp_path / "丙").mkdir()
    (tmp_path / "丙" / "catalogc.toml").write_text('[[sources]]\nname = "丁"\npath = "../甲"\n', encoding="utf-8")
    toml = office / "catalogc.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + '\n[[sources]]\nname = "丙"\npath = "../丙"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(office)])
    assert result.exit_code == 2 and "只支持一层来源" in result.output


def test_sarif_and_github_name_git_sources(tmp_path: Path) -> None:
    office = conflicts(tmp_path)
    sarif = json.loads(check(office, "--format", "sarif")[1])
    run = sarif["runs"][0]
    located = {(r["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"],
                r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]) for r in run["results"]}
    assert ("SOURCE:乙", "catalogs/c.yaml") in located
    assert "SOURCE:乙" in run["originalUriBaseIds"]
    github = check(office, "--format", "github")[1]
    assert "::error title=C405 source-outside-region::[乙 @ " in github


def test_an_office_needs_no_catalogs_of_its_own(tmp_path: Path) -> None:
    conflicts(tmp_path)
    office = tmp_path / "bare-office"
    office.mkdir()
    (office / "catalogc.toml").write_text('[[sources]]\nname = "甲"\npath = "../甲"\n', encoding="utf-8")
    status, output = check(office, "--format", "json")
    assert status == 0 and json.loads(output) == []
    status, output = check(office)
    assert "1 个文件，1 个事项" in output


def test_headings_in_english(region) -> None:
    office, commit = region
    status, output = check(office, "--lang", "en")
    assert f"source 教育局 (git ../jiaoyu @ {commit[:12]})" in output


def test_gitlab_names_git_sources(tmp_path: Path) -> None:
    issues = json.loads(check(conflicts(tmp_path), "--format", "gitlab")[1])
    paths = {i["location"]["path"] for i in issues}
    assert {"乙:catalogs/c.yaml", "../甲/catalogs/b.yaml"} <= paths
    assert all(i["description"].startswith("[乙 @ ") for i in issues if i["location"]["path"].startswith("乙:"))


def test_links_in_a_git_source_are_never_followed(tmp_path: Path) -> None:
    office = conflicts(tmp_path)
    repo = tmp_path / "乙"
    (repo / "catalogs" / "link.yaml").symlink_to("/etc/hostname")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "a link")
    git(repo, "tag", "-f", "v1")
    assert ("乙", "catalogs/link.yaml", 1, 1, "C005") in findings(office)


def test_a_catalog_over_the_source_limit_is_not_read(tmp_path: Path) -> None:
    office = conflicts(tmp_path, source_toml="[check.limits]\nmax-bytes = 100\n")
    assert ("乙", "catalogs/c.yaml", 1, 1, "C005") in findings(office)


@given(st.lists(st.sampled_from(["a = 1", "[check]", "# [[sources]]", "", '"x" = "[[sources]]"', "[[laws]]"]),
                max_size=6), st.integers(min_value=0, max_value=3))
def test_table_line_finds_the_nth_table(filler: list[str], nth: int) -> None:
    from catalogc.load.config import table_line

    lines = [*filler]
    for n in range(nth + 1):
        lines += ["[[sources]]", f'name = "s{n}"', *filler]
    expected = [i for i, line in enumerate(lines, start=1) if line == "[[sources]]"][nth]
    assert table_line("\n".join(lines), ("sources", nth, "name")) == expected


def test_build_never_writes_into_a_source(tmp_path: Path) -> None:
    office = conflicts(tmp_path)
    for out in (tmp_path / "甲" / "out", tmp_path / "乙" / "out", tmp_path):
        result = CliRunner().invoke(main, ["build", str(office), "-o", str(out), "--allow-errors"])
        assert result.exit_code == 2 and "不能发布到" in result.output, result.output
    assert not (tmp_path / "甲" / "out").exists() and not (tmp_path / "乙" / "out").exists()


def test_a_sources_per_path_ignores_match_its_own_paths(tmp_path: Path) -> None:
    office = conflicts(tmp_path)
    (tmp_path / "甲" / "catalogs" / "b.yaml").write_text(edit("basis: [《社会救助暂行办法》第九条]", LOCAL_LAW), encoding="utf-8")
    assert ("甲", "../甲/catalogs/b.yaml", 9, 13, "C110") in findings(office)
    (tmp_path / "甲" / "catalogc.toml").write_text('[check.per-path-ignores]\n"catalogs/b.yaml" = ["C110"]\n',
                                                  encoding="utf-8")
    assert not [f for f in findings(office) if f[4] == "C110"]


def test_two_checks_are_byte_identical(tmp_path: Path) -> None:
    office = conflicts(tmp_path)
    for fmt in ("json", "text", "sarif"):
        assert check(office, "--format", fmt) == check(office, "--format", fmt)


def test_a_workspace_in_a_subfolder_of_a_bare_repository(tmp_path: Path) -> None:
    office = conflicts(tmp_path)
    work = tmp_path / "丁"
    text = edit('region: "360799"', 'region: "360702"', edit("department: 溪山县民政局", "department: 溪山县农业农村局",
                edit("subject: 溪山县民政局", "subject: 溪山县农业农村局", edit("id: SHJZ-001", "id: NY-009",
                     edit("name: 最低生活保障", "name: 资金公示", BASE)))))
    commit = git_source(work, {"gov/catalogs/d.yaml": text, "gov/catalogc.toml": '[check]\nselect = ["C1"]\n'}, "v3")
    subprocess.run(["git", "clone", "-q", "--bare", str(work), str(tmp_path / "丁.git")], check=True, capture_output=True)
    toml = office / "catalogc.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + '\n[[sources]]\nname = "丁"\ngit = "../丁.git"\nref = "v3"\n'
                    'subdir = "gov"\n', encoding="utf-8")
    result = json.loads(check(office, "--format", "json")[1])
    mine = [(d["file"], d["line"], d["code"], d.get("commit")) for d in result if d.get("source") == "丁"]
    assert mine == [("gov/catalogs/d.yaml", 2, "C405", commit)]  # its own C2 (C204) is not selected there
