"""A one-file workspace around a catalog text, and the commands a user would run on it."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from catalogc.cli import main

CATALOG = "catalogs/民政局/社会救助.yaml"

BASE = """\
format: 1
region: "360799"
department: 溪山县民政局
domain: 社会救助
items:
  - id: SHJZ-001
    name: 最低生活保障
    sub: 办事指南
    content: 申请条件、办理流程
    basis: [《社会救助暂行办法》第九条]
    time_limit: 信息形成或者变更之日起20个工作日内
    subject: [溪山县民政局, 各乡镇人民政府]
    method: [主动]
    channels: [政府网站]
    audience: [全社会]
    level: [县级]
"""


def catalog(**lines: str) -> str:
    """BASE with some element lines replaced: ``channels="channels: [政府门户网站]"`` (indent added)."""
    text = BASE
    for key, replacement in lines.items():
        old = next(line for line in BASE.splitlines() if line.lstrip(" -").startswith(f"{key}:"))
        indent = old[: len(old) - len(old.lstrip())]
        text = text.replace(old + "\n", "".join(indent + r + "\n" for r in replacement.split("\n")), 1)
    return text


def workspace(root: Path, text: str | bytes) -> Path:
    path = root / CATALOG
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        text = text.encode("utf-8")
    path.write_bytes(text)
    return path


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)
