"""The 动态调整 record: what changed between two releases of the catalogs (``catalogc diff``).

``compare(old, new)`` takes two sides (``load_side``: a workspace, a built bundle or a git
revision) or two bundles, and returns a ``ChangeSet``; ``summary()`` counts its changes by kind.
"""

from __future__ import annotations

from catalogc.diff.changeset import Change, ChangeSet, ItemChange
from catalogc.diff.compare import compare
from catalogc.diff.kinds import KINDS
from catalogc.diff.sides import Side, SideError, load_bundle, load_side, work_tree

__all__ = ["KINDS", "Change", "ChangeSet", "ItemChange", "Side", "SideError", "compare", "load_bundle", "load_side",
           "work_tree"]
