"""A refused admin action answers 403 with an explanation, not a silent bounce to the dashboard.

Wagtail's own views call ``wagtail.admin.auth.permission_denied``, which redirects to the dashboard
with a flash message: a person loses the page they were on and scripts cannot tell a refusal from a
success. Every role in this project (Editors, Moderators, Translators, Fundraising, Safeguarding) is
tested to get a 403 where its job ends.
"""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse


def forbidden(request, explanation=None):
    """The admin's 403 page; ``explanation`` says whose job it is, when the default text is too vague."""
    return TemplateResponse(request, "pages/admin/forbidden.html", {"explanation": explanation}, status=403)


def permission_denied(request):
    if request.headers.get("x-requested-with") == "XMLHttpRequest":
        raise PermissionDenied
    return forbidden(request).render()


def install():
    from wagtail.admin import auth

    auth.permission_denied = permission_denied
