"""Judging catalogc's findings on the real published catalogs against the hand-made verdicts.

Each folder of ``tests/corpora/real`` holds a transcribed table and its ``expected.yaml``
(see the README there). A finding is *true* when it is one of the listed defects, *false* when
it falls on text listed under ``accept`` (an alias warning naming the ``normalize`` value is
allowed), *ignored* when it concerns what the transcription could not see, and *unjudged*
otherwise. The test and ``bench/precision.py`` share this module so the figure the README
quotes is the one the test asserts on.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner

from catalogc.cli import main

CORPUS = Path(__file__).resolve().parent / "corpora" / "real"
COUNTED = ("error", "warning")


@dataclass
class Verdicts:
    folder: str
    true: list[dict[str, Any]] = field(default_factory=list)
    false: list[dict[str, Any]] = field(default_factory=list)
    normalized: list[dict[str, Any]] = field(default_factory=list)
    unjudged: list[dict[str, Any]] = field(default_factory=list)
    ignored: list[dict[str, Any]] = field(default_factory=list)
    missed: list[dict[str, Any]] = field(default_factory=list)


def folders() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if (p / "expected.yaml").is_file()
                  and ((p / "catalogs").is_dir() or (p / "lists").is_dir()))  # a town of lists alone too


def diagnostics(folder: Path) -> list[dict[str, Any]]:
    result = CliRunner().invoke(main, ["check", str(folder), "--format", "json", "--jobs", "1", "--no-cache"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def _spans(folder: Path) -> dict[tuple[str, str | None], dict[str, tuple[int, int]]]:
    """(file, item id) → field → (first line, last line) of the key and its value."""
    spans: dict[tuple[str, str | None], dict[str, tuple[int, int]]] = {}
    for path in sorted((folder / "catalogs").rglob("*.yaml")):
        rel = path.relative_to(folder).as_posix()
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
        if not isinstance(root, yaml.MappingNode):
            continue
        head: dict[str, tuple[int, int]] = {}
        for key, value in root.value:
            head[key.value] = (key.start_mark.line + 1, value.end_mark.line + 1)
            if key.value == "items" and isinstance(value, yaml.SequenceNode):
                for item in value.value:
                    if not isinstance(item, yaml.MappingNode):
                        continue
                    fields = {k.value: (k.start_mark.line + 1, v.end_mark.line + 1) for k, v in item.value}
                    ident = next((v.value for k, v in item.value if k.value == "id"), None)
                    spans[(rel, str(ident))] = fields
        spans[(rel, None)] = head
    return spans


def _field_of(d: dict[str, Any], spans: dict[tuple[str, str | None], dict[str, tuple[int, int]]]) -> str | None:
    for name, (first, last) in spans.get((d["file"], d["item"]), {}).items():
        if first <= d["line"] <= last:
            return name
    return None


def judge(folder: Path, found: list[dict[str, Any]] | None = None) -> Verdicts:
    expected = yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8")) or {}
    found = diagnostics(folder) if found is None else found
    spans = _spans(folder)
    verdicts = Verdicts(folder.name)
    not_visible = set(expected.get("not_visible") or ())
    defects = list(expected.get("defects") or ())
    accepts = list(expected.get("accept") or ())
    for d in found:
        where = _field_of(d, spans)
        if d["code"] == "C101" and any(f"（{key}）" in d["message"] for key in not_visible - {"region"}):
            verdicts.ignored.append(d)
        elif d["code"] == "C204" and "region" in not_visible:
            verdicts.ignored.append(d)
        elif any(e.get("code") == d["code"] and e.get("item") in (None, d["item"]) for e in defects):
            verdicts.true.append(d)
        elif d["severity"] not in COUNTED:
            continue
        elif d["code"] == "C205" and expected.get("partial"):
            # before the accepts: C205 sits on the domain line, where an accepted domain text is no verdict on it
            verdicts.ignored.append(d)
        elif (entry := _accept_entry(accepts, d, where)) is not None:
            normal = entry.get("normalize")
            if normal and d["severity"] == "warning" and str(normal) in d["message"]:
                verdicts.normalized.append(d)
            else:
                verdicts.false.append(d)
        else:
            verdicts.unjudged.append(d)
    for e in defects:
        if not any(d["code"] == e["code"] and e.get("item") in (None, d["item"]) for d in found):
            verdicts.missed.append(e)
    return verdicts


def _accept_entry(accepts: list[dict[str, Any]], d: dict[str, Any], where: str | None) -> dict[str, Any] | None:
    """The accept entry covering a finding: of those on its item and field, the one whose text it quotes."""
    covering = [e for e in accepts if _accepts(e, d, where)]
    quoted = next((e for e in covering if e.get("text") and f"“{e['text']}”" in d["message"]), None)
    return quoted or next(iter(covering), None)


def _accepts(entry: dict[str, Any], d: dict[str, Any], where: str | None) -> bool:
    if entry.get("item") is not None and entry["item"] != d["item"]:
        return False
    if entry.get("codes") and d["code"] not in entry["codes"]:
        return False  # the entry judges only what these rules say of the text
    if entry.get("field") is None:
        return True
    if entry["field"] == where:
        return True
    # a finding about an element that is absent names the element's key in its message
    return d["code"] == "C101" and f"（{entry['field']}）" in d["message"]


def judge_all() -> Iterator[Verdicts]:
    for folder in folders():
        yield judge(folder)
