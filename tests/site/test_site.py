"""The query site in a real browser: Debian's chromium driven by Playwright, started by the tests.

Screenshots of the index and a domain table at desktop and phone width are written to
test-artifacts/ (not committed) for a person to look at.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from catalogc.check.prepare import load_settings
from catalogc.load.workspace import discover
from catalogc.publish.build import build
from tests.conftest import write_workspace
from tests.paths import ROOT
from tests.rules import BASE, edit

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
ASSETS = Path(os.environ.get("CATALOGC_TEST_ASSETS", ROOT / ".venv" / "share" / "catalogc-test"))
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]

sync_api = pytest.importorskip("playwright.sync_api")
if not Path(CHROMIUM).exists():  # pragma: no cover - CI installs it (scripts/test-assets.sh)
    if os.environ.get("CI"):
        pytest.fail("chromium is not installed: run scripts/test-assets.sh", pytrace=False)
    pytest.skip("chromium is not installed", allow_module_level=True)

HOSTILE = edit("name: 最低生活保障", "name: '<script>window.__pwned=1</script>低保'", BASE)
HOSTILE = edit("content: 低保标准、申请条件、办理流程",
               "content: ['<img src=x onerror=\"window.__pwned=2\">', 'javascript:window.__pwned=3', '</script><b id=injected>x</b>']",
               HOSTILE)
HOSTILE = edit("    content: [", "    sub: ABC-12号\n    content: [", HOSTILE)  # for the full-width search


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("ws")
    shutil.copytree(ROOT / "catalogs", root / "catalogs")
    shutil.copytree(ROOT / "lists", root / "lists")
    shutil.copy(ROOT / "catalogc.toml", root / "catalogc.toml")
    write_workspace(root, {"catalogs/测试/养老服务.yaml": edit('region: "360799"', 'region: "360799100"', HOSTILE)})
    out = tmp_path_factory.mktemp("out") / "out"
    build(discover(root), load_settings(root), out, jobs=1)
    return out / "site"


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, site: Path):
    """A page that records console errors and fails on any request outside the site folder."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.errors = []
    page.outside = []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))

    def route(r):
        url = urlparse(r.request.url)
        if url.scheme != "file" or not unquote(url.path).startswith(str(site)):
            page.outside.append(r.request.url)
            return r.abort()
        return r.continue_()

    page.route("**/*", route)
    page.site = site
    yield page
    assert page.errors == [], page.errors
    assert page.outside == [], page.outside
    context.close()


def url(site: Path, rel: str) -> str:
    return (site / rel).as_uri()


def test_navigate_from_index_to_an_item(page, site: Path) -> None:
    page.goto(url(site, "index.html"))
    page.get_by_role("link", name="社会救助").first.click()
    assert page.get_by_role("heading", level=1).inner_text().endswith("社会救助领域基层政务公开标准目录")
    page.get_by_role("link", name="最低生活保障").first.click()
    assert page.url.endswith("#item-SHJZ-003")
    detail = page.locator("#item-SHJZ-003")
    assert "现行有效" in detail.inner_text()


def test_search_for_a_chinese_term_from_the_home_page(page, site: Path) -> None:
    """The home page carries the search box and shows the results itself, as a query system's front page."""
    page.goto(url(site, "index.html"))
    page.get_by_role("search").get_by_label("事项名称或内容").fill("低保")
    page.get_by_role("button", name="查询").click()
    sync_api.expect(page.locator("#status")).to_contain_text("找到")
    assert page.url.endswith("/index.html")
    results = page.locator("#results li")
    assert results.count() >= 5
    results.first.locator("a").click()
    assert "/r/" in page.url and "#item-" in page.url


def test_home_page_search_by_region(page, site: Path) -> None:
    page.goto(url(site, "index.html"))
    page.get_by_label("行政区划").select_option("360799100")
    page.get_by_role("button", name="查询").click()
    sync_api.expect(page.locator("#status")).to_contain_text("找到 7 个事项")
    assert page.locator("#results li").count() == 7


def test_home_page_form_without_scripts_opens_the_search_page(browser, site: Path) -> None:
    """Without JavaScript the home page's form still leads to the search page, query and region in its address,
    and the search page run with scripts searches what that address asks for."""
    context = browser.new_context(java_script_enabled=False)
    p = context.new_page()
    p.goto(url(site, "index.html"))
    p.get_by_label("事项名称或内容").fill("低保")
    p.get_by_label("行政区划").select_option("360799")
    p.get_by_role("button", name="查询").click()
    p.wait_for_url("**/search.html?*")
    assert p.url.endswith("/search.html?q=%E4%BD%8E%E4%BF%9D&region=360799")
    address = p.url
    context.close()
    context = browser.new_context()
    p = context.new_page()
    p.goto(address)
    sync_api.expect(p.locator("#status")).to_contain_text("找到")
    assert p.get_by_label("事项名称或内容").input_value() == "低保" and p.locator("#f-region").input_value() == "360799"
    found = int(re.search(r"找到 (\d+) 个事项", p.locator("#status").inner_text()).group(1))
    assert found == p.locator("#results li").count() > 0
    p.goto(url(site, "search.html") + "?region=nowhere")  # an unknown value is not forced into a filter
    assert p.locator("#f-region").input_value() == "" and p.locator("#results li").count() == 0
    context.close()


def _found(page, query: str) -> int:
    page.goto(url(page.site, "search.html"))
    page.get_by_label("事项名称或内容").fill(query)
    page.get_by_role("button", name="查询").click()
    sync_api.expect(page.locator("#status")).to_contain_text("找到")
    return int(re.search(r"找到 (\d+) 个事项", page.locator("#status").inner_text()).group(1))


@pytest.mark.parametrize(("query", "checker_equal"), [
    ("辦事指南", "办事指南"), ("辦理 流程", "办理流程"), ("ＡＢＣ－１２號", "abc-12号"), ("办理　流程", "办理流程"),
])
def test_search_folds_like_the_checker(page, query: str, checker_equal: str) -> None:
    """Traditional, full-width and spaced queries find what their folded form finds, as the checker equates them."""
    from catalogc.parse.normalize import fold

    assert fold(query).lower() == fold(checker_equal).lower()
    expected = _found(page, checker_equal)
    assert expected > 0 and _found(page, query) == expected


@pytest.mark.parametrize(("key", "value", "expected"), [
    ("domain", "户籍管理", 14), ("department", "溪山县司法局", 11), ("level", "村级", 15), ("audience", "特定群体", 5),
    ("method", "依申请", 0), ("channel", "精准推送", 2), ("region", "360799100", 7),
])
def test_each_filter_narrows_the_results(page, site: Path, key: str, value: str, expected: int) -> None:
    page.goto(url(site, "search.html"))
    page.get_by_role("button", name="查询").click()
    status = page.locator("#status")
    sync_api.expect(status).to_contain_text("找到 163 个事项")
    page.locator(f"#f-{key}").select_option(value)
    page.get_by_role("button", name="查询").click()
    sync_api.expect(status).to_contain_text(f"找到 {expected} 个事项")
    assert page.locator("#results li").count() == expected


def test_hostile_text_is_inert(page, site: Path) -> None:
    page.on("dialog", lambda d: (page.errors.append("dialog"), d.dismiss()))
    page.goto(url(site, "r/360799100/养老服务.html"))
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#injected").count() == 0 and page.locator("main img").count() == 0
    assert "<script>window.__pwned=1</script>低保" in page.locator("table.catalog").inner_text()
    page.goto(url(site, "search.html"))
    page.get_by_label("事项名称或内容").fill("pwned")
    page.get_by_role("button", name="查询").click()
    sync_api.expect(page.locator("#status")).to_contain_text("找到 1 个事项")
    assert page.evaluate("window.__pwned") is None and page.locator("#injected").count() == 0
    hrefs = page.locator("#results a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert all(not h.startswith("javascript:") for h in hrefs)


def test_accessibility_has_no_serious_violations(browser, site: Path) -> None:
    axe = ASSETS / "axe.min.js"
    if not axe.exists():
        if os.environ.get("CI"):
            pytest.fail("axe-core missing: run scripts/test-assets.sh")
        pytest.skip("axe-core not fetched (make test fetches it)")
    context = browser.new_context(bypass_csp=True)  # axe is injected as an inline script, which the CSP refuses
    page = context.new_page()
    for rel in ("index.html", "r/360799/社会救助.html", "search.html", "quality.html"):
        page.goto(url(site, rel))
        page.add_script_tag(path=str(axe))
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations'], preload: false})")
        serious = [(v["id"], v["impact"]) for v in result["violations"] if v["impact"] in ("serious", "critical")]
        assert serious == [], (rel, serious)
    context.close()


def test_every_page_carries_a_content_security_policy(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    for path in pages:
        head = path.read_text(encoding="utf-8").split("</head>")[0]
        assert head.index('<meta charset="utf-8">') < head.index('http-equiv="Content-Security-Policy"') \
            < head.index("<link"), path
        assert "script-src 'self';" in head and "default-src 'none'" in head and "unsafe" not in head, path


INJECT = """() => new Promise(resolve => {
  document.addEventListener("securitypolicyviolation", e => resolve(e.violatedDirective), {once: true});
  const s = document.createElement("script");
  s.textContent = "window.__inline = 1";
  document.body.appendChild(s);
  setTimeout(() => resolve("no violation"), 2000);
})"""


def _csp_holds(p, base: str) -> None:
    """The site's own scripts run (search works) while an injected inline script is refused."""
    p.goto(base + "search.html")
    p.get_by_label("事项名称或内容").fill("低保")
    p.get_by_role("button", name="查询").click()
    sync_api.expect(p.locator("#status")).to_contain_text("找到")
    assert p.evaluate(INJECT).startswith("script-src")
    assert p.evaluate("window.__inline") is None


def test_content_security_policy_from_disk(browser, site: Path) -> None:
    context = browser.new_context()
    _csp_holds(context.new_page(), site.as_uri() + "/")
    context.close()


def test_content_security_policy_when_served(browser, served: str) -> None:
    context = browser.new_context()
    _csp_holds(context.new_page(), served)
    context.close()


def test_screenshots_for_review(browser, site: Path) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    for name, rel in (("index", "index.html"), ("domain", "r/360799/社会救助.html")):
        for width, height, label in ((1280, 900, "desktop"), (390, 844, "phone")):
            context = browser.new_context(viewport={"width": width, "height": height})
            p = context.new_page()
            p.goto(url(site, rel))
            target = ARTIFACTS / f"{name}-{label}.png"
            p.screenshot(path=str(target), full_page=False)
            context.close()
            assert target.stat().st_size > 1000


def test_print_stylesheet_hides_navigation(browser, site: Path) -> None:
    context = browser.new_context()
    p = context.new_page()
    p.goto(url(site, "r/360799/社会救助.html"))
    p.emulate_media(media="print")
    assert p.locator("header.site nav").is_hidden()
    context.close()


@pytest.fixture(scope="module")
def served(site: Path):
    """The site over HTTP from a local server (loopback only), as the query system serves it; yields its base URL."""
    import functools
    import http.server
    import threading

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *args: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def test_site_works_when_served(browser, served: str) -> None:
    context = browser.new_context()
    p = context.new_page()
    errors: list[str] = []
    p.on("pageerror", lambda e: errors.append(str(e)))
    p.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    p.goto(served)  # the server's index: the home page, search box and all
    p.get_by_label("事项名称或内容").fill("低保")
    p.get_by_role("button", name="查询").click()
    sync_api.expect(p.locator("#status")).to_contain_text("找到")
    p.locator("#results a").first.click()
    assert "#item-" in p.url and errors == []
    context.close()
