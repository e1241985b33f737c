"""``catalogc diff`` and ``build --since`` behind the command line: read the sides, compare, report,
and decide the exit status."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from catalogc.atomic import write_text_atomic
from catalogc.diff.changeset import SideInfo
from catalogc.diff.compare import compare
from catalogc.diff.document import dumps
from catalogc.diff.groups import Planned
from catalogc.diff.kinds import GateError, parse_gates
from catalogc.diff.sides import Side, SideError, load_side, work_tree
from catalogc.diff.text import change_log, write_text
from catalogc.model.bundle import Index
from catalogc.publish.build import Group
from catalogc.publish.changes import ChangeLog


def _fail(message: str) -> int:
    print(f"catalogc: {message}", file=sys.stderr)
    return 2


def run(old: str, new: str | None, workspace: Path, fmt: str, fail_on: str | None, lang: str,
        output: Path | None) -> int:
    """0 when no ``--fail-on`` kind occurred, 1 when one did, 2 when the sides or options are unusable."""
    try:
        gates = parse_gates(fail_on, lang) if fail_on else []
    except GateError as exc:
        return _fail(str(exc))
    try:
        before = load_side(old, workspace)
        after = load_side(new, workspace) if new is not None else work_tree(workspace)
    except SideError as exc:
        return _fail(exc.text(lang))
    changes = compare(before, after)
    text = dumps(changes, lang) if fmt == "json" else None

    def write(stream) -> None:  # type: ignore[no-untyped-def]
        if text is not None:
            stream.write(text)
        else:
            write_text(changes, stream, lang)

    if output is None:
        write(sys.stdout)
    else:
        write_text_atomic(output, write)
    hits = changes.gated(gates)
    if not hits:
        return 0
    if lang == "en":
        print(f"catalogc: {len(hits)} changes of the kinds given to --fail-on", file=sys.stderr)
    else:
        print(f"catalogc: 有 {len(hits)} 处 --fail-on 列出的调整", file=sys.stderr)
    for item, change in hits:
        print(f"  {change.kind} {item.place.region} {item.place.domain} {item.id} {item.label}", file=sys.stderr)
    return 1


def since_record(old: str, workspace: Path) -> Callable[[Index, list[Group]], ChangeLog]:
    """For ``build --since OLD``: OLD opened now (a bad OLD stops before anything is built), compared
    with the new bundle once the build has planned it, group by group from the build's spool."""
    before: Side = load_side(old, workspace)
    return lambda index, groups: change_log(compare(before, Side(SideInfo("bundle", "new"), Planned(index, groups))))
