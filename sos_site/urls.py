from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from pages import sitemap as pages_sitemap
from pages import views as pages_views
from sos_site import documents, health
from staff import views as staff_views

urlpatterns = [
    # Wagtail's password reset, counted and locked like sign-ins (staff/); must come before the admin's own.
    path("admin/password_reset/", staff_views.PasswordResetView.as_view(), name="wagtailadmin_password_reset"),
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's download view without its "Content-Encoding: None" header (sos_site/documents.py); same URL
    # shape as Wagtail's, which still names (reverses) it.
    re_path(r"^documents/(\d+)/(.*)$", documents.serve),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", pages_sitemap.sitemap_view, name="sitemap"),
    path("robots.txt", pages_sitemap.robots_view, name="robots"),
    # Health checks: no language prefix, never cached (sos_site/health.py).
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
]

# A database or cache outage outside a view is a 503 too; other errors show the static 500 page.
handler500 = "sos_site.middleware.server_error"
# The 404 page links to each language's home, not to the same missing path in another language.
handler404 = "pages.views.page_not_found"

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
if settings.DEBUG or settings.SERVE_MEDIA:
    from django.views.static import serve

    # In production the web server serves MEDIA_ROOT (see README); this is for development and tests.
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})]

# Every public page lives under its language prefix: /ru/…, /ky/…, /en/…; "/" is redirected by
# LocaleMiddleware to the visitor's best language (Accept-Language, else Russian).
urlpatterns += i18n_patterns(
    path("search/", pages_views.search_view, name="search"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
