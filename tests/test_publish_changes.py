"""The release log's change summary, against set arithmetic on generated bundles."""

from __future__ import annotations

import hashlib
import json
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from catalogc.publish.summary import change_summary

REGIONS = ["360799", "360799100"]
DOMAINS = ["社会救助", "养老服务"]
IDS = [f"SHJZ-{n:03}" for n in range(6)]

# (region, id) → (domain, content, source line): what a bundle says of each item
bundles = st.dictionaries(st.tuples(st.sampled_from(REGIONS), st.sampled_from(IDS)),
                          st.tuples(st.sampled_from(DOMAINS), st.sampled_from(["甲", "乙"]), st.integers(1, 99)))


def _write(root: Path, items: dict[tuple[str, str], tuple[str, str, int]]) -> Path:
    root.mkdir()
    groups: dict[tuple[str, str], list[dict]] = {}
    for (region, item_id), (domain, content, line) in sorted(items.items()):
        groups.setdefault((region, domain), []).append(
            {"id": item_id, "name": "最低生活保障", "content": [content], "source": {"file": "a.yaml", "line": line}})
    files = {}
    for (region, domain), rows in groups.items():
        path = root / "catalogs" / region / f"{domain}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"region": region, "domain": domain, "items": rows}, ensure_ascii=False), encoding="utf-8")
        files[f"catalogs/{region}/{domain}.json"] = hashlib.sha256(path.read_bytes()).hexdigest()
    (root / "manifest.json").write_text(json.dumps({"files": files}), encoding="utf-8")
    return root


@settings(max_examples=60, deadline=None)
@given(bundles, bundles)
def test_summary_counts_ids_and_ignores_provenance(old: dict, new: dict) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        a, b = _write(Path(tmp) / "a", old), _write(Path(tmp) / "b", new)
        summary = change_summary(a, b)
    both = old.keys() & new.keys()
    assert (summary.added, summary.removed) == (len(new.keys() - old.keys()), len(old.keys() - new.keys()))
    assert summary.changed == sum(1 for k in both if old[k][:2] != new[k][:2])  # the line is not a change
