"""System checks of our own.

Django's ``security.W003`` looks for the exact name ``django.middleware.csrf.CsrfViewMiddleware`` and so cannot
see ``pages.cached_forms.CsrfViewMiddleware``, its subclass; the settings silence it and this check does its job.
"""

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.module_loading import import_string


@register(Tags.security, deploy=True)
def csrf_middleware_installed(app_configs, **kwargs):
    for path in settings.MIDDLEWARE:
        middleware = import_string(path)
        if isinstance(middleware, type) and issubclass(middleware, CsrfViewMiddleware):
            return []
    return [
        Error(
            "No CSRF middleware in MIDDLEWARE: add pages.cached_forms.CsrfViewMiddleware (Django's, with the cached "
            "public forms checked by their signed token).",
            id="pages.E001",
        )
    ]
