"""The static query site: a home page with the search box and the regions, region → domain →
the national table with item details, a search page with every filter over sharded indexes,
and a quality page per department.

Jinja2 with autoescape renders every page: catalog text is untrusted and goes on a
public website. The search index is JavaScript (not JSON fetched at run time) so that the
site also works when opened from disk; its text is JSON-escaped for a script context.
"""

from __future__ import annotations

import shutil
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import orjson
from jinja2 import Environment, PackageLoader, Template, select_autoescape
from markupsafe import Markup

from catalogc.diagnostics import Severity
from catalogc.model.bundle import Bundle, Document, RegionDomain
from catalogc.publish.changes import ChangeLog
from catalogc.publish.itemhtml import article, table_row
from catalogc.publish.layout import LEVELS, level_columns
from catalogc.publish.quality import quality
from catalogc.publish.search import fold_table
from catalogc.publish.search import row as search_row

# Every page's Content-Security-Policy. Only the site's own script and style files run: catalog
# text that slipped through escaping could not execute. For a page opened from disk, Chromium
# matches 'self' against the site's other file:// URLs (the browser tests check both ways).
# Directives a <meta> tag cannot carry (frame-ancestors, report-uri, sandbox) are the web server's.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
       "base-uri 'none'; form-action 'self'")


def _env() -> Environment:
    env = Environment(loader=PackageLoader("catalogc.publish", "templates"), autoescape=select_autoescape(["html"]),
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.globals["csp"] = Markup(CSP)  # our constant: its quotes need no escaping
    return env


@cache
def _domain_template() -> Template:
    """Compiled once per process: a build's workers render a region at a time."""
    return _env().get_template("domain.html")


def _anchor(item_id: str, seen: set[str]) -> str:
    anchor = item_id
    n = 1
    while anchor in seen:  # duplicate ids (C201) published with --allow-errors still get their own anchors
        n += 1
        anchor = f"{item_id}-{n}"
    seen.add(anchor)
    return anchor


def script_json(data: Any) -> str:
    """JSON that is also safe inside a <script> file: no </script>, no line terminators JS rejects.
    orjson writes what ``json.dumps(ensure_ascii=False)`` writes, compact, in half the time."""
    text = orjson.dumps(data).decode("utf-8")
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") \
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def domain_href(region: str, domain: str) -> str:
    return f"r/{region}/{domain}.html"


def _status(document: Document) -> str | None:
    if document.status == "有效":
        return None
    successor = _title(document.replaced_by)
    return document.status + (f"，已由《{successor}》取代" if successor else "")


def write_pages(groups: list[RegionDomain], root: Path, generated: str | None, changes: ChangeLog | None = None) -> None:
    """The domain pages (national table and item details) of the given region × domain groups;
    with ``changes``, each changed item links to its entry in the 动态调整 record. The items' rows
    and details are HTML made in ``itemhtml`` (escaped there), given to the template whole."""
    template = _domain_template()
    anchors = changes.anchors if changes is not None else {}
    for group in groups:
        seen: set[str] = set()
        levels = level_columns(group.items)
        rows, articles = [], []
        for number, item in enumerate(group.items, start=1):
            anchor = _anchor(item.id, seen)
            rows.append(table_row(item, anchor, number, levels))
            articles.append(article(item, anchor, "../../", anchors.get((group.region, group.domain, item.id)),
                                    _status))
        label = group.region_name or group.region
        page = template.render(
            root="../../", region_label=label, domain=group.domain, items=group.items, levels=levels,
            generated=generated, rows=[Markup("".join(rows))], articles=[Markup("".join(articles))],
            changes_page=changes is not None,
            departments=sorted({i.department for i in group.items}),
            crumbs=[("目录首页", "../../index.html"), (label, f"../../index.html#r-{group.region}"),
                    (group.domain, None)],
        )
        path = root / domain_href(group.region, group.domain)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page, encoding="utf-8")


@dataclass(slots=True)
class SearchFacts:
    """What the shared pages need to know of the items, gathered region by region: the search
    page's filters and the characters the fold table is cut down to."""

    indexed: set[str] = field(default_factory=set)
    departments: set[str] = field(default_factory=set)
    levels: set[str] = field(default_factory=set)
    channels: set[str] = field(default_factory=set)

    def add(self, other: SearchFacts) -> None:
        self.indexed |= other.indexed
        self.departments |= other.departments
        self.levels |= other.levels
        self.channels |= other.channels


def prepare(root: Path) -> None:
    """The site's folders and static files, before the regions' workers write into them."""
    root.mkdir(parents=True, exist_ok=True)
    static = root / "static"
    static.mkdir()
    for name in ("style.css", "search.js"):
        shutil.copyfile(str(resources.files("catalogc.publish").joinpath("static", name)), static / name)
    (root / "search").mkdir()


def write_shard(groups: list[RegionDomain], root: Path) -> SearchFacts:
    """One region's search index (the index is split by region: the search page loads only the
    regions it searches), from all its domains' groups in order; what the shared pages need of them."""
    facts = SearchFacts()
    rows: list[list[Any]] = []
    for group in groups:
        href = domain_href(group.region, group.domain)
        seen: set[str] = set()
        for item in group.items:
            anchor = _anchor(item.id, seen)
            rows.append(search_row(item, group.domain, f"{href}#item-{anchor}", group.region))
            facts.departments.add(item.department)
            facts.levels.update(item.level)
            facts.channels.update(item.channels)
    if rows:
        facts.indexed = set("".join(r[-1] for r in rows))  # every folded character
        (root / f"search/{groups[0].region}.js").write_text(f"catalogcSearch.add({script_json(rows)});\n",
                                                            encoding="utf-8")
    return facts


def write_shared(bundle: Bundle, groups: list[tuple[str, str, int]], facts: SearchFacts, root: Path,
                 changes: ChangeLog | None = None) -> None:
    """The pages about the whole bundle, after ``prepare`` and every region's ``write_shard``: home,
    search page and its region list and fold table, quality and with ``changes`` the 目录动态调整记录
    page. ``groups`` are (region, domain, items) in the bundle's order; ``bundle`` needs its groups'
    items only with ``changes`` (the quality page counts changes by department)."""
    env = _env()
    env.globals["changes_page"] = changes is not None
    generated = bundle.index.generated
    names = bundle.index.regions

    regions: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for region, domain, count in groups:
        regions[region].append({"domain": domain, "href": domain_href(region, domain), "count": count})
    total = sum(count for _, _, count in groups)
    absent: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for c in bundle.index.catalogs:
        if c.not_applicable:  # the published 未涉及领域事项说明
            absent[c.region].append({"domain": c.domain, "reason": c.not_applicable, "department": c.department})
    region_view = [{"code": code, "name": names.get(code), "domains": regions.get(code, []),
                    "absent": absent.get(code, [])} for code in sorted(set(regions) | set(absent))]

    shard_paths = [[region, f"search/{region}.js"] for region in sorted({r for r, _, count in groups if count})]
    search_regions = [(code, names.get(code)) for code, _ in shard_paths]
    # The home page is where citizens type: it carries the search box and shows the results itself.
    (root / "index.html").write_text(
        env.get_template("index.html").render(root="", regions=region_view, total=total, generated=generated,
                                              crumbs=None, search_regions=search_regions),
        encoding="utf-8",
    )
    (root / "search" / "index.js").write_text(f"catalogcSearch.regions({script_json(shard_paths)});\n",
                                              encoding="utf-8")
    (root / "search" / "fold.js").write_text(f"catalogcSearch.fold({script_json(fold_table(facts.indexed))});\n",
                                             encoding="utf-8")
    filters = [
        ("domain", "领域", sorted({domain for _, domain, _ in groups})),
        ("department", "部门", sorted(facts.departments)),
        ("level", "公开层级", [lv for lv in LEVELS if lv in facts.levels]),
        ("audience", "公开对象", ["全社会", "特定群体"]),
        ("method", "公开方式", ["主动", "依申请"]),
        ("channel", "公开渠道", sorted(facts.channels)),
    ]
    (root / "search.html").write_text(
        env.get_template("search.html").render(root="", filters=filters, generated=generated, crumbs=None,
                                               regions=search_regions),
        encoding="utf-8",
    )
    (root / "quality.html").write_text(_quality(env, bundle, generated, changes), encoding="utf-8")
    if changes is not None:
        (root / "changes.html").write_text(_changes(env, bundle, changes, generated), encoding="utf-8")


def _changes(env: Environment, bundle: Bundle, changes: ChangeLog, generated: str | None) -> str:
    """目录动态调整记录: the changes since the earlier release, by region and domain."""
    names = bundle.index.regions
    groups = []
    number = 0
    for (region, domain), rows in changes.by_group().items():
        entries = []
        for row in rows:
            number += 1
            href = f"{domain_href(region, domain)}#item-{row.item}" if row.current else None
            entries.append({"row": row, "anchor": changes.anchor(number), "href": href})
        groups.append({"region": region, "label": names.get(region) or region, "domain": domain, "entries": entries})
    return env.get_template("changes.html").render(root="", since=changes.since, groups=groups, total=number,
                                                   generated=generated, crumbs=None)


def _title(law_id: str | None) -> str | None:
    if not law_id:
        return None
    from catalogc.refdata import laws

    law = laws().by_id.get(law_id)
    return law.title if law else None


_SEVERITY = {level.value: level.label() for level in Severity}  # the words the text report uses


def _quality(env: Environment, bundle: Bundle, generated: str | None, changes: ChangeLog | None) -> str:
    view = quality(bundle, changes)
    return env.get_template("quality.html").render(root="", quality=view, departments=view.departments,
                                                   severity=_SEVERITY, generated=generated, crumbs=None)
