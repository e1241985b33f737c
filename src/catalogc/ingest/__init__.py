"""Reading catalogs kept as tables (Excel, Word, saved web pages) in the national layout.

tables → grid of cell texts with merged cells resolved and addresses kept;
layout → which rows are the header and what each column means;
cells → the texts of one cell (ticks, checkbox lists, citations) as values;
mapping → rows as catalog items, with what was inferred and what could not be mapped;
write → the YAML text of a catalog, with comments where a value was inferred.

Nothing here writes files: `catalogc import` (commands/import_tables.py, cli.py) does.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """A cell (or table) whose content could not be mapped: where it is and what to do."""

    where: str  # 目录.xlsx!社会救助!D7
    message: str


class UnusableInput(Exception):
    """A file that cannot be read as a table at all (exit status 2)."""
