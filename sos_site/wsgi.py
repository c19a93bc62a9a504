"""WSGI entry point. Production servers set DJANGO_SETTINGS_MODULE=sos_site.settings.production.

Repeated page cache hits are answered in front of Django, from the final response of an earlier hit of the
same request (pages/fast_hits.py); everything else goes to Django.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sos_site.settings.dev")

django_application = get_wsgi_application()

from pages.fast_hits import FastHits  # noqa: E402 - needs the settings that get_wsgi_application() set up

application = FastHits(django_application)
