"""Keep the site search and old links in step with publishing and with pages' privacy."""

from django.db.models.signals import post_delete, post_save, pre_save
from wagtail.models import Page, PageViewRestriction, get_page_models
from wagtail.signals import page_published, page_unpublished

from pages import redirects, search


def index_published_page(sender, instance, **kwargs):
    search.index_page(instance)


def remove_unpublished_page(sender, instance, **kwargs):
    search.remove_page(instance)


def reindex_after_privacy_change(sender, instance, raw=False, **kwargs):
    """A view restriction added, changed or removed: the page and its descendants leave or rejoin the search."""
    if not raw:
        search.reindex_subtree(instance.page_id)


def register_signal_handlers():
    post_save.connect(
        reindex_after_privacy_change, sender=PageViewRestriction, dispatch_uid="pages_search_privacy_saved"
    )
    post_delete.connect(
        reindex_after_privacy_change, sender=PageViewRestriction, dispatch_uid="pages_search_privacy_deleted"
    )
    page_published.connect(index_published_page, dispatch_uid="pages_search_index_published")
    page_unpublished.connect(remove_unpublished_page, dispatch_uid="pages_search_remove_unpublished")
    post_delete.connect(remove_unpublished_page, sender=Page, dispatch_uid="pages_search_remove_deleted")
    for model in get_page_models():
        pre_save.connect(
            redirects.remember_url_paths, sender=model, dispatch_uid=f"pages_redirects_pre_{model.__name__}"
        )
        post_save.connect(
            redirects.redirect_old_url_paths, sender=model, dispatch_uid=f"pages_redirects_post_{model.__name__}"
        )
