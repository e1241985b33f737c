"""The check pipeline: load → validate → file rules → locate, then workspace rules and policy.

Per-file work runs in worker processes when there are enough files; each worker sends
back only located diagnostics and compact item facts, never documents, so the parent
does little more than merge and sort.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path
from typing import Any

from yaml.nodes import SequenceNode

from catalogc.check.parallel import die_with_parent, remember_parent
from catalogc.check.result import CheckResult, FileResult
from catalogc.diagnostics import Diagnostic
from catalogc.load.config import Settings
from catalogc.load.document import load
from catalogc.load.lists import load_lists
from catalogc.load.positions import locate
from catalogc.load.suppress import scan
from catalogc.load.workspace import Workspace
from catalogc.model.validate import iter_not_mapping, validate
from catalogc.parse.normalize import fold, item_key
from catalogc.parse.timelimit import max_working_days, parsed
from catalogc.publish.compile import catalog_meta, compile_item
from catalogc.refdata import domains
from catalogc.rules import BY_CODE, FILE_RULES, WORKSPACE_RULES
from catalogc.rules.base import CatalogFact, FileContext, Finding, ItemFact, WorkspaceContext
from catalogc.rules.guidelines import exception_key

# Parts of a two-part time limit that govern permit and penalty decisions (双公示).
PERMIT_SCOPES = ("执法决定", "许可", "处罚", "决定")

# Below this many files a process pool costs more than it saves.
PARALLEL_MIN_FILES = 16


def make_diagnostic(
    settings: Settings, code: str, variant: str, args: Any, file: str, line: int, column: int, item: str | None
) -> Diagnostic:
    """The one place a finding gets its code's slug, severity and rendered message."""
    rule = BY_CODE[code]
    message = rule.messages.get(variant) or rule.messages["default"]
    text, hint = message.render(settings.lang, dict(args))
    severity = settings.severity.get(code) or rule.severity_of(variant)
    return Diagnostic(code, rule.slug, severity, file, line, column, item, text, hint)


def _mark(node: Any) -> tuple[int, int]:
    mark = node.start_mark
    return mark.line + 1, mark.column + 1


def _refs(node: Any, codes: list[str]) -> tuple[tuple[str, int, int], ...]:
    """Codes with the position of each entry (a single scalar stands for a one-element list)."""
    if node is None or not codes:
        return ()
    entries = node.value if isinstance(node, SequenceNode) else [node]
    return tuple((code, *_mark(entry)) for code, entry in zip(codes, entries, strict=False))


def _catalog_fact(ctx: FileContext, root: Any) -> CatalogFact | None:
    head = ctx.head
    if head is None:
        return None
    line, column = locate(root, ("domain",))
    exceptions = tuple(exception_key(k) for k in (head.guideline_exceptions or {}))
    return CatalogFact(ctx.rel, head.region, domains().resolve(head.domain) or head.domain, head.department,
                       line, column, exceptions, head.not_applicable is not None)


def _facts(ctx: FileContext, root: Any) -> Iterator[ItemFact]:
    """One pass over the item nodes: what the workspace rules need, positions included."""
    head = ctx.head
    region = head.region if head else str(ctx.data.get("region", ""))
    domain = head.domain if head else str(ctx.data.get("domain", ""))
    domain = domains().resolve(domain) or domain
    department = head.department if head else str(ctx.data.get("department", ""))
    item_nodes: list[Any] = next((v.value for k, v in root.value if k.value == "items" and isinstance(v, SequenceNode)), [])
    for index, item in ctx.items:
        node = item_nodes[index]
        fields = {k.value: v for k, v in node.value}
        line, column = _mark(fields["id"])
        if item.name:
            key = item_key(item.name, item.sub)
            label = item.name + (f" / {item.sub}" if item.sub else "")
            name_line, name_column = _mark(fields["name"])
        else:
            key, label, name_line, name_column = "", "", line, column
        subjects = tuple(fold(s) for s in item.subject or ())
        permit_days, limit_line, limit_column = None, line, column
        if item.powers and item.time_limit:
            tl = parsed(item.time_limit)
            permit_days = max_working_days(tl, PERMIT_SCOPES) if tl else None
            limit_line, limit_column = _mark(fields["time_limit"])
        yield ItemFact(region, domain, item.id, key, label, ctx.rel, line, column, name_line, name_column,
                       department, subjects, _refs(fields.get("powers"), item.powers),
                       _refs(fields.get("services"), item.services), permit_days, limit_line, limit_column)


def check_file(path: Path, rel: str, settings: Settings, collect: bool = False) -> FileResult:
    """Everything that can be known from one file alone; with ``collect``, its compiled items too."""
    result = FileResult(rel)
    try:
        data = path.read_bytes()
    except OSError as exc:
        result.diagnostics.append(
            make_diagnostic(settings, "C001", "default", {"problem": exc.strerror or str(exc)}, rel, 1, 1, None)
        )
        return result
    loaded = load(data, settings.limits)
    result.suppressions = scan(data)
    out = result.diagnostics
    for lf in loaded.findings:
        out.append(make_diagnostic(settings, lf.code, lf.variant, dict(lf.args), rel, lf.line, lf.column, None))
    if loaded.root is None:
        return result
    findings: list[Finding] = list(iter_not_mapping(loaded.data))
    if not findings:
        head, items, findings, dropped = validate(loaded.data)
        ctx = FileContext(rel, loaded.data, head, items, settings, dropped)
        for rule in FILE_RULES:
            if settings.enabled(rule.code, rel):
                findings.extend(rule.check(ctx))  # type: ignore[misc]
        result.facts = list(_facts(ctx, loaded.root))
        result.catalog = _catalog_fact(ctx, loaded.root)
        if collect and head is not None:
            lines = {fact.id: fact.line for fact in result.facts}
            department = head.department
            compiled = [compile_item(item, department, rel, lines.get(item.id, 1)) for _, item in items]
            result.compiled = (catalog_meta(head, rel, len(compiled)), compiled)
    for f in findings:
        line, column = locate(loaded.root, f.path, f.at_key)
        out.append(make_diagnostic(settings, f.code, f.variant, f.args, rel, line, column, f.item))
    return result


def _check_many(paths: Sequence[tuple[Path, str]], settings: Settings, collect: bool = False) -> list[FileResult]:
    enabled = gc.isenabled()
    gc.disable()  # documents are trees without cycles: reference counting frees them
    try:
        return [check_file(path, rel, settings, collect) for path, rel in paths]
    finally:
        if enabled:
            gc.enable()


def _chunks(paths: list[tuple[Path, str]], jobs: int) -> list[list[tuple[Path, str]]]:
    """Balance by size: biggest files first, each to the lightest chunk."""
    count = min(len(paths), jobs * 8)
    chunks: list[list[tuple[Path, str]]] = [[] for _ in range(count)]
    weights = [0] * count
    sized = sorted(paths, key=lambda p: -_size(p[0]))
    for entry in sized:
        lightest = weights.index(min(weights))
        chunks[lightest].append(entry)
        weights[lightest] += _size(entry[0])
    return [c for c in chunks if c]


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def run_files(workspace: Workspace, settings: Settings, jobs: int | None = None, collect: bool = False) -> list[FileResult]:
    paths = [(p, workspace.rel(p)) for p in workspace.files]
    jobs = jobs or default_jobs()
    if jobs <= 1 or len(paths) < PARALLEL_MIN_FILES:
        return _check_many(paths, settings, collect)
    results: list[FileResult] = []
    context = get_context("fork") if "fork" in get_all_start_methods() else get_context()
    remember_parent()
    gc.freeze()  # forked workers then leave the parent's objects alone (no copy-on-write of their pages)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=die_with_parent) as pool:
        chunks = _chunks(paths, jobs)
        for part in pool.map(_check_many, chunks, [settings] * len(chunks), [collect] * len(chunks)):
            results.extend(part)
    return results


def _suppress(diagnostics: Iterable[Diagnostic], results: list[FileResult], settings: Settings) -> list[Diagnostic]:
    by_file = {r.rel: r.suppressions for r in results if r.suppressions}
    kept: list[Diagnostic] = []
    for d in diagnostics:
        suppressions = by_file.get(d.file, ())
        hit = next((s for s in suppressions if s.reason and s.covers(d.code, d.line)), None)
        if hit is None:
            kept.append(d)
        else:
            hit.used.add(d.code)
    for rel, suppressions in by_file.items():
        for s in suppressions:
            codes = ",".join(s.codes)
            unknown = [c for c in s.codes if c not in BY_CODE]
            variant = "unknown" if unknown else "default" if not s.reason else "unused" if not s.used else None
            if variant:
                shown = ",".join(unknown) if unknown else codes
                kept.append(make_diagnostic(settings, "C007", variant, {"codes": shown}, rel, s.line, s.column, None))
    return kept


def check_workspace(workspace: Workspace, settings: Settings, jobs: int | None = None,
                    collect: bool = False) -> CheckResult:
    """Check every file, then the rules that need all files, then apply the workspace policy.

    The collector is off throughout: what is built here (facts, findings) holds no cycles,
    and collections triggered by a hundred thousand live facts would cost more than the check.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _check_workspace(workspace, settings, jobs, collect)
    finally:
        if enabled:
            gc.enable()


def _check_workspace(workspace: Workspace, settings: Settings, jobs: int | None, collect: bool) -> CheckResult:
    results = run_files(workspace, settings, jobs, collect)
    results.sort(key=lambda r: r.rel)
    diagnostics = [d for r in results for d in r.diagnostics]
    facts = [f for r in results for f in r.facts]
    entries, list_findings = load_lists(workspace.root)
    graph = None
    if entries or any(f.powers or f.services for f in facts):
        from catalogc.check.graph import (
            DisclosureGraph,  # networkx is costly to import; most checks need no graph
        )

        graph = DisclosureGraph(facts, entries)
    catalogs = [r.catalog for r in results if r.catalog is not None]
    ctx = WorkspaceContext(facts, settings, entries, graph, list_findings, catalogs)
    for rule in WORKSPACE_RULES:
        if settings.enabled(rule.code, ""):
            for f in rule.check(ctx):  # type: ignore[misc]
                diagnostics.append(make_diagnostic(settings, f.code, f.variant, f.args, f.file, f.line, f.column, f.item))
    diagnostics = [d for d in diagnostics if settings.enabled(d.code, d.file)]
    diagnostics = _suppress(diagnostics, results, settings)
    diagnostics.sort(key=Diagnostic.sort_key)
    compiled = [r.compiled for r in results if r.compiled is not None]
    return CheckResult(diagnostics, len(results), len(facts), facts, graph, compiled)
