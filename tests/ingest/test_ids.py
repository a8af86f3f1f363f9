"""Article ids: stable for the same article, different for different ones, from content only."""

from __future__ import annotations

import hashlib

import pytest

from kg.ingest.ids import article_id, content_hash, normalise_url


def sha16(s: str) -> str:
    return hashlib.sha256(s.encode("utf-8")).hexdigest()[:16]


def test_url_first_then_external_id_then_text():
    url = "https://news.example/a"
    assert article_id(url, "x-1", "text") == sha16(url)
    assert article_id(None, "x-1", "text") == sha16("x-1")
    assert article_id("", "  ", "some text") == sha16("some text")
    assert article_id(None, None, "some text") == sha16("some text")


def test_shape_and_determinism():
    a = article_id(None, None, "Envoys met in Geneva.")
    assert len(a) == 16 and all(c in "0123456789abcdef" for c in a)
    assert a == article_id(None, None, "Envoys met in Geneva.")
    assert a != article_id(None, None, "Envoys met in Vienna.")


def test_text_id_ignores_layout():
    assert article_id(None, None, "A  b\r\n\r\nc ") == article_id(None, None, "A b\n\nc")


@pytest.mark.parametrize(
    "variant",
    [
        "https://news.example/world/story",
        "http://news.example/world/story",
        "https://www.news.example/world/story/",
        "HTTPS://NEWS.EXAMPLE:443/world/story",
        "https://news.example/world/story#comments",
        "https://news.example/world/story?utm_source=twitter&utm_medium=social&fbclid=abc",
    ],
)
def test_url_spellings_of_one_article_share_an_id(variant):
    assert article_id(variant, None, "") == article_id("https://news.example/world/story", None, "")


def test_meaningful_url_differences_are_kept():
    base = "https://news.example/story"
    assert normalise_url(base + "?id=1") != normalise_url(base + "?id=2")
    assert normalise_url(base + "?b=2&a=1") == normalise_url(base + "?a=1&b=2")
    assert normalise_url("https://news.example/World/Story") != normalise_url("https://news.example/world/story")
    assert normalise_url("https://news.example:8080/story") == "https://news.example:8080/story"


def test_content_hash():
    assert content_hash("abc") == hashlib.sha256(b"abc").hexdigest()
    assert content_hash("abc") != content_hash("abc ")
