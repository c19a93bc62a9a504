import pytest
from django.core.cache import cache

from pages import cache as page_cache


@pytest.fixture
def page_cache_on(settings):
    """The public page cache switched on (it is off in development and tests), starting empty."""
    settings.PAGE_CACHE_SECONDS = 600
    page_cache.connect_signals()
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def standard_page(home_page):
    from pages.models import StandardPage

    return StandardPage.objects.live().child_of(home_page).first()
