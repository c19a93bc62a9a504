"""Fixtures for the donations tests: the demo's donate page, valid form data, staff users."""

import time

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.utils import translation

from donations.forms import make_submission_key
from donations.models import DonatePage

DONATE_SLUGS = {"ru": "pomoch-seychas", "ky": "azyr-zhardam-korsotuu", "en": "help-now"}


@pytest.fixture(autouse=True)
def _clear_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def donate_page(db):
    return DonatePage.objects.get()


def donate_url(page, language="ru"):
    with translation.override(language):
        return page.get_url()


def form_data(**overrides):
    """A valid pledge as a browser would post it, with a form shown a minute ago."""
    data = {
        "submission_key": make_submission_key(issued_at=time.time() - 60),
        "frequency": "one_off",
        "currency": "KGS",
        "amount_KGS": "1000",
        "other_amount": "",
        "designation": "",
        "donor_name": "Айгуль Асанова",
        "email": "aigul@example.org",
        "phone": "",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def post_pledge(client, donate_page):
    def post(language="ru", **overrides):
        return client.post(donate_url(donate_page, language), form_data(**overrides))

    return post


@pytest.fixture
def fundraiser(db, django_user_model):
    user = django_user_model.objects.create_user("fundraiser", "fundraiser@example.org", "password")
    user.groups.add(Group.objects.get(name="Fundraising"))
    return user


@pytest.fixture
def content_editor(db, django_user_model):
    """A content editor: Wagtail's "Editors" group, which can reach the admin and edit pages."""
    user = django_user_model.objects.create_user("content-editor", "content@example.org", "password")
    editors, _created = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(editors)
    return user
