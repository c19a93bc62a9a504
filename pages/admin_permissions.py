"""Admin refusals: a 403 page with an explanation, and the few rules Wagtail's permissions cannot express.

Wagtail's own views call ``wagtail.admin.auth.permission_denied``, which redirects to the dashboard
with a flash message: a person loses the page they were on and scripts cannot tell a refusal from a
success. Every role in this project (Editors, Moderators, Translators, Fundraising, Safeguarding) is
tested to get a 403 where its job ends (``pages/access_matrix.py`` lists every answer).

Wagtail lets anyone who may *change* a page, image or document also delete it (a Translator could delete
images, an Editor a published report's PDF, both any unpublished page). Here deleting needs the model's
own delete permission (``wagtailcore.delete_page``, ``pages.delete_siteimage``,
``wagtaildocs.delete_document``, granted to Moderators by ``pages`` migration 0005), and a live page is
never deleted by anyone but an administrator: a moderator unpublishes it first, which can be undone.
Moving a page keeps Wagtail's rule (the same as its old delete rule) for people who may add pages.
"""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

DELETE_PAGE_PERMISSION = "wagtailcore.delete_page"


def forbidden(request, explanation=None):
    """The admin's 403 page; ``explanation`` says whose job it is, when the default text is too vague."""
    return TemplateResponse(request, "pages/admin/forbidden.html", {"explanation": explanation}, status=403)


def permission_denied(request):
    if request.headers.get("x-requested-with") == "XMLHttpRequest":
        raise PermissionDenied
    return forbidden(request).render()


def may_delete_page(tester, wagtail_can_delete, ignore_bulk=False):
    if not wagtail_can_delete(tester, ignore_bulk=ignore_bulk):
        return False
    if tester.user.is_superuser:
        return True
    if not tester.user.has_perm(DELETE_PAGE_PERMISSION):
        return False
    return not tester.page.get_descendants(inclusive=True).live().exists()


def may_move_page(tester, wagtail_can_delete):
    if not wagtail_can_delete(tester, ignore_bulk=True):
        return False
    return tester.user.is_superuser or "add" in tester.permissions


def delete_permission_of(model):
    meta = model._meta
    return f"{meta.app_label}.delete_{meta.model_name}"


def install():
    from wagtail.admin import auth
    from wagtail.models import PagePermissionTester
    from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy

    auth.permission_denied = permission_denied

    if getattr(PagePermissionTester, "_sos_rules_installed", False):
        return
    wagtail_can_delete = PagePermissionTester.can_delete

    def can_delete(self, ignore_bulk=False):
        return may_delete_page(self, wagtail_can_delete, ignore_bulk=ignore_bulk)

    def can_move(self):
        return may_move_page(self, wagtail_can_delete)

    PagePermissionTester.can_delete = can_delete
    PagePermissionTester.can_move = can_move
    PagePermissionTester._sos_rules_installed = True

    wagtail_instance_check = CollectionOwnershipPermissionPolicy.user_has_any_permission_for_instance

    def user_has_any_permission_for_instance(self, user, actions, instance):
        actions = set(actions)
        if "delete" in actions and not (user.is_superuser or user.has_perm(delete_permission_of(self.model))):
            actions.discard("delete")
            if not actions:
                return False
        return wagtail_instance_check(self, user, actions, instance)

    CollectionOwnershipPermissionPolicy.user_has_any_permission_for_instance = user_has_any_permission_for_instance
