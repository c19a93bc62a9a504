"""Keep the site search in step with publishing."""

from django.db.models.signals import post_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from pages import search


def index_published_page(sender, instance, **kwargs):
    search.index_page(instance)


def remove_unpublished_page(sender, instance, **kwargs):
    search.remove_page(instance)


def register_signal_handlers():
    page_published.connect(index_published_page, dispatch_uid="pages_search_index_published")
    page_unpublished.connect(remove_unpublished_page, dispatch_uid="pages_search_remove_unpublished")
    post_delete.connect(remove_unpublished_page, sender=Page, dispatch_uid="pages_search_remove_deleted")
