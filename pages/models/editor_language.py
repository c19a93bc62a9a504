from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

ALL_LANGUAGES = "all"


def language_choices():
    return [*settings.LANGUAGES, (ALL_LANGUAGES, _("All languages"))]


class EditorLanguagePreference(models.Model):
    """The language an editor last chose to work in with the editors' language switch (or "all")."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="editor_language_preference",
        verbose_name=_("user"),
    )
    language = models.CharField(_("editing language"), max_length=7, default=ALL_LANGUAGES)

    class Meta:
        verbose_name = _("editing language preference")
        verbose_name_plural = _("editing language preferences")

    def __str__(self):
        return f"{self.user} → {self.language}"
