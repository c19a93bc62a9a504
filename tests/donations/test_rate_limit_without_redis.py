"""The pledge limit holds with Redis down: counters move to the database instead of switching the limit off."""

import pytest
from django.core.cache import caches

from donations.models import Pledge
from pages.models import RateLimitCounter

pytestmark = pytest.mark.django_db

UNREACHABLE = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:9/0",  # the discard port: nothing listens there
        "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
    }
}


@pytest.fixture
def redis_down(settings):
    settings.CACHES = UNREACHABLE
    yield caches["default"]


def test_twenty_first_pledge_from_one_address_gets_the_429_page_with_redis_down(post_pledge, settings, redis_down):
    settings.DONATIONS_PLEDGE_RATE_LIMIT = 20
    answers = [post_pledge(email=f"donor{n}@example.org").status_code for n in range(20)]
    assert answers == [303] * 20
    response = post_pledge(language="en")
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert int(response["Retry-After"]) > 0
    assert Pledge.objects.count() == 20
    assert RateLimitCounter.objects.get().count == 21
