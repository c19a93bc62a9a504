"""scale_demo calls each app's demo.scale(home, **counts) and names the apps that have none."""

import types
from io import StringIO

import pytest
from django.core.management import call_command

from pages.management.commands import scale_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_modules(monkeypatch):
    """The advocacy app gets a scale(); every other app's demo module has none."""
    calls = []

    def scale(home, **counts):
        calls.append((home, counts))
        return f"{counts['reports']} reports"

    real_import = scale_demo.import_module

    def fake_import(name):
        if name == "advocacy.demo":
            return types.SimpleNamespace(scale=scale)
        module = real_import(name)
        return types.SimpleNamespace(build=module.build)

    monkeypatch.setattr(scale_demo, "import_module", fake_import)
    return calls


def test_scale_demo_passes_every_count_to_each_scale_function(demo_modules, home_page):
    out = StringIO()
    call_command("scale_demo", "--reports", "7", "--programmes", "3", "--offices", "2", "--no-search-index", stdout=out)
    assert demo_modules == [(home_page, {"reports": 7, "programmes": 3, "offices": 2})]
    assert "7 reports" in out.getvalue()


def test_scale_demo_names_the_apps_without_scale(demo_modules):
    out = StringIO()
    call_command("scale_demo", "--reports", "1", "--no-search-index", stdout=out)
    assert "No scale() in the demo module of: pages, offices, donations" in out.getvalue()


def test_scale_demo_without_a_home_page_says_to_load_the_demo_first(monkeypatch):
    from pages.models import HomePage

    monkeypatch.setattr(HomePage.objects, "first", lambda: None)
    err = StringIO()
    call_command("scale_demo", "--reports", "1", stderr=err)
    assert "load_demo_content" in err.getvalue()
