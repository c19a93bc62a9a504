"""Keep the site search, image renditions and old links in step with publishing and with pages' privacy.

The search index and renditions are updated by background tasks (pages/tasks.py), never inside the editor's
request; redirects are written at once, in the same transaction as the page.
"""

from django.db.models.signals import post_delete, post_save, pre_save
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, get_page_models
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move, pre_page_move

from pages import redirects, search, tasks


def index_published_page(sender, instance, **kwargs):
    tasks.queue_search_update(instance)
    tasks.queue_page_renditions(instance)


def reindex_unpublished_page(sender, instance, **kwargs):
    tasks.queue_search_update(instance)


def remove_deleted_page(sender, instance, **kwargs):
    search.remove_page(instance)


def reindex_after_privacy_change(sender, instance, raw=False, **kwargs):
    """A view restriction added, changed or removed: the page and its descendants leave or rejoin the search."""
    if not raw:
        search.reindex_subtree(instance.page_id)


def render_saved_image(sender, instance, raw=False, **kwargs):
    if not raw:
        tasks.queue_image_renditions(instance)


def register_signal_handlers():
    post_save.connect(
        reindex_after_privacy_change, sender=PageViewRestriction, dispatch_uid="pages_search_privacy_saved"
    )
    post_delete.connect(
        reindex_after_privacy_change, sender=PageViewRestriction, dispatch_uid="pages_search_privacy_deleted"
    )
    page_published.connect(index_published_page, dispatch_uid="pages_search_index_published")
    page_unpublished.connect(reindex_unpublished_page, dispatch_uid="pages_search_remove_unpublished")
    post_delete.connect(remove_deleted_page, sender=Page, dispatch_uid="pages_search_remove_deleted")
    post_save.connect(render_saved_image, sender=get_image_model(), dispatch_uid="pages_renditions_image_saved")
    # Redirects from every language's old URL (pages/redirects.py).
    page_slug_changed.connect(redirects.redirect_on_slug_change, dispatch_uid="pages_redirects_slug_changed")
    pre_page_move.connect(redirects.remember_paths_before_move, dispatch_uid="pages_redirects_pre_move")
    post_page_move.connect(redirects.redirect_on_move, dispatch_uid="pages_redirects_post_move")
    for model in get_page_models():
        pre_save.connect(redirects.note_slug_change, sender=model, dispatch_uid=f"pages_slug_pre_{model.__name__}")
        post_save.connect(redirects.send_slug_change, sender=model, dispatch_uid=f"pages_slug_post_{model.__name__}")
