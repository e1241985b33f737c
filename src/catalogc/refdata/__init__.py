"""Reference data shipped with the package (data/*.yaml), loaded once per process.

Lookups fold width, script and spacing (``normalize.fold``), so 社會救助 and ２０ find
社会救助 and 20; an exact hit skips the folding, which keeps the common case cheap.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from catalogc.parse.lazy import lazy
from catalogc.parse.normalize import fold


def _load(name: str) -> Any:
    # resources (it imports tempfile) and yaml when a table is first used: a replayed run uses none
    from importlib import resources

    import yaml

    text = resources.files("catalogc.refdata").joinpath("data", name).read_text(encoding="utf-8")
    return yaml.load(text, Loader=yaml.CSafeLoader)


_NUMBER = lazy(r"^\s*(?:\d{1,2}\s*[.、．)）:：]|[（(]\d{1,2}[)）]|[①-⑳])\s*")
_TRAIL = lazy(r"(?:[\s;；,，。、.]|等)+$")
_SEVERAL = lazy(r"\s|[、；;，,]|\D\d{1,2}[.、．]")
_BRACKETED = lazy(r"[（(][^（）()]{1,4}[)）]")


def _strip(text: str) -> str:
    """The value without a printed list number (1. ①) and trailing separators or 等."""
    return _TRAIL.sub("", _NUMBER.sub("", text, count=1))


class Vocabulary:
    """Canonical values and their aliases; ``judge`` says which canonical value(s) a text means, and how.

    Kinds: ``canonical`` (the value, maybe numbered or in another width), ``alias`` (a listed variant
    or pattern), ``split`` (a combined header such as 乡、村级), ``typo`` (one or two characters off a
    value), ``other`` (not a value; a vocabulary with an 其他 option proposes 其他：<text>), ``unknown``.
    """

    def __init__(self, canonical: list[str], aliases: dict[str, str], other_prefix: str | None = None,
                 patterns: list[dict[str, str]] | None = None, suffix: str = "") -> None:
        self.canonical = tuple(canonical)
        self.other_prefix = other_prefix
        self.suffix = suffix  # 级 for levels: a part of a combined header (乡、村级) takes it
        self._exact: dict[str, tuple[str | None, bool]] = {c: (c, False) for c in canonical}
        self._folded: dict[str, tuple[str, bool]] = {fold(c): (c, False) for c in canonical}
        for alias, target in aliases.items():
            self._folded.setdefault(fold(alias), (target, True))
        self._patterns = [(re.compile(p["match"]), p["canonical"], bool(p.get("same"))) for p in patterns or ()]
        self._judged: dict[str, tuple[tuple[str, ...], str]] = {}
        self._problems: dict[tuple[str, ...], tuple[tuple[int, str, dict[str, str]], ...]] = {}

    def problems(self, values: tuple[str, ...]) -> tuple[tuple[int, str, dict[str, str]], ...]:
        """(position, variant, message args) for each value that is not canonical.

        Variants: ``default`` (unknown), ``alias``, ``split``, ``typo``, ``other``.
        """
        found = self._problems.get(values)
        if found is None:
            out = []
            for position, value in enumerate(values):
                if not value.strip():
                    continue
                resolved, kind = self.judge(value)
                args = {"value": value, "choices": "、".join(self.canonical), "canonical": "、".join(resolved)}
                if kind == "unknown":
                    out.append((position, "default", args))
                elif kind != "canonical":
                    out.append((position, kind, args))
            found = tuple(out)
            if len(self._problems) < 10_000:
                self._problems[values] = found
        return found

    def resolve(self, text: str) -> tuple[str | None, bool]:
        """(the one canonical value or None, whether the text was an alias); see ``resolve_all`` for 乡、村级."""
        hit = self._exact.get(text)
        if hit is not None:
            return hit
        resolved, kind = self.judge(text)
        found = (None, False) if kind in ("unknown", "typo", "other", "split") else (resolved[0], kind != "canonical")
        if len(self._exact) < 10_000:
            self._exact[text] = found
        return found

    def resolve_all(self, text: str) -> tuple[str, ...]:
        """Every canonical value the text means (乡、村级 → 乡级, 村级); empty when none."""
        resolved, kind = self.judge(text)
        return () if kind in ("unknown", "typo", "other") else resolved

    def judge(self, text: str) -> tuple[tuple[str, ...], str]:
        """(canonical values, kind); see the class docstring for the kinds."""
        found = self._judged.get(text)
        if found is None:
            found = self._judge(text)
            if len(self._judged) < 10_000:
                self._judged[text] = found
        return found

    def _lookup(self, folded: str, patterns: bool = True) -> tuple[tuple[str, ...], str] | None:
        hit = self._folded.get(folded)
        if hit is not None:
            return (hit[0],), "alias" if hit[1] else "canonical"
        if self.other_prefix and folded.startswith(self.other_prefix) and len(folded) > len(self.other_prefix):
            note = folded[len(self.other_prefix):].lstrip(":：_")
            return ((f"{self.other_prefix}：{note}",), "canonical") if note else ((self.other_prefix,), "canonical")
        if patterns:
            for pattern, target, same in self._patterns:
                if pattern.search(folded):
                    if target == self.other_prefix:
                        return (f"{self.other_prefix}：{folded}",), "other"
                    return (target,), "canonical" if same else "alias"
        return None

    def _judge(self, text: str) -> tuple[tuple[str, ...], str]:
        folded = fold(text)
        found = self._lookup(folded, patterns=False)
        if found is not None:
            return found
        stripped = fold(_strip(text)) or folded
        if stripped != folded and (found := self._lookup(stripped, patterns=False)) is not None:
            return found
        # a list of values (1.政府网站 2.政府公报, 乡、村级) is judged whole only as a combined header
        several = bool(_SEVERAL.search(stripped) or _SEVERAL.search(_strip(text).strip()))
        if not several:
            near = self._near(stripped)
            if near is not None:
                return (near,), "typo"
            if (found := self._lookup(stripped)) is not None:
                return found
            unbracketed = _BRACKETED.sub("", stripped)  # 镇(街)级 → 镇级
            if unbracketed and unbracketed != stripped and (found := self._lookup(unbracketed)) is not None:
                return found[0], "alias" if found[1] == "canonical" else found[1]
        elif self.suffix and re.search(r"[、,，/]", stripped):
            parts = [p for p in re.split(r"[、,，/]", stripped.removesuffix(self.suffix)) if p]
            resolved = [self._lookup(p if p.endswith(self.suffix) else p + self.suffix) for p in parts]
            if parts and all(r is not None and r[1] != "other" for r in resolved):
                values = tuple(dict.fromkeys(v for r in resolved if r for v in r[0]))
                return values, "split"
        note = _strip(text).strip()
        if self.other_prefix and note and not several:
            return (f"{self.other_prefix}：{note}",), "other"
        return (), "unknown"

    def _near(self, folded: str) -> str | None:
        """A canonical value that the text misspells: one or two characters replaced, none added."""
        if len(folded) < 4:
            return None
        import difflib

        for value in self.canonical:
            target = fold(value)
            if target in folded or abs(len(target) - len(folded)) > 1:
                continue
            if difflib.SequenceMatcher(None, folded, target).ratio() >= 0.85:
                return value
        return None

@dataclass(frozen=True, slots=True)
class Domain:
    name: str
    prefix: str
    aliases: tuple[str, ...]
    issuer: str
    guideline: str | None
    confidence: str
    elements_not_in_guideline: tuple[str, ...] = ()  # columns the guideline's own table lacks (C101 → info)
    township_bodies: tuple[str, ...] = ()  # county-level bodies the guideline names for 乡级 items (C112)
    department_not_subject: bool = False  # the guideline's subjects are not the publishing department (C206)


class DomainRegistry:
    def __init__(self, domains: list[Domain]) -> None:
        self.domains = tuple(domains)
        self._by_fold: dict[str, Domain] = {}
        for d in domains:
            self._by_fold[fold(d.name)] = d
            for alias in d.aliases:
                self._by_fold.setdefault(fold(alias), d)

    def get(self, name: str) -> Domain | None:
        return self._by_fold.get(fold(name))

    def resolve(self, name: str) -> str | None:
        domain = self.get(name)
        return domain.name if domain else None


@cache
def domains() -> DomainRegistry:
    rows = _load("domains.yaml")["domains"]
    return DomainRegistry([
        Domain(r["name"], r["prefix"], tuple(r.get("aliases", ())), r.get("issuer", ""), r.get("guideline"),
               r.get("confidence", "U"), tuple(r.get("elements_not_in_guideline", ())),
               tuple(r.get("township_bodies", ())), bool(r.get("department_not_subject", False)))
        for r in rows
    ])


@cache
def _vocabularies() -> dict[str, Any]:
    return dict(_load("vocabularies.yaml"))


def _vocabulary(key: str) -> Vocabulary:
    spec = _vocabularies()[key]
    return Vocabulary(spec["canonical"], spec.get("aliases") or {}, spec.get("other_prefix"), spec.get("patterns"),
                      spec.get("suffix", ""))


@cache
def channels() -> Vocabulary:
    return _vocabulary("channels")


@cache
def levels() -> Vocabulary:
    return _vocabulary("levels")


@cache
def methods() -> Vocabulary:
    return _vocabulary("methods")


@cache
def audiences() -> Vocabulary:
    return _vocabulary("audiences")


@cache
def provinces() -> dict[str, str]:
    return {str(k): v for k, v in _load("provinces.yaml")["provinces"].items()}


class Keeper(Protocol):
    """Somewhere to keep a table derived from data outside the package between runs (the cache)."""

    def get(self, name: str, source: bytes) -> Any: ...

    def put(self, name: str, source: bytes, value: Any) -> None: ...


_keeper: Keeper | None = None


@contextmanager
def kept_by(keeper: Keeper | None) -> Iterator[None]:
    """Derived tables made during the block are kept by ``keeper``, and taken from it when it has them."""
    global _keeper
    previous, _keeper = _keeper, keeper
    try:
        yield
    finally:
        _keeper = previous


def _stdnum_file(*parts: str) -> Path | None:
    """A data file python-stdnum ships, found without importing the package (whose ``__init__``
    imports ssl and pydoc, 15 ms of a re-run after one file changed)."""
    from importlib.util import find_spec

    spec = find_spec("stdnum")
    for folder in (spec.submodule_search_locations or ()) if spec is not None else ():
        path = Path(folder).joinpath(*parts)
        if path.is_file():
            return path
    return None


@cache
def places() -> dict[str, str]:
    """GB/T 2260 code → place name, from the table python-stdnum ships (stdnum/cn/loc.dat, compiled from
    the published code lists); names of codes no longer in use keep their years, e.g. [1998-2013]南康市.

    Parsing that file costs more than checking a catalog does, so a run with a cache keeps the
    result under the file's own hash: an upgraded python-stdnum is parsed afresh."""
    keeper, source = _keeper, b""
    table = _stdnum_file("cn", "loc.dat") if keeper is not None else None
    if keeper is not None and table is not None:  # the file's hash only where a cache can use it
        source = hashlib.blake2b(table.read_bytes(), digest_size=20).digest()
        kept = keeper.get("places", source)
        if isinstance(kept, dict):
            return kept
    from stdnum import numdb

    out: dict[str, str] = {}
    for _, low, _high, props, children in numdb.get("cn/loc").prefixes:
        for _, sub_low, _sub_high, sub_props, _ in children:
            if sub_props.get("county"):
                out[low + sub_low] = sub_props["county"]
        out.setdefault(low + "0000", props.get("province", ""))
    if keeper is not None:
        keeper.put("places", source, out)
    return out


def place_name(code: str) -> str:
    """The place a code names: province, prefecture and county as far as the table knows them."""
    table = places()
    parts = [table.get(code[:2] + "0000", ""), table.get(code[:4] + "00", ""), table.get(code[:6], "")]
    names = [re.sub(r"^\[[^]]*\]", "", p) for p in parts if p]
    return "".join(dict.fromkeys(n for n in names if n not in ("市辖区", "县")))


@dataclass(frozen=True, slots=True)
class Law:
    id: str
    title: str
    aliases: tuple[str, ...]
    number: str | None
    kind: str
    status: str  # 有效 | 已修订 | 已废止
    effective: dt.date | None
    repealed: dt.date | None
    replaced_by: str | None
    allows_longer_time_limit: bool
    source: str


class LawRegistry:
    def __init__(self, laws: list[Law]) -> None:
        from catalogc.parse.citation import normalize_number, title_key

        self.by_id = {law.id: law for law in laws}
        self._by_title: dict[str, list[Law]] = {}
        self._by_number: dict[str, Law] = {}
        for law in laws:
            for title in (law.title, *law.aliases):
                self._by_title.setdefault(title_key(title), []).append(law)
            if law.number:
                self._by_number[normalize_number(law.number)] = law

    def lookup_title(self, title: str) -> list[Law]:
        """Entries with this title or alias (compared by ``title_key``: dash, bracket and nested-title
        variants alike), current ones first."""
        from catalogc.parse.citation import title_key

        found = self._by_title.get(title_key(title), [])
        return sorted(found, key=lambda law: law.status != "有效")

    def knows(self, text: str) -> bool:
        """Whether a 《title》 or document number is in this registry."""
        return bool(self.lookup_title(text)) or self.lookup_number(text) is not None

    def title_keys(self) -> list[str]:
        """Every title and alias key, for near-miss suggestions."""
        return list(self._by_title)

    def lookup_number(self, number: str) -> Law | None:
        from catalogc.parse.citation import normalize_number

        return self._by_number.get(normalize_number(number))


def _law(r: dict[str, Any]) -> Law:
    return Law(str(r.get("id") or r["title"]), r["title"], tuple(r.get("aliases") or ()), r.get("number"),
               r.get("kind", ""), r.get("status", "有效"), r.get("effective"), r.get("repealed"), r.get("replaced_by"),
               bool(r.get("allows_longer_time_limit", False)), r.get("source", ""))


def local_registry(rows: list[dict[str, Any]]) -> LawRegistry:
    """A workspace's own documents (catalogc.toml [[laws]]), e.g. county regulations."""
    return LawRegistry([_law(r) for r in rows])


@cache
def laws() -> LawRegistry:
    try:
        rows = _load("laws.yaml")["laws"]
    except FileNotFoundError:
        rows = []
    return LawRegistry([_law(r) for r in rows])


@dataclass(frozen=True, slots=True)
class GuidelineItem:
    name: str
    sub: str | None
    elements: dict[str, Any]  # the elements the guideline fixes, used by `catalogc init`
    aliases: tuple[str, ...] = ()  # labels (一级/二级, or 一级 alone) under which real tables print the item

    @property
    def label(self) -> str:
        return f"{self.name}/{self.sub}" if self.sub else self.name

    def labels(self) -> Iterator[tuple[str, str | None]]:
        """(一级, 二级 or None) of the item and of each alias: every naming under which a table carries it."""
        yield self.name, self.sub
        for alias in self.aliases:
            name, _, sub = alias.replace("／", "/").partition("/")
            yield name.strip(), sub.strip() or None


@dataclass(frozen=True, slots=True)
class Guideline:
    domain: str
    document: str
    items: tuple[GuidelineItem, ...]


@cache
def guidelines() -> dict[str, Guideline]:
    """Baselines of the ministries' standard guidelines, by canonical domain (data/guidelines/*.yaml)."""
    out: dict[str, Guideline] = {}
    from importlib import resources

    import yaml

    folder = resources.files("catalogc.refdata").joinpath("data", "guidelines")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml"):
            continue
        data = yaml.load(entry.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        items = tuple(
            GuidelineItem(row["name"], row.get("sub"),
                          {k: v for k, v in row.items() if k not in ("name", "sub", "aliases")},
                          tuple(str(a) for a in row.get("aliases") or ()))
            for row in data["items"]
        )
        out[data["domain"]] = Guideline(data["domain"], data.get("guideline", ""), items)
    return out
