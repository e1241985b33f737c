"""The documentation site as `make docs` builds it: offline, one page per rule where SARIF's helpUri points.

Marked ``docsite`` (``-m 'not docsite'`` skips the build when iterating); it runs in the default suite.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from click.testing import CliRunner

from catalogc.cli import main
from catalogc.report.sarif import RULES_URL
from catalogc.rules import RULES
from tests.paths import ROOT

pytestmark = pytest.mark.docsite

if not os.environ.get("CI"):
    pytest.importorskip("material", reason="mkdocs-material is not installed (the dev extra has it)")


def site_url() -> str:
    """The default site_url of mkdocs.yml (its !ENV fallback)."""
    found = re.search(r'^site_url: !ENV \[CATALOGC_SITE_URL, "([^"]+)"\]$', (ROOT / "mkdocs.yml").read_text("utf-8"),
                      re.MULTILINE)
    assert found, "mkdocs.yml: site_url must be !ENV [CATALOGC_SITE_URL, \"<default>\"]"
    return found.group(1)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("docs") / "site"
    env = {k: v for k, v in os.environ.items() if k != "CATALOGC_SITE_URL"} | {"NO_MKDOCS_2_WARNING": "1"}
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
                         cwd=ROOT, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return out


class _Refs(HTMLParser):
    """Every URL an HTML page names, with the tag and rel it sits on, and every id it defines."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[tuple[str, str, str]] = []
        self.ids: set[str] = set()
        self.text: list[str] = []

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.ids.add(a["id"])
        for key in ("href", "src", "poster", "action", "data"):
            if key in a:
                self.refs.append((tag, a.get("rel", ""), a[key]))
        for part in a.get("srcset", "").split(","):
            if part.strip():
                self.refs.append((tag, "", part.split()[0]))
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", a.get("style", "")):
            self.refs.append((tag, "", url))


def parsed(path: Path) -> _Refs:
    refs = _Refs()
    refs.feed(path.read_text(encoding="utf-8"))
    return refs


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_every_rule_has_its_page_in_both_languages(site: Path) -> None:
    for rule in RULES:
        page = site / "rules" / rule.code / "index.html"
        assert page.is_file(), f"no page for {rule.code}"
        refs = parsed(page)
        text = "".join(refs.text)
        assert "english" in refs.ids and f"{rule.code} {rule.slug}" in text
        assert rule.summary in text and rule.summary_en in text
    index = (site / "rules" / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{rule.code}/"' in index for rule in RULES)


def test_internal_links_and_anchors_resolve(site: Path) -> None:
    ids = {page: parsed(page).ids for page in pages(site)}
    broken = []
    for page in pages(site):
        base = "/" + page.relative_to(site).as_posix()
        for tag, _, url in parsed(page).refs:
            parts = urlsplit(url)
            if parts.scheme or url.startswith("//") or (tag == "a" and not parts.path and not parts.fragment):
                continue
            target = site / unquote(urlsplit(urljoin(base, parts.path)).path).lstrip("/") if parts.path else page
            if target.is_dir() or parts.path.endswith("/"):
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site)}: {url}")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in ids[target]:
                broken.append(f"{page.relative_to(site)}: {url} (no such anchor)")
    assert broken == []


def test_nothing_external_is_loaded(site: Path) -> None:
    """Only text links (<a href>) and the page's own canonical address may name another host."""
    own = site_url()
    outside = []
    for page in pages(site):
        for tag, rel, url in parsed(page).refs:
            external = bool(urlsplit(url).scheme in ("http", "https") or url.startswith("//"))
            allowed = tag == "a" or (tag == "link" and rel == "canonical" and url.startswith(own))
            if external and not allowed:
                outside.append(f"{page.relative_to(site)}: <{tag} rel={rel!r}> {url}")
    for sheet in site.rglob("*.css"):
        text = sheet.read_text(encoding="utf-8")
        outside += [f"{sheet.name}: {u}" for u in re.findall(r"""(?:url\(\s*['"]?|@import\s+['"])((?:https?:)?//[^'")\s]+)""", text)]
    assert outside == []
    assert (site / "search" / "search_index.json").is_file(), "the search plugin's index is built with the site"


def test_search_index_holds_the_rule_pages(site: Path) -> None:
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    locations = {d["location"] for d in docs}
    assert {f"rules/{rule.code}/" for rule in RULES} <= locations
    assert any("政府网站" in d["text"] for d in docs if d["location"].startswith("rules/C105/"))


def test_sarif_help_uris_resolve_in_the_site(site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CATALOGC_RULES_URL", raising=False)
    assert RULES_URL == site_url() + "rules/{code}/", "SARIF's default helpUri and the site's address must agree"
    result = CliRunner().invoke(main, ["check", str(ROOT / "examples" / "broken"), "--format", "sarif"])
    rules = json.loads(result.output)["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.code for r in RULES]
    for entry in rules:
        uri = entry["helpUri"]
        assert uri.startswith(site_url()), uri
        page = site / uri.removeprefix(site_url()) / "index.html"
        assert page.is_file() and f"{entry['id']} {entry['name']}" in page.read_text(encoding="utf-8"), uri
