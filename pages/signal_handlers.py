"""Keep the site search, image renditions and old links in step with publishing.

The search index and renditions are updated by background tasks (pages/tasks.py), never inside the editor's
request; redirects are written at once, in the same transaction as the page.
"""

from django.db.models.signals import post_delete, post_save, pre_save
from wagtail.images import get_image_model
from wagtail.models import Page, get_page_models
from wagtail.signals import page_published, page_unpublished

from pages import redirects, search, tasks


def index_published_page(sender, instance, **kwargs):
    tasks.queue_search_update(instance)
    tasks.queue_page_renditions(instance)


def reindex_unpublished_page(sender, instance, **kwargs):
    tasks.queue_search_update(instance)


def remove_deleted_page(sender, instance, **kwargs):
    search.remove_page(instance)


def render_saved_image(sender, instance, raw=False, **kwargs):
    if not raw:
        tasks.queue_image_renditions(instance)


def register_signal_handlers():
    page_published.connect(index_published_page, dispatch_uid="pages_search_index_published")
    page_unpublished.connect(reindex_unpublished_page, dispatch_uid="pages_search_remove_unpublished")
    post_delete.connect(remove_deleted_page, sender=Page, dispatch_uid="pages_search_remove_deleted")
    post_save.connect(render_saved_image, sender=get_image_model(), dispatch_uid="pages_renditions_image_saved")
    for model in get_page_models():
        pre_save.connect(
            redirects.remember_url_paths, sender=model, dispatch_uid=f"pages_redirects_pre_{model.__name__}"
        )
        post_save.connect(
            redirects.redirect_old_url_paths, sender=model, dispatch_uid=f"pages_redirects_post_{model.__name__}"
        )
