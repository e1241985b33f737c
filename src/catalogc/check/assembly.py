"""Checking an office workspace: one region made of its own files and every source's (docs/offices.md).

Each file is checked with the settings of the workspace it comes from (its source's
select, ignore, severity, per-path ignores, limits and inline suppressions), against
registries merged across all of them. The cross-file rules then see the whole region:
every catalog, every list of every source. Within one source C201/C202 report
duplicates as they do in a workspace; across sources C402/C403 report them instead,
and the C4xx rules, which are the office's to answer, follow the office's settings
wherever they point. Every diagnostic of a source carries the source's name, its
commit for git sources, and the file as users find it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial
from typing import Any

from catalogc.check.parallel import default_jobs, fork_map
from catalogc.check.policy import Policy
from catalogc.check.result import CheckResult, FileResult
from catalogc.diagnostics import Diagnostic
from catalogc.findings import Located
from catalogc.load.config import Settings
from catalogc.load.lists import ListEntry, load_lists
from catalogc.load.sources import Office, Source, open_office
from catalogc.load.workspace import Workspace
from catalogc.model import bundle
from catalogc.rules import BY_CODE, WORKSPACE_RULES
from catalogc.rules.base import Rule, WorkspaceContext

PER_SOURCE = ("C201", "C202")  # duplicates within one source; across sources C402/C403 say it
OFFICE_FAMILY = "C4"  # conflicts between sources: judged by the office's settings, never silenced by a source

# Below this many files a process pool costs more than it saves (as in the engine).
PARALLEL_MIN_FILES = 16
Collector = Callable[..., Any]  # catalogc.check.engine.Collector
Entry = tuple[Any, str, "Source | None", bool]  # (path or blob, path in its workspace, source, reported)


def _stamped(rule: Rule, findings: Any) -> list[Located]:
    return [replace(f, code=rule.code) for f in findings]


def _provenance(compiled: Any, source: Source) -> Any:
    """A source's compiled catalog with its name and commit on the catalog and on every item."""
    meta, items = compiled
    meta = meta.model_copy(update={"source": source.name, "commit": source.commit})
    for item in items:
        item.__dict__["source"] = bundle.trusted(bundle.Source, {**item.source.__dict__, "name": source.name,
                                                                 "commit": source.commit})
    return meta, items


def _rekey(result: FileResult, source: Source) -> FileResult:
    """A source file's result under its key (``name:path``), so that no two sources' files meet."""
    key = source.key(result.rel)
    result.rel = key
    result.findings = [replace(f, file=key) for f in result.findings]
    result.facts = [f._replace(file=key) for f in result.facts]
    if result.catalog is not None:
        result.catalog = result.catalog._replace(file=key)
    return result


def _run(office: Office, policies: dict[str | None, Policy], jobs: int | None, collect: Collector | None,
         check_file: Callable[..., FileResult]) -> list[FileResult]:
    workspace = office.workspace
    entries: list[Entry] = [(p, workspace.rel(p), None, workspace.reports(workspace.rel(p))) for p in workspace.catalogs]
    for source in office.sources:
        entries += [(reader, rel, source, workspace.reports(source.key(rel))) for rel, reader in source.catalogs]

    def collector(source: Source | None) -> Collector | None:
        if collect is None or source is None:
            return collect
        stamp = partial(_provenance, source=source)
        # a streaming build's spool stamps the items before it writes them (publish/spool.py)
        inner = collect.stamped(stamp) if hasattr(collect, "stamped") else None
        if inner is not None:
            return lambda head, items, rel, lines: inner(head, items, source.shown(rel), lines)
        return lambda head, items, rel, lines: stamp(collect(head, items, source.shown(rel), lines))

    def work(chunk: list[Entry]) -> list[FileResult]:
        out = []
        for reader, rel, source, reported in chunk:
            settings = source.settings if source else office.settings
            result = check_file(reader, rel, settings, collector(source), policies[source.name if source else None], reported)
            out.append(_rekey(result, source) if source else result)
        return out

    def chunks(items: list[Entry], count: int) -> list[list[Entry]]:
        return [items[i::count * 4] for i in range(min(len(items), count * 4))]

    parts = fork_map(work, entries, jobs or default_jobs(), PARALLEL_MIN_FILES, chunks, warm=1)
    return [r for part in parts for r in part]


def _lists(office: Office) -> tuple[list[ListEntry], list[Located]]:
    """The office's lists and every source's, the first of two entries with one code kept (a region's
    list may sit with the office and with the department alike)."""
    entries, findings = load_lists(office.workspace.root)
    seen = {(e.kind, e.code) for e in entries}
    for source in office.sources:
        for entry in source.lists:
            if (entry.kind, entry.code) not in seen:
                seen.add((entry.kind, entry.code))
                entries.append(entry)
    return entries, findings


def _rules(ctx: WorkspaceContext, office: Office, selected: Callable[[str], bool]) -> list[Located]:
    findings: list[Located] = []
    for rule in WORKSPACE_RULES:
        if not selected(rule.code) or rule.check is None:
            continue
        if rule.code not in PER_SOURCE:
            findings.extend(_stamped(rule, rule.check(ctx)))
            continue
        by_source: dict[str | None, list[Any]] = {}
        for fact in ctx.items:
            by_source.setdefault(office.source_of(fact.file), []).append(fact)
        for facts in by_source.values():
            findings.extend(_stamped(rule, rule.check(replace(ctx, items=facts))))
    return findings


def _judge(findings: list[Located], results: list[FileResult], office: Office,
           policies: dict[str | None, Policy]) -> list[Diagnostic]:
    """Each finding judged by the settings of the workspace its file belongs to; C4xx by the office's."""
    groups: dict[str | None, list[Located]] = {}
    conflicts: list[tuple[Located, Source | None]] = []
    for f in findings:
        source, rel = office.split(f.file)
        if f.code.startswith(OFFICE_FAMILY):
            conflicts.append((replace(f, file=source.shown(rel)) if source else f, source))
        else:
            groups.setdefault(source.name if source else None, []).append(replace(f, file=rel))
    suppressions: dict[str | None, dict[str, Any]] = {}
    for r in results:
        if r.suppressions:
            source, rel = office.split(r.rel)
            suppressions.setdefault(source.name if source else None, {})[rel] = r.suppressions
    by_name = {s.name: s for s in office.sources}
    diagnostics: list[Diagnostic] = []
    for name in [None, *by_name]:
        kept = policies[name].apply(groups.get(name, []), suppressions.get(name, {}))
        if name is None:
            diagnostics += kept
        else:
            source = by_name[name]
            diagnostics += [replace(d, file=source.shown(d.file), source=name, commit=source.commit) for d in kept]
    for f, source in conflicts:
        for d in policies[None].apply([f], {}):
            diagnostics.append(replace(d, source=source.name, commit=source.commit) if source else d)
    diagnostics.sort(key=Diagnostic.sort_key)
    return diagnostics


def check_office(workspace: Workspace, settings: Settings, jobs: int | None, collect: Collector | None,
                 check_file: Callable[..., FileResult], reported: Callable[..., list[Located]]) -> CheckResult:
    """The office's own files and its sources' as one region. The engine hands a workspace with
    [[sources]] here, with its per-file check and its target filter (so this module needs no
    import of the engine, which imports it)."""
    office = open_office(workspace, settings, frozenset(BY_CODE))
    policies: dict[str | None, Policy] = {None: Policy(office.settings)}
    policies.update({s.name: Policy(s.settings) for s in office.sources})
    results = _run(office, policies, jobs, collect, check_file)
    results.sort(key=lambda r: r.rel)
    findings = [Located(rel, 1, 1, "outside", code="C005") for rel in workspace.outside]
    findings += [f for s in office.sources for f in s.findings]
    findings += [f for r in results for f in r.findings]
    facts = [f for r in results for f in r.facts]
    entries, list_findings = _lists(office)
    findings += list_findings
    graph = None
    if entries or any(f.powers or f.services for f in facts):
        from catalogc.check.graph import DisclosureGraph

        graph = DisclosureGraph(facts, entries)
    catalogs = [r.catalog for r in results if r.catalog is not None]
    ctx = WorkspaceContext(facts, office.settings, entries, graph, catalogs, office)
    findings += _rules(ctx, office, lambda code: any(p.selected(code) for p in policies.values()))
    findings = reported(findings, workspace, results, entries)
    diagnostics = _judge(findings, results, office, policies)
    compiled = [r.compiled for r in results if r.compiled is not None]
    shown = [r for r in results if workspace.reports(r.rel)]
    return CheckResult(diagnostics, len(shown), sum(len(r.facts) for r in shown), facts, graph, compiled, office)

