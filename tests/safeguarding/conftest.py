import pytest
from django.contrib.auth.models import Group, Permission

from safeguarding.models import ConcernReportPage


@pytest.fixture
def report_page(db):
    return ConcernReportPage.objects.get()


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    """The per-address limit lives in the cache, which is not rolled back between tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def member_of(django_user_model, username, group_name):
    user = django_user_model.objects.create_user(username, f"{username}@example.org", "password")
    group, _created = Group.objects.get_or_create(name=group_name)
    if group_name == "Translators":  # not created by any migration: admin access and page editing
        group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    return user


@pytest.fixture
def safeguarding_officer(db, django_user_model):
    return member_of(django_user_model, "safeguarding-officer", "Safeguarding")


@pytest.fixture(params=["Editors", "Moderators", "Fundraising", "Translators"])
def other_staff(request, db, django_user_model):
    """Everyone else who works in the admin."""
    return member_of(django_user_model, f"staff-{request.param.lower()}", request.param)
