"""check --fix, check --diff, --unsafe-fixes and catalogc fix, run as a user runs them."""

from __future__ import annotations

import json
import os
import stat

from tests.fix.helpers import CATALOG, catalog, run, workspace

BROKEN = catalog(channels="channels: [政府门户网站, 政府公报]  # 门户", level="level: [县级, 乡、村级]",
                 basis="basis: [《中华人民共和国法律援助条例》第十条]")

DIFF = f"""\
--- a/{CATALOG}
+++ b/{CATALOG}
@@ -11,6 +11,6 @@
     time_limit: 信息形成或者变更之日起20个工作日内
     subject: [溪山县民政局, 各乡镇人民政府]
     method: [主动]
-    channels: [政府门户网站, 政府公报]  # 门户
+    channels: [政府网站, 政府公报]  # 门户
     audience: [全社会]
-    level: [县级, 乡、村级]
+    level: [县级, 乡级, 村级]
"""


def test_diff_prints_the_patch_writes_nothing_and_exits_1(tmp_path) -> None:
    path = workspace(tmp_path, BROKEN)
    result = run("check", "--diff", str(tmp_path))
    assert (result.exit_code, result.output) == (1, DIFF)
    assert path.read_text(encoding="utf-8") == BROKEN


def test_diff_with_unsafe_fixes_includes_them(tmp_path) -> None:
    workspace(tmp_path, BROKEN)
    result = run("check", "--diff", "--unsafe-fixes", str(tmp_path))
    assert result.exit_code == 1
    assert "-    basis: [《中华人民共和国法律援助条例》第十条]\n+    basis: [《中华人民共和国法律援助法》第十条]\n" in result.output


def test_diff_exits_0_when_nothing_is_fixable(tmp_path) -> None:
    workspace(tmp_path, catalog())
    result = run("check", "--diff", str(tmp_path))
    assert (result.exit_code, result.output) == (0, "")


def test_check_fix_fixes_then_reports_what_remains(tmp_path) -> None:
    path = workspace(tmp_path, BROKEN)
    result = run("check", "--fix", str(tmp_path))
    assert path.read_text(encoding="utf-8") == catalog(
        channels="channels: [政府网站, 政府公报]  # 门户", level="level: [县级, 乡级, 村级]",
        basis="basis: [《中华人民共和国法律援助条例》第十条]")
    assert result.output.startswith("已修复 2 处\n另有 1 处修复需要人工核对，用 --unsafe-fixes 应用\n")
    assert "C111" in result.output and "C105" not in result.output and "C104" not in result.output
    assert result.exit_code == 1  # the repealed law is an error, and it is still there


def test_check_fix_in_english_and_json(tmp_path) -> None:
    workspace(tmp_path, BROKEN)
    result = run("check", "--fix", "--lang", "en", "--format", "json", str(tmp_path))
    # standard output stays a JSON document; the summary goes to standard error
    assert [d["code"] for d in json.loads(result.stdout) if d["code"] in ("C104", "C105", "C111")] == ["C111"]
    assert "fixed 2\n" in result.stderr


def test_fix_lists_every_fix_and_exits_0_when_no_error_remains(tmp_path) -> None:
    workspace(tmp_path, BROKEN)
    result = run("fix", "--unsafe-fixes", str(tmp_path))
    assert result.output.splitlines()[:4] == [
        f"{CATALOG}:10:13: C111 改引 《中华人民共和国法律援助法》（核对条款）",
        f"{CATALOG}:14:16: C105 改为“政府网站”",
        f"{CATALOG}:16:17: C104 拆开写：乡级、村级",
        "已修复 3 处",
    ]
    assert result.exit_code == 0
    again = run("fix", "--unsafe-fixes", str(tmp_path))
    assert again.output.startswith("已修复 0 处\n")


def test_fix_keeps_mode_line_endings_bom_and_missing_final_newline(tmp_path) -> None:
    text = "\ufeff" + BROKEN.rstrip("\n").replace("\n", "\r\n")
    path = workspace(tmp_path, text)
    os.chmod(path, 0o640)
    run("fix", str(tmp_path))
    fixed = path.read_bytes().decode("utf-8")
    assert fixed == text.replace("政府门户网站", "政府网站").replace("[县级, 乡、村级]", "[县级, 乡级, 村级]")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left behind


def test_fix_writes_a_block_split_with_the_files_line_ending(tmp_path) -> None:
    text = catalog(level="level:\n  - 乡、村级").replace("\n", "\r\n")
    path = workspace(tmp_path, text)
    run("fix", str(tmp_path))
    assert path.read_bytes().decode("utf-8").endswith("    level:\r\n      - 乡级\r\n      - 村级\r\n")


def test_fix_through_a_link_writes_the_file_it_names(tmp_path) -> None:
    real = tmp_path / "real.yaml"
    real.write_text(BROKEN, encoding="utf-8")
    link = workspace(tmp_path, "")
    link.unlink()
    link.symlink_to(real)
    run("fix", str(tmp_path))
    assert link.is_symlink()
    assert "政府门户网站" not in real.read_text(encoding="utf-8")


def test_only_the_given_paths_are_fixed(tmp_path) -> None:
    path = workspace(tmp_path, BROKEN)
    other = tmp_path / "catalogs" / "教育局" / "义务教育.yaml"
    other.parent.mkdir(parents=True)
    other_text = BROKEN.replace("溪山县民政局", "溪山县教育局").replace("社会救助", "义务教育").replace("SHJZ", "YWJY")
    other.write_text(other_text, encoding="utf-8")
    result = run("fix", str(path))
    assert result.output.startswith(f"{CATALOG}:14:16: C105")
    assert "政府门户网站" not in path.read_text(encoding="utf-8")
    assert other.read_text(encoding="utf-8") == other_text


def test_a_finding_in_another_workspaces_source_is_never_fixed() -> None:
    from catalogc.diagnostics import Diagnostic, Severity
    from catalogc.fix.run import fixable

    own = Diagnostic("C105", "channel-value", Severity.WARNING, CATALOG, 14, 16, "SHJZ-001", "m", "h", "channels")
    # an office's assembled sources mark their findings with ``source`` (when that field exists)
    foreign = type("Sourced", (), {"code": "C105", "file": "../minzheng/" + CATALOG, "source": "minzheng"})()
    assert fixable([own, foreign]) == {CATALOG: [own]}
