"""Reference data shipped with the package (data/*.yaml), loaded once per process.

Lookups fold width, script and spacing (``normalize.fold``), so 社會救助 and ２０ find
社会救助 and 20; an exact hit skips the folding, which keeps the common case cheap.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from catalogc.parse.normalize import fold


def _load(name: str) -> Any:
    text = resources.files("catalogc.refdata").joinpath("data", name).read_text(encoding="utf-8")
    return yaml.load(text, Loader=yaml.CSafeLoader)


class Vocabulary:
    """Canonical values and their aliases; ``resolve`` says which canonical value a text means."""

    def __init__(self, canonical: list[str], aliases: dict[str, str], other_prefix: str | None = None) -> None:
        self.canonical = tuple(canonical)
        self.other_prefix = other_prefix
        self._exact: dict[str, tuple[str | None, bool]] = {c: (c, False) for c in canonical}
        self._folded: dict[str, tuple[str, bool]] = {fold(c): (c, False) for c in canonical}
        for alias, target in aliases.items():
            self._folded.setdefault(fold(alias), (target, True))
        self._problems: dict[tuple[str, ...], tuple[tuple[int, str, dict[str, str]], ...]] = {}

    def problems(self, values: tuple[str, ...]) -> tuple[tuple[int, str, dict[str, str]], ...]:
        """(position, 'default' | 'alias', message args) for each value that is not canonical."""
        found = self._problems.get(values)
        if found is None:
            out = []
            for position, value in enumerate(values):
                if not value.strip():
                    continue
                canonical, alias = self.resolve(value)
                if canonical is None:
                    out.append((position, "default", {"value": value, "choices": "、".join(self.canonical)}))
                elif alias:
                    out.append((position, "alias", {"value": value, "canonical": canonical}))
            found = tuple(out)
            if len(self._problems) < 10_000:
                self._problems[values] = found
        return found

    def resolve(self, text: str) -> tuple[str | None, bool]:
        """(canonical value or None, whether the text was an alias or variant spelling)."""
        hit = self._exact.get(text)
        if hit is not None:
            return hit
        folded = fold(text)
        found: tuple[str | None, bool] | None = self._folded.get(folded)
        if found is not None:
            pass  # a variant spelling of a canonical value (width, script) is that value, no warning
        elif self.other_prefix and folded.startswith(self.other_prefix) and len(folded) > len(self.other_prefix):
            note = folded[len(self.other_prefix):].lstrip(":：")
            found = (f"{self.other_prefix}：{note}", False) if note else (None, False)
        else:
            found = (None, False)
        if len(self._exact) < 10_000:
            self._exact[text] = found
        return found


@dataclass(frozen=True, slots=True)
class Domain:
    name: str
    prefix: str
    aliases: tuple[str, ...]
    issuer: str
    guideline: str | None
    confidence: str


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
               r.get("confidence", "U"))
        for r in rows
    ])


@cache
def _vocabularies() -> dict[str, Any]:
    return dict(_load("vocabularies.yaml"))


def _vocabulary(key: str) -> Vocabulary:
    spec = _vocabularies()[key]
    return Vocabulary(spec["canonical"], spec.get("aliases") or {}, spec.get("other_prefix"))


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

    @property
    def label(self) -> str:
        return f"{self.name}/{self.sub}" if self.sub else self.name


@dataclass(frozen=True, slots=True)
class Guideline:
    domain: str
    document: str
    items: tuple[GuidelineItem, ...]


@cache
def guidelines() -> dict[str, Guideline]:
    """Baselines of the ministries' standard guidelines, by canonical domain (data/guidelines/*.yaml)."""
    out: dict[str, Guideline] = {}
    folder = resources.files("catalogc.refdata").joinpath("data", "guidelines")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml"):
            continue
        data = yaml.load(entry.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        items = tuple(
            GuidelineItem(row["name"], row.get("sub"), {k: v for k, v in row.items() if k not in ("name", "sub")})
            for row in data["items"]
        )
        out[data["domain"]] = Guideline(data["domain"], data.get("guideline", ""), items)
    return out
