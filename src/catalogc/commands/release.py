"""`catalogc publish`: publish a bundle as a release, roll back, list; the words it says, in
Chinese or English. The releases folder itself is ``publish/releases.py``; the log's change
counts come from ``publish/summary.change_summary``, which a summary built on ``catalogc.diff``
(this layer) can replace by passing ``summarize=`` below."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from catalogc.model.release import Changes, Counts, ReleaseEntry
from catalogc.publish import releases as store
from catalogc.publish.releases import CURRENT
from catalogc.publish.shared import ReleaseError


def _counts(c: Counts, lang: str) -> str:
    if lang == "en":
        return f"{c.regions} regions, {c.catalogs} catalogs, {c.items} items"
    return f"{c.regions} 个区划、{c.catalogs} 个目录文件、{c.items} 个事项"


def _changes(c: Changes | None, lang: str) -> str:
    if c is None:
        return "first release" if lang == "en" else "首次发布"
    if lang == "en":
        return f"{c.added} added, {c.removed} removed, {c.changed} changed"
    return f"增加 {c.added}、取消 {c.removed}、变更 {c.changed} 个事项"


def _published(e: ReleaseEntry, releases: Path, lang: str) -> str:
    name = f"{e.version} ({e.label})" if e.label else e.version
    if lang == "en":
        how = "published" if e.created else "already present, made current"
        part = f", region {e.partial} replaced" if e.partial else ""
        return (f"{releases / CURRENT} -> {name}: {how}{part}; {_counts(e.counts, lang)}; "
                f"{_changes(e.changes, lang)} since {e.previous or '—'}")
    how = "已发布" if e.created else "内容相同的发布已存在，已切换为当前版本"
    part = f"，替换了区划 {e.partial}" if e.partial else ""
    return (f"{releases / CURRENT} -> {name}：{how}{part}；{_counts(e.counts, lang)}；"
            f"相对 {e.previous or '—'}：{_changes(e.changes, lang)}")


def run(releases: Path, bundle: Path | None, *, label: str | None, into: str | None, keep: int | None,
        rollback: bool, lang: str, echo: Callable[..., None]) -> int:
    """Do what the command line asked; returns the exit status."""
    try:
        if bundle is not None:
            outcome = store.publish(bundle, releases, label=label, keep=keep, into=into)
            if outcome.entry is None:
                echo(f"{bundle} is already the current release; nothing to do" if lang == "en"
                     else f"{bundle} 已是当前发布，无需改动")
                return 0
            echo(_published(outcome.entry, releases, lang))
            for zh, en in outcome.notes:
                echo(f"catalogc: {en if lang == 'en' else zh}", err=True)
            if outcome.entry.removed:
                echo(("removed (--keep): " if lang == "en" else "已删除（--keep）：") + ", ".join(outcome.entry.removed))
        elif rollback:
            e = store.rollback(releases)
            echo(f"{releases / CURRENT} -> {e.version}: rolled back from {e.previous}; {_changes(e.changes, lang)}"
                 if lang == "en" else
                 f"{releases / CURRENT} -> {e.version}：已从 {e.previous} 回退；{_changes(e.changes, lang)}")
        else:
            for r in store.listing(releases):
                mark = "*" if r.current else " "
                names = f" ({', '.join(r.labels)})" if r.labels else ""
                echo(f"{mark} {r.version}{names}  {r.published}  {_counts(r.counts, lang)}")
    except ReleaseError as exc:
        echo(f"catalogc: {exc.text(lang)}", err=True)
        return 2
    return 0

