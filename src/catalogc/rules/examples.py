"""Rule examples: the Passing/Failing fragments of each rule's docstring, made whole.

A fragment names only what differs from a small valid catalog, so a rule's
documentation stays short while the test suite runs every example for real.
Keys: ``item`` (merged into the base item), ``items`` (each merged into a copy of the
base item), ``raw`` (the whole file), ``raw_item`` (lines appended to the base item),
``raw_gbk`` (``raw`` encoded as GBK); ``lists`` (list files), ``settings`` (the workspace's
catalogc.toml) and ``sources`` (name → fragment: folder sources of an office workspace, each
with its own ``settings`` and ``lists``); any other key replaces that catalog key.
"""

from __future__ import annotations

import copy
import inspect
import re
import textwrap
from typing import Any

import yaml

BASE: dict[str, Any] = {
    "format": 1,
    "region": "360799",
    "department": "溪山县民政局",
    "department_code": "11360799MB1234562P",
    "domain": "养老服务",
    "version": "2024.1",
    "effective": "2024-03-01",
    "items": [
        {
            "id": "SHJZ-001",
            "name": "最低生活保障",
            "sub": "办事指南",
            "content": "办理事项、办理条件、低保标准、申请材料、办理流程",
            "basis": ["《社会救助暂行办法》第九条"],
            "time_limit": "信息形成或者变更之日起20个工作日内",
            "subject": ["溪山县民政局", "各乡镇人民政府（街道办事处）"],
            "method": ["主动"],
            "channels": ["政府网站", "政务服务中心"],
            "audience": ["全社会"],
            "level": ["县级", "乡级"],
        }
    ],
}

_BLOCK = re.compile(r"^\s*(Passing|Failing)::\s*\n((?:\s*\n|[ \t]+.*\n?)+)", re.MULTILINE)


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def examples(doc: str) -> dict[str, list[str]]:
    """The fragments of a docstring, by kind ('Passing' / 'Failing')."""
    found: dict[str, list[str]] = {"Passing": [], "Failing": []}
    for match in _BLOCK.finditer(inspect.cleandoc(doc)):
        found[match.group(1)].append(textwrap.dedent(match.group(2)).strip("\n") + "\n")
    return found


def materialize(fragment: str) -> bytes:
    """A whole catalog file for a fragment."""
    spec = yaml.safe_load(fragment) or {}
    if "raw" in spec:
        return spec["raw"].encode("utf-8")
    if "raw_gbk" in spec:
        return spec["raw_gbk"].encode("gbk")
    data = copy.deepcopy(BASE)
    base_item = data["items"][0]
    for key in re.findall(r"^\s+(\w+):", spec.get("raw_item", ""), re.MULTILINE):
        base_item.pop(key, None)  # raw lines replace the base item's keys of the same name
    for key, value in spec.items():
        if key == "item":
            base_item.update(value)
        elif key == "items":
            data["items"] = [{**copy.deepcopy(BASE["items"][0]), **entry} for entry in value]
        elif key not in ("raw_item", "lists", "settings", "sources"):
            data[key] = value
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
    if "raw_item" in spec:
        text += spec["raw_item"]
    return text.encode("utf-8")


def workspace_files(fragment: str, rel: str) -> dict[str, bytes]:
    """The catalog at ``rel`` plus any lists the fragment gives (``lists: {powers: csv, services: csv}``),
    its settings, and its sources as folders ``sources/<name>/`` listed in its catalogc.toml."""
    spec = yaml.safe_load(fragment) or {}
    files = {rel: materialize(fragment)}
    if not isinstance(spec, dict):
        return files
    for kind, text in (spec.get("lists") or {}).items():
        files[f"lists/{kind}/example.csv"] = text.encode("utf-8")
    settings = spec.get("settings") or ""
    for name, source in (spec.get("sources") or {}).items():
        inner = yaml.dump(source, allow_unicode=True)
        files.update({f"sources/{name}/{path}": data for path, data in workspace_files(inner, rel).items()})
        if source.get("settings"):
            files[f"sources/{name}/catalogc.toml"] = source["settings"].encode("utf-8")
        settings += f'\n[[sources]]\nname = "{name}"\npath = "sources/{name}"\n'
    if settings:
        files["catalogc.toml"] = settings.encode("utf-8")
    return files


def shown(fragment: str) -> list[tuple[str, str]]:
    """A fragment as a reader sees it: (file, text) for the catalog part and each list file.

    The catalog part shows only what differs from ``BASE`` (the rules reference prints BASE once),
    each value exactly as the fragment writes it: quoting is often the point (C006).
    """
    spec = yaml.safe_load(fragment) or {}
    if "raw" in spec or "raw_gbk" in spec:
        return [("catalog.yaml" if "raw" in spec else "catalog.yaml (GBK)", spec.get("raw", spec.get("raw_gbk", "")))]
    root = yaml.compose(fragment, Loader=yaml.SafeLoader)

    def source(node: yaml.Node) -> str:
        return fragment[node.start_mark.index:node.end_mark.index]

    def mapping(node: yaml.Node) -> list[str]:
        return [f"{key.value}: {source(value)}" for key, value in node.value]

    head: list[str] = []
    items: list[list[str]] = []
    for key, value in root.value if root is not None else ():
        if key.value == "item":
            items.append(mapping(value))
        elif key.value == "items":
            items += [mapping(entry) for entry in value.value]
        elif key.value not in ("raw_item", "lists"):
            head.append(f"{key.value}: {source(value)}")
    if "raw_item" in spec:
        items.append(["...", *(line[4:] for line in spec["raw_item"].splitlines())])
    text = "".join(f"{line}\n" for line in head)
    if items:
        text += "items:\n" + "".join(f"  {'- ' if n == 0 else '  '}{line}\n" for entry in items
                                     for n, line in enumerate(entry))
    files = [("catalog.yaml", text)] if text else []
    for kind, csv in (spec.get("lists") or {}).items():
        files.append((f"lists/{kind}/example.csv", csv))
    return files
