"""Shared fixtures: the demo site is built once per test session and every test rolls back its changes."""

import pytest
from django.core.management import call_command
from django.utils import translation

LANGUAGES = ("ru", "ky", "en")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_demo_content", verbosity=0)


@pytest.fixture
def home_page(db):
    from pages.models import HomePage

    return HomePage.objects.get()


@pytest.fixture
def org_settings(db):
    from wagtail.models import Site

    from pages.models import OrganisationSettings

    return OrganisationSettings.for_site(Site.objects.get(is_default_site=True))


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser("editor-admin", "editor@example.org", "password")


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture(autouse=True)
def _reset_language():
    yield
    translation.activate("ru")
