"""`build --since` and `diff` compare the releases one region × domain file at a time: the record,
the changes page, the quality page and the Excel 调整情况 sheets stay what comparing the whole
bundles in memory gave (goldens written by that comparison), and the parent reads as models only
the groups that hold a change."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.paths import ROOT

CASES = Path(__file__).parent / "cases"
OLD, NEW = CASES / "diff" / "old", CASES / "diff" / "new"
GOLDEN = CASES / "since"
FILE = "catalogs/民政局/社会救助.yaml"


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "CATALOGC_NO_CACHE": "1"}
    return subprocess.run([sys.executable, "-m", "catalogc", *args], cwd=cwd, capture_output=True, text=True,
                          check=False, env=env)


def _block(text: str, id_: str) -> str:
    start = text.index(f"  - id: {id_}\n")
    ends = [i for i in (text.find("\n  - id: ", start + 1), text.find("\nremoved:", start)) if i != -1]
    return text[start:min(ends) + 1] if ends else text[start:]


def _scenario(root: Path) -> tuple[Path, Path]:
    """The diff fixture (changes in place, a move between departments, an id change, removals with
    and without a ``removed`` note, additions) and more: an item moved to another domain's file,
    a duplicate id on each side (the first one counts), a group on the new side only."""
    old, new = root / "old", root / "new"
    shutil.copytree(OLD, old)
    shutil.copytree(NEW, new)
    text = (old / FILE).read_text(encoding="utf-8")
    (old / FILE).write_text(text.replace(_block(text, "SHJZ-002"), _block(text, "SHJZ-002") + _block(
        text, "SHJZ-001").replace("审批结果", "重复的编号")), encoding="utf-8")
    text = (new / FILE).read_text(encoding="utf-8")
    moved = _block(text, "SHJZ-010")
    duplicate = _block(text, "SHJZ-002").replace("救助对象姓名、救助标准、救助金额", "重复的编号")
    text = text.replace(moved, "").replace(_block(text, "SHJZ-007"), duplicate + _block(text, "SHJZ-007"))
    (new / FILE).write_text(text, encoding="utf-8")
    head = text[: text.index("items:")].replace("社会救助", "住房保障")
    (new / "catalogs/民政局/住房保障.yaml").write_text(head + "items:\n" + moved, encoding="utf-8")
    return old, new


def _outputs(out: Path) -> dict[str, str]:
    """What the record shows: the changes and quality pages, and each Excel table's 调整情况 sheet."""
    found = {name: (out / "site" / name).read_text(encoding="utf-8") for name in ("changes.html", "quality.html")}
    sheets = {}
    for path in sorted((out / "xlsx").rglob("*.xlsx")):
        book = load_workbook(path)
        if "调整情况" in book.sheetnames:
            sheets[path.relative_to(out).as_posix()] = [[c.value for c in row] for row in book["调整情况"].iter_rows()]
    found["sheets.json"] = json.dumps(sheets, ensure_ascii=False, indent=1) + "\n"
    return found


def test_build_since_shows_what_the_whole_comparison_showed(tmp_path: Path, update_goldens: bool) -> None:
    old, new = _scenario(tmp_path / "ws")
    bundles = tmp_path / "bundles"
    assert _run("build", str(old), "-o", str(bundles / "old"), "--allow-errors", "-q", cwd=tmp_path).returncode == 0
    built = _run("build", str(new), "-o", str(tmp_path / "out"), "--allow-errors", "-q", "--since",
                 str(bundles / "old"), cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    found = _outputs(tmp_path / "out")
    diff = _run("diff", str(bundles / "old"), str(new), cwd=tmp_path)
    assert diff.returncode == 0, diff.stderr
    found["diff.txt"] = diff.stdout.replace(str(tmp_path), "TMP")
    if update_goldens:
        GOLDEN.mkdir(exist_ok=True)
        for name, text in found.items():
            (GOLDEN / name).write_text(text, encoding="utf-8")
    assert found == {name: (GOLDEN / name).read_text(encoding="utf-8") for name in found}
    for kind in ("取消", "增加", "移动", "编号变更"):
        assert kind in found["diff.txt"]
    assert "从 360799 社会救助 溪山县民政局（catalogs/民政局/社会救助.yaml） 移到 360799 保障性住房" in found["diff.txt"]
    # the earlier release given as a workspace (compiled and spooled, then read group by group) shows the same
    since_workspace = _run("build", str(new), "-o", str(tmp_path / "out2"), "--allow-errors", "-q", "--since",
                           str(old), cwd=tmp_path)
    assert since_workspace.returncode == 0, since_workspace.stderr
    assert _outputs(tmp_path / "out2") == {name: text for name, text in found.items() if name != "diff.txt"}


def test_build_since_reads_as_models_only_the_groups_that_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The new side's items stay in the spool and the old side's in its files, but for the one group
    with a change: a build that made every item a model in the parent fails here."""
    import catalogc.publish.spool as spool
    from catalogc.check.prepare import load_settings
    from catalogc.diff.command import since_record
    from catalogc.diff.groups import Folder
    from catalogc.load.workspace import discover
    from catalogc.model.bundle import Index
    from catalogc.publish.build import build

    workspace = tmp_path / "ws"
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), str(workspace), "--counties", "2"],
                   check=True, capture_output=True)
    old = tmp_path / "old"
    build(discover(workspace), load_settings(workspace), old, jobs=1, site=False, excel=False, sqlite=False,
          allow_errors=True)
    index = Index.model_validate_json((old / "index.json").read_bytes())
    path = sorted((workspace / "catalogs").rglob("*.yaml"))[3]
    text = path.read_text(encoding="utf-8")
    assert "20个工作日" in text
    path.write_text(text.replace("20个工作日", "10个工作日", 1), encoding="utf-8")
    meta = next(c for c in index.catalogs if (workspace / c.file) == path)
    group = next(n for n, e in enumerate(index.files) if (e.region, e.domain) == (meta.region, meta.domain))
    assert len(index.files) > 10

    made: list[str] = []
    item = spool.from_plain
    monkeypatch.setattr(spool, "from_plain", lambda d: made.append(d["id"]) or item(d))
    read: list[int] = []
    group_of = Folder.group
    monkeypatch.setattr(Folder, "group", lambda self, n: read.append(n) or group_of(self, n))
    record = since_record(str(old), workspace)
    captured = []
    built = build(discover(workspace), load_settings(workspace), tmp_path / "new", jobs=1, site=False, excel=False,
                  sqlite=False, allow_errors=True, since=lambda i, g: captured.append(record(i, g)) or captured[0])
    assert [(row.kind, row.detail) for row in captured[0].rows] == [("变更", "公开时限：20 → 10 个工作日（缩短）")]
    assert read == [group]  # the old side: the one group with a change, as models
    assert len(made) == index.files[group].items  # the new side: the same group, from the spool
    assert sum(e.items for e in built.index.files) > 10 * len(made)


@pytest.mark.parametrize("damage", ["missing", "garbled"])
def test_a_damaged_earlier_release_stops_the_build(tmp_path: Path, damage: str) -> None:
    """A group file of the earlier release is read when the comparison reaches it: missing, the
    build stops before it starts; not a bundle file, it stops when it is read. Either way status 2,
    the file named, and nothing written."""
    old, new = _scenario(tmp_path / "ws")
    assert _run("build", str(old), "-o", str(tmp_path / "old"), "--allow-errors", "-q", cwd=tmp_path).returncode == 0
    group = tmp_path / "old" / "catalogs" / "360799" / "社会救助.json"
    if damage == "missing":
        group.unlink()
    else:
        group.write_text('{"items": [{"id": 1}]}', encoding="utf-8")
    for lang, words in (("zh", "区划×领域文件" if damage == "garbled" else "发布目录不完整"),
                        ("en", "region × domain file" if damage == "garbled" else "the bundle is incomplete")):
        done = _run("build", str(new), "-o", str(tmp_path / "out"), "--allow-errors", "-q", "--since",
                    str(tmp_path / "old"), "--lang", lang, cwd=tmp_path)
        assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
        assert done.stderr.startswith("catalogc: --since") and str(group) in done.stderr and words in done.stderr
        assert not (tmp_path / "out").exists() and sorted(p.name for p in tmp_path.iterdir()) == ["old", "ws"]


def test_a_workspace_side_spools_to_a_temporary_folder_it_removes(tmp_path: Path) -> None:
    """Both sides compiled and spooled (the items never held whole), then the spools removed."""
    old, new = _scenario(tmp_path / "ws")
    spools = tmp_path / "tmp"
    spools.mkdir()
    done = subprocess.run([sys.executable, "-m", "catalogc", "diff", str(old), str(new)], cwd=tmp_path,
                          capture_output=True, text=True, check=False, env={**os.environ, "TMPDIR": str(spools)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.replace(str(tmp_path), "TMP").splitlines()[1:] == \
        (GOLDEN / "diff.txt").read_text(encoding="utf-8").splitlines()[1:]  # the same record as from the bundle
    assert list(spools.iterdir()) == []
