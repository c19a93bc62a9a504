"""Every page type, error page and form with errors is valid HTML by the W3C Nu Html Checker (vnu).

All pages are rendered with the test client, written to a folder and checked by ONE java process
(vnu takes seconds to start). vnu comes from npm (tests/html/package.json, installed by `make test`)
and needs a Java runtime; in CI (CI=true) a missing one fails the test, locally it is skipped.
"""

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.utils import translation

pytestmark = pytest.mark.django_db

VNU_JAR = Path(settings.BASE_DIR) / "tests" / "html" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LANGUAGES = ("ru", "ky", "en")


@pytest.fixture
def vnu_command():
    """The java command line of vnu, or a skip (a failure in CI) saying what is missing, before any rendering."""
    java = shutil.which("java")
    missing = None
    if java is None:
        missing = "no Java runtime (apt-get install default-jre-headless)"
    elif not VNU_JAR.exists():
        missing = "vnu.jar not installed (npm ci --prefix tests/html)"
    if missing:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"HTML validation needs {missing}")
        pytest.skip(f"HTML validation skipped: {missing}")
    # A short-lived JVM: the quick compiler alone (TieredStopAtLevel=1) halves vnu's CPU time for our ~60 pages.
    jvm = ["-Xss8m", "-XX:TieredStopAtLevel=1"]
    return [java, *jvm, "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always"]


def page_url(page, language):
    with translation.override(language):
        return page.get_url()


def one_page_of_every_type(home_page):
    from wagtail.models import Page

    pages = {}
    for page in Page.objects.live().public().descendant_of(home_page, inclusive=True).order_by("path").specific():
        pages.setdefault(type(page).__name__, page)
    return pages


def render_everything(client, home_page, language):
    """(name, status, html) of one page of every type and every special state, in ``language``."""
    from donations.forms import make_submission_key
    from donations.models import DonatePage
    from pages import abuse
    from safeguarding.models import ConcernReportPage
    from safeguarding.views import TOKEN_SALT

    rendered = []

    def keep(name, response):
        rendered.append((f"{language}-{name}", response.status_code, response.content.decode()))

    for name, page in one_page_of_every_type(home_page).items():
        keep(name, client.get(page_url(page, language)))
    keep("404", client.get(f"/{language}/no-such-page/"))
    keep("search-results", client.get(f"/{language}/search/", {"q": "SOS"}))
    keep("search-empty", client.get(f"/{language}/search/", {"q": "zzzzqqqq"}))
    keep("403-csrf", Client(enforce_csrf_checks=True).post(f"/{language}/search/", {"q": "x"}))

    donate_url = page_url(DonatePage.objects.get(), language)
    pledge = {
        "submission_key": make_submission_key(issued_at=time.time() - 60),
        "frequency": "one_off",
        "currency": "KGS",
        "amount_KGS": "other",
        "other_amount": "-5",
        "donor_name": "",
        "email": "not-an-address",
        "website": "",
    }
    keep("pledge-errors", client.post(donate_url, pledge))

    keep("thank-you", client.get(f"{donate_url}thank-you/ABCDEFGHJK/"))

    concern_url = page_url(ConcernReportPage.objects.get(), language)
    keep("concern-sent", client.get(f"{concern_url}sent/"))
    concern = {"what_happened": "short", "form_token": abuse.make_form_token(TOKEN_SALT, issued_at=time.time() - 60)}
    keep("concern-errors", client.post(concern_url, concern))
    return rendered


@pytest.fixture
def rendered_pages(client, home_page, settings):
    """Every page in every language, then the two 429 pages (the rate limits set to zero)."""
    from donations.models import DonatePage
    from safeguarding.models import ConcernReportPage

    cache.clear()
    pages = [item for language in LANGUAGES for item in render_everything(client, home_page, language)]
    settings.DONATIONS_PLEDGE_RATE_LIMIT = 0
    settings.SAFEGUARDING_REPORT_RATE_LIMIT = 0
    for language in LANGUAGES:
        for name, page in (("pledge", DonatePage.objects.get()), ("concern", ConcernReportPage.objects.get())):
            response = client.post(page_url(page, language))
            pages.append((f"{language}-{name}-429", response.status_code, response.content.decode()))
    cache.clear()
    return pages


def test_every_page_type_is_valid_html_in_every_language(vnu_command, rendered_pages, tmp_path):
    statuses = {name: status for name, status, _html in rendered_pages}
    assert statuses["ru-404"] == 404
    assert statuses["ky-403-csrf"] == 403
    assert statuses["en-pledge-errors"] == 400
    assert statuses["en-concern-errors"] == 400
    assert statuses["ky-pledge-429"] == statuses["ky-concern-429"] == 429
    files = []
    for name, _status, html in rendered_pages:
        path = tmp_path / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        files.append(str(path))
    result = subprocess.run([*vnu_command, *files], capture_output=True, text=True, timeout=600, check=False)
    assert result.stderr.lstrip().startswith("{"), f"vnu did not run: {result.stderr[-2000:]}"
    messages = json.loads(result.stderr)["messages"]
    errors = [
        f"{Path(message.get('url', '')).name}:{message.get('lastLine', '?')}: {message['message']}"
        f" [{message.get('extract', '').strip()}]"
        for message in messages
        if message["type"] == "error" or message.get("subType") == "fatal"
    ]
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(errors)
