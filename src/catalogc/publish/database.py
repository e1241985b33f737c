"""catalog.sqlite: the bundle as one SQLite database, so a query system (or ``datasette`` as-is)
can search a province without loading JSON.

Written deterministically and compactly without a ``VACUUM`` pass over the whole file: one
connection, inserts only, rows in the bundle's order, fixed page size, no journal, the indexes
made once the rows are in (sorted into packed pages, where an index kept up row by row leaves
its pages half full), the full-text index built in few segments — two builds of the same inputs
with the same SQLite are byte-identical (docs/scale.md, "A streaming build").
The full-text index uses FTS5's trigram tokenizer, which matches any run of three or more
characters and so works for Chinese without a word segmenter; shorter queries use ``LIKE``
(docs/publish.md). The schema is documented there too; ``meta`` carries its version.
"""

from __future__ import annotations

import json
import re
import sqlite3
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from catalogc import __version__
from catalogc.model.bundle import BUNDLE_FORMAT, Index, Item, RegionDomain
from catalogc.publish.output import OutputError

DATABASE = "catalog.sqlite"
PAGE_SIZE = 4096

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE regions (code TEXT PRIMARY KEY, name TEXT) WITHOUT ROWID;
CREATE TABLE catalogs (
  id INTEGER PRIMARY KEY, file TEXT NOT NULL, region TEXT NOT NULL, department TEXT NOT NULL,
  department_code TEXT, domain TEXT NOT NULL, version TEXT, effective TEXT, items INTEGER NOT NULL,
  not_applicable TEXT, guideline_exceptions TEXT NOT NULL
);
CREATE TABLE items (
  id INTEGER PRIMARY KEY, item_id TEXT NOT NULL, region TEXT NOT NULL, domain TEXT NOT NULL,
  department TEXT NOT NULL, name TEXT NOT NULL, sub TEXT, content TEXT NOT NULL,
  time_limit TEXT NOT NULL, time_limit_parsed TEXT, subject TEXT NOT NULL, method TEXT NOT NULL,
  channels TEXT NOT NULL, audience TEXT NOT NULL, audience_note TEXT, level TEXT NOT NULL,
  powers TEXT NOT NULL, services TEXT NOT NULL, source_file TEXT NOT NULL, source_line INTEGER NOT NULL,
  bundle_file TEXT NOT NULL
);
CREATE INDEX items_by_region ON items (region, domain);
CREATE INDEX items_by_item_id ON items (item_id);
CREATE TABLE documents (
  id TEXT PRIMARY KEY, title TEXT NOT NULL, number TEXT, status TEXT NOT NULL, replaced_by TEXT
) WITHOUT ROWID;
CREATE TABLE citations (
  item INTEGER NOT NULL REFERENCES items (id), position INTEGER NOT NULL, text TEXT NOT NULL,
  titles TEXT NOT NULL, article TEXT, numbers TEXT NOT NULL, documents TEXT NOT NULL,
  PRIMARY KEY (item, position)
) WITHOUT ROWID;
CREATE TABLE citation_documents (
  item INTEGER NOT NULL, position INTEGER NOT NULL, document TEXT NOT NULL REFERENCES documents (id),
  PRIMARY KEY (item, position, document)
) WITHOUT ROWID;
CREATE INDEX citation_documents_by_document ON citation_documents (document);
CREATE TABLE coverage (
  department TEXT NOT NULL, domain TEXT NOT NULL, list TEXT NOT NULL, entries INTEGER NOT NULL,
  covered INTEGER NOT NULL
);
CREATE TABLE findings (
  id INTEGER PRIMARY KEY, code TEXT NOT NULL, rule TEXT NOT NULL, severity TEXT NOT NULL, file TEXT NOT NULL,
  line INTEGER NOT NULL, "column" INTEGER NOT NULL, item TEXT, message TEXT NOT NULL, hint TEXT NOT NULL
);
CREATE VIRTUAL TABLE items_fts USING fts5 (
  name, sub, content, content="items", content_rowid="id", tokenize="trigram"
);
"""


# The schema's statements by kind: the tables (a region's part has the item tables alone), the
# indexes, made once the rows are in, and the full-text table.
_STATEMENTS = [statement for statement in map(str.strip, SCHEMA.split(";")) if statement]
_TABLES = {statement.split()[2]: statement for statement in _STATEMENTS if statement.startswith("CREATE TABLE ")}
_INDEXES = [statement for statement in _STATEMENTS if statement.startswith("CREATE INDEX ")]
_FTS, = (statement for statement in _STATEMENTS if statement.startswith("CREATE VIRTUAL TABLE "))
_WIDTHS = {"items": 21, "citations": 7, "citation_documents": 3}  # the item tables' columns
# a citation that names one document twice links it once
_INSERT = {table: f"INSERT {'OR IGNORE ' if table == 'citation_documents' else ''}INTO {table} VALUES ({', '.join('?' * width)})"
           for table, width in _WIDTHS.items()}
_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode  # one encoder, not one per value
_ESCAPED = re.compile(r'[\x00-\x1f"\\]')  # what the encoder escapes when ensure_ascii is off


def _strings(values: list[str]) -> str:
    """``_json`` of a list of strings without calling the encoder when no string needs escaping
    (nearly every one: a build encodes a dozen such lists per item)."""
    if not values:
        return "[]"
    if _ESCAPED.search("".join(values)):
        return _json(values)
    return '["' + '","'.join(values) + '"]'


def _item_row(n: int, item: Item, region: str, domain: str, path: str, parsed: str | None) -> tuple[Any, ...]:
    return (n, item.id, region, domain, item.department, item.name, item.sub, "\n".join(item.content),
            item.time_limit.text, parsed, _strings(item.subject),
            _strings(item.method), _strings(item.channels), _strings(item.audience), item.audience_note,
            _strings(item.level), _strings(item.powers), _strings(item.services), item.source.file, item.source.line,
            path)


Documents = dict[str, tuple[Any, ...]]  # law id → its documents row, in the order first cited


def _open(path: Path) -> sqlite3.Connection:
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    return db


def write_regions(index: Index, regions: Iterable[list[RegionDomain]], path: Path) -> None:
    """Write the database of the bundle ``index`` describes to a new SQLite file at ``path`` from its
    groups given region by region, in the bundle's order, through a part per region as a build does
    (the two write the same bytes). An iterator is consumed one region at a time: the loop holds no
    region while the next is read (hence no ``enumerate``, whose reused result tuple would)."""
    documents: Documents = {}
    with tempfile.TemporaryDirectory(prefix=".parts-", dir=path.parent) as scratch:
        parts: list[Path] = []
        start = 1
        for groups in regions:
            parts.append(Path(scratch) / f"{len(parts)}.sqlite")
            for key, row in write_part(groups, start, parts[-1]).items():
                documents.setdefault(key, row)
            start += sum(len(g.items) for g in groups)
            del groups
        merge_database(index, parts, documents, path)


def write_part(groups: list[RegionDomain], start: int, path: Path) -> Documents:
    """One region's rows, numbered from ``start`` (the items before it in the bundle's order, plus
    one), into a scratch SQLite file for ``merge_database``; returns the documents they cite."""
    documents: Documents = {}
    db = _open(path)
    try:
        db.execute("BEGIN")
        for table in ("items", "citations", "citation_documents"):
            db.execute(_TABLES[table])
        _insert_items(db, groups, start, documents)
        db.execute("COMMIT")
    finally:
        db.close()
    return documents


# Pending full-text data FTS5 holds in memory before it writes a segment (its default is 1 MB):
# with room for a province's index in a few segments, the 'optimize' that merges them into one
# frees few pages, and the index's build stays within a bounded memory.
FTS_HASH = 64 * 1024 * 1024
_LOOSE = 16  # VACUUM only when more than one page in this many is free (a very large index's merge)


def merge_database(index: Index, parts: list[Path], documents: Documents, path: Path) -> None:
    """The database of the whole bundle from the regions' parts (in the bundle's order), each
    copied by SQLite itself (``INSERT … SELECT`` from the part attached), without the parent ever
    holding the items. ATTACH is refused inside a transaction, so each part is one transaction:
    their number, and so the file's header, depends on the parts alone."""
    probe()
    db = _open(path)
    try:
        db.execute(f"PRAGMA page_size = {PAGE_SIZE}")
        db.execute(f"PRAGMA user_version = {BUNDLE_FORMAT}")
        db.execute("BEGIN")
        for statement in _TABLES.values():
            db.execute(statement)
        db.execute(_FTS)
        db.execute(f"INSERT INTO items_fts (items_fts, rank) VALUES ('hashsize', {FTS_HASH})")
        _head(db, index)
        db.execute("COMMIT")
        for part in parts:
            db.execute("ATTACH DATABASE ? AS part", (str(part),))
            db.execute("BEGIN")
            for table in _WIDTHS:
                ignore = "OR IGNORE " if table == "citation_documents" else ""
                db.execute(f"INSERT {ignore}INTO main.{table} SELECT * FROM part.{table}")
            db.execute("COMMIT")
            db.execute("DETACH DATABASE part")
        db.execute("BEGIN")
        db.executemany("INSERT INTO documents VALUES (?, ?, ?, ?, ?)", [documents[k] for k in sorted(documents)])
        db.execute("INSERT INTO items_fts (items_fts) VALUES ('rebuild')")
        db.execute("INSERT INTO items_fts (items_fts) VALUES ('optimize')")
        # the setting is this build's, not the published table's: later writers get FTS5's default
        db.execute("DELETE FROM items_fts_config WHERE k = 'hashsize'")
        for statement in _INDEXES:  # after the index's merge, they fill the pages it freed
            db.execute(statement)
        db.execute("COMMIT")
        free, = db.execute("PRAGMA freelist_count").fetchone()
        pages, = db.execute("PRAGMA page_count").fetchone()
        if free * _LOOSE > pages:
            db.execute("VACUUM")
    finally:
        db.close()


def probe() -> None:
    """Refuse early, before any output is written, when this Python's SQLite has no trigram tokenizer."""
    db = sqlite3.connect(":memory:")
    try:
        db.execute("CREATE VIRTUAL TABLE temp.probe USING fts5 (x, tokenize='trigram')")
    except sqlite3.OperationalError as exc:
        raise OutputError(f"这个 Python 所带的 SQLite {sqlite3.sqlite_version} 不支持 FTS5 的 trigram 分词（{exc}），"
                          "写不了 catalog.sqlite：换用 SQLite 3.34 以上的 Python，或加 --no-sqlite") from None
    finally:
        db.close()


def _head(db: sqlite3.Connection, index: Index) -> None:
    db.executemany("INSERT INTO meta VALUES (?, ?)", [
        ("format", str(BUNDLE_FORMAT)), ("tool", "catalogc"), ("tool_version", __version__),
        ("generated", index.generated or ""),
    ])
    db.executemany("INSERT INTO regions VALUES (?, ?)", sorted(index.regions.items()))
    db.executemany("INSERT INTO catalogs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
        (n, c.file, c.region, c.department, c.department_code, c.domain, c.version, c.effective, c.items,
         c.not_applicable, _json(c.guideline_exceptions)) for n, c in enumerate(index.catalogs, 1)])
    db.executemany("INSERT INTO coverage VALUES (?, ?, ?, ?, ?)",
                   [(c.department, c.domain, c.list, c.entries, c.covered) for c in index.coverage])
    db.executemany("INSERT INTO findings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
        (n, f.code, f.rule, f.severity, f.file, f.line, f.column, f.item, f.message, f.hint)
        for n, f in enumerate(index.findings, 1)])


def _insert_items(db: sqlite3.Connection, groups: list[RegionDomain], start: int, documents: Documents) -> None:
    items, citations, links = [], [], []
    # a parsed time limit's JSON by its text (which it is parsed from): a region repeats a few dozen of them
    parsed: dict[str, str | None] = {}
    n = start - 1
    for group in groups:
        for item in group.items:
            n += 1
            limit = item.time_limit
            if limit.text not in parsed:
                parsed[limit.text] = _json(limit.parsed) if limit.parsed is not None else None
            items.append(_item_row(n, item, group.region, group.domain, group.path, parsed[limit.text]))
            for position, citation in enumerate(item.basis, 1):
                ids = [d.id for d in citation.documents]
                citations.append((n, position, citation.text, _strings(citation.titles), citation.article,
                                  _strings(citation.numbers), _strings(ids)))
                for d in citation.documents:
                    documents.setdefault(d.id, (d.id, d.title, d.number, d.status, d.replaced_by))
                    links.append((n, position, d.id))
    db.executemany(_INSERT["items"], items)
    db.executemany(_INSERT["citations"], citations)
    db.executemany(_INSERT["citation_documents"], links)


_KEYS = {"items": "id", "citations": "item", "citation_documents": "item"}  # each item table's item number


def copy_part(source: Path, region: str, first: int, count: int, start: int, path: Path) -> None:
    """A region's rows from an earlier build's database (its items numbered ``first`` on), numbered
    from ``start``, into a part as ``write_part`` writes it (a warm build, ``reuse.py``). The part
    holds the same rows, and ``merge_database`` copies each table in its key's order whatever order
    a part was written in, so the database is the same bytes. Raises ``ValueError`` when the
    earlier database does not hold ``count`` items of ``region`` there."""
    db = _open(path)
    try:
        db.execute("ATTACH DATABASE ? AS previous", (str(source),))
        found, = db.execute("SELECT count(*) FROM previous.items WHERE id BETWEEN ? AND ? AND region = ?",
                            (first, first + count - 1, region)).fetchone()
        if found != count:
            raise ValueError(f"{source} holds {found} of {count} items of {region} from {first}")
        db.execute("BEGIN")
        for table, key in _KEYS.items():
            db.execute(_TABLES[table])
            columns = [row[1] for row in db.execute(f"PRAGMA main.table_info({table})")]
            if columns != [row[1] for row in db.execute(f"PRAGMA previous.table_info({table})")]:
                raise ValueError(f"{source}: another schema of {table}")
            select = ", ".join(f'"{c}" + ?' if c == key else f'"{c}"' for c in columns)
            db.execute(f"INSERT INTO main.{table} SELECT {select} FROM previous.{table} WHERE {key} BETWEEN ? AND ?",
                       (start - first, first, first + count - 1))
        db.execute("COMMIT")
        db.execute("DETACH DATABASE previous")
    finally:
        db.close()
