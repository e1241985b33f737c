"""The release log's change summary: how many items two bundles add, remove and change.

Counts only, from the bundles' own files. The full 动态调整 record (field by field, with
reasons) is ``catalogc diff``, a layer above this one: ``releases.publish`` and ``rollback``
take the summary as a ``Summarize`` function, so the command can hand them one built on it
in place of ``change_summary``.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from catalogc.model.release import Changes
from catalogc.publish.manifest import MANIFEST

Summarize = Callable[[Path, Path], Changes]  # (old bundle, new bundle) → counts


def _files(root: Path) -> dict[str, str]:
    """The region × domain files of a bundle with their digests, from its manifest."""
    manifest = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    return {path: digest for path, digest in manifest["files"].items()
            if path.startswith("catalogs/") and path.endswith(".json")}


def _items(root: Path, paths: set[str]) -> dict[tuple[str, str, int], str]:
    """(region, item id, occurrence) → digest of the item and its domain, without its provenance,
    which moves whenever a line is added above it and is no change to the item."""
    found: dict[tuple[str, str, int], str] = {}
    seen: Counter[tuple[str, str]] = Counter()
    for path in sorted(paths):
        group = json.loads((root / path).read_text(encoding="utf-8"))
        for item in group["items"]:
            item.pop("source", None)
            key = (group["region"], item["id"])
            seen[key] += 1
            text = json.dumps([group["domain"], item], ensure_ascii=False, sort_keys=True, separators=(",", ":"))
            found[(*key, seen[key])] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return found


def change_summary(old: Path, new: Path) -> Changes:
    """Items added, removed and changed from bundle ``old`` to bundle ``new``, matched by region
    and id (an item moved to another domain's file is changed, not removed and added). Files
    whose digests are equal in both manifests are not read: their items are the same."""
    before, after = _files(old), _files(new)
    differing = {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}
    a = _items(old, differing & before.keys())
    b = _items(new, differing & after.keys())
    return Changes(added=len(b.keys() - a.keys()), removed=len(a.keys() - b.keys()),
                   changed=sum(1 for key in a.keys() & b.keys() if a[key] != b[key]))
