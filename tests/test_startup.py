"""A check answered from the cache pays only for what it uses: the modules it must not import,
and the text report's plain writer, which must print exactly what rich prints."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console

from catalogc.parse.lazy import lazy
from catalogc.report import plain
from catalogc.report.text import _STYLE
from catalogc.rules import FAMILIES, FAMILY_OF
from tests.paths import ROOT

# Imported only when a run needs them: forking workers, a file that is not UTF-8, traditional
# characters to fold, a report with colour or with text rich has to render.
HEAVY = ("multiprocessing", "concurrent.futures", "ctypes", "charset_normalizer", "opencc", "rich", "rich.console")

PROBE = """
import json, runpy, sys
sys.argv = ["catalogc", *sys.argv[1:]]
try:
    runpy.run_module("catalogc", run_name="__main__", alter_sys=True)
except SystemExit as exc:
    status = exc.code
print(json.dumps([status, sorted(m for m in {heavy!r} if m in sys.modules)]), file=sys.stderr)
"""


def _env() -> dict[str, str]:
    """Standard output a pipe and nothing forcing colour, as in CI."""
    return {k: v for k, v in os.environ.items()
            if k not in ("FORCE_COLOR", "TTY_COMPATIBLE", "CATALOGC_NO_CACHE", "CATALOGC_CACHE_DIR")}


def _run(*args: str | Path) -> tuple[int, list[str], str]:
    """``catalogc ARGS`` in a fresh interpreter: exit status, the heavy modules it imported, its output."""
    done = subprocess.run([sys.executable, "-c", PROBE.format(heavy=HEAVY), *map(str, args)],
                          capture_output=True, text=True, env=_env(), check=False)
    status, imported = json.loads(done.stderr.strip().splitlines()[-1])
    return status, imported, done.stdout


def test_importing_the_engine_and_the_cache_imports_no_heavy_module() -> None:
    probe = ("import sys, catalogc.cli, catalogc.check.engine, catalogc.check.cache, catalogc.report.text; "
             f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, env=_env()).stdout
    assert out.strip() == "[]"


def test_a_rerun_imports_only_what_it_uses(generated: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cold = _run("check", generated, "--cache-dir", cache, "--jobs", "2")
    assert cold[0] == 0 and "multiprocessing" in cold[1]  # the probe sees imports: the cold run forked
    assert cold[2] == "48 个文件，362 个事项：没有发现问题\n"

    assert _run("check", generated, "--cache-dir", cache, "--jobs", "2") == (0, [], cold[2])

    changed = sorted(generated.rglob("*.yaml"))[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "# 改动\n", encoding="utf-8")
    # the file is checked inline, its text folded (OpenCC); no workers, no rich, and the region table
    # from the cache without importing python-stdnum (whose __init__ imports ssl and pydoc)
    assert _replayed("check", generated, "--cache-dir", cache, "--jobs", "2", heavy=(*HEAVY, "stdnum")) == \
        (0, ["opencc"], cold[2])


# What a run answered from the cache leaves alone, beyond HEAVY: it loads no YAML, validates no model,
# runs no rule and reads no reference data or list file; the package's version comes from
# catalogc/__init__.py, not from the installed metadata.
NOT_REPLAYED = (*HEAVY, "yaml", "pydantic", "pydantic_core", "networkx", "jsonschema", "importlib.metadata", "stdnum",
                "tomllib", "catalogc.check.baseline",
                "catalogc.load.document", "catalogc.load.lists", "catalogc.load.positions", "catalogc.model.catalog",
                "catalogc.model.settings", "catalogc.model.validate", "catalogc.refdata.legal", "catalogc.check.graph",
                *(f"catalogc.rules.{family}" for family in FAMILIES))


def _replayed(*args: str | Path, heavy: tuple[str, ...] = NOT_REPLAYED) -> tuple[int, list[str], str]:
    done = subprocess.run([sys.executable, "-c", PROBE.format(heavy=heavy), *map(str, args)],
                          capture_output=True, text=True, env=_env(), check=False)
    status, imported = json.loads(done.stderr.strip().splitlines()[-1])
    return status, imported, done.stdout


@pytest.mark.parametrize("fmt", ["json", "text", "github", "junit"])  # SARIF: the test below
def test_a_replayed_run_imports_no_loader_model_or_rule(generated: Path, tmp_path: Path, fmt: str) -> None:
    """The guard of the nothing-changed re-run's speed: the same bytes as the run that filled the
    cache, and none of the modules only a run with changes needs."""
    args = ("check", generated, "--cache-dir", tmp_path / "cache", "--jobs", "1", "--format", fmt)
    cold = _replayed(*args)
    assert cold[0] == 0 and "yaml" in cold[1] and "catalogc.rules.basis" in cold[1]  # the probe sees a real check
    assert _replayed(*args) == (0, [], cold[2])
    options = ("--select", "C1,C2", "--lang", "en")  # checked against the codes, applied afresh
    assert _replayed(*args, *options) == (0, [], _replayed(*args, *options, "--no-cache")[2])


def test_a_replayed_sarif_report_takes_the_rule_table_from_the_cache(generated: Path, tmp_path: Path) -> None:
    """A SARIF log lists every rule, made from every rule family; the cache keeps that list per
    language and rules' address, so a replay imports no family, and another address makes it anew."""
    args = ("check", generated, "--cache-dir", tmp_path / "cache", "--jobs", "1", "--format", "sarif")
    cold = _replayed(*args)
    assert cold[0] == 0 and "catalogc.rules.basis" in cold[1] and '"id": "C406"' in cold[2]
    assert _replayed(*args) == (0, [], cold[2])
    elsewhere = (*args, "--lang", "en", "--rules-url", "https://rules.example.org/{code}.html")
    first = _replayed(*elsewhere)
    assert "catalogc.rules.basis" in first[1] and "https://rules.example.org/C406.html" in first[2]
    assert first[2] == _replayed(*elsewhere, "--no-cache")[2]
    assert _replayed(*elsewhere) == (0, [], first[2])
    assert _replayed(*args) == (0, [], cold[2])


def test_a_settings_file_is_validated_once_until_it_changes(generated: Path, tmp_path: Path) -> None:
    """The generated workspace's catalogc.toml (its region registry) is taken from the cache's memo
    on a replay; once its bytes change it is validated again, and what it says takes effect."""
    args = ("check", generated, "--cache-dir", tmp_path / "cache", "--jobs", "1", "--format", "json")
    cold = _replayed(*args)
    assert cold[0] == 0 and {"pydantic", "tomllib", "catalogc.model.settings"} <= set(cold[1])
    assert _replayed(*args) == (0, [], cold[2])
    settings = generated / "catalogc.toml"
    lines = settings.read_text(encoding="utf-8").splitlines(keepends=True)
    dropped = next(line for line in lines if line.startswith('"'))
    settings.write_text("".join(line for line in lines if line != dropped), encoding="utf-8")
    status, imported, out = _replayed(*args)
    assert status == 1 and {"pydantic", "tomllib", "catalogc.model.settings"} <= set(imported)
    found = json.loads(out)
    assert found and {f["code"] for f in found} == {"C204"} and all(dropped.split('"')[1] in f["message"] for f in found)
    assert _replayed(*args)[1:] == ([f"catalogc.rules.{FAMILY_OF['C204']}"], out)  # its message: its rule family


def test_a_replayed_run_with_findings_imports_only_their_rules(tmp_path: Path) -> None:
    """Findings need their rules' messages: each family is imported for the codes it holds, and
    still no YAML and no list file is read."""
    root = tmp_path / "ws"
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), str(root), "--counties", "2", "--items", "6",
                    "--findings", "0.5"], check=True, stdout=subprocess.DEVNULL)
    args = ("check", root, "--cache-dir", tmp_path / "cache", "--jobs", "1", "--format", "json")
    cold = _replayed(*args)
    codes = {finding["code"] for finding in json.loads(cold[2])}
    assert cold[0] in (0, 1) and {"C105", "C110", "C205"} <= codes
    status, imported, out = _replayed(*args)
    assert (status, out) == (cold[0], cold[2])
    assert not {"yaml", "catalogc.load.document", "catalogc.load.lists", "networkx"} & set(imported)
    families = {m.removeprefix("catalogc.rules.") for m in imported if m.startswith("catalogc.rules.")}
    assert families == {FAMILY_OF[code] for code in codes}


def test_findings_are_printed_without_rich_on_a_pipe(tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    shutil.copytree(ROOT / "catalogs", workspace / "catalogs")
    target = workspace / "catalogs" / "民政局" / "社会救助.yaml"
    target.write_text(target.read_text(encoding="utf-8").replace("level: [县级, 乡级]", "level: [县级, 省级]", 1),
                      encoding="utf-8")
    status, imported, out = _run("check", workspace, "--no-cache", "--jobs", "1")
    assert status == 1 and "    level: [县级, 省级]\n" in out
    assert imported == ["opencc", "rich"]  # rich for the caret's column (rich.cells), not its console
    assert _run("check", workspace, "--no-cache", "--jobs", "1", "--format", "json")[1] == ["opencc"]


def _rich(markup: str) -> str:
    out = io.StringIO()
    Console(file=out, highlight=False, soft_wrap=True, emoji=False).print(markup)  # as plain.rich_console
    return out.getvalue()


def _plain(markup: str) -> str:
    out = io.StringIO()
    plain.PlainConsole(out).print(markup)
    return out.getvalue()


# Text as catalogs and messages hold it, with what rich treats specially: brackets, backslashes,
# emoji codes, tabs, control codes.
PIECES = st.lists(st.one_of(
    st.text(alphabet="ab 中文县级：:[]/\\#@\t\n\r\x07\x1b", max_size=8),
    st.sampled_from([":fire:", ":smile:", "08:30:00", "http://x:80", "[县级, 乡级]", "[1]", "[bold]", "[/]",
                     "[dim]", "\\[", "a\\", "[b]:x:", ":thumbs_up-emoji:", "[#fff]", "[@click]"]),
), max_size=6).map("".join)


@given(PIECES, PIECES, PIECES, st.sampled_from(sorted(set(_STYLE.values()))))
def test_the_plain_writer_prints_what_rich_prints(rel: str, message: str, source: str, style: str) -> None:
    markup = "\n".join([
        f"[bold underline]{plain.escape(rel)}[/]",
        f"  3:7  [{style}]错误[/]  [bold]C101[/] [dim]element-missing[/]  {plain.escape(message)}",
        f"      [dim]   3 │[/] {plain.escape(source)}",
        f"      [dim]     │[/]   [{style}]^[/]",
        f"      [green]hint: [/]{plain.escape(message)}",
    ])
    assert _plain(markup) == _rich(markup)
    assert plain.escape(message) == __import__("rich.markup").markup.escape(plain.visible(message))
    assert "\x1b" not in _plain(markup) and "\x07" not in _plain(markup)


def test_ordinary_text_is_written_plain() -> None:
    """The writer is not rich in disguise: the common lines never reach rich."""
    for markup in ("[bold underline]catalogs/民政局/社会救助.yaml[/]", "    services: [11360799MB0001011T-0001]",
                   "  4:9  [yellow]警告[/]  [bold]C205[/] [dim]guideline-missing[/]  缺少“律师”", "",
                   "23 个文件，162 个事项：[green]没有发现问题[/]", "2 files, 2 items: 2 error, 3 warning",
                   f"      [green]建议：[/]{plain.escape('可在 catalogc.toml 的 [[laws]] 中登记')}",
                   "时限 :fire: 天"):  # emoji codes are off: catalog text printed as written
        assert plain.plain_text(markup) is not None, markup
    for markup in ("a\tb", "[red]x[/]", "a\\\\[b]", "a\\b"):
        assert plain.plain_text(markup) is None, markup


def test_every_style_of_the_text_report_is_known_to_the_plain_writer() -> None:
    assert set(_STYLE.values()) <= plain.TAGS


def test_a_terminal_gets_rich(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("TTY_COMPATIBLE", raising=False)
    assert isinstance(plain.console(Terminal()), Console)
    assert isinstance(plain.console(io.StringIO()), plain.PlainConsole)
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert isinstance(plain.console(io.StringIO()), Console)


def test_the_parsers_compile_their_patterns_when_first_used() -> None:
    """Importing the rules (as every check does) compiles none of the patterns of the time-limit and
    citation parsers and of the catalog and subject rules."""
    probe = ("import re, catalogc.rules\n"
             "from catalogc.parse import citation, timelimit\n"
             "from catalogc.parse.lazy import LazyPattern\n"
             "from catalogc.rules import catalog, subjects\n"
             "values = [v for m in (citation, timelimit, catalog, subjects) for v in vars(m).values()]\n"
             "values += [p for v in values if isinstance(v, tuple) for p in v]\n"
             "print(sum(isinstance(v, LazyPattern) for v in values), sum(isinstance(v, re.Pattern) for v in values),"
             " sum('match' in vars(v) for v in values if isinstance(v, LazyPattern)))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    assert int(out[0]) >= 30 and out[1:] == ["0", "0"]


def test_a_lazy_pattern_is_the_pattern_once_used() -> None:
    broken = lazy("(")  # compiling it would raise: nothing does until it is used
    with pytest.raises(re.error):
        broken.match("x")
    days = lazy(r"([0-9]+)个?工作日")
    assert days.search("之日起20个工作日内").group(1) == "20"  # type: ignore[union-attr]
    assert days.sub("N", "5工作日或10个工作日") == "N或N"
    assert days.pattern == r"([0-9]+)个?工作日" and days.findall("1工作日2工作日") == ["1", "2"]


def test_the_progress_bar_is_drawn_from_the_first_file() -> None:
    """On a terminal, a run that checks no file (answered from the cache) starts no bar."""
    probe = ("import io, sys\n"
             "from catalogc.report.progress import Bar\n"
             "with Bar('check', io.StringIO()) as bar:\n"
             "    pass\n"
             "idle = 'rich.progress' in sys.modules\n"
             "with Bar('check', io.StringIO()) as bar:\n"
             "    bar.start(3)\n"
             "    bar.advance(3, 10)\n"
             "print(idle, 'rich.progress' in sys.modules, bar._progress.finished)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "True", "True"]


def test_catalog_text_never_sends_control_sequences_to_the_terminal(tmp_path) -> None:
    """ESC in a catalog value (a title, a clipboard or a link sequence) is shown as ␛, wherever the report goes."""
    from click.testing import CliRunner

    from catalogc.cli import main
    from tests.conftest import write_workspace
    from tests.rules import edit

    text = edit("channels: [政府网站]", 'channels: ["\\e]52;c;cHduZWQ=\\a政府网站 :fire:"]')
    root = write_workspace(tmp_path, {"catalogs/a.yaml": text})
    for env in ({}, {"FORCE_COLOR": "1"}):
        result = CliRunner(env=env).invoke(main, ["check", str(root), "--format", "text"])
        assert "\x1b]52" not in result.output and "\x07" not in result.output, result.output
        assert "␛]52;c;cHduZWQ=␇政府网站 :fire:" in result.output


@settings(max_examples=500)
@given(st.lists(st.sampled_from(["\\[laws]", "\\\\[laws]", "[[laws]]", "\\[bold]", "[bold]", "[/]", "[dim]", "[laws]",
                                 "\\", "[", "]", "\\[1]", "[a\\]", "中文", " ", "\t", "[green]建议：[/]"]), max_size=12)
       .map("".join))
def test_escaped_tags_are_untagged_as_rich_reads_them(markup: str) -> None:
    """The split over escaped tags gives what one pass over every tag gives (``_untagged``)."""
    assert plain.plain_text(markup) == plain._untagged(markup)
