"""Saved web pages: main text without page chrome, metadata from JSON-LD, meta tags and markup."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kg.errors import BinaryInputError, EmptyInputError, EncodingInputError
from kg.ingest import html as html_reader
from kg.ingest.html import parse_html, read_html
from kg.ingest.ids import article_id

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"
CANONICAL = "https://www.northern-ledger.example/world/2025/03/04/baltic-grid-plan/"


@pytest.fixture(scope="module")
def news():
    return read_html(DATA / "news_page.html")


def test_metadata_from_json_ld(news):
    # JSON-LD's headline wins over the shorter og:title and over "<title> | site".
    assert news.headline == "Baltic energy ministers agree on a joint grid plan in Riga"
    assert news.authors == ("Maris Kalnins", "Eva Lindqvist")
    assert news.date == dt.date(2025, 3, 4)  # published, not modified (March 5)


def test_canonical_url_and_id(news):
    assert news.url == CANONICAL  # not og:url, which carries a tracking parameter
    assert news.id == article_id(CANONICAL, None, news.text)
    # the og:url spelling (www, utm_source) names the same article
    assert news.id == article_id(CANONICAL.replace("https://www.", "http://") + "?utm_source=x", None, "")


def test_main_text_kept(news):
    paras = news.text.split("\n\n")
    assert paras[0].startswith("The energy ministers of Estonia, Latvia and Lithuania agreed on Monday")
    assert '"We will not depend on anyone else\'s switchboard again," Valainis said' in news.text
    assert paras[-1].endswith("from the Connecting Europe Facility.")
    assert len(paras) == 5


@pytest.mark.parametrize(
    "chrome",
    [
        "Skip to content",
        "Sign in",
        "Business",
        "We use cookies",
        "Accept all",
        "Sign up for our Morning Brief",
        "Enter your email to subscribe",
        "Port strike ends in Gdansk",
        "More news",
        "All rights reserved",
        "Privacy policy",
        "Jane Roe via Example Images",
        "font-family",
    ],
)
def test_page_chrome_dropped(news, chrome):
    assert chrome not in news.text


def test_headline_not_repeated_in_text(news):
    assert news.headline not in news.text


def test_meta_tags_when_no_json_ld():
    doc = read_html(DATA / "meta_only_page.html")
    assert doc.headline == "Georgian parliament passes broadcasting law"
    assert doc.authors == ("Nino Beridze",)  # "By " prefix of the meta tag removed
    assert doc.date == dt.date(2024, 5, 28)
    assert doc.url == "https://caucasus-monitor.example/politics/broadcasting-law"
    assert doc.text.startswith("Georgia's parliament on Tuesday passed a law")
    assert "Privacy policy" not in doc.text and "Contact us" not in doc.text


def test_broken_json_ld_falls_back_to_meta_tags():
    page = (DATA / "news_page.html").read_text(encoding="utf-8")
    start = page.index('<script type="application/ld+json">')
    end = page.index("</script>", start)
    broken = page[:start] + '<script type="application/ld+json">{"@type": "NewsArticle", "headline": ' + page[end:]
    doc = parse_html(broken, "broken.html")
    assert doc.headline == "Baltic ministers agree on joint grid plan"  # og:title
    assert doc.date == dt.date(2025, 3, 4)  # article:published_time
    assert doc.authors == ("Maris Kalnins",)  # meta name=author


def test_truncated_markup_still_gives_text():
    doc = read_html(DATA / "truncated_page.html")
    assert doc.text.startswith("Azerbaijani and Armenian negotiators met in Baku on Monday")
    assert "The two sides agreed to meet again in Yerevan next month" in doc.text
    assert "Officials did not say whether a peace treaty" in doc.text
    assert "Home" not in doc.text


def test_fallback_when_extractor_finds_nothing(monkeypatch, news):
    monkeypatch.setattr(html_reader, "_trafilatura", lambda html, url: None)
    doc = read_html(DATA / "news_page.html")
    # <article> paragraphs, with the byline, the caption and the sign-up box removed as chrome
    assert doc.text == news.text
    assert doc.headline == "Baltic energy ministers agree on a joint grid plan in Riga"


@pytest.mark.parametrize(
    "markup",
    [
        "",
        "   \n  ",
        "<!-- nothing here -->",
        "<html><head><title>App</title></head><body><div id='root'></div><script>render()</script></body></html>",
        "<<<>>>",
        "<html><body><p>2025</p></body></html>",
    ],
)
def test_no_article_text_is_an_empty_input(markup):
    with pytest.raises(EmptyInputError) as info:
        parse_html(markup, "page.html")
    assert "page.html" in str(info.value)


def test_xhtml_declaration_is_accepted():
    markup = '<?xml version="1.0" encoding="utf-8"?><html><body><p>Ministers met in Riga on Monday.</p></body></html>'
    assert parse_html(markup, "x.xhtml").text == "Ministers met in Riga on Monday."


def test_declared_legacy_charset_is_honoured(tmp_path):
    page = tmp_path / "legacy.html"
    page.write_bytes(
        '<html><head><meta charset="windows-1252"><title>Talks</title></head><body>'
        "<p>Le ministre fran\u00e7ais a rencontr\u00e9 son homologue \u00e0 Bruxelles lundi.</p></body></html>".encode(
            "cp1252"
        )
    )
    assert "fran\u00e7ais" in read_html(page).text


def test_undeclared_non_utf8_is_refused(tmp_path):
    page = tmp_path / "latin1.html"
    page.write_bytes("<html><body><p>Le ministre fran\u00e7ais a parl\u00e9.</p></body></html>".encode("latin-1"))
    with pytest.raises(EncodingInputError, match="re-encode"):
        read_html(page)


def test_binary_file_named_html(tmp_path):
    page = tmp_path / "image.html"
    page.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    with pytest.raises(BinaryInputError):
        read_html(page)


def test_deterministic(news):
    assert read_html(DATA / "news_page.html") == news


def test_lists_quotes_and_site_name():
    markup = """<html><head><title>x</title>
    <meta property="og:title" content="Summit ends in Vilnius | Example Times">
    <meta property="og:site_name" content="Example Times">
    <meta name="author" content="Jane Doe, John Roe">
    </head><body><article><h1>Summit ends in Vilnius</h1>
    <p>The leaders of the alliance ended their two-day summit in Vilnius on Wednesday with a declaration.</p>
    <ul><li>New air defence funds for the eastern flank states.</li><li>A road map for membership talks.</li></ul>
    <blockquote>We are stronger together than apart, the secretary general told reporters at the end.</blockquote>
    <p>The next summit will be held in The Hague, officials said after the meeting had ended.</p>
    </article></body></html>"""
    doc = parse_html(markup, "x.html")
    assert doc.headline == "Summit ends in Vilnius"
    assert doc.authors == ("Jane Doe", "John Roe")
    paras = doc.text.split("\n\n")
    assert "New air defence funds for the eastern flank states." in paras  # bullet marker removed
    assert "We are stronger together than apart, the secretary general told reporters at the end." in paras
    assert not any(p.startswith(("-", "•")) for p in paras)


def test_json_ld_nested_in_a_web_page():
    markup = """<html><head><script type="application/ld+json">
    {"@type": "WebPage", "mainEntity": {"@type": ["NewsArticle"], "headline": "Nested headline here",
     "datePublished": "2024-11-05", "author": {"@type": "Person", "name": "Lea Novak"},
     "relatedLink": {"@type": "NewsArticle", "headline": "Another story"}}}
    </script></head><body>
    <p>Lawmakers approved the budget on Tuesday after a long debate in the chamber.</p></body></html>"""
    doc = parse_html(markup, "x.html")
    assert doc.headline == "Nested headline here"
    assert doc.date == dt.date(2024, 11, 5)
    assert doc.authors == ("Lea Novak",)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Kyiv - Moscow talks resume", "Kyiv - Moscow talks resume"),
        ("Kyiv and Moscow resume talks | Example Times", "Kyiv and Moscow resume talks"),
        ("Kyiv and Moscow resume talks - Example Times", "Kyiv and Moscow resume talks"),  # declared site name
    ],
)
def test_title_tag_fallback(title, expected):
    markup = f"""<html><head><title>{title}</title><meta property="og:site_name" content="Example Times">
    </head><body><p>Delegations from both countries resumed talks on Monday after a break of two months.</p>
    </body></html>"""
    assert parse_html(markup, "x.html").headline == expected
