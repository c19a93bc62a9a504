"""Browser tests: Debian's Chromium driven by Playwright against a real server with the demo site.

The server runs in a subprocess on 127.0.0.1 with its own database (a temporary SQLite file, or
a fresh PostgreSQL database when DATABASE_URL points at PostgreSQL), built with the same commands
`make run` uses, once per test run (tests/browser/server.py). Without Chromium or axe-core these
tests skip with one line — except in CI (CI=true), where they fail.
"""

import json
import os
import shutil
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .server import BROWSER_SITE_KEY, ServerDatabase, build_site_here, copy_site, server_env, start_server

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_JS = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 768}}
LANGUAGES = ("ru", "ky", "en")
# One demo page of every public page type, by its English URL; other languages follow its hreflang links.
PAGE_TYPES = {
    "home": "/en/",
    "standard": "/en/about-us/",
    "advocacy-index": "/en/advocacy/",
    "advocacy-programme": "/en/advocacy/rights-of-care-leavers/",
    "report-index": "/en/advocacy/research-and-publications/",
    "report": "/en/advocacy/research-and-publications/the-situation-of-children-without-parental-care-in-kyrgyzstan/",
    "office-index": "/en/our-offices/",
    "office": "/en/our-offices/head-office/",
    "news-index": "/en/news/",
    "news": "/en/news/since-2009-standing-up-for-the-rights-of-care-leavers/",
    "donate": "/en/help-now/",
    "report-a-concern": "/en/report-a-concern/",
    "safeguarding-policy": "/en/safeguarding-policy/",
    "search": "/en/search/?q=children",
    "not-found": "/en/no-such-page/",
}
DEV_USER = ("admin", "sos-dev-admin")  # made by manage.py create_dev_superuser


def missing_requirement():
    if not Path(CHROMIUM).exists():
        return f"Chromium not found at {CHROMIUM} (apt-get install chromium chromium-driver)"
    if not AXE_JS.exists():
        return f"axe-core not installed at {AXE_JS} (make test installs it with npm)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "Python Playwright is not installed"
    return None


def pytest_collection_modifyitems(config, items):
    reason = missing_requirement()
    if reason is None:
        return
    browser_items = [item for item in items if "tests/browser" in str(item.fspath)]
    if browser_items and os.environ.get("CI", "").lower() == "true":
        pytest.exit(f"Browser tests cannot run in CI: {reason}", returncode=1)
    for item in browser_items:
        item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="package")
def site_url(request):
    """Base URL of a server with the demo site, migrated and loaded exactly as `make run` does.

    Under pytest-xdist the site was built once by the controller (tests/conftest.py) and this worker serves a
    copy of it; otherwise it is built here.
    """
    built = getattr(request.config, "workerinput", {}).get(BROWSER_SITE_KEY)
    if built and built["error"]:
        raise RuntimeError(built["error"])
    workdir = Path(tempfile.mkdtemp(prefix="sos-browser-"))
    database = ServerDatabase(workdir)
    if built:
        env = server_env(workdir, copy_site(built, workdir, database))
    else:
        env = server_env(workdir, database.url())
        build_site_here(env)
    server, log, url = start_server(env, workdir)
    yield url
    server.terminate()
    server.wait(timeout=10)
    log.close()
    database.drop()
    shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="package")
def browser():
    """Chromium, for the browser tests only: Playwright's sync API keeps an event loop running while it is open,
    in which Django refuses database calls, and the tests that follow use the database."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(params=sorted(VIEWPORTS))
def viewport(request):
    return request.param


@pytest.fixture
def page(browser, viewport, site_url):
    context = browser.new_context(viewport=VIEWPORTS[viewport], base_url=site_url)
    context.set_default_timeout(15000)
    tab = context.new_page()
    errors = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert errors == [], f"JavaScript errors: {errors}"


# The tests that only open a page and read it (axe-core, tap targets, the phone header) share one tab per viewport
# and xdist worker: a fresh context and tab cost twice the test itself (a new renderer process, axe-core compiled
# again, fonts and stylesheet fetched again). Each such test starts with no cookies and loads its page afresh
# (a navigation replaces the document; the site keeps nothing in web storage); after a failure the tab is
# replaced, so a broken state is not handed on.
reused_tab_failed = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.failed:
        item.stash[reused_tab_failed] = True
    return report


@pytest.fixture(scope="package")
def reused_tabs(browser):  # closed before the browser
    tabs = {}  # viewport name: (context, tab)
    yield tabs
    for context, _tab in tabs.values():
        context.close()


@pytest.fixture
def reused_page(request, reused_tabs, browser, viewport, site_url):
    """A tab of the ``viewport`` kept between the page-reading tests (see above); JavaScript errors fail the test."""
    if viewport not in reused_tabs:
        context = browser.new_context(viewport=VIEWPORTS[viewport], base_url=site_url)
        context.set_default_timeout(15000)
        reused_tabs[viewport] = (context, context.new_page())
    context, tab = reused_tabs[viewport]
    context.clear_cookies()
    errors = []

    def record(error):
        errors.append(str(error))

    tab.on("pageerror", record)
    yield tab
    tab.remove_listener("pageerror", record)
    if request.node.stash.get(reused_tab_failed, False) or errors:
        del reused_tabs[viewport]
        context.close()
    assert errors == [], f"JavaScript errors: {errors}"


# Wagtail (7.3+) saves a page being edited by itself, 0.5 s after a change: the first autosave of a new page
# creates it and turns the form into the edit form. An explicit "Save draft" or "Publish" clicked while an
# autosave is on its way races it (a second page with the same slug, or two writers at once), as it would for
# a quick editor, so the journeys wait, as a careful editor does, until the autosave has had its say: none in
# flight and nothing typed, changed or saved for 2.5 s (longer than Wagtail's change check and the 0.5 s wait).
AUTOSAVE_WATCH = """
window.sosAutosave = {saving: false, last: performance.now()};
const sosActivity = (saving) => () => {
    window.sosAutosave.last = performance.now();
    if (saving !== undefined) window.sosAutosave.saving = saving;
};
for (const name of ["input", "keydown", "change", "w-unsaved:add"]) {
    document.addEventListener(name, sosActivity(), true);
}
document.addEventListener("w-autosave:save", sosActivity(true), true);
document.addEventListener("w-autosave:success", sosActivity(false), true);
document.addEventListener("w-autosave:error", sosActivity(false), true);
"""
AUTOSAVE_SETTLED = """() => {
    const state = window.sosAutosave;
    return state !== undefined && !state.saving && performance.now() - state.last > 2500;
}"""


def watch_autosave(context):
    """Follow Wagtail's autosaves in every page the context opens (see wait_for_autosave)."""
    context.add_init_script(AUTOSAVE_WATCH)


def wait_for_autosave(tab):
    """Wait until no autosave is in flight or about to start."""
    tab.wait_for_function(AUTOSAVE_SETTLED, timeout=30000)


def run_axe(page):
    """Run axe-core on the page for WCAG 2.0/2.1/2.2 A and AA rules; return the violations."""
    page.wait_for_load_state("load")
    # Evaluated through DevTools rather than a <script> tag, which the site's CSP rightly refuses.
    page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
            resultTypes: ["violations"],
        })"""
    )
    return result["violations"]


def describe_violations(violations):
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            lines.append(f"    {' '.join(node['target'])}: {node.get('failureSummary', '').splitlines()[-1:]}")
    return "\n".join(lines)


def assert_accessible(page):
    violations = run_axe(page)
    assert violations == [], "axe found WCAG A/AA violations on " + page.url + ":\n" + describe_violations(violations)


def assert_no_horizontal_scroll(page):
    page.wait_for_load_state("load")  # stylesheets applied, so the layout is final
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"horizontal scrolling on {page.url}: content {widths[0]}px > viewport {widths[1]}px"


class HreflangLinks(HTMLParser):
    """The ``<link rel="alternate" hreflang=…>`` of an HTML document, by language."""

    def __init__(self, html):
        super().__init__()
        self.hrefs = {}
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and "alternate" in (attrs.get("rel") or "").split() and attrs.get("hreflang"):
            self.hrefs.setdefault(attrs["hreflang"], attrs.get("href"))


def open_in_language(page, english_path, language):
    """Open the demo page at ``english_path`` in ``language``, following its hreflang alternate.

    The English page is only read for its alternates, not rendered (``page.request`` shares the tab's cookies):
    two page loads per test were the browser tests' largest cost. A page without alternates (the 404 page
    points nowhere) is opened at the same path under the language.
    """
    if language == "en":
        return page.goto(english_path)
    href = HreflangLinks(page.request.get(english_path).text()).hrefs.get(language)
    if href is None:
        return page.goto(f"/{language}/{english_path.removeprefix('/en/')}")
    return page.goto(href)


def json_ld(page):
    return [json.loads(text) for text in page.locator('script[type="application/ld+json"]').all_text_contents()]
