"""Turn a path into the YAML document into a 1-based line and column, only when asked."""

from __future__ import annotations

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from catalogc.findings import Path


class Locator:
    """Positions in one document for many findings: each mapping's keys are indexed the first
    time a path passes through it, so a file with a thousand findings walks each item once."""

    __slots__ = ("root", "_keys")

    def __init__(self, root: Node) -> None:
        self.root = root
        self._keys: dict[int, dict[str, tuple[Node, Node]]] = {}

    def _index(self, node: MappingNode) -> dict[str, tuple[Node, Node]]:
        keys = self._keys.get(id(node))
        if keys is None:
            # the first of duplicate keys, as a scan finds: built backwards, so the first is stored last
            keys = {k.value: (k, v) for k, v in reversed(node.value) if k.__class__ is ScalarNode}
            self._keys[id(node)] = keys
        return keys

    def _pair(self, node: MappingNode, step: str | int) -> tuple[Node, Node] | None:
        return self._index(node).get(step if isinstance(step, str) else str(step))

    def value(self, node: MappingNode, key: str) -> Node | None:
        """The value node under ``key``: with duplicate keys the last one, as in the loaded data."""
        index = self._index(node)
        if len(index) != len(node.value):
            return next((v for k, v in reversed(node.value) if isinstance(k, ScalarNode) and k.value == key), None)
        pair = index.get(key)
        return pair[1] if pair is not None else None

    def __call__(self, path: Path, at_key: bool = False) -> tuple[int, int]:
        """The position of the value at ``path`` (or of its key); the deepest existing node otherwise.

        A path to a missing key thus lands on the mapping that lacks it: for an item, its first line.
        """
        node = self.root
        key_node: Node | None = None
        for step in path:
            if isinstance(node, MappingNode):
                pair = self._pair(node, step)
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


def value_nodes(node: MappingNode) -> dict[str, Node]:
    """A mapping's value nodes by key, the last of duplicate keys as in the loaded data (item facts
    ask a few keys of every item; one comprehension beats a ``Locator`` lookup per key)."""
    return {k.value: v for k, v in node.value if k.__class__ is ScalarNode}


def locate(root: Node, path: Path, at_key: bool = False) -> tuple[int, int]:
    """One position in ``root`` (see ``Locator``; for many positions in one document, keep a Locator)."""
    return Locator(root)(path, at_key)
