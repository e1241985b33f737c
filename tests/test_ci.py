"""CI integration: the pre-commit hook run by pre-commit itself, the GitHub Action's steps run
locally, repository-relative paths, SARIF links and fingerprints, the GitLab Code Quality report."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from catalogc.cli import main
from catalogc.report.sarif import RULES_URL
from tests.conftest import write_workspace
from tests.rules import BASE, edit

ROOT = Path(__file__).resolve().parent.parent
GOOD = BASE
BAD = edit("method: [主动]", "method: [随时]")  # C102: neither 主动 nor 依申请 (an error)
CATALOG = "catalogs/民政局/社会救助.yaml"

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True, timeout=60)


def _repo(tmp_path: Path, catalog: str = GOOD) -> Path:
    """A git repository with the workspace in its ``gov/`` subfolder."""
    repo = tmp_path / "repo"
    write_workspace(repo / "gov", {CATALOG: catalog, "catalogc.toml": ""})
    (repo / "README.md").write_text("readme\n", encoding="utf-8")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "config", "user.email", "ci@example.org")
    _git(repo, "config", "user.name", "CI")
    _git(repo, "config", "commit.gpgsign", "false")
    return repo


def _run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "catalogc", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120, env={**os.environ, **(env or {})})


# --- pre-commit -------------------------------------------------------------------------------

def _local_hook_config(hook_id: str = "catalogc-check") -> str:
    """The published hook, as a ``repo: local`` hook on the installed catalogc: the same
    file selection, but no environment to build (that would need the network)."""
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == hook_id)
    assert hook["language"] == "python" and hook["pass_filenames"] is True
    assert hook["entry"].startswith("catalogc ")
    local = {**hook, "language": "system", "entry": f"{sys.executable} -m {hook['entry']}"}
    return yaml.safe_dump({"repos": [{"repo": "local", "hooks": [local]}]}, allow_unicode=True)


@needs_git
def test_pre_commit_runs_the_hook_on_the_changed_files(tmp_path) -> None:
    precommit = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or shutil.which("pre-commit")
    if precommit is None:
        pytest.skip("pre-commit is not installed (pip install -e '.[dev]')")
    repo = _repo(tmp_path)
    (repo / ".pre-commit-config.yaml").write_text(_local_hook_config(), encoding="utf-8")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    env.pop("CATALOGC_DEBUG", None)
    subprocess.run([precommit, "install"], cwd=repo, env=env, check=True, capture_output=True, timeout=120)

    _git(repo, "add", "-A")
    good = subprocess.run(["git", "commit", "-q", "-m", "good"], cwd=repo, env=env, capture_output=True, text=True,
                          timeout=300)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "catalogc check" in good.stdout + good.stderr and "Passed" in good.stdout + good.stderr

    (repo / "gov" / CATALOG).write_text(BAD, encoding="utf-8")
    (repo / "README.md").write_text("readme, changed\n", encoding="utf-8")  # not a catalog: not passed
    _git(repo, "add", "-A")
    bad = subprocess.run(["git", "commit", "-q", "-m", "bad"], cwd=repo, env=env, capture_output=True, text=True,
                         timeout=300)
    out = bad.stdout + bad.stderr
    assert bad.returncode != 0, out
    assert "Failed" in out and CATALOG in out and "C102" in out
    assert "README" not in out.split("catalogc check", 1)[1]


@needs_git
def test_pre_commit_runs_the_fix_hook_on_the_changed_files(tmp_path) -> None:
    precommit = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or shutil.which("pre-commit")
    if precommit is None:
        pytest.skip("pre-commit is not installed (pip install -e '.[dev]')")
    repo = _repo(tmp_path)
    (repo / ".pre-commit-config.yaml").write_text(_local_hook_config("catalogc-fix"), encoding="utf-8")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    env.pop("CATALOGC_DEBUG", None)
    subprocess.run([precommit, "install"], cwd=repo, env=env, check=True, capture_output=True, timeout=120)
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "good")

    fixable = edit("channels: [政府网站]", "channels: [政府门户网站]  # 原表写法", edit("level: [县级]", "level: [县级, 区级]"))
    (repo / "gov" / CATALOG).write_text(fixable, encoding="utf-8")
    _git(repo, "add", "-A")
    first = subprocess.run(["git", "commit", "-q", "-m", "fixable"], cwd=repo, env=env, capture_output=True,
                           text=True, timeout=300)
    out = first.stdout + first.stderr
    assert first.returncode != 0, out  # the hook changed the file: the commit waits for a look
    assert "files were modified by this hook" in out and "已修复 2 处" in out
    assert (repo / "gov" / CATALOG).read_text(encoding="utf-8") == edit(
        "channels: [政府网站]", "channels: [政府网站]  # 原表写法")
    _git(repo, "add", "-A")
    second = subprocess.run(["git", "commit", "-q", "-m", "fixed"], cwd=repo, env=env, capture_output=True,
                            text=True, timeout=300)
    assert second.returncode == 0, second.stdout + second.stderr


# --- repository-relative paths ------------------------------------------------------------------

@needs_git
def test_annotations_and_sarif_use_repository_paths(tmp_path) -> None:
    repo = _repo(tmp_path, BAD)
    github = _run("check", "gov", "--format", "github", cwd=repo)
    assert github.returncode == 1, github.stderr
    assert re.search(r"^::error file=gov/catalogs/民政局/社会救助\.yaml,line=12,col=14,title=C102 ", github.stdout, re.M)
    sarif = json.loads(_run("check", "gov", "--format", "sarif", cwd=repo).stdout)
    uris = {loc["physicalLocation"]["artifactLocation"]["uri"]
            for r in sarif["runs"][0]["results"] for loc in r["locations"]}
    assert uris == {f"gov/{CATALOG}"}
    gitlab = json.loads(_run("check", "gov", "--format", "gitlab", cwd=repo).stdout)
    assert {i["location"]["path"] for i in gitlab} == {f"gov/{CATALOG}"}
    # the JSON contract stays workspace-relative
    findings = json.loads(_run("check", "gov", "--format", "json", cwd=repo).stdout)
    assert {f["file"] for f in findings} == {CATALOG}


def test_outside_a_repository_paths_are_workspace_relative(tmp_path) -> None:
    root = write_workspace(tmp_path / "ws", {CATALOG: BAD})
    if any((p / ".git").exists() for p in (root, *root.parents)):
        pytest.skip("the temporary folder lies inside a git repository")
    github = _run("check", ".", "--format", "github", cwd=root)
    assert f"file={CATALOG}," in github.stdout


# --- SARIF ----------------------------------------------------------------------------------------

def _sarif(root: Path, *args: str, env: dict[str, str] | None = None) -> dict:
    proc = _run("check", ".", "--format", "sarif", *args, cwd=root, env=env)
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)


def test_sarif_help_uri_per_rule_and_configurable(tmp_path) -> None:
    root = write_workspace(tmp_path / "ws", {CATALOG: BAD})
    rules = _sarif(root)["runs"][0]["tool"]["driver"]["rules"]
    assert all(r["helpUri"] == RULES_URL.format(code=r["id"]) for r in rules)
    assert {r["id"]: r["helpUri"] for r in rules}["C105"] == "https://catalogc.readthedocs.io/rules/C105/"
    by_option = _sarif(root, "--rules-url", "https://docs.example.org/catalogc/{code}.html")
    assert by_option["runs"][0]["tool"]["driver"]["rules"][0]["helpUri"].startswith("https://docs.example.org/catalogc/C")
    by_env = _sarif(root, env={"CATALOGC_RULES_URL": "https://intranet.example.org/rules"})
    uris = {r["id"]: r["helpUri"] for r in by_env["runs"][0]["tool"]["driver"]["rules"]}
    assert uris["C105"] == "https://intranet.example.org/rules/C105/"


def _fingerprints(sarif: dict) -> list[tuple[str, str]]:
    return sorted((r["ruleId"], r["partialFingerprints"]["catalogc/v2"]) for r in sarif["runs"][0]["results"])


def test_sarif_fingerprints_ignore_language_and_line_drift(tmp_path) -> None:
    two = edit("channels: [政府网站]", "channels: [官方网站]", edit("basis: [《社会救助暂行办法》第九条]", "basis: [社会救助暂行办法]"))
    root = write_workspace(tmp_path / "ws", {CATALOG: two})
    zh = _sarif(root)
    en = _sarif(root, "--lang", "en")
    assert _fingerprints(zh) == _fingerprints(en)
    assert ("C105", f"C105:{CATALOG}:SHJZ-001:channels") in _fingerprints(zh)
    lines = {r["ruleId"]: r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in zh["runs"][0]["results"]}
    (root / CATALOG).write_text("# 溪山县民政局 社会救助\n# 2026 年修订\n" + two, encoding="utf-8")
    moved = _sarif(root)
    assert _fingerprints(moved) == _fingerprints(zh)
    assert {r["ruleId"]: r["locations"][0]["physicalLocation"]["region"]["startLine"]
            for r in moved["runs"][0]["results"]} == {code: line + 2 for code, line in lines.items()}
    keys = [fp for _, fp in _fingerprints(zh)]
    assert len(keys) == len(set(keys)), "fingerprints are unique within a run"


# --- GitLab ---------------------------------------------------------------------------------------

def test_gitlab_code_quality_report(tmp_path) -> None:
    catalog = edit("method: [主动]", "method: [随时]", edit("channels: [政府网站]", "channels: [政府门户网站]"))  # an error, an alias
    root = write_workspace(tmp_path / "ws", {CATALOG: catalog})
    proc = _run("check", ".", "--output-format", "gitlab", cwd=root)
    issues = json.loads(proc.stdout)
    assert issues and proc.returncode == 1
    for issue in issues:
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in {"info", "minor", "major"}
        assert issue["location"]["path"] == CATALOG and issue["location"]["lines"]["begin"] >= 1
        assert re.fullmatch(r"[0-9a-f]{32}", issue["fingerprint"])
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    severities = {i["check_name"]: i["severity"] for i in issues}
    assert severities["C102"] == "major" and severities["C105"] == "minor"
    assert next(i for i in issues if i["check_name"] == "C105")["description"].startswith("C105 公开渠道")
    en = json.loads(_run("check", ".", "--output-format", "gitlab", "--lang", "en", cwd=root).stdout)
    assert [i["fingerprint"] for i in en] == [i["fingerprint"] for i in issues]


def test_gitlab_template_publishes_the_code_quality_report() -> None:
    template = yaml.safe_load((ROOT / "ci" / "gitlab" / "catalogc.gitlab-ci.yml").read_text(encoding="utf-8"))
    job = template["catalogc"]
    report = job["artifacts"]["reports"]["codequality"]
    assert any("--output-format gitlab" in line and report in line for line in job["script"])
    assert job["artifacts"]["when"] == "always"


# --- the GitHub Action ----------------------------------------------------------------------------

def _expand(value: str, inputs: dict[str, str], context: dict[str, str]) -> str:
    """The few expressions the action's ``env:`` uses: inputs.*, runner.*, github.*."""
    def one(m: re.Match[str]) -> str:
        scope, name = m.group(1).split(".", 1)
        return inputs[name] if scope == "inputs" else context[m.group(1)]
    return re.sub(r"\$\{\{\s*([a-z]+(?:\.[a-z_-]+)+)\s*\}\}", one, str(value))


def _run_action(repo: Path, tmp_path: Path, **given: str) -> tuple[dict[str, str], str, dict[str, str]]:
    """Run the action's ``check`` and ``result`` steps as the runner would (bash, env, outputs)."""
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    inputs = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()} | given
    temp = tmp_path / "runner-temp"
    temp.mkdir(exist_ok=True)
    summary, output = tmp_path / "summary.md", tmp_path / "output"
    summary.write_text("", encoding="utf-8")
    context = {"runner.temp": str(temp), "github.action_path": str(ROOT)}
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    steps = {s.get("id"): s for s in action["runs"]["steps"]}
    logs: dict[str, str] = {}
    outputs: dict[str, str] = {}
    for step_id in ("check", "result"):
        step = steps[step_id]
        assert step["shell"] == "bash"
        env = {**os.environ, "PATH": path, "GITHUB_STEP_SUMMARY": str(summary), "GITHUB_OUTPUT": str(output),
               **{k: _expand(v, inputs, context | {f"steps.check.outputs.{k}": v for k, v in outputs.items()})
                  for k, v in step.get("env", {}).items()}}
        env = {k: v for k, v in env.items() if k != "CATALOGC_DEBUG"}
        proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]], cwd=repo, env=env, capture_output=True, text=True,
                              timeout=300)
        logs[step_id] = proc.stdout + proc.stderr + f"\n[exit {proc.returncode}]"
        outputs = dict(line.split("=", 1) for line in output.read_text(encoding="utf-8").splitlines() if "=" in line)
    return outputs, summary.read_text(encoding="utf-8"), logs


def test_action_expressions_are_known() -> None:
    """The test runner above expands only these; an action change must keep them or extend it."""
    text = (ROOT / "action.yml").read_text(encoding="utf-8")
    action = yaml.safe_load(text)
    for step in action["runs"]["steps"]:
        if "run" in step:
            assert "${{" not in step["run"], "run: scripts read env variables, never inline expressions"
    uses = [s["uses"] for s in action["runs"]["steps"] if "uses" in s]
    assert any(u.startswith("actions/setup-python@") for u in uses)
    assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses)


@needs_git
def test_action_annotates_repository_paths_and_writes_a_summary(tmp_path) -> None:
    repo = _repo(tmp_path, BAD)
    write_workspace(repo / "gov", {"catalogs/教育局/义务教育.yaml": edit("department: 溪山县民政局",
                                                                      "department: 溪山县教育局",
                                                                      edit("domain: 养老服务", "domain: 义务教育"))})
    outputs, summary, logs = _run_action(repo, tmp_path, path="gov")
    assert outputs["exit-code"] == "1", logs
    assert re.search(r"^::error file=gov/catalogs/民政局/社会救助\.yaml,line=12,col=14,title=C102 ", logs["check"], re.M)
    assert "[exit 1]" in logs["result"]
    sarif = json.loads(Path(outputs["sarif"]).read_text(encoding="utf-8"))
    assert sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("gov/")
    assert "## catalogc 检查结果" in summary
    assert re.search(r"^\| `C102` \| method-value \(错误\) \| 1 \|$", summary, re.M)
    assert re.search(r"^\| 溪山县民政局 \| 1 \| \d+ \| 0 \|$", summary, re.M)
    assert re.search(r"^\| 溪山县教育局 \| 0 \| \d+ \| 0 \|$", summary, re.M)
    assert "`gov/catalogs/民政局/社会救助.yaml:12:14`" in summary


@needs_git
def test_action_passes_a_clean_workspace(tmp_path) -> None:
    repo = _repo(tmp_path, GOOD)
    outputs, summary, logs = _run_action(repo, tmp_path, path="gov", args="--select C1")
    assert outputs["exit-code"] == "0", logs
    assert "[exit 0]" in logs["result"]
    assert "没有发现问题" in summary


# --- options ---------------------------------------------------------------------------------------

def test_statistics_exit_zero_and_output_format(tmp_path) -> None:
    root = write_workspace(tmp_path / "ws", {CATALOG: BAD})
    runner = CliRunner()
    text = runner.invoke(main, ["check", str(root), "--statistics", "--select", "C1"])
    assert text.exit_code == 1
    assert re.search(r"^按规则统计：\n1  C102  method-value  \[错误\]\n按部门统计：\n1  溪山县民政局  \(1 错误\)$",
                     text.output, re.M), text.output
    zero = runner.invoke(main, ["check", str(root), "--exit-zero", "--output-format", "json", "--statistics"])
    assert zero.exit_code == 0
    assert json.loads(zero.stdout)[0]["code"] in {"C102", "C205"}  # statistics went to standard error
    assert "按规则统计" in zero.stderr
    en = runner.invoke(main, ["check", str(root), "--statistics", "--select", "C102", "--lang", "en"])
    assert "by rule:\n1  C102  method-value  [error]" in en.output
    missing = runner.invoke(main, ["check", str(tmp_path / "nowhere"), "--exit-zero"])
    assert missing.exit_code == 2, "--exit-zero does not hide that the tool could not run"
