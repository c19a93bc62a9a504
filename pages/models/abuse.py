from django.db import models
from django.utils.translation import gettext_lazy as _


class RateLimitCounter(models.Model):
    """Submissions counted per scope, address (hashed) and time window, when the cache cannot count them.

    ``pages.abuse.hit`` counts in Django's cache (Redis) and falls back to this table while the cache is
    unreachable, so a limit holds across processes and servers even then. Rows expire with their window and
    are deleted as new windows start.
    """

    key = models.CharField(_("key"), max_length=200, unique=True)
    count = models.PositiveIntegerField(_("count"), default=0)
    expires_at = models.DateTimeField(_("expires at"), db_index=True)

    class Meta:
        verbose_name = _("rate-limit counter")
        verbose_name_plural = _("rate-limit counters")

    def __str__(self):
        return f"{self.key}: {self.count}"
