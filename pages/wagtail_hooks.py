import django_filters
from django.conf import settings
from django.contrib import messages
from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast
from django.http import HttpResponseGone
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.messages import render as render_message
from wagtail.admin.ui.components import Component
from wagtail.images import get_image_model
from wagtail.images.views.images import ImagesFilterSet
from wagtail_modeltranslation import wagtail_hooks as modeltranslation_hooks

from pages import admin_permissions, consent, task_admin, translation_status
from pages.models import TranslationState
from pages.views_admin import can_read_translation_report, translation_report_view
from pages.views_guide import editor_guide_image_view, editor_guide_view
from pages.views_translation_editor import copy_from_source_view, remember_language_view


@hooks.register("register_admin_urls")
def register_translation_report_url():
    return [path("translation-status/", translation_report_view, name="translation_status")]


@hooks.register("register_reports_menu_item")
def register_translation_report_menu_item():
    return TranslationReportMenuItem(
        _("Translation status"), reverse("translation_status"), icon_name="globe", order=50
    )


@hooks.register("register_admin_urls")
def register_editor_guide_urls():
    return [
        path("guide/", editor_guide_view, name="editor_guide"),
        path("guide/images/<str:name>", editor_guide_image_view, name="editor_guide_image"),
    ]


@hooks.register("construct_help_menu")
def open_this_sites_guide_from_the_help_menu(request, menu_items):
    """The Help menu's "Editor Guide" opens this site's guide (docs/editors.*.md) instead of Wagtail's."""
    menu_items[:] = [item for item in menu_items if item.name != "editor-guide"]
    menu_items.append(MenuItem(_("Editors' guide"), reverse("editor_guide"), icon_name="help", order=1100))


@hooks.register("register_admin_urls")
def register_background_tasks_urls():
    return [path("background-tasks/", include((task_admin.urlpatterns(), "background_tasks")))]


@hooks.register("register_reports_menu_item")
def register_background_tasks_menu_item():
    return task_admin.menu_item()


class TranslationStatusPanel(Component):
    name = "translation_status"
    order = 150

    def render_html(self, parent_context=None):
        report = translation_status.totals()
        counts = report.counts()
        summary = [
            {"name": name, "percent": report.percent(code), "gaps": counts[code]} for code, name in settings.LANGUAGES
        ]
        return render_to_string(
            "pages/admin/translation_panel.html",
            {"summary": summary, "report_url": reverse("translation_status")},
        )


@hooks.register("construct_homepage_panels")
def add_translation_status_panel(request, panels):
    if can_read_translation_report(request.user):
        panels.append(TranslationStatusPanel())


class TranslationReportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_read_translation_report(request.user)


# --- Roles (pages/admin_permissions.py, pages/access_matrix.py) ----------------------------------------


@hooks.register("register_permissions")
def register_delete_permissions():
    """Let administrators grant deleting pages, images and documents to a group in Settings → Groups."""
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(
        content_type__app_label__in=["wagtailcore", "pages", "wagtaildocs"],
        codename__in=["delete_page", "delete_siteimage", "delete_document"],
    )


def refuse_publishing_without_permission(request, can_publish):
    """A crafted "publish" from someone who may only submit for moderation: 403, not a quietly saved draft."""
    if request.method == "POST" and request.POST.get("action-publish") and not can_publish:
        return admin_permissions.forbidden(
            request, gettext("Your role may not publish. Submit the page for moderation instead.")
        )
    return None


@hooks.register("before_create_page")
def refuse_creating_published_pages(request, parent_page, page_class):
    return refuse_publishing_without_permission(
        request, parent_page.permissions_for_user(request.user).can_publish_subpage()
    )


@hooks.register("before_edit_page")
def refuse_publishing_edits(request, page):
    return refuse_publishing_without_permission(request, page.permissions_for_user(request.user).can_publish())


@hooks.register("construct_explorer_page_queryset")
def annotate_translation_gaps(parent_page, pages, request):
    """One subquery per language gives every listed page its ru / ky / en badge (no query per row)."""
    return pages.annotate(
        **{
            f"translation_gap_{code}": Exists(
                TranslationState.objects.filter(
                    content_type_id=OuterRef("content_type_id"),
                    object_id=Cast(OuterRef("pk"), CharField()),
                    language=code,
                    has_gaps=True,
                )
            )
            for code, _name in settings.LANGUAGES
        }
    )


def warn_about_translation_gaps(request, page):
    """Publishing or submitting with empty or stale ky/en fields: say which, with links; never block."""
    if not ({"action-publish", "action-submit"} & set(request.POST)):
        return
    gaps = translation_status.draft_gaps(page)
    if not gaps:
        return
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    languages = dict(settings.LANGUAGES)
    rows = []
    for code, (missing, stale) in gaps.items():
        links = format_html_join(
            ", ",
            '<a href="{}#id_{}_{}">{}</a>{}',
            (
                (
                    edit_url,
                    name,
                    code,
                    translation_status.field_label(type(page), name),
                    gettext(" (older than the Russian text)") if name in stale else "",
                )
                for name in [*missing, *stale]
            ),
        )
        rows.append((languages[code], links))
    detail = format_html('<ul class="sos-translation-gaps">{}</ul>', format_html_join("", "<li>{}: {}</li>", rows))
    messages.warning(
        request,
        render_message(gettext("Some translations of this page are empty or older than the Russian text."), [], detail),
    )


@hooks.register("after_edit_page")
def warn_after_edit(request, page):
    warn_about_translation_gaps(request, page)


@hooks.register("after_create_page")
def warn_after_create(request, page):
    warn_about_translation_gaps(request, page)


# --- Photo consent (pages/consent.py): image listing filter, expiring consents panel, publishing guard ---


CONSENT_FILTER_CHOICES = [
    ("hidden", _("Not shown on the site")),
    ("expiring", _("Consent ends within 30 days")),
    *[(state.value, label) for state, label in consent.STATE_LABELS.items()],
]


def filter_by_consent(queryset, name, value):
    return queryset.filter(consent.state_filter(value)) if value else queryset


# Wagtail's image listing has no hook for extra filters; its filter set is extended once, here, with a
# "Photo consent" filter (django-filter copies base_filters into every instance).
ImagesFilterSet.base_filters["consent"] = django_filters.ChoiceFilter(
    label=_("Photo consent"),
    choices=CONSENT_FILTER_CHOICES,
    method=filter_by_consent,
    empty_label=_("Any consent state"),
)


class ExpiringConsentsPanel(Component):
    """Dashboard panel for people who manage images: consents ending soon and photos hidden for lack of one."""

    name = "expiring_consents"
    order = 160

    def __init__(self, request):
        self.request = request

    def render_html(self, parent_context=None):
        images = get_image_model().objects.order_by("consent_expires", "title")
        expiring = list(images.filter(consent.state_filter("expiring"))[:10])
        hidden_count = images.filter(consent.state_filter("hidden")).count()
        unanswered_count = images.filter(consent.state_filter(consent.ConsentState.UNANSWERED)).count()
        if not (expiring or hidden_count or unanswered_count):
            return ""
        index_url = reverse("wagtailimages:index")
        return render_to_string(
            "pages/admin/consent_panel.html",
            {
                "expiring": expiring,
                "hidden_count": hidden_count,
                "unanswered_count": unanswered_count,
                "expiring_url": f"{index_url}?consent=expiring&layout=list",
                "hidden_url": f"{index_url}?consent=hidden&layout=list",
                "unanswered_url": f"{index_url}?consent=unanswered&layout=list",
            },
            request=self.request,
        )


@hooks.register("construct_homepage_panels")
def add_expiring_consents_panel(request, panels):
    user = request.user
    if user.has_perm("pages.change_siteimage") or user.has_perm("pages.add_siteimage"):
        panels.append(ExpiringConsentsPanel(request))


def refuse_publishing(request, page, blocked):
    """Tell the editor which images stop the page from being published and why; the draft is kept."""
    items = format_html_join("", "<li>«{}» — {}</li>", ((image.title, why) for image, why in blocked))
    messages.error(
        request,
        format_html(
            "{} <ul>{}</ul>",
            gettext(
                "The page “%(title)s” was saved as a draft but not published: it uses photos that may not be shown."
            )
            % {"title": page.get_admin_display_title()},
            items,
        ),
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_publish_page")
def refuse_publishing_unconsented_photos(request, page):
    blocked = consent.blocked_images_on(page)
    if blocked:
        return refuse_publishing(request, page, blocked)
    return None


@hooks.register("before_edit_page")
def refuse_approving_unconsented_photos(request, page):
    """A moderator's "Approve and publish" from the edit view checks the version under review."""
    if request.method != "POST" or request.POST.get("workflow-action-name") != "approve":
        return None
    revision = page.get_latest_revision()
    blocked = consent.blocked_images_on(revision.as_object() if revision else page)
    if blocked:
        return refuse_publishing(request, page, blocked)
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_unconsented_photos(request, action_type, objects, action_class_instance):
    if action_type != "publish":
        return None
    for page in objects:
        specific = page.specific
        revision = specific.get_latest_revision()
        blocked = consent.blocked_images_on(revision.as_object() if revision else specific)
        if blocked:
            return refuse_publishing(request, specific, blocked)
    return None


@hooks.register("register_log_actions")
def register_audit_log_actions(actions):
    from pages import audit

    audit.register_actions(actions)


# --- Editors' language switch (pages/translation_editor.py): one language at a time, Russian source beside ---


def gone_view(request, page_id):
    """410 rather than 404: LocaleMiddleware turns a 404 outside i18n_patterns into a redirect to /ru/…."""
    return HttpResponseGone()


@hooks.register("register_admin_urls")
def register_translation_editor_urls():
    return [
        path("translation-editor/language/", remember_language_view, name="translation_editor_language"),
        path(
            "pages/<int:page_id>/copy-from-russian/",
            copy_from_source_view,
            name="translation_copy_from_source",
        ),
    ]


@hooks.register("register_admin_urls", order=-1)
def refuse_modeltranslation_copy_endpoint():
    """Shadow wagtail-modeltranslation's copy endpoint: csrf_exempt and blind to page permissions."""
    return [
        path(
            "pages/<int:page_id>/edit/copy_translation_content/",
            gone_view,
            name="modeltranslation_copy_refused",
        )
    ]


@hooks.register("insert_editor_js")
def translation_editor_assets():
    return format_html(
        '<link rel="stylesheet" href="{}"><script src="{}" defer></script>',
        static("pages/admin/translation_editor.css"),
        static("pages/admin/translation_editor.js"),
    )


def _without_modeltranslation_copy_buttons():
    """wagtail-modeltranslation's StreamField copy buttons post to the endpoint refused above; our
    "Copy from Russian" replaces them (README "Editors, roles and translations")."""
    registered = hooks._hooks.get("insert_editor_js", [])
    hooks._hooks["insert_editor_js"] = [
        (fn, order) for fn, order in registered if fn is not modeltranslation_hooks.streamfields_translation_copy
    ]


_without_modeltranslation_copy_buttons()


@hooks.register("insert_global_admin_css")
def sidebar_labels_wrap():
    """Long Russian labels in the admin's sidebar wrap instead of being cut off."""
    return format_html('<link rel="stylesheet" href="{}">', static("pages/admin/sidebar.css"))
