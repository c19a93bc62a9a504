import pytest

from pages import frontend_cache


class RecordingBackend:
    """A frontend-cache backend that records what it is asked to PURGE and BAN."""

    purged = []
    banned = []

    def __init__(self, params):
        pass

    def invalidates_hostname(self, hostname):
        return True

    def purge_batch(self, urls):
        RecordingBackend.purged.extend(urls)

    def ban(self, root_url, path_regex="."):
        RecordingBackend.banned.append((root_url, path_regex))


@pytest.fixture
def frontend_cache_on(settings):
    """Public pages marked for a shared cache for 300 s, purges recorded instead of sent."""
    settings.FRONTEND_CACHE_SECONDS = 300
    settings.WAGTAILFRONTENDCACHE = {"recorder": {"BACKEND": "tests.proxy.conftest.RecordingBackend"}}
    frontend_cache.connect_signals()
    RecordingBackend.purged.clear()
    RecordingBackend.banned.clear()
    yield RecordingBackend
    RecordingBackend.purged.clear()
    RecordingBackend.banned.clear()
