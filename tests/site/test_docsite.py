"""The documentation site in a real browser, served over HTTP as it would be published: no request
leaves the site, and the search plugin finds rule pages offline (Chinese and English queries)."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.site.test_site import ARTIFACTS, browser  # noqa: F401 (the browser fixture)
from tests.test_docsite import site  # noqa: F401 (the built documentation site)

pytestmark = pytest.mark.docsite


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:  # noqa: F811
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    thread.join()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def page(browser, served: str):  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.errors, page.outside = [], []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    own = urlparse(served).netloc

    def route(r):
        if urlparse(r.request.url).netloc != own:
            page.outside.append(r.request.url)
            return r.abort()
        return r.continue_()

    page.route("**/*", route)
    yield page
    context.close()


def _search(page, served: str, query: str) -> list[str]:
    page.goto(served)
    page.keyboard.press("/")
    page.fill("input[data-md-component=search-query]", query)
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    return page.eval_on_selector_all(".md-search-result__item a", "links => links.map(a => a.getAttribute('href'))")


def test_a_rule_page_loads_nothing_from_elsewhere(page, served: str) -> None:
    page.goto(served + "rules/C105/")
    page.wait_for_load_state("networkidle")
    assert page.title().startswith("C105 channel-value")
    assert page.locator("#english").count() == 1
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "docs-rule-C105.png"), full_page=True)
    assert page.outside == [] and page.errors == []


@pytest.mark.parametrize(("query", "code"), [("公开渠道", "C105"), ("double-publicity", "C108")])
def test_search_works_offline(page, served: str, query: str, code: str) -> None:
    hrefs = _search(page, served, query)
    assert any(f"rules/{code}/" in href for href in hrefs), hrefs
    assert page.outside == [] and page.errors == []
