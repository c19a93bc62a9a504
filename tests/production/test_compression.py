"""HTML is gzipped for clients that accept it; the page cache keeps one uncompressed copy per URL."""

import gzip

import pytest
from django.core.cache import cache
from django.utils.text import compress_string

from pages import cache as page_cache

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


def test_client_accepting_gzip_gets_a_gzipped_page_from_the_cache(client, page_cache_on):
    plain = client.get("/ru/").content
    response = client.get("/ru/", **GZIP)
    assert response.status_code == 200
    assert response["X-Cache"] == "hit"
    assert response["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.content) == plain
    assert int(response["Content-Length"]) == len(response.content) < len(plain)


def test_client_without_gzip_gets_plain_html_from_the_cache(client, page_cache_on):
    client.get("/ru/", **GZIP)
    response = client.get("/ru/")
    assert response.status_code == 200
    assert response["X-Cache"] == "hit"
    assert "Content-Encoding" not in response
    assert response.content.startswith(b"<!DOCTYPE html>")
    assert response["Content-Length"] == str(len(response.content))


def test_cache_stores_one_uncompressed_copy_per_url(client, rf, page_cache_on):
    """The key does not depend on Accept-Encoding and the stored body is plain HTML."""
    assert client.get("/en/", **GZIP)["X-Cache"] == "miss"
    assert client.get("/en/")["X-Cache"] == "hit"
    key = page_cache.page_key(rf.get("/en/", **GZIP), page_cache.current_generation())
    entry = cache.get(key)
    assert entry["content"].startswith(b"<!DOCTYPE html>")
    assert "content-encoding" not in {name.lower() for name, _value in entry["headers"]}


def test_compressed_responses_vary_on_accept_encoding(client, page_cache_on):
    response = client.get("/ky/", **GZIP)
    assert "Accept-Encoding" in response["Vary"]


def test_every_gzipped_response_has_a_random_length_against_breach(client, page_cache_on):
    """Django pads the gzip header with a random-length file name (0-99 bytes) on every response."""
    lengths = {len(client.get("/ru/", **GZIP).content) for _ in range(8)}
    assert len(lengths) > 1


def test_gzipped_hit_has_the_headers_and_bytes_django_would_give(client, page_cache_on, monkeypatch):
    """A hit reuses the page's deflate stream: same headers as a miss, and with the same padding the same
    bytes as Django's GZipMiddleware compressing the page again."""
    miss = client.get("/ru/", **GZIP)
    monkeypatch.setattr("secrets.randbelow", lambda limit: 42)
    hit = client.get("/ru/", **GZIP)
    assert hit["X-Cache"] == "hit"
    assert {name: value for name, value in hit.items() if name not in ("X-Cache", "Content-Length")} == {
        name: value for name, value in miss.items() if name not in ("X-Cache", "Content-Length")
    }
    expected = compress_string(gzip.decompress(hit.content), max_random_bytes=100)
    assert hit.content == expected
    assert hit["Content-Length"] == str(len(expected))


def test_gzip_member_without_padding_is_a_plain_gzip_file():
    import gzip
    import zlib

    from sos_site.middleware import gzip_member

    content = "Помочь сейчас ".encode() * 40
    compressor = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    deflated = compressor.compress(content) + compressor.flush()
    assert gzip.decompress(gzip_member(content, deflated, 0)) == content
