"""The coordinating office's whole round, run as a user runs it (README, "An office's round").

Three departments keep their catalogs in git repositories and tag what they hand in; the
townships hand in a folder. The office assembles them, checks, builds, publishes a release;
a department then shortens a time limit with its reason and tags again; the office builds and
publishes the second release, reads the 动态调整 record, and rolls back. ``verify`` passes at
every step. The conflicts between sources (C401–C406) have their own fixtures in
tests/test_sources.py; here the region is clean.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.paths import ROOT

REGIONS = (ROOT / "catalogc.toml").read_text(encoding="utf-8").split("[regions]", 1)[1]
DEPARTMENTS = {"minzheng": "民政局", "renshe": "人力资源和社会保障局", "jiaoyu": "教育体育局"}
OFFICE_TOML = "[regions]" + REGIONS + "".join(
    f'\n[[sources]]\nname = "{name}"\ngit = "../{repo}"\nref = "{{{repo}}}"\n' for repo, name in DEPARTMENTS.items()
) + '\n[[sources]]\nname = "乡镇"\npath = "../xiangzhen"\n'
OLD_LIMIT = "    time_limit: 制定或获取信息之日起10个工作日内\n    subject: [溪山县民政局, 各乡镇人民政府（街道办事处）]\n"
NEW_LIMIT = ("    time_limit: 制定或获取信息之日起5个工作日内\n    subject: [溪山县民政局, 各乡镇人民政府（街道办事处）]\n"
             "    change_note: {reason: 按县政务公开办通知缩短时限, date: 2025-03-01}\n")


def catalogc(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1740787200"}
    return subprocess.run([sys.executable, "-m", "catalogc", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)


def ok(*args: str | Path, cwd: Path) -> str:
    done = catalogc(*args, cwd=cwd)
    assert done.returncode == 0, (args, done.stdout, done.stderr)
    return done.stdout


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
                   capture_output=True, text=True, check=True)


def test_an_office_round_from_sources_to_rollback(tmp_path: Path) -> None:
    # the departments' repositories, each tagged as handed in; the townships' folder
    for repo, department in DEPARTMENTS.items():
        shutil.copytree(ROOT / "catalogs" / department, tmp_path / repo / "catalogs" / department)
        for kind in ("powers", "services"):
            listed = ROOT / "lists" / kind / f"{department}.csv"
            if listed.exists():
                (tmp_path / repo / "lists" / kind).mkdir(parents=True, exist_ok=True)
                shutil.copyfile(listed, tmp_path / repo / "lists" / kind / listed.name)
        git(tmp_path / repo, "init", "-q")
        git(tmp_path / repo, "add", ".")
        git(tmp_path / repo, "commit", "-qm", "handed in")
        git(tmp_path / repo, "tag", "v2024.1")
    shutil.copytree(ROOT / "catalogs" / "乡镇", tmp_path / "xiangzhen" / "catalogs" / "乡镇")
    office = tmp_path / "office"
    office.mkdir()
    toml = office / "catalogc.toml"
    toml.write_text(OFFICE_TOML.format(minzheng="v2024.1", renshe="v2024.1", jiaoyu="v2024.1"), encoding="utf-8")

    # check: one region, every finding names its source (and the commit of a git source)
    findings = json.loads(ok("check", ".", "--format", "json", cwd=office))
    assert all(f["source"] in {*DEPARTMENTS.values(), "乡镇"} for f in findings)
    assert all(("commit" in f) == (f["source"] != "乡镇") for f in findings)
    assert not {f["code"] for f in findings} & {"C302", "C304", "C401", "C402", "C403", "C404", "C405", "C406"}

    # build and publish the first release
    ok("build", ".", "-o", tmp_path / "out", cwd=office)
    ok("verify", tmp_path / "out", cwd=office)
    ok("publish", tmp_path / "out", "--to", tmp_path / "releases", "--version", "v2024.1", cwd=office)
    ok("verify", tmp_path / "releases" / "current", cwd=office)
    first = (tmp_path / "releases" / "current").resolve()

    # 民政局 shortens a time limit with its reason and hands in v2024.2
    catalog = tmp_path / "minzheng" / "catalogs" / "民政局" / "社会救助.yaml"
    text = catalog.read_text(encoding="utf-8")
    assert text.count(OLD_LIMIT) >= 1
    catalog.write_text(text.replace(OLD_LIMIT, NEW_LIMIT, 1), encoding="utf-8")
    git(tmp_path / "minzheng", "commit", "-qam", "时限缩短")
    git(tmp_path / "minzheng", "tag", "v2024.2")
    toml.write_text(OFFICE_TOML.format(minzheng="v2024.2", renshe="v2024.1", jiaoyu="v2024.1"), encoding="utf-8")

    # the second release, built with its 动态调整 record against the first
    ok("build", ".", "-o", tmp_path / "out", "--since", tmp_path / "releases" / "current", cwd=office)
    ok("verify", tmp_path / "out", cwd=office)
    assert "按县政务公开办通知缩短时限" in (tmp_path / "out" / "site" / "changes.html").read_text(encoding="utf-8")
    ok("publish", tmp_path / "out", "--to", tmp_path / "releases", "--version", "v2024.2", cwd=office)
    ok("verify", tmp_path / "releases" / "current", cwd=office)
    assert (tmp_path / "releases" / "current").resolve() != first

    # the record between the two releases: the change, in the catalog's terms, with its reason
    record = json.loads(ok("diff", tmp_path / "releases" / "v2024.1", tmp_path / "releases" / "v2024.2",
                           "--format", "json", cwd=office))
    (item,) = record["items"]
    assert item["id"] == "SHJZ-001" and item["note"]["reason"] == "按县政务公开办通知缩短时限"
    assert [c["kind"] for c in item["changes"]] == ["time-limit-shortened"]
    assert "10 → 5 个工作日" in item["changes"][0]["detail"]
    gate = catalogc("diff", tmp_path / "releases" / "v2024.1", tmp_path / "releases" / "v2024.2",
                    "--fail-on", "time-limit-shortened-without-note", cwd=office)
    assert gate.returncode == 0, gate.stderr  # the change carries its reason

    # roll back: current is the first release again, and it verifies
    ok("publish", "--to", tmp_path / "releases", "--rollback", cwd=office)
    assert (tmp_path / "releases" / "current").resolve() == first
    ok("verify", tmp_path / "releases" / "current", cwd=office)
    log = [json.loads(line) for line in (tmp_path / "releases" / "releases.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [entry["action"] for entry in log] == ["publish", "publish", "rollback"]
    assert log[1]["changes"]["changed"] == 1
