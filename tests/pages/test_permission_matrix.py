"""The permission matrix: every admin URL that matters, as every role, answers what ``pages/access_matrix.py``
says; README's access table is the same matrix."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.db import transaction
from django.urls import reverse
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Collection, Site
from wagtail.test.utils.form_data import nested_form_data, streamfield

from pages import access_matrix
from pages.access_matrix import LOGIN, ROLES, ROWS
from tests.advocacy.factories import DocumentFactory, FocusAreaFactory, KeyDocumentFactory
from tests.donations.factories import PledgeFactory
from tests.factories import SiteImageFactory, StandardPageFactory
from tests.news.factories import NewsTopicFactory
from tests.safeguarding.factories import ConcernReportFactory

pytestmark = pytest.mark.django_db

README = Path(__file__).resolve().parents[2] / "README.md"
LANGUAGES = ("ru", "ky", "en")


@pytest.fixture(scope="module")
def matrix_data(django_db_setup, django_db_blocker):
    """The objects and the users of the matrix, made once for the module (as Django's ``setUpTestData``): inside
    a transaction that is rolled back when the module's tests are done; each test's own changes are rolled back
    to the savepoint of its ``db`` fixture, so every test still starts from these same rows."""
    from django.contrib.auth import get_user_model

    from pages.models import HomePage

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            data = {"objects": make_objects(HomePage.objects.get(), get_user_model()), "users": None}
            data["users"] = make_users(get_user_model())
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield data
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def objects(db, matrix_data):
    """The module's objects read afresh per test (as ``setUpTestData`` copies them), so no test sees another's
    edits in memory."""
    return {name: fresh(obj) for name, obj in matrix_data["objects"].items()}


@pytest.fixture
def users(db, matrix_data):
    """One user per role (None for the signed-out visitor), read afresh per test."""
    return {role: fresh(user) for role, user in matrix_data["users"].items()}


def fresh(obj):
    return None if obj is None else type(obj)._default_manager.get(pk=obj.pk)


def make_objects(home_page, django_user_model):
    live_page = StandardPageFactory(parent=home_page, title_en="Matrix live", slug_en="matrix-live")
    draft_page = StandardPageFactory(parent=home_page, live=False, title_en="Matrix draft", slug_en="matrix-draft")
    return {
        "home": home_page,
        "live_page": live_page,
        "draft_page": draft_page,
        "image": SiteImageFactory(collection=Collection.get_first_root_node()),
        "document": DocumentFactory(),
        "focusarea": FocusAreaFactory(),
        "keydocument": KeyDocumentFactory(),
        "newstopic": NewsTopicFactory(),
        "redirect": Redirect.objects.create(old_path="/matrix-old", redirect_link="/ru/"),
        "user": django_user_model.objects.create_user("matrix-other", password="x"),
        "group": Group.objects.get(name="Editors"),
        "pledge": PledgeFactory(),
        "report": ConcernReportFactory(),
        "site": Site.objects.get(is_default_site=True),
    }


def make_users(django_user_model):
    """One user per role (None for the signed-out visitor)."""
    people = {access_matrix.ANONYMOUS: None}
    people[access_matrix.NO_GROUP] = django_user_model.objects.create_user("matrix-nobody", password="x")
    people[access_matrix.SUPERUSER] = django_user_model.objects.create_superuser("matrix-admin", password="x")
    for name in access_matrix.GROUP_ROLES:
        user = django_user_model.objects.create_user(f"matrix-{name.lower()}", password="x")
        user.groups.add(Group.objects.get(name=name))
        people[name] = user
    return people


def url_of(row, objects):
    args = []
    for name in row.args:
        if name == "standard_page_type":
            args += ["pages", "standardpage"]
        elif name in objects:
            args.append(objects[name].pk)
        else:  # a literal (settings app and model names)
            args.append(name)
    return reverse(row.url, args=args)


def page_form(page=None, **extra):
    data = {"hero_image": ""}
    for code in LANGUAGES:
        title = getattr(page, f"title_{code}") if page else f"Matrix new {code}"
        slug = getattr(page, f"slug_{code}") if page else f"matrix-new-{code}"
        data.update(
            {
                f"title_{code}": title,
                f"slug_{code}": slug or f"matrix-{code}",
                f"seo_title_{code}": "",
                f"search_description_{code}": "",
                f"introduction_{code}": f"intro {code}",
                f"body_{code}": streamfield([]),
            }
        )
    data.update(extra)
    return nested_form_data(data)


def post_data(row, objects):
    if row.data == "publish":
        page = objects["draft_page"] if row.url.endswith(":edit") else None
        return page_form(page, **{"action-publish": "1"})
    if row.data == "pledge_status":
        return {"status": objects["pledge"].allowed_statuses()[0], "note": ""}
    if row.data == "report_status":
        return {"status": objects["report"].allowed_statuses()[0].value, "note": ""}
    raise AssertionError(row.data)


def answer(client, row, objects):
    url = url_of(row, objects)
    if row.method == "POST":
        response = client.post(url, post_data(row, objects))
    else:
        response = client.get(url)
    if response.status_code == 302 and reverse("wagtailadmin_login") in response["Location"]:
        return LOGIN
    return response.status_code


@pytest.mark.parametrize("row", ROWS, ids=[row.key for row in ROWS])
def test_every_role_gets_the_answer_of_the_matrix(client, row, objects, users):
    """Each role in turn (its changes rolled back), so a publish by one does not change the next one's answer."""
    answers = {}
    for role in ROLES:
        client.logout()
        if users[role] is not None:
            client.force_login(users[role])
        with transaction.atomic():
            answers[role] = answer(client, row, objects)
            transaction.set_rollback(True)
    expected = {role: row.expected(role) for role in ROLES}
    assert answers == expected


def test_the_matrix_covers_forty_urls_for_every_role():
    assert len({(row.method, row.url, row.args) for row in ROWS}) >= 40
    assert len(ROLES) >= 6


def test_readme_access_table_is_the_matrix():
    """README shows ``access_matrix.markdown_table()`` verbatim between its markers."""
    text = README.read_text(encoding="utf-8")
    start = text.index("<!-- access-matrix:start -->") + len("<!-- access-matrix:start -->")
    end = text.index("<!-- access-matrix:end -->")
    assert text[start:end].strip() == access_matrix.markdown_table()
