from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """One page's text in one language, as the site search sees it.

    Wagtail's own index keeps a single text per page; the public search needs one per language so a
    Kyrgyz word finds the Kyrgyz page and Russian inflections match (see pages/search.py).
    """

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    language = models.CharField(_("language"), max_length=8)
    title = models.CharField(_("title"), max_length=255)
    text = models.TextField(_("text"), blank=True)
    folded = models.TextField(
        blank=True, help_text="Lower-cased title and text, for databases without full-text search."
    )
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [models.UniqueConstraint(fields=["page", "language"], name="unique_search_entry_per_language")]
        indexes = [models.Index(fields=["language"], name="search_entry_language")]

    def __str__(self):
        return f"{self.title} [{self.language}]"
