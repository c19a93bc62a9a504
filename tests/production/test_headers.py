"""Security headers: a strict CSP on public pages, a looser one only in the admin, and no inline code."""

import re

import pytest

from sos_site.middleware import ADMIN_CSP, PUBLIC_CSP

pytestmark = pytest.mark.django_db

INLINE_STYLE = re.compile(r"<[a-zA-Z][^>]*\sstyle\s*=", re.IGNORECASE)
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.IGNORECASE | re.DOTALL)
STYLE_ELEMENT = re.compile(r"<style\b", re.IGNORECASE)


def test_public_page_allows_only_its_own_origin(client):
    response = client.get("/ru/")
    assert response["Content-Security-Policy"] == PUBLIC_CSP
    policy = response["Content-Security-Policy"]
    assert "script-src 'self';" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_admin_has_its_own_looser_policy(client):
    response = client.get("/admin/login/")
    assert response["Content-Security-Policy"] == ADMIN_CSP
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]


def test_every_response_carries_permissions_referrer_and_nosniff_headers(client):
    response = client.get("/ru/")
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Referrer-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_not_found_page_has_the_public_policy(client):
    response = client.get("/ru/no-such-page-here/")
    assert response.status_code == 404
    assert response["Content-Security-Policy"] == PUBLIC_CSP


def inline_code(html):
    """Inline style attributes, <style> elements and <script> elements with code in them (JSON data is fine)."""
    problems = [match.group(0)[:80] for match in INLINE_STYLE.finditer(html)]
    problems += ["<style>" for _ in STYLE_ELEMENT.finditer(html)]
    for attributes, body in SCRIPT_TAG.findall(html):
        if "application/ld+json" in attributes or "application/json" in attributes:
            continue
        if body.strip():
            problems.append(f"<script{attributes}>{body.strip()[:60]}")
    return problems


@pytest.mark.parametrize("path", ["/ru/", "/ky/", "/en/", "/ru/search/?q=семья", "/ru/no-such-page-here/"])
def test_shared_public_templates_need_no_inline_script_or_style(client, path):
    html = client.get(path).content.decode()
    assert inline_code(html) == []


def test_standard_pages_need_no_inline_script_or_style(client, standard_page):
    html = client.get(standard_page.url).content.decode()
    assert inline_code(html) == []


def test_page_preview_may_be_framed_by_the_admin_only(rf):
    from sos_site.middleware import PREVIEW_CSP, content_security_policy

    request = rf.get("/ru/")
    request.is_dummy = True  # how Wagtail marks the request it builds for a preview
    assert content_security_policy(request) == PREVIEW_CSP
    assert "frame-ancestors 'self'" in PREVIEW_CSP
    assert "unsafe-inline" not in PREVIEW_CSP


def test_one_page_of_every_page_type_needs_no_inline_script_or_style(client):
    from wagtail.models import Page

    seen, problems = set(), {}
    for page in Page.objects.live().public().filter(depth__gte=2).specific().order_by("path"):
        if type(page) in seen:
            continue
        seen.add(type(page))
        found = inline_code(client.get(page.url).content.decode())
        if found:
            problems[page.url] = found
    assert len(seen) >= 2
    assert problems == {}
