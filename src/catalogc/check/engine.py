"""The check pipeline: load → validate → file rules → locate, then workspace rules and policy.

Per-file work runs in worker processes when there are enough files; each worker sends
back only located findings and compact item facts, never documents, so the parent
does little more than merge, apply the policy (check/policy.py) and sort.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from catalogc.check.parallel import default_jobs, fork_map, paused_gc
from catalogc.check.policy import Policy
from catalogc.check.result import CheckResult, FileResult, LazyFacts, linked
from catalogc.findings import Located, element
from catalogc.load.config import Settings
from catalogc.load.workspace import Workspace
from catalogc.parse.normalize import fold, item_key
from catalogc.rules.base import CatalogFact, FileContext, Finding, ItemFact, Rule, WorkspaceContext

# A run answered from the cache (check/cache.py, ``replay``) loads no document and runs no rule:
# the YAML loader, the models, the reference data and the rules' implementations are imported
# by the functions that use them.

if TYPE_CHECKING:
    from catalogc.check.cache import Cache
    from catalogc.load.lists import ListEntry
    from catalogc.load.positions import Locator
    from catalogc.model.catalog import Catalog, Item

# Parts of a two-part time limit that govern permit and penalty decisions (双公示).

# Below this many files a process pool costs more than it saves.
PARALLEL_MIN_FILES = 16


def _mark(node: Any) -> tuple[int, int]:
    mark = node.start_mark
    return mark.line + 1, mark.column + 1


_NONE = (None, None)  # the (key, value) nodes of a key an item lacks


def _refs(node: Any, codes: list[str]) -> tuple[tuple[str, int, int], ...]:
    """Codes with the position of each entry (a single scalar stands for a one-element list)."""
    if node is None or not codes:
        return ()
    from yaml.nodes import SequenceNode

    entries = node.value if isinstance(node, SequenceNode) else [node]
    return tuple((code, *_mark(entry)) for code, entry in zip(codes, entries, strict=False))


def _catalog_fact(ctx: FileContext, where: Locator) -> CatalogFact | None:
    from catalogc.refdata import domains
    from catalogc.rules.guidelines import exception_key

    head = ctx.head
    if head is None:
        return None
    line, column = where(("domain",))
    exceptions = tuple(exception_key(k) for k in (head.guideline_exceptions or {}))
    return CatalogFact(ctx.rel, head.region, domains().resolve(head.domain) or head.domain, head.department,
                       line, column, exceptions, head.not_applicable is not None,
                       where(("department",)), where(("region",)))


def _facts(ctx: FileContext, where: Locator) -> Iterator[ItemFact]:
    """One pass over the item nodes: what the workspace rules need, positions included (each item's
    keys through the index its findings were located with)."""
    from yaml.nodes import SequenceNode

    from catalogc.parse.timelimit import parsed
    from catalogc.refdata import domains
    from catalogc.rules.timing import decision_kind, permit_days

    root = where.root
    head = ctx.head
    region = head.region if head else str(ctx.data.get("region", ""))
    domain = head.domain if head else str(ctx.data.get("domain", ""))
    domain = domains().resolve(domain) or domain
    department = head.department if head else str(ctx.data.get("department", ""))
    item_nodes: list[Any] = next((v.value for k, v in root.value if k.value == "items" and isinstance(v, SequenceNode)), [])
    for index, item in ctx.items:
        node = item_nodes[index]
        get = where.pairs(node).get
        here = (None, node)  # a missing key: the item's own position
        line, column = _mark(get("id", here)[1])
        if item.name:
            key = item_key(item.name, item.sub)
            label = item.name + (f" / {item.sub}" if item.sub else "")
            name_line, name_column = _mark(get("name", here)[1])
        else:
            key, label, name_line, name_column = "", "", line, column
        subjects = tuple(fold(s) for s in item.subject or ())
        permit, limit_line, limit_column = None, line, column
        # without powers: links, an item that itself publishes permit or penalty decisions still
        # owes them the 7 working days (C108 as a warning)
        decision = "" if item.powers else decision_kind(item.name, item.sub, item.content)
        if (item.powers or decision) and item.time_limit:
            tl = parsed(item.time_limit)
            permit = permit_days(tl) if tl else None
            limit_line, limit_column = _mark(get("time_limit", here)[1])
        yield ItemFact(region, domain, item.id, key, label, ctx.rel, line, column, name_line, name_column,
                       department, subjects, _refs(get("powers", _NONE)[1], item.powers),
                       _refs(get("services", _NONE)[1], item.services), permit, limit_line, limit_column, decision)


def _item_at(root: Any, data: Any, line: int) -> str | None:
    """The id of the item whose lines include ``line`` (for loader findings that know no path)."""
    from yaml.nodes import SequenceNode

    nodes: list[Any] = next((v.value for k, v in root.value if k.value == "items" and isinstance(v, SequenceNode)), [])
    for index, node in enumerate(nodes):
        if node.start_mark.line + 1 <= line <= node.end_mark.line + (node.end_mark.column > 0):
            return _item_of(data, ("items", index))
    return None


def _item_of(data: Any, path: tuple[str | int, ...]) -> str | None:
    """The id of the item a path into the data lies in, if it lies in one that has an id."""
    if len(path) < 2 or path[0] != "items" or not isinstance(path[1], int) or not isinstance(data, dict):
        return None
    items = data.get("items")
    item = items[path[1]] if isinstance(items, list) and path[1] < len(items) else None
    value = item.get("id") if isinstance(item, dict) else None
    return getattr(value, "text", None) or (str(value) if value is not None else None)


F = TypeVar("F", Finding, Located)


def stamped(rule: Rule, findings: Iterable[F]) -> Iterator[F]:
    """A rule's findings with its code: rules say where and what, the table says which rule it was."""
    code = rule.code
    for f in findings:
        if f.__class__ is Located:  # a workspace rule's: built directly, ``replace`` costs several times more
            yield Located(f.file, f.line, f.column, f.variant, f.args, f.item, f.field, code)  # type: ignore[union-attr, misc]
        else:
            yield replace(f, code=code)  # type: ignore[type-var]


# What a caller may collect from each checked catalog while its document is at hand (the
# publisher compiles bundle items this way): head, items, file, item id → line.
Collector = Callable[["Catalog", list["Item"], str, dict[str, int]], Any]


def check_file(path: Path, rel: str, settings: Settings, collect: Collector | None = None, policy: Policy | None = None,
               reported: bool = True, source: bytes | None = None) -> FileResult:
    """Everything that can be known from one file alone; with ``collect``, its compiled items too.

    A file outside the targets still gives its facts to the cross-file rules, but its own
    rules do not run (their findings would not be reported). ``source`` stands for the file's
    bytes: an editor's unsaved buffer, or bytes the cache has read already (it keys the result by them).
    """
    from catalogc.load.document import load, load_file
    from catalogc.load.positions import Locator
    from catalogc.load.suppress import scan
    from catalogc.model.validate import iter_not_mapping, validate
    from catalogc.rules import FILE_RULES

    policy = policy or Policy(settings)
    result = FileResult(rel)
    if source is None:
        loaded = load_file(path, settings.limits)
    else:
        loaded = load(source, settings.limits)
        loaded.source = source
    result.suppressions = scan(loaded.source) if reported else []
    out = result.findings
    for lf in loaded.findings:
        item = field = None
        if lf.path:
            item, field = _item_of(loaded.data, lf.path), element(lf.path)
        elif lf.code == "C002" and loaded.root is not None:
            item = _item_at(loaded.root, loaded.data, lf.line)
        out.append(Located(rel, lf.line, lf.column, lf.variant, dict(lf.args), item, field, lf.code))
    if loaded.root is None:
        return result
    where = Locator(loaded.root)

    def place(f: Finding, code: str) -> None:
        line, column = where(f.path, f.at_key)
        out.append(Located(rel, line, column, f.variant, f.args, f.item, element(f.path), code))

    findings: list[Finding] = list(iter_not_mapping(loaded.data))
    if not findings:
        head, items, findings, dropped = validate(loaded.data)
        for f in findings:
            place(f, f.code)
        findings = []
        ctx = FileContext(rel, loaded.data, head, items, settings, dropped)
        if reported:
            for rule in FILE_RULES:
                if policy.enabled(rule.code, rel):
                    for f in rule.check(ctx):  # type: ignore[misc]  # the rule says where, the table which rule
                        place(f, rule.code)
        result.facts = list(_facts(ctx, where))
        result.catalog = _catalog_fact(ctx, where)
        if collect is not None and head is not None:
            lines = {fact.id: fact.line for fact in result.facts}
            result.compiled = collect(head, [item for _, item in items], rel, lines)
    for f in findings:
        place(f, f.code)
    return result


def _chunks(paths: list[tuple[Path, str, bool]], jobs: int) -> list[list[tuple[Path, str, bool]]]:
    """Balance by size: biggest files first, each to the lightest chunk."""
    count = min(len(paths), max(jobs * 8, len(paths) // 100))  # enough chunks for a progress bar to move
    chunks: list[list[tuple[Path, str, bool]]] = [[] for _ in range(count)]
    weights = [0] * count
    for entry, size in sorted(((p, _size(p[0])) for p in paths), key=lambda e: -e[1]):
        lightest = weights.index(min(weights))
        chunks[lightest].append(entry)
        weights[lightest] += size
    return [c for c in chunks if c]


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


class Progress(Protocol):
    """Where the engine reports how far a run has got (report/progress.py draws it)."""

    def start(self, files: int) -> None: ...

    def advance(self, files: int, items: int = 0) -> None: ...


def run_files(workspace: Workspace, settings: Settings, jobs: int | None = None, collect: Collector | None = None,
              progress: Progress | None = None) -> list[FileResult]:
    """Every catalog file of the workspace, in forked workers when there are enough of them."""
    policy = Policy(settings)
    paths = [(p, rel, workspace.reports(rel)) for p, rel in workspace.named()]

    def work(chunk: list[tuple[Path, str, bool]]) -> list[FileResult]:
        return [check_file(path, rel, settings, collect, policy, reported) for path, rel, reported in chunk]

    def done(part: list[FileResult]) -> None:
        assert progress is not None
        progress.advance(len(part), sum(len(r.facts) for r in part))

    if progress is not None:
        progress.start(len(paths))
    parts = fork_map(work, paths, jobs or default_jobs(), PARALLEL_MIN_FILES, _chunks,
                     done if progress is not None else None, warm=1)
    return [r for part in parts for r in part]


def cached_files(workspace: Workspace, settings: Settings, jobs: int | None, collect: Collector | None,
                 cache: Cache) -> tuple[list[FileResult], dict[str, bytes]]:
    """``run_files`` through the cache: only files without an entry are checked; with each result's key."""
    from catalogc.check import cache as caching

    # entries hold every file rule's findings, whatever is selected: the policy drops the rest
    everything = Policy(replace(settings, select=(), ignore=(), per_path_ignores={}))
    paths = [(p, rel, workspace.reports(rel)) for p, rel in workspace.named()]
    return caching.run_files(
        cache, paths, lambda path, rel, source: check_file(path, rel, settings, collect, everything, True, source),
        jobs or default_jobs(), PARALLEL_MIN_FILES, _chunks, collect is not None, getattr(collect, "restore", None))


def check_workspace(workspace: Workspace, settings: Settings, jobs: int | None = None,
                    collect: Collector | None = None, cache: Cache | None = None,
                    progress: Progress | None = None) -> CheckResult:
    """Check every file, then the rules that need all files, then apply the workspace policy;
    report what lies within the workspace's targets. With ``cache`` (check/cache.py), unchanged
    files and rule groups are answered from it. An office workspace ([[sources]]) is checked with
    its sources (check/assembly.py), without the cache."""
    if settings.file is not None and settings.file.sources:
        from catalogc.check.assembly import check_office

        with paused_gc():
            return check_office(workspace, settings, jobs, collect, check_file, _reported)
    from catalogc.refdata import kept_by

    with paused_gc(), kept_by(cache):
        result = _check_workspace(workspace, settings, jobs, collect, cache, progress)
    if cache is not None:
        cache.finish()
    return result


def _reported(findings: list[Located], workspace: Workspace, results: list[FileResult],
              entries: list[ListEntry]) -> list[Located]:
    """Findings within the targets; a list entry's findings go with its department's catalogs."""
    if workspace.targets is None:
        return findings
    departments = {fold(r.catalog.department) for r in results if r.catalog is not None and workspace.reports(r.rel)}
    subject = {(e.file, e.line): fold(e.subject) for e in entries}
    return [f for f in findings
            if workspace.reports(f.file) or subject.get((f.file, f.line), "\0") in departments]


def _run_rules(rules: Iterable[Rule], ctx: WorkspaceContext) -> list[Located]:
    return [f for rule in rules for f in stamped(rule, rule.check(ctx))]  # type: ignore[misc]


def _check_workspace(workspace: Workspace, settings: Settings, jobs: int | None, collect: Collector | None,
                     cache: Cache | None, progress: Progress | None = None) -> CheckResult:
    if cache is not None and collect is None:  # nothing changed since a run with the same inputs: its summary
        from catalogc.check import cache as caching

        if (replayed := caching.replay(cache, workspace, settings, check_file)) is not None:
            return replayed  # type: ignore[no-any-return]
    results, keys = (run_files(workspace, settings, jobs, collect, progress), {}) if cache is None \
        else cached_files(workspace, settings, jobs, collect, cache)
    return assemble(workspace, settings, results, cache, keys)


def assemble(workspace: Workspace, settings: Settings, results: list[FileResult], cache: Cache | None = None,
             keys: dict[str, bytes] | None = None) -> CheckResult:
    """The rules that need all files, then the policy, over every catalog's ``FileResult`` (the
    language server passes an unsaved buffer's result with the others' kept from disk)."""
    from catalogc.load.lists import load_lists
    from catalogc.rules import WORKSPACE_RULES

    policy = Policy(settings)
    results = sorted(results, key=lambda r: r.rel)
    findings = [Located(rel, 1, 1, "outside", code="C005") for rel in workspace.outside]
    findings += [f for r in results for f in r.findings]
    facts = LazyFacts.chain([r.facts for r in results])  # cached files' facts stay encoded until used
    entries, list_findings = load_lists(workspace.root)
    findings += list_findings
    graph = None
    if entries or any(map(linked, results)):
        from catalogc.check.graph import (
            DisclosureGraph,  # networkx is costly to import; most checks need no graph
        )

        graph = DisclosureGraph(facts, entries)
    catalogs = [r.catalog for r in results if r.catalog is not None]
    ctx = WorkspaceContext(facts, settings, entries, graph, catalogs)
    if cache is None:
        findings += _run_rules((rule for rule in WORKSPACE_RULES if policy.selected(rule.code)), ctx)
    else:
        from catalogc.check import cache as caching

        findings += caching.workspace_findings(cache, ctx, results, keys or {}, caching.lists_digest(entries, list_findings),
                                               _run_rules)
    findings = _reported(findings, workspace, results, entries)
    diagnostics = policy.apply(findings, {r.rel: r.suppressions for r in results if r.suppressions})
    compiled = [r.compiled for r in results if r.compiled is not None]
    reported = [r for r in results if workspace.reports(r.rel)]
    out = CheckResult(diagnostics, len(reported), sum(len(r.facts) for r in reported), facts, graph, compiled)
    if cache is not None:
        caching.remember(cache, workspace, results, keys or {}, findings, out.files, out.items, graph is not None)
    return out
