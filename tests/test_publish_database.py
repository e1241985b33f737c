"""catalog.sqlite: the bundle as one database, its full-text search in Chinese, determinism, the manifest."""

from __future__ import annotations

import json
import sqlite3
from itertools import groupby
from pathlib import Path

import pytest
from click.testing import CliRunner

from catalogc.check.prepare import load_settings
from catalogc.cli import main
from catalogc.load.workspace import discover
from catalogc.publish.build import build
from catalogc.publish.database import DATABASE
from catalogc.publish.manifest import verify
from tests.paths import ROOT


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("db") / "out"
    build(discover(ROOT), load_settings(ROOT), target, jobs=1, site=False, excel=False)
    return target


@pytest.fixture
def db(out: Path):
    connection = sqlite3.connect(f"file:{out / DATABASE}?mode=ro", uri=True)
    yield connection
    connection.close()


def _bundle_items(out: Path) -> list[tuple[str, dict]]:
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    return [(entry["region"], item) for entry in index["files"]
            for item in json.loads((out / entry["path"]).read_text(encoding="utf-8"))["items"]]


def test_full_text_search_finds_the_items(out: Path, db: sqlite3.Connection) -> None:
    found = db.execute("SELECT i.region, i.item_id FROM items_fts JOIN items i ON i.id = items_fts.rowid "
                       "WHERE items_fts MATCH ? ORDER BY i.id", ('"最低生活保障"',)).fetchall()
    expected = [(region, item["id"]) for region, item in _bundle_items(out)
                if any("最低生活保障" in text for text in (item["name"], item["sub"] or "", *item["content"]))]
    assert len(expected) >= 10 and found == expected


def test_short_queries_use_like(out: Path, db: sqlite3.Connection) -> None:
    """Trigrams need three characters: 低保 finds nothing through MATCH and is searched with LIKE."""
    assert db.execute("SELECT count(*) FROM items_fts WHERE items_fts MATCH '低保'").fetchone() == (0,)
    found = db.execute("SELECT count(*) FROM items_fts WHERE name LIKE ?1 OR sub LIKE ?1 OR content LIKE ?1",
                       ("%低保%",)).fetchone()[0]
    expected = sum(1 for _, item in _bundle_items(out)
                   if any("低保" in text for text in (item["name"], item["sub"] or "", *item["content"])))
    assert found == expected > 0


def test_tables_hold_the_bundle(out: Path, db: sqlite3.Connection) -> None:
    index = json.loads((out / "index.json").read_text(encoding="utf-8"))
    items = _bundle_items(out)
    assert db.execute("SELECT count(*) FROM items").fetchone() == (len(items),)
    assert db.execute("SELECT count(*) FROM catalogs").fetchone() == (len(index["catalogs"]),)
    assert dict(db.execute("SELECT code, name FROM regions")) == index["regions"]
    assert db.execute("SELECT count(*) FROM findings").fetchone() == (len(index["findings"]),)
    assert db.execute("SELECT count(*) FROM citations").fetchone() == (sum(len(i["basis"]) for _, i in items),)
    row = db.execute("SELECT content, channels, source_file, source_line, bundle_file FROM items "
                     "WHERE region = '360799' AND item_id = 'SHJZ-003'").fetchone()
    assert row == ("办理事项、办理条件、低保标准\n申请材料、办理流程、办理时间和地点\n联系方式",
                   '["政府网站","政务服务中心","便民服务站"]', "catalogs/民政局/社会救助.yaml", 37,
                   "catalogs/360799/社会救助.json")
    cited = db.execute("SELECT count(DISTINCT item) FROM citation_documents WHERE document = 'dibao-2012'").fetchone()[0]
    assert cited >= 3
    assert db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone() == ("1",)
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_database_is_deterministic_and_in_the_manifest(tmp_path: Path, out: Path) -> None:
    again = tmp_path / "again"
    build(discover(ROOT), load_settings(ROOT), again, jobs=2, site=False, excel=False)
    assert (again / DATABASE).read_bytes() == (out / DATABASE).read_bytes()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert DATABASE in manifest["files"]
    assert not list(out.glob(f"{DATABASE}-*"))  # no journal left beside it
    with (again / DATABASE).open("r+b") as stream:
        stream.seek(200)
        byte = stream.read(1)[0]
        stream.seek(200)
        stream.write(bytes([byte ^ 0xFF]))
    assert verify(again).changed == (DATABASE,)


def test_no_sqlite(tmp_path: Path) -> None:
    target = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(ROOT), "-o", str(target), "--no-sqlite", "--no-site", "--no-excel"])
    assert result.exit_code == 0 and (target / "index.json").is_file() and not (target / DATABASE).exists()


def test_a_sqlite_without_trigrams_is_a_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import catalogc.publish.database as database

    real = sqlite3.connect

    class NoTrigram:
        def __init__(self, *args, **kwargs) -> None:
            self.db = real(*args, **kwargs)

        def execute(self, sql: str, *args):
            if "trigram" in sql:
                raise sqlite3.OperationalError("no such tokenizer: trigram")
            return self.db.execute(sql, *args)

        def close(self) -> None:
            self.db.close()

    monkeypatch.setattr(database.sqlite3, "connect", NoTrigram)
    target = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(ROOT), "-o", str(target), "--no-site", "--no-excel"])
    assert result.exit_code == 2 and "不支持 FTS5 的 trigram" in result.output and "--no-sqlite" in result.output
    assert not target.exists() and list(tmp_path.iterdir()) == []


def test_datasette_finds_the_full_text_index(db: sqlite3.Connection) -> None:
    """datasette serves ?_search= on a table when a virtual table names it as content="…" (its detect_fts
    query, copied here); checked by hand with datasette 0.65: /catalog/items?_search=最低生活保障."""
    found = db.execute("""SELECT name FROM sqlite_master WHERE rootpage = 0
                          AND sql LIKE '%VIRTUAL TABLE%USING FTS%content="items"%'""").fetchall()
    assert found == [("items_fts",)]


def test_regions_given_one_by_one_give_the_database_of_the_build(tmp_path: Path, out: Path) -> None:
    """A build merges the parts its region workers wrote; ``publish --into`` gives the regions one
    by one to ``write_regions``: the same bytes."""
    from catalogc.check.engine import check_workspace
    from catalogc.publish.build import assemble
    from catalogc.publish.compile import compile_catalog
    from catalogc.publish.database import write_regions

    settings = load_settings(ROOT)
    bundle = assemble(check_workspace(discover(ROOT), settings, 1, collect=compile_catalog), settings, False)
    assert len({g.region for g in bundle.groups}) > 1  # more than one part was merged
    regions = (list(groups) for _, groups in groupby(bundle.groups, key=lambda g: g.region))
    write_regions(bundle.index, regions, tmp_path / DATABASE)
    assert (tmp_path / DATABASE).read_bytes() == (out / DATABASE).read_bytes()
