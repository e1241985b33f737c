"""Turn a path into the YAML document into a 1-based line and column, only when asked."""

from __future__ import annotations

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from catalogc.findings import Path


def _key_matches(node: Node, key: str | int) -> bool:
    if not isinstance(node, ScalarNode):
        return False
    return node.value == key or (isinstance(key, int) and node.value == str(key))


def locate(root: Node, path: Path, at_key: bool = False) -> tuple[int, int]:
    """The position of the value at ``path`` (or of its key); the deepest existing node otherwise.

    A path to a missing key thus lands on the mapping that lacks it: for an item, its first line.
    """
    node = root
    key_node: Node | None = None
    for step in path:
        if isinstance(node, MappingNode):
            for k, v in node.value:
                if _key_matches(k, step):
                    key_node, node = k, v
                    break
            else:
                break
        elif isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
            key_node, node = None, node.value[step]
        else:
            break
    else:
        if at_key and key_node is not None:
            node = key_node
    mark = node.start_mark
    return mark.line + 1, mark.column + 1
