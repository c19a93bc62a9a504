"""Form tokens that the page cache fills in per response (pages/cached_forms.py)."""

from django.test import RequestFactory

from donations.forms import SUBMISSION_KEY_SALT, read_submission_key
from pages import abuse, cached_forms


def test_fill_writes_a_valid_token_for_a_registered_form():
    content = f'<input name="submission_key" value="{cached_forms.PLACEHOLDER_PREFIX}{SUBMISSION_KEY_SALT}">'
    filled = cached_forms.fill(content.encode()).decode()
    token = filled.split('value="')[1].split('"')[0]
    assert read_submission_key(token) is not None


def test_fill_gives_each_placeholder_its_own_token():
    placeholder = f"{cached_forms.PLACEHOLDER_PREFIX}{SUBMISSION_KEY_SALT}".encode()
    first, second = cached_forms.fill(placeholder + b" " + placeholder).split(b" ")
    assert first != second


def test_fill_leaves_an_unregistered_salt_alone():
    text = f"{cached_forms.PLACEHOLDER_PREFIX}django.contrib.auth".encode()
    assert cached_forms.fill(text) == text


def test_view_outside_the_page_cache_gets_a_real_token():
    request = RequestFactory().get("/")
    token = cached_forms.token_for(request, SUBMISSION_KEY_SALT)
    assert abuse.read_form_token(token, SUBMISSION_KEY_SALT, 60) is not None


def test_view_inside_the_page_cache_gets_the_placeholder():
    request = RequestFactory().get("/")
    setattr(request, cached_forms.FILL_ATTRIBUTE, True)
    assert cached_forms.token_for(request, SUBMISSION_KEY_SALT).startswith(cached_forms.PLACEHOLDER_PREFIX)
    assert getattr(request, cached_forms.USED_ATTRIBUTE)


def test_admin_posts_never_skip_the_csrf_cookie_check():
    token = abuse.make_form_token(SUBMISSION_KEY_SALT)
    request = RequestFactory().post("/admin/pages/", {"submission_key": token})
    assert not cached_forms.carries_form_token(request)
