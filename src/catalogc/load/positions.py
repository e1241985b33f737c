"""Turn a path into the YAML document into a 1-based line and column, only when asked."""

from __future__ import annotations

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from catalogc.findings import Path

Pairs = dict[str, tuple[Node, Node]]


class Locator:
    """Positions in one document for many findings: each mapping's keys are indexed the first
    time a path or the item facts pass through it, so a file with a thousand findings walks
    each item once, and the facts reuse the index the findings built (and the other way round)."""

    __slots__ = ("root", "_keys", "_last")

    def __init__(self, root: Node) -> None:
        self.root = root
        self._keys: dict[int, Pairs] = {}  # the first of duplicate keys, as a scan finds
        self._last: dict[int, Pairs] = {}  # the last, as loaded: only mappings whose keys are not all distinct

    def _index(self, node: MappingNode) -> Pairs:
        keys = self._keys.get(id(node))
        if keys is None:
            # the (key, value) tuples of the node itself: an index costs one dict, no tuple per key
            keys = {pair[0].value: pair for pair in node.value if pair[0].__class__ is ScalarNode}
            if len(keys) != len(node.value):  # duplicate (or non-scalar) keys: rare, both kept
                self._last[id(node)] = keys
                keys = {pair[0].value: pair for pair in reversed(node.value) if pair[0].__class__ is ScalarNode}
            self._keys[id(node)] = keys
        return keys

    def pairs(self, node: MappingNode) -> Pairs:
        """A mapping's (key, value) nodes by key, the last of duplicate keys as in the loaded data."""
        keys = self._index(node)
        return self._last.get(id(node), keys) if self._last else keys

    def value(self, node: MappingNode, key: str) -> Node | None:
        """The value node under ``key``: with duplicate keys the last one, as in the loaded data."""
        pair = self.pairs(node).get(key)
        return pair[1] if pair is not None else None

    def __call__(self, path: Path, at_key: bool = False) -> tuple[int, int]:
        """The position of the value at ``path`` (or of its key); the deepest existing node otherwise.

        A path to a missing key thus lands on the mapping that lacks it: for an item, its first line.
        """
        node = self.root
        key_node: Node | None = None
        keys = self._keys
        for step in path:
            if isinstance(node, MappingNode):
                index = keys.get(id(node))
                pair = (index if index is not None else self._index(node)).get(
                    step if isinstance(step, str) else str(step))
                if pair is None:
                    break
                key_node, node = pair
            elif isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
                key_node, node = None, node.value[step]
            else:
                break
        else:
            if at_key and key_node is not None:
                node = key_node
        mark = node.start_mark
        return mark.line + 1, mark.column + 1


def locate(root: Node, path: Path, at_key: bool = False) -> tuple[int, int]:
    """One position in ``root`` (see ``Locator``; for many positions in one document, keep a Locator)."""
    return Locator(root)(path, at_key)
