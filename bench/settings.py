"""`make bench` only: the production settings, with what a load test on 127.0.0.1 needs changed.

- The pledge rate limit (per visitor address) is lifted: every request comes from 127.0.0.1.
- Mail goes nowhere: pledges would otherwise try to reach an SMTP server.
- The Django test client's host is allowed, to count SQL queries per page in a separate step.
"""

from sos_site.settings.production import *  # noqa: F403
from sos_site.settings.production import ALLOWED_HOSTS

ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]
DONATIONS_PLEDGE_RATE_LIMIT = 10**9
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
