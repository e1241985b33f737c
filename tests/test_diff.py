"""catalogc diff: every kind of change on a fixture (golden text and JSON), the three kinds of side
(workspace, bundle, git revision), the --fail-on gate, and the record in the site and Excel."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from catalogc.check.prepare import load_settings
from catalogc.cli import main
from catalogc.diff import KINDS, compare, load_side
from catalogc.diff.document import diff_schema, diff_schema_text
from catalogc.diff.fields import _inline
from catalogc.diff.kinds import parse_gates
from catalogc.load.workspace import discover
from catalogc.publish.build import build
from catalogc.publish.manifest import verify
from tests.conftest import write_workspace
from tests.paths import ROOT

CASES = Path(__file__).parent / "cases" / "diff"
OLD, NEW = CASES / "old", CASES / "new"


def run(*args: str, cwd: Path = CASES) -> tuple[int, str, str]:
    """The command as a user runs it, from ``cwd``."""
    done = subprocess.run([sys.executable, "-m", "catalogc", *args], cwd=cwd, capture_output=True, text=True,
                          check=False)
    return done.returncode, done.stdout, done.stderr


@pytest.fixture(scope="module")
def bundles(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("bundles")
    for side in (OLD, NEW):
        build(discover(side), load_settings(side), root / side.name, jobs=1, site=False, excel=False, allow_errors=True)
    return root / "old", root / "new"


def _items(text: str) -> list[dict]:
    return json.loads(text)["items"]


@pytest.mark.parametrize(("args", "golden"), [
    (("old", "new"), "expected.txt"),
    (("old", "new", "--lang", "en"), "expected.en.txt"),
    (("old", "new", "--format", "json"), "expected.json"),
])
def test_golden(args: tuple[str, ...], golden: str, update_goldens: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES)
    result = CliRunner().invoke(main, ["diff", *args])
    assert result.exit_code == 0, result.output
    if update_goldens:
        (CASES / golden).write_text(result.output, encoding="utf-8")
    assert result.output == (CASES / golden).read_text(encoding="utf-8")


def test_the_fixture_has_every_kind_of_change() -> None:
    changes = compare(load_side(str(OLD), OLD), load_side(str(NEW), NEW))
    assert list(changes.summary()) == list(KINDS)


def test_the_record_in_detail() -> None:
    changes = compare(load_side(str(OLD), OLD), load_side(str(NEW), NEW))
    by_id = {i.id: i for i in changes.items}
    assert "SHJZ-010" not in by_id  # full-width digits in its time limit: the same limit, no change
    first = by_id["SHJZ-001"]
    assert [c.zh for c in first.changes if c.kind == "time-limit-shortened"] == ["公开时限：20 → 10 个工作日（缩短）"]
    assert [c.new for c in first.changes if c.kind == "level-narrowed"] == [["县级", "乡级"]]
    assert first.note is not None and first.note.date == "2025-03-01"
    assert by_id["SHJZ-016"].old_id == "SHJZ-006" and by_id["SHJZ-016"].kinds == ["id-changed", "basis-changed"]
    moved = by_id["SHJZ-003"]
    assert moved.before is not None and moved.before.department == "溪山县民政局"
    assert moved.place.department == "溪山县应急管理局" and moved.place.file == "catalogs/应急管理局/社会救助.yaml"
    assert moved.place.line == 8
    assert by_id["SHJZ-004"].note is not None and by_id["SHJZ-004"].note.reason == "职责划转至县医疗保障局"
    assert by_id["SHJZ-005"].note is None and by_id["SHJZ-009"].note is None


def test_json_validates_against_the_committed_schema(monkeypatch: pytest.MonkeyPatch) -> None:
    assert (ROOT / "schema" / "diff.schema.json").read_text(encoding="utf-8") == diff_schema_text()
    monkeypatch.chdir(CASES)
    for lang in ("zh", "en"):
        output = CliRunner().invoke(main, ["diff", "old", "new", "--format", "json", "--lang", lang]).output
        jsonschema.Draft202012Validator(diff_schema()).validate(json.loads(output))


def test_two_runs_are_byte_identical(tmp_path: Path) -> None:
    outputs = []
    for n in (1, 2):
        code, _, _ = run("diff", "old", "new", "--format", "json", "-o", str(tmp_path / f"{n}.json"))
        assert code == 0
        outputs.append((tmp_path / f"{n}.json").read_bytes())
    assert outputs[0] == outputs[1] and outputs[0].decode("utf-8") == (CASES / "expected.json").read_text("utf-8")


def test_bundle_against_bundle_and_workspace_against_bundle(bundles: tuple[Path, Path]) -> None:
    old, new = bundles
    expected = _items((CASES / "expected.json").read_text(encoding="utf-8"))
    for args in ((str(old), str(new)), (str(OLD), str(new)), (str(old), str(NEW))):
        code, out, err = run("diff", *args, "--format", "json")
        assert code == 0, err
        assert _items(out) == expected
    document = json.loads(run("diff", str(old), str(new), "--format", "json")[1])
    assert document["old"] == {"kind": "bundle", "label": str(old), "commit": None}


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True,
                          env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
                               "GIT_COMMITTER_EMAIL": "t@example.org", "PATH": "/usr/bin:/bin", "HOME": str(repo)},
                          ).stdout.strip()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose workspace lies in a subfolder: OLD committed and tagged v2024.1, then NEW."""
    repo = tmp_path / "repo"
    workspace = repo / "county"
    shutil.copytree(OLD, workspace)
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "2024")
    _git(repo, "tag", "v2024.1")
    shutil.rmtree(workspace / "catalogs")
    shutil.copytree(NEW / "catalogs", workspace / "catalogs")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "2025")
    return repo


def test_git_revisions(repo: Path) -> None:
    workspace = repo / "county"
    expected = _items((CASES / "expected.json").read_text(encoding="utf-8"))
    code, out, err = run("diff", "v2024.1", "HEAD", "--format", "json", cwd=workspace)
    assert code == 0, err
    assert _items(out) == expected
    assert json.loads(out)["old"] == {"kind": "git", "label": "v2024.1", "commit": _git(repo, "rev-parse", "v2024.1")}
    # one revision: against the work tree, which is read, never changed
    (workspace / "catalogs" / "应急管理局" / "社会救助.yaml").unlink()
    before = _git(repo, "status", "--porcelain")
    code, out, err = run("diff", "HEAD", "-w", str(workspace), "--format", "json", cwd=repo)
    assert code == 0, err
    assert [(i["id"], [c["kind"] for c in i["changes"]]) for i in _items(out)] == [("SHJZ-003", ["removed"])]
    assert _git(repo, "status", "--porcelain") == before
    # git:REV is a revision even where a folder of that name exists
    (workspace / "HEAD").mkdir()
    code, out, err = run("diff", "git:HEAD~1", "git:HEAD", "--format", "json", cwd=workspace)
    assert code == 0, err
    assert _items(out) == expected


def test_unknown_revision_and_no_repository(repo: Path, tmp_path: Path) -> None:
    code, out, err = run("diff", "v1999", cwd=repo / "county")
    assert (code, out) == (2, "")
    assert "v1999 不是文件夹" in err and "没有这个版本" in err and "Traceback" not in err
    code, _, err = run("diff", "v1999", "--lang", "en", cwd=repo / "county")
    assert code == 2 and "v1999 is not a folder, nor a revision (tag, branch or commit)" in err
    outside = write_workspace(tmp_path / "plain", {"catalogs/a.yaml": (OLD / "catalogs/民政局/社会救助.yaml").read_text("utf-8")})
    code, out, err = run("diff", "HEAD", cwd=outside)
    assert code == 2 and "不在 git 仓库中" in err
    code, out, err = run("diff", "v2024.1", "HEAD", cwd=tmp_path)
    assert code == 2 and "v2024.1 不是文件夹" in err and "-w" in err and "Traceback" not in err


@pytest.mark.parametrize(("gates", "status"), [
    ("removed", 1), ("removed-without-note", 1), ("level-narrowed", 1), ("level-narrowed-without-note", 0),
    ("any-without-note", 1), ("channel-added-without-note", 0), ("", 0),
])
def test_fail_on(gates: str, status: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES)
    result = CliRunner().invoke(main, ["diff", "old", "new", "--fail-on", gates])
    assert result.exit_code == status, result.output


def test_fail_on_counts_only_changes_without_a_reason() -> None:
    changes = compare(load_side(str(OLD), OLD), load_side(str(NEW), NEW))
    hits = changes.gated(parse_gates("removed-without-note"))
    assert [(i.id, c.kind) for i, c in hits] == [("SHJZ-005", "removed")]  # SHJZ-004 has its reason


def test_fail_on_unknown_kind_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES)
    result = CliRunner().invoke(main, ["diff", "old", "new", "--fail-on", "removed,level-narowed"])
    assert result.exit_code == 2 and "level-narowed" in result.output and "level-narrowed" in result.output
    result = CliRunner().invoke(main, ["diff", "old", "new", "--fail-on", "remove-without-note", "--lang", "en"])
    assert result.exit_code == 2 and "did you mean removed-without-note" in result.output


def test_unreadable_sides_are_named(tmp_path: Path) -> None:
    broken = write_workspace(tmp_path / "broken", {"catalogs/a.yaml": "format: 1\nregion: [\n"})
    code, out, err = run("diff", str(broken), str(NEW))
    assert code == 2 and "catalogs/a.yaml:" in err and "C00" in err and out == ""
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    code, _, err = run("diff", str(tmp_path / "file.txt"), str(NEW))
    assert code == 2 and "是文件" in err
    fake = tmp_path / "fake"
    fake.mkdir()
    (fake / "manifest.json").write_text('{"tool": "catalogc"}', encoding="utf-8")
    code, _, err = run("diff", str(fake), str(NEW))
    assert code == 2 and "index.json" in err and "Traceback" not in err


def test_stale_note_and_moves_across_domains(tmp_path: Path) -> None:
    """A change_note the old version already had explains nothing new; a note (备注) is no change;
    the same id and name in another domain is a move."""
    text = (OLD / "catalogs/民政局/社会救助.yaml").read_text(encoding="utf-8")
    old = write_workspace(tmp_path / "a", {"catalogs/民政局/社会救助.yaml": text})
    edited = text.replace("change_note: {reason: 2023年调整时加入, date: 2023-06-01}",
                          "change_note: {reason: 2023年调整时加入, date: 2023-06-01}\n    note: 备注改了")
    edited = edited.replace("    level: [县级]\n    change_note", "    level: [县级, 乡级]\n    change_note")
    moved_item = edited[edited.index("  - id: SHJZ-007"):edited.index("  - id: SHJZ-010")]
    rest = edited.replace(moved_item, "")
    other = text[: text.index("items:")].replace("社会救助", "住房保障") + "items:\n" + moved_item
    new = write_workspace(tmp_path / "b", {"catalogs/民政局/社会救助.yaml": rest, "catalogs/民政局/住房保障.yaml": other})
    changes = compare(load_side(str(old), old), load_side(str(new), new))
    found = [(i.id, i.kinds, i.place.domain, i.note) for i in changes.items]
    assert found == [("SHJZ-007", ["moved"], "保障性住房", None), ("SHJZ-010", ["level-widened"], "社会救助", None)]


def test_site_page_and_excel_sheet(bundles: tuple[Path, Path], tmp_path: Path) -> None:
    hostile = (NEW / "catalogs/民政局/社会救助.yaml").read_text(encoding="utf-8").replace(
        "reason: 新增就业救助事项", "reason: '<script>alert(1)</script>新增'")
    workspace = tmp_path / "ws"
    shutil.copytree(NEW, workspace)
    (workspace / "catalogs/民政局/社会救助.yaml").write_text(hostile, encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = run("build", str(workspace), "-o", str(out), "--allow-errors", "--since", str(bundles[0]))
    assert code == 0, err
    assert verify(out).ok
    page = (out / "site" / "changes.html").read_text(encoding="utf-8")
    assert "目录动态调整记录" in page and "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;新增" in page
    assert 'id="c1"' in page and "职责划转至县医疗保障局" in page
    domain = (out / "site" / "r" / "360799" / "社会救助.html").read_text(encoding="utf-8")
    assert 'href="../../changes.html#c1"' in domain
    assert "<dt>调整说明</dt><dd>按《最低生活保障审核确认办法》调整（2025-03-01）</dd>" in domain
    sheet = load_workbook(out / "xlsx" / "360799" / "社会救助.xlsx")["调整情况"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == ["序号", "事项名称", "调整类型", "调整内容", "调整原因", "调整时间"]
    by_name = {r[1]: r for r in rows[1:]}
    assert by_name["医疗救助 / 救助结果"][2:] == ["取消", "取消", "职责划转至县医疗保障局", "2025-03-01"]
    assert by_name["最低生活保障 / 审批结果"][2] == "变更"
    assert "公开时限：20 → 10 个工作日（缩短）" in by_name["最低生活保障 / 审批结果"][3]
    assert [r[0] for r in rows[1:]] == list(range(1, 10))


def test_build_without_since_has_no_record(bundles: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(discover(NEW), load_settings(NEW), out, jobs=1, allow_errors=True)
    assert not (out / "site" / "changes.html").exists()
    assert "调整情况" not in load_workbook(out / "xlsx" / "360799" / "社会救助.xlsx").sheetnames
    assert "changes.html" not in (out / "site" / "index.html").read_text(encoding="utf-8")


def test_build_since_an_unknown_side_builds_nothing(tmp_path: Path) -> None:
    code, _, err = run("build", str(NEW), "-o", str(tmp_path / "out"), "--allow-errors", "--since",
                       str(tmp_path / "nothing"))
    assert code == 2 and "--since" in err and not (tmp_path / "out").exists()


@given(st.text(alphabet="救助对象金额标准、ab", max_size=30), st.text(alphabet="救助对象金额标准、ab", max_size=30))
def test_inline_edit_keeps_both_texts(before: str, after: str) -> None:
    """With context enough, the inline edit holds the old text (without the insertions) and the new one."""
    import re

    shown = _inline(before, after, context=100)
    assert re.sub(r"\{\+.*?\+\}", "", shown).replace("[-", "").replace("-]", "") == before
    assert re.sub(r"\[-.*?-\]", "", shown).replace("{+", "").replace("+}", "") == after


MIRROR = {"added": "removed", "removed": "added", "time-limit-shortened": "time-limit-lengthened",
          "time-limit-lengthened": "time-limit-shortened", "channel-added": "channel-removed",
          "channel-removed": "channel-added", "level-narrowed": "level-widened", "level-widened": "level-narrowed",
          "basis-replaced": "basis-changed"}  # citing the predecessor again is no replacement


def test_the_reverse_comparison_mirrors_the_kinds() -> None:
    old, new = load_side(str(OLD), OLD), load_side(str(NEW), NEW)
    forward, backward = compare(old, new).summary(), compare(new, old).summary()
    mirrored: dict[str, int] = {}
    for kind, count in forward.items():
        mirrored[MIRROR.get(kind, kind)] = mirrored.get(MIRROR.get(kind, kind), 0) + count
    assert mirrored == backward


def test_a_workspace_against_its_own_bundle_has_no_changes(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(discover(ROOT), load_settings(ROOT), out, jobs=1, site=False, excel=False)
    code, stdout, err = run("diff", str(out), str(ROOT), "--fail-on", "any")
    assert (code, err) == (0, "")
    assert stdout.endswith("没有调整。\n")


def test_build_since_the_release_it_replaces(tmp_path: Path) -> None:
    """`build -o out --since out`: the previous release is read before the new one replaces it."""
    workspace = tmp_path / "ws"
    shutil.copytree(OLD, workspace)
    out = tmp_path / "out"
    assert run("build", str(workspace), "-o", str(out), "--allow-errors")[0] == 0
    shutil.copy(NEW / "catalogs/民政局/社会救助.yaml", workspace / "catalogs/民政局/社会救助.yaml")
    code, _, err = run("build", str(workspace), "-o", str(out), "--allow-errors", "--since", str(out))
    assert code == 0, err
    assert verify(out).ok
    page = (out / "site" / "changes.html").read_text(encoding="utf-8")
    assert "与 out 相比" in page and str(tmp_path) not in page  # the folder's name, not the builder's path
    assert "公开时限：20 → 10 个工作日（缩短）" in page


LEVELS = ["市级", "县级", "乡级", "村级"]
CHANNELS = ["政府网站", "政务服务中心", "便民服务站", "政府公报"]


@pytest.fixture(scope="module")
def one_item():
    from catalogc.model.bundle import Bundle

    groups = load_side(str(OLD), OLD).groups
    first = groups.group(0)
    return Bundle(index=groups.index, groups=[first]), first.items[0]


@given(st.lists(st.sampled_from(LEVELS), min_size=1, unique=True), st.lists(st.sampled_from(LEVELS), min_size=1, unique=True),
       st.lists(st.sampled_from(CHANNELS), min_size=1, unique=True),
       st.lists(st.sampled_from(CHANNELS), min_size=1, unique=True), st.integers(1, 30), st.integers(1, 30))
def test_set_and_time_changes_follow_the_values(one_item, old_levels, new_levels, old_channels, new_channels,
                                                old_days, new_days) -> None:
    from catalogc.model.bundle import TimeLimit
    from catalogc.parse.timelimit import parsed, to_dict

    bundle, base = one_item

    def variant(levels: list[str], channels: list[str], days: int):
        text = f"信息形成或者变更之日起{days}个工作日内"
        item = base.model_copy(update={"level": levels, "channels": channels,
                                       "time_limit": TimeLimit(text=text, parsed=to_dict(parsed(text)))})
        group = bundle.groups[0].model_copy(update={"items": [item]})
        return bundle.model_copy(update={"groups": [group]})

    changes = compare(variant(old_levels, old_channels, old_days), variant(new_levels, new_channels, new_days))
    kinds = set(changes.summary())
    assert ("level-narrowed" in kinds) == bool(set(old_levels) - set(new_levels))
    assert ("level-widened" in kinds) == bool(set(new_levels) - set(old_levels))
    assert ("channel-removed" in kinds) == bool(set(old_channels) - set(new_channels))
    assert ("channel-added" in kinds) == bool(set(new_channels) - set(old_channels))
    assert ("time-limit-shortened" in kinds) == (new_days < old_days)
    assert ("time-limit-lengthened" in kinds) == (new_days > old_days)
    assert kinds <= {"level-narrowed", "level-widened", "channel-removed", "channel-added", "time-limit-shortened",
                     "time-limit-lengthened"}


def test_two_builds_with_the_record_are_byte_identical(bundles: tuple[Path, Path], tmp_path: Path) -> None:
    manifests = []
    for name in ("a", "b"):
        code, _, err = run("build", str(NEW), "-o", str(tmp_path / name), "--allow-errors", "--since", str(bundles[0]))
        assert code == 0, err
        manifests.append((tmp_path / name / "manifest.json").read_bytes())
    assert manifests[0] == manifests[1]
    assert b"site/changes.html" in manifests[0]


def test_every_kind_is_documented() -> None:
    import re

    helptext = CliRunner().invoke(main, ["diff", "--help"], terminal_width=400).output
    table = (ROOT / "docs" / "diff.md").read_text(encoding="utf-8")
    for kind in KINDS:
        assert re.search(rf"(?<![a-z-]){kind}(?![a-z-])", helptext), kind
        assert f"| `{kind}` |" in table, kind
