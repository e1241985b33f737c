"""The command line: thin commands that parse options, call the library and pick a reporter."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from catalogc import __version__
from catalogc.report import REPORTERS

if TYPE_CHECKING:
    from collections.abc import Callable

    from catalogc.check.cache import Cache


class _Group(click.Group):
    """Turns library errors meant for users into a message and exit status 2, never a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        from catalogc.load.config import ConfigError
        from catalogc.load.workspace import WorkspaceError

        try:
            return super().invoke(ctx)
        except (ConfigError, WorkspaceError) as exc:
            click.echo(f"catalogc: {exc}", err=True)
            ctx.exit(2)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except BrokenPipeError:  # `catalogc check . | head`: the reader left, nothing more to say
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(1)
        except OSError as exc:  # -o into a folder that cannot be written, a file that vanished …
            where = f"{exc.filename}：" if exc.filename else ""
            click.echo(f"catalogc: {where}{exc.strerror or exc}", err=True)
            ctx.exit(2)
        except Exception as exc:  # a defect of ours: say so plainly; CATALOGC_DEBUG=1 shows the traceback
            if os.environ.get("CATALOGC_DEBUG"):
                raise
            click.echo(f"catalogc: 内部错误（{type(exc).__name__}: {exc}）。这是 catalogc 的缺陷，"
                       "请附上命令和输入报告；设置 CATALOGC_DEBUG=1 可看到详细信息。", err=True)
            ctx.exit(2)


def _cache_options(command: Callable[..., None]) -> Callable[..., None]:
    """--no-cache and --cache-dir, for the commands that check a workspace through the cache."""
    command = click.option("--cache-dir", type=click.Path(path_type=Path, file_okay=False), envvar="CATALOGC_CACHE_DIR",
                           default=None, help="缓存目录（默认工作区的 .catalogc_cache/）")(command)
    return click.option("--no-cache", is_flag=True, envvar="CATALOGC_NO_CACHE",
                        help="不读也不写缓存（环境变量 CATALOGC_NO_CACHE=1 同）")(command)


def _cache_problems(cache: Cache | None) -> None:
    for problem in dict.fromkeys(cache.problems if cache is not None else ()):
        click.echo(f"catalogc: {problem}", err=True)


QUIET = click.option("--quiet", "-q", is_flag=True, help="只输出发现和错误：不显示进度和其他说明")


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="catalogc")
def main() -> None:
    """catalogc：基层政务公开事项标准目录的检查与编译工具。"""


def run() -> None:
    """The program (the ``catalogc`` script, ``python -m catalogc``): ``main``, and once it is done
    nothing left for the collector. The interpreter's exit would otherwise walk every object still
    alive, a province's findings and facts among them, only to free memory the process returns anyway."""
    import gc

    try:
        main()
    finally:
        gc.freeze()


@main.command()
@click.argument("targets", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "--output-format", "fmt", type=click.Choice(list(REPORTERS)), default="text",
              show_default=True, help="输出格式（--output-format 同 ruff）")
@click.option("--select", default=None, help="只检查这些规则（代码或前缀，逗号分隔），如 C1,C204")
@click.option("--ignore", default=None, help="不检查这些规则（代码或前缀，逗号分隔）")
@click.option("--strict/--no-strict", default=None, help="有警告也以状态 1 退出（默认按 catalogc.toml）")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True, help="消息语言")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="并行进程数（默认：CPU 核数）")
@click.option("--output", "-o", type=click.Path(path_type=Path), default=None, help="写入文件而不是标准输出")
@click.option("--statistics", is_flag=True, help="在发现之后列出按规则、按部门的数量（机器格式时写到标准错误）")
@click.option("--exit-zero", is_flag=True, help="有发现也以状态 0 退出（无法运行时仍为 2）")
@click.option("--baseline", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="基线文件：只报告、只因基线中没有的发现而失败")
@click.option("--write-baseline", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="把当前的全部发现写入基线文件，然后以状态 0 退出")
@click.option("--rules-url", envvar="CATALOGC_RULES_URL", default=None,
              help="规则说明页的地址（SARIF helpUri），{code} 处填规则代码")
@click.option("--fix", "fix_", is_flag=True, help="先应用安全的修复（原地改写文件），再报告其余的发现")
@click.option("--diff", "diff_", is_flag=True, help="只打印 --fix 会做的改动（统一差异格式），不写文件；有可修复的发现时以状态 1 退出")
@click.option("--unsafe-fixes", is_flag=True, help="也应用需要人工核对的修复（如改引取代已废止文件的新文件）")
@click.option("--show-fixes", is_flag=True, hidden=True)  # catalogc fix: list every fix applied
@click.option("--watch", is_flag=True, help="保存改动后重新检查（用缓存），Ctrl-C 退出")
@_cache_options
@QUIET
def check(targets: tuple[Path, ...], fmt: str, select: str | None, ignore: str | None, strict: bool | None,
          lang: str, jobs: int | None, output: Path | None, statistics: bool, exit_zero: bool,
          baseline: Path | None, write_baseline: Path | None, rules_url: str | None, fix_: bool = False,
          diff_: bool = False, unsafe_fixes: bool = False, show_fixes: bool = False, watch: bool = False,
          no_cache: bool = False, cache_dir: Path | None = None, quiet: bool = False) -> None:
    """检查目录文件。TARGETS 是工作区、其中的文件夹或文件（默认当前目录，可给多个）。

    工作区从 TARGETS 向上查找（最近的含 catalogc.toml 或 catalogs/ 的文件夹），其设置生效，
    跨文件规则看整个工作区，只报告 TARGETS 中的发现；不是目录文件的路径（如清单之外的 CSV、TOML）
    不作为目录检查，便于 pre-commit 传入全部改动的文件。

    已有大量发现的仓库可先 --write-baseline 记下现状，之后用 --baseline 只报告新的发现（见 docs/ci.md）。

    --fix 原地修正机械性的问题（别名、合并表头、需加引号的裸值……），--diff 只显示改动（见 docs/fix.md）。

    结果缓存在工作区的 .catalogc_cache/ 中，只重新检查改动过的文件（--no-cache 不用缓存）。

    退出状态：0 没有错误（可有警告），1 至少一个错误（--strict 时警告也算；--diff 时：有可修复的发现），2 无法运行。
    """
    import functools

    once = functools.partial(_check_once, targets, fmt, select, ignore, strict, lang, jobs, output, statistics,
                             exit_zero, baseline, rules_url=rules_url, no_cache=no_cache, cache_dir=cache_dir,
                             fix_=fix_, diff_=diff_, unsafe_fixes=unsafe_fixes, show_fixes=show_fixes, quiet=quiet)
    if watch:
        if write_baseline is not None or fix_ or diff_:
            raise click.UsageError("--watch 不能与 --write-baseline、--fix、--diff 同用")
        from catalogc.commands.watch import watch as watch_inputs
        from catalogc.load.workspace import discover

        watch_inputs(discover(*targets).root, lambda: once(write_baseline=None))
        sys.exit(0)
    sys.exit(once(write_baseline=write_baseline))


def _check_once(targets: tuple[Path, ...], fmt: str, select: str | None, ignore: str | None, strict: bool | None,
                lang: str, jobs: int | None, output: Path | None, statistics: bool, exit_zero: bool,
                baseline: Path | None, write_baseline: Path | None, rules_url: str | None, no_cache: bool,
                cache_dir: Path | None, fix_: bool = False, diff_: bool = False, unsafe_fixes: bool = False,
                show_fixes: bool = False, quiet: bool = False) -> int:
    """One check as the options ask, reported; the exit status."""
    import functools

    from catalogc.check.engine import check_workspace
    from catalogc.check.prepare import settings_and_cache
    from catalogc.load.workspace import discover
    from catalogc.report import reporter as get_reporter
    from catalogc.report import statistics as stats
    from catalogc.report.progress import progress

    known = None
    if baseline is not None:
        from catalogc.check import baseline as baselines

        try:
            known = baselines.load(baseline)
        except baselines.BaselineError as exc:  # the tool cannot run as asked: status 2, as for settings
            click.echo(f"catalogc: {exc}", err=True)
            return 2
    workspace = discover(*targets)
    settings, cache = settings_and_cache(workspace, not no_cache, cache_dir, select=select, ignore=ignore,
                                         strict=strict, lang=lang)
    with progress("check", quiet, lang) as bar:
        result = check_workspace(workspace, settings, jobs, cache=cache, progress=bar)
    _cache_problems(cache)
    if fix_ or diff_ or show_fixes:
        from catalogc.fix.cli import fix_workspace

        result = fix_workspace(workspace, settings, result, unsafe=unsafe_fixes, diff=diff_, show=show_fixes,
                               jobs=jobs, beside=output is None and fmt in ("text", "github"))
    if write_baseline is not None:
        from catalogc.atomic import write_text_atomic
        from catalogc.check import baseline as baselines

        write_text_atomic(write_baseline, lambda stream: stream.write(baselines.dumps(result.diagnostics)))
        if not quiet:
            click.echo(f"catalogc: 已把 {len(result.diagnostics)} 条发现写入基线 {write_baseline}"
                       f" (wrote {len(result.diagnostics)} findings to the baseline)", err=True)
        return 0
    if known is not None:
        import dataclasses

        split = baselines.apply(result.diagnostics, known)
        result = dataclasses.replace(result, diagnostics=split.new)
        gone = [e for e in split.gone if workspace.reports(e.file)]
        if split.known and not quiet:
            click.echo(f"catalogc: 基线中已有的 {split.known} 条发现未报告"
                       f" ({split.known} findings recorded in the baseline not reported)", err=True)
        if gone:
            click.echo(f"catalogc: 基线中有 {sum(e.count for e in gone)} 条发现已不再出现，可用 --write-baseline 更新基线"
                       " (baseline entries that no longer occur; refresh with --write-baseline):", err=True)
            for e in gone:
                click.echo(f"  {e.code} {e.file} {e.item or '-'} {e.field or '-'}"
                           + (f" ×{e.count}" if e.count > 1 else ""), err=True)
    reporter = get_reporter(fmt)
    if fmt == "sarif":
        from catalogc.report import sarif

        reporter = functools.partial(sarif.report, rules_url=rules_url, keeper=cache)
    if fmt == "text" and quiet:  # the findings without the summary line
        from catalogc.report import text

        reporter = functools.partial(text.report, summary=False)
    if output is None:
        reporter(result, workspace, sys.stdout, lang)
    else:
        from catalogc.atomic import write_text_atomic

        write_text_atomic(output, lambda stream: reporter(result, workspace, stream, lang))
    if statistics:
        # After the findings on the terminal and in annotation logs; on standard error where
        # standard output is a document (JSON, SARIF …) that must stay parseable.
        beside = output is None and fmt in ("text", "github")
        stats.write_text(result, sys.stdout if beside else sys.stderr, lang)
    return 0 if exit_zero else result.exit_code(settings.strict)


@main.command("fix")
@click.argument("targets", nargs=-1, type=click.Path(path_type=Path))
@click.option("--unsafe-fixes", is_flag=True, help="也应用需要人工核对的修复")
@click.option("--diff", "diff_", is_flag=True, help="只打印改动，不写文件；有可修复的发现时以状态 1 退出")
@click.option("--select", default=None, help="只检查和修复这些规则（代码或前缀，逗号分隔）")
@click.option("--ignore", default=None, help="不检查也不修复这些规则")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True, help="消息语言")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="并行进程数")
@click.pass_context
def fix_command(ctx: click.Context, targets: tuple[Path, ...], unsafe_fixes: bool, diff_: bool, select: str | None,
                ignore: str | None, lang: str, jobs: int | None) -> None:
    """修复目录文件中机械性的问题并列出每处修复，然后报告其余的发现（即 check --fix）。

    退出状态同 check：0 没有错误，1 仍有错误（--diff 时：有可修复的发现），2 无法运行。
    """
    ctx.invoke(check, targets=targets, unsafe_fixes=unsafe_fixes, diff_=diff_, select=select, ignore=ignore,
               lang=lang, jobs=jobs, fix_=not diff_, show_fixes=True)


@main.command()
@click.argument("code", required=False)
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
def rules(code: str | None, lang: str) -> None:
    """列出全部规则；给出规则代码（如 C105）时显示该规则的说明页（为什么、依据、例子、消息、忽略方法），给出前缀（如 C1）时列出这一类规则。"""
    from rich.console import Console

    from catalogc.commands.explain import describe, rule_table, unknown

    console = Console(highlight=False)
    shown = rule_table(lang) if code is None else describe(code, lang)
    if shown is None:
        click.echo(f"catalogc: {unknown(code or '', lang)}", err=True)
        sys.exit(2)
    console.print(shown, soft_wrap=isinstance(shown, str))  # a rule's page keeps its lines


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--output", "-o", type=click.Path(path_type=Path), default=None, help="写入文件（默认标准输出）")
@click.option("--bundle", is_flag=True, help="发布包（build 输出的 JSON）的 Schema")
@click.option("--settings", is_flag=True, help="设置文件 catalogc.toml 的 Schema")
@click.option("--release-log", is_flag=True, help="发布日志 releases.jsonl 每一行的 Schema")
@click.option("--diff", "diff_output", is_flag=True, help="catalogc diff --format json 输出的 Schema")
@click.option("--install", is_flag=True,
              help="在 PATHS 中的目录文件首行写入指向工作区 schema/catalog.schema.json 的 $schema 行（缺少时写入该文件）")
def schema(paths: tuple[Path, ...], output: Path | None, bundle: bool, settings: bool, release_log: bool,
           diff_output: bool, install: bool) -> None:
    """输出目录文件的 JSON Schema（由模型生成，带中文标题和说明）；--install 让编辑器用上它。"""
    from catalogc.atomic import write_text_atomic
    from catalogc.model.schema import bundle_schema_text, catalog_schema_text, release_log_schema_text
    from catalogc.model.settings import settings_schema_text

    if bundle + settings + release_log + diff_output > 1:
        raise click.UsageError("--bundle、--settings、--release-log 和 --diff 只能选一个")
    if install:
        if bundle or settings or release_log or diff_output or output:
            raise click.UsageError("--install 不能与 --bundle、--settings、--release-log、--diff、--output 同用")
        _install_schema(paths)
        return
    if paths:
        raise click.UsageError("只有 --install 接受路径")
    if diff_output:
        from catalogc.diff.document import diff_schema_text

        text = diff_schema_text()
    else:
        text = (bundle_schema_text() if bundle else settings_schema_text() if settings
                else release_log_schema_text() if release_log else catalog_schema_text())
    if output is None:
        click.echo(text, nl=False)
    else:
        write_text_atomic(output, lambda stream: stream.write(text))


def _install_schema(paths: tuple[Path, ...]) -> None:
    from catalogc.commands.modeline import SCHEMA_FILE, install
    from catalogc.load.workspace import discover

    workspace = discover(*paths)
    done = install(workspace)
    schema_path = workspace.root / SCHEMA_FILE
    if done.schema in ("written", "updated"):
        click.echo(f"已{'写入' if done.schema == 'written' else '更新'} {schema_path} ({done.schema} the catalog schema)")
    elif done.schema == "foreign":
        click.echo(f"catalogc: {schema_path} 不是 catalogc 生成的 Schema，未改动 (not written by catalogc: left alone)",
                   err=True)
    for path in done.changed:
        click.echo(f"已写入 $schema 行：{workspace.rel(path)} (schema line written)")
    for path, reason in done.skipped:
        click.echo(f"catalogc: {workspace.rel(path)}：{reason}", err=True)
    click.echo(f"{len(done.changed)} 个目录文件已更新，{len(done.current)} 个已是最新"
               f" ({len(done.changed)} catalog files updated, {len(done.current)} already current)")
    if done.skipped or done.schema == "foreign":
        sys.exit(1)


@main.command()
def lsp() -> None:
    """语言服务器（LSP，经标准输入输出）：编辑器中边写边检查、悬停显示规则说明、快速修正（见 docs/editors.md）。"""
    try:
        from catalogc.lsp.server import serve
    except ImportError as exc:  # pygls is an optional extra
        click.echo(f"catalogc: catalogc lsp 需要 pygls（{exc.name}）：pip install 'catalogc[lsp]'"
                   " (catalogc lsp needs pygls)", err=True)
        sys.exit(2)
    serve()


@main.command()
@click.argument("target", type=click.Path(path_type=Path), default=Path("."))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="并行进程数")
def coverage(target: Path, fmt: str, jobs: int | None) -> None:
    """按部门和领域统计权责清单、公共服务事项清单被公开事项覆盖的情况。"""
    import json

    from rich.console import Console
    from rich.table import Table

    from catalogc.check.engine import check_workspace
    from catalogc.check.prepare import prepare

    workspace, settings = prepare(target, select=("C3",))
    rows = check_workspace(workspace, settings, jobs).coverage()
    if fmt == "json":
        data = [{"department": r.department, "domain": r.domain, "list": r.kind, "entries": r.entries,
                 "covered": r.covered, "percent": round(r.percent, 1)} for r in rows]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    table = Table("部门", "领域", "清单", "事项数", "已覆盖", "覆盖率", title="清单覆盖情况")
    for r in rows:
        style = "green" if r.covered == r.entries else "yellow"
        table.add_row(r.department, r.domain, "权责清单" if r.kind == "power" else "公共服务",
                      str(r.entries), str(r.covered), f"[{style}]{r.percent:.1f}%[/]")
    Console(highlight=False).print(table if rows else "工作区没有权责清单或公共服务事项清单（lists/）。")


@main.command()
@click.option("--domain", required=True, help="领域，如 社会救助")
@click.option("--region", required=True, help="行政区划代码：县级6位，乡级9位")
@click.option("--department", required=True, help="部门全称，如 溪山县民政局")
@click.option("--department-code", default=None, help="统一社会信用代码（18位）")
@click.option("--effective", default=None, help="生效日期 YYYY-MM-DD（默认今天）")
@click.option("--workspace", "-w", type=click.Path(path_type=Path), default=Path("."), show_default=True,
              help="工作区目录")
@click.option("--output", "-o", type=click.Path(path_type=Path), default=None, help="目录文件路径（默认 catalogs/部门/领域.yaml）")
@click.option("--force", is_flag=True, help="覆盖已有文件")
def init(domain: str, region: str, department: str, department_code: str | None, effective: str | None,
         workspace: Path, output: Path | None, force: bool) -> None:
    """按领域标准指引生成新的目录文件，指引规定的要素已预先填好。"""
    import datetime as dt

    from catalogc.atomic import write_text_atomic
    from catalogc.commands.modeline import ensure_schema, schema_ref
    from catalogc.commands.scaffold import ScaffoldError, default_path, render
    from catalogc.load.workspace import find_root

    path = output or default_path(workspace, department, domain)
    root = _init_root(workspace, output)
    try:
        text = render(domain, region, department, department_code, effective or dt.date.today().isoformat(),
                      schema_ref(path, root))
    except ScaffoldError as exc:
        click.echo(f"catalogc: {exc}", err=True)
        sys.exit(2)
    if path.exists() and not force:
        click.echo(f"catalogc: {path} 已存在；用 --force 覆盖", err=True)
        sys.exit(2)
    write_text_atomic(path, lambda stream: stream.write(text))
    if find_root(root.resolve()) == root.resolve():  # a workspace: its catalogs' $schema line must lead somewhere
        ensure_schema(root)
    click.echo(f"已生成 {path}。填写标为“待填写”的要素后运行：catalogc check {workspace}")


def _init_root(workspace: Path, output: Path | None) -> Path:
    """The workspace whose schema a new catalog points at: ``--workspace`` when given or when
    there is no ``-o``; else the one ``check`` would find from the output file."""
    from catalogc.load.workspace import find_root

    ctx = click.get_current_context()
    if output is None or ctx.get_parameter_source("workspace") is not click.core.ParameterSource.DEFAULT:
        return workspace
    return find_root(Path(os.path.abspath(output))) or workspace


@main.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--output", "-o", "workspace", type=click.Path(path_type=Path), required=True,
              help="工作区目录：目录文件写入其中的 catalogs/部门/领域.yaml")
@click.option("--region", required=True, help="行政区划代码：县级6位，乡级9位")
@click.option("--domain", default=None, help="领域（默认取自表题、工作表名或文件名）")
@click.option("--department", default=None, help="部门全称（默认取自表头的填报单位或公开主体列）")
@click.option("--prefix", default=None, help="事项编号前缀（默认取领域登记表的前缀，如 SHJZ）")
@click.option("--force", is_flag=True, help="覆盖已有的目录文件")
@QUIET
def import_tables(files: tuple[Path, ...], workspace: Path, region: str, domain: str | None,
                  department: str | None, prefix: str | None, force: bool, quiet: bool) -> None:
    """从国家标准目录格式的表格（.xlsx、.xls、.docx、另存的 .html）导入目录文件。

    无法归入目录的单元格逐一列出（文件!表!单元格）。

    退出状态：0 全部导入，1 有无法归入的内容（其余已写入），2 输入无法使用（未写入任何文件）。
    """
    import operator
    import re

    from catalogc.atomic import write_text_atomic
    from catalogc.commands.import_tables import Options, UnusableInput, plan_import
    from catalogc.report.progress import progress

    if not re.fullmatch(r"[0-9]{6}|[0-9]{9}", region):
        raise click.BadParameter("行政区划代码应为6位（县级）或9位（乡级）数字", param_hint="--region")
    if prefix is not None and not re.fullmatch(r"[A-Za-z0-9_]{1,20}", prefix):
        raise click.BadParameter("前缀只用字母、数字和 _，如 SHJZ", param_hint="--prefix")
    if workspace.exists() and not workspace.is_dir():
        raise click.BadParameter(f"{workspace} 不是目录", param_hint="--output")
    try:
        with progress("import", quiet) as bar:
            plan = plan_import(list(files), workspace, Options(region, domain, department, prefix), bar)
    except UnusableInput as exc:
        click.echo(f"catalogc: {exc}", err=True)
        sys.exit(2)
    existing = [o.path for o in plan.outputs if o.path.exists()]
    if existing and not force:
        for path in existing:
            click.echo(f"catalogc: {path} 已存在；用 --force 覆盖", err=True)
        sys.exit(2)
    for output in plan.outputs:
        write_text_atomic(output.path, operator.methodcaller("write", output.text))
        if not quiet:
            click.echo(f"已写入 {output.path}（{output.department}，{output.domain}，{output.items} 个事项）")
    for problem in plan.problems:
        click.echo(f"{problem.where}：{problem.message}", err=True)
    if plan.problems:
        click.echo(f"catalogc: {len(plan.problems)} 处内容无法归入目录，见上；改正原表后重新导入，"
                   "或在目录文件中补写", err=True)
        sys.exit(1)
    if not quiet:
        click.echo(f"核对标有“推断”的注释后运行：catalogc check {workspace}")


@main.command()
@click.argument("document")
@click.argument("target", type=click.Path(path_type=Path), default=Path("."))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def impact(document: str, target: Path, fmt: str) -> None:
    """列出引用某个文件（如 《法律援助条例》、国发〔2012〕45号）的全部事项，供法规修订时动态调整。"""
    import json

    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from catalogc.check.prepare import prepare
    from catalogc.commands.impact import impact as find_impact

    result = find_impact(*prepare(target), document)
    if fmt == "json":
        data = {
            "query": result.query,
            "documents": [{"id": law.id, "title": law.title, "number": law.number, "status": law.status,
                           "replaced_by": law.replaced_by} for law in result.laws],
            "items": [{"file": h.file, "line": h.line, "column": h.column, "item": h.item, "name": h.label,
                       "department": h.department, "basis": h.basis} for h in result.hits],
        }
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    console = Console(highlight=False)
    for law in result.laws:
        line = f"《{law.title}》{f'（{law.number}）' if law.number else ''}：{law.status}"
        console.print(escape(line))
    if not result.laws:
        console.print(f"法规登记表中没有 {escape(document)}；按名称原文查找。")
    table = Table("位置", "事项", "名称", "部门", "引用", title=f"引用 {escape(document)} 的事项：{len(result.hits)} 个")
    for h in result.hits:
        table.add_row(f"{h.file}:{h.line}:{h.column}", h.item, escape(h.label), escape(h.department), escape(h.basis))
    console.print(table)


@main.command()
@click.argument("target", type=click.Path(path_type=Path), default=Path("."))
@click.option("--output", "-o", type=click.Path(path_type=Path), required=True,
              help="输出目录（整体替换；须在工作区的输入之外）")
@click.option("--force", is_flag=True, help="输出目录已存在但不是 catalogc 的发布目录时也替换它")
@click.option("--allow-errors", is_flag=True, help="有错误也发布，错误记录在 index.json 中")
@click.option("--no-site", is_flag=True, help="不生成网站")
@click.option("--no-excel", is_flag=True, help="不生成 Excel 表")
@click.option("--no-sqlite", is_flag=True, help="不生成 SQLite 数据库 catalog.sqlite")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="并行进程数")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@click.option("--since", default=None, metavar="OLD",
              help="与之前的版本（发布目录、工作区或 git 版本，同 catalogc diff）比较：网站加上目录动态调整记录，Excel 加上调整情况表")
@_cache_options
@QUIET
def build(target: Path, output: Path, force: bool, allow_errors: bool, no_site: bool, no_excel: bool,
          no_sqlite: bool, jobs: int | None, lang: str, since: str | None, no_cache: bool, cache_dir: Path | None,
          quiet: bool) -> None:
    """检查工作区并发布：JSON 包（index.json、catalogs/）、查询网站（site/）、Excel 表（xlsx/）、
    SQLite 数据库（catalog.sqlite）和 manifest.json。"""
    from catalogc.check.prepare import settings_and_cache
    from catalogc.diff.sides import SideError
    from catalogc.load.workspace import discover
    from catalogc.publish.build import BuildRefused
    from catalogc.publish.build import build as run_build
    from catalogc.publish.output import OutputError
    from catalogc.report import reporter
    from catalogc.report.progress import progress

    workspace = discover(target)
    settings, cache = settings_and_cache(workspace, not no_cache, cache_dir, lang=lang)
    record = None
    if since is not None:
        from catalogc.diff.command import since_record

        try:
            record = since_record(since, workspace.root)
        except SideError as exc:
            click.echo(f"catalogc: --since{'：' if lang == 'zh' else ': '}{exc.text(lang)}", err=True)
            sys.exit(2)
    try:
        with progress("build", quiet, lang) as bar:
            result = run_build(workspace, settings, output, allow_errors=allow_errors, jobs=jobs, site=not no_site,
                               excel=not no_excel, force=force, sqlite=not no_sqlite, since=record,
                               cache=cache, progress=bar)
    except OutputError as exc:
        click.echo(f"catalogc: {exc}", err=True)
        sys.exit(2)
    except SideError as exc:  # a file of the earlier release, read as the record is made
        click.echo(f"catalogc: --since{'：' if lang == 'zh' else ': '}{exc.text(lang)}", err=True)
        sys.exit(2)
    except BuildRefused as refused:
        reporter("text")(refused.result, workspace, sys.stderr, lang)
        click.echo("catalogc: 有错误，未发布；改正后重试，或用 --allow-errors 发布并记录这些错误", err=True)
        sys.exit(1)
    finally:
        _cache_problems(cache)
    if quiet:
        return
    groups = len(result.index.files)
    click.echo(f"已发布 {result.check.items} 个事项（{groups} 个区划×领域）到 {result.out}")
    if result.replaced_link:
        click.echo(f"{result.out} 原是指向 {result.replaced_link} 的符号链接：已换成新的发布目录，原目录未改动")
    if not no_site:
        click.echo(f"查询网站：{result.out / 'site' / 'index.html'}（可直接用浏览器打开）")


@main.command("diff")
@click.argument("old")
@click.argument("new", required=False)
@click.option("--workspace", "-w", type=click.Path(path_type=Path), default=Path("."), show_default=True,
              help="git 版本所指的工作区，也是只给 OLD 时的新版本")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--fail-on", default=None, metavar="KINDS",
              help="出现这些调整时以状态 1 退出，逗号分隔，如 removed-without-note,level-narrowed（见 docs/diff.md）")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True, help="消息语言")
@click.option("--output", "-o", type=click.Path(path_type=Path), default=None, help="写入文件而不是标准输出")
def diff(old: str, new: str | None, workspace: Path, fmt: str, fail_on: str | None, lang: str,
         output: Path | None) -> None:
    """目录动态调整记录：OLD 到 NEW 之间增加、取消和变更的事项。

    OLD、NEW 各是发布目录（catalogc build 的输出）、工作区或工作区的 git 版本（标签、分支、提交，
    或写成 git:版本）；不给 NEW 时与工作区当前的文件比较，如 catalogc diff HEAD~1。

    调整种类：added removed moved id-changed renamed content-changed basis-replaced basis-changed
    time-limit-shortened time-limit-lengthened time-limit-changed subject-changed method-changed
    channel-added channel-removed audience-changed level-narrowed level-widened codes-changed；
    --fail-on 还接受 any，以及任一种类加 -without-note（只算没有写原因的调整）。

    退出状态：0 没有 --fail-on 列出的调整，1 有，2 无法运行。
    """
    from catalogc.diff.command import run

    sys.exit(run(old, new, workspace, fmt, fail_on, lang, output))


@main.command()
@click.argument("bundle", type=click.Path(path_type=Path), required=False)
@click.option("--to", "releases", type=click.Path(path_type=Path), required=True, help="发布目录（版本库）")
@click.option("--version", "label", default=None, help="给这次发布起的版本名，如 v2024.1（记入日志，并作为指向它的链接）")
@click.option("--into", default=None, help="局部发布：把某区划（如县 360799）的发布包并入当前发布，只替换该区划")
@click.option("--keep", type=click.IntRange(min=1), default=None, help="只保留最近 N 个发布（当前的和可回退到的始终保留）")
@click.option("--rollback", is_flag=True, help="把 current 退回到之前的发布")
@click.option("--list", "show", is_flag=True, help="列出发布目录中的发布")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
def publish(bundle: Path | None, releases: Path, label: str | None, into: str | None, keep: int | None,
            rollback: bool, show: bool, lang: str) -> None:
    """把 catalogc build 的输出 BUNDLE 发布为 RELEASES 中的一个版本，并原子地切换 RELEASES/current。

    版本按内容寻址（manifest.json 的摘要），相同内容不重复复制；每次切换记入 RELEASES/releases.jsonl
    （谁、何时、哪个版本、之前的版本、增加/取消/变更的事项数）。见 docs/publish.md。

    退出状态：0 完成，2 无法发布（发布包未通过核对、发布目录不是 catalogc 的、没有可回退的版本等）。
    """
    from catalogc.commands import release

    if sum((bundle is not None, rollback, show)) != 1:
        raise click.UsageError("给出发布包 BUNDLE，或 --rollback，或 --list，三者选一"
                               if lang == "zh" else "give a BUNDLE, or --rollback, or --list: exactly one")
    if (label or into or keep) and bundle is None:
        raise click.UsageError("--version、--into、--keep 只用于发布 BUNDLE" if lang == "zh"
                               else "--version, --into and --keep apply to publishing a BUNDLE")
    sys.exit(release.run(releases, bundle, label=label, into=into, keep=keep, rollback=rollback, lang=lang,
                          echo=click.echo))


@main.command()
@click.argument("target", type=click.Path(path_type=Path), default=Path("."))
@click.option("--cache-dir", type=click.Path(path_type=Path, file_okay=False), envvar="CATALOGC_CACHE_DIR", default=None,
              help="缓存目录（默认工作区的 .catalogc_cache/）")
def clean(target: Path, cache_dir: Path | None) -> None:
    """删除工作区的检查缓存（.catalogc_cache/）；只删除 catalogc 建立的缓存目录。"""
    from catalogc.check.cache import DEFAULT_DIR
    from catalogc.check.cache import clean as remove
    from catalogc.load.workspace import discover

    folder = cache_dir if cache_dir is not None else discover(target).root / DEFAULT_DIR
    click.echo(f"已删除 {folder}" if remove(folder) else f"没有缓存目录 {folder}")


@main.command()
@click.argument("bundle", type=click.Path(path_type=Path))
def verify(bundle: Path) -> None:
    """按 manifest.json 核对发布目录中每个文件的 SHA-256。"""
    from catalogc.publish.manifest import verify as run_verify

    result = run_verify(bundle)
    if result.problem:
        click.echo(f"catalogc: {result.problem}", err=True)
        sys.exit(2)
    for label, paths in (("缺少", result.missing), ("被改动", result.changed), ("多出", result.unexpected)):
        for path in paths:
            click.echo(f"{label}：{path}")
    if not result.ok:
        sys.exit(1)
    click.echo("manifest.json 与文件一致")


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def domains(fmt: str) -> None:
    """列出领域登记表：26个试点领域、别名、标准指引及其来源可信度。"""
    import json

    from rich.console import Console
    from rich.table import Table

    from catalogc.refdata import domains as registry
    from catalogc.refdata import guidelines

    baselines = guidelines()
    rows = [{"name": d.name, "aliases": list(d.aliases), "issuer": d.issuer, "guideline": d.guideline,
             "baseline": d.name in baselines, "confidence": d.confidence} for d in registry().domains]
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    table = Table("领域", "别名", "标准指引", "基线", title="领域登记表")
    for d in registry().domains:
        table.add_row(d.name, "、".join(d.aliases), d.guideline or "", "有" if d.name in baselines else "")
    Console(highlight=False).print(table)
