"""Saved web pages (.html, .htm).

Input: an HTML page holding one article. Output: a `kg.model.Document` with the main text (found by
trafilatura, then passed through the same chrome rules as plain text) and the headline, authors,
publication date and canonical URL.

Metadata comes first from what the publisher declares for machines (the page's first JSON-LD
NewsArticle, then Open Graph / `article:` / `<meta name>` tags, `<time itemprop>`, `<link
rel=canonical>`); declared values are exact, while heuristics may pick up a "last updated" date or
cut a headline at a dash. Then the headline falls back to `<h1>`, `<title>` (site name removed) and
trafilatura's title; authors and date to trafilatura's, then to a byline in the text. When
trafilatura finds no main text (unusual layouts, broken markup) the paragraphs of `<article>`,
`<main>` or `<body>` are used instead. Malformed markup never raises anything but an InputError.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import lxml.etree
import lxml.html

from kg.errors import EmptyInputError, EncodingInputError, MalformedInputError
from kg.ingest.boilerplate import clean_page
from kg.ingest.dates import parse_date
from kg.ingest.decode import decode_text, read_bytes
from kg.ingest.ids import article_id
from kg.ingest.normalize import has_words, join_paragraphs, normalise_lines
from kg.model import Document

_ARTICLE_TYPES = frozenset(
    {
        "NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
        "BackgroundNewsArticle", "ReviewNewsArticle", "BlogPosting", "LiveBlogPosting", "Report",
        "ScholarlyArticle", "TechArticle",
    }
)  # fmt: skip
_DATE_META = (
    "article:published_time", "og:published_time", "datePublished", "date", "pubdate", "publishdate",
    "publish-date", "publish_date", "dc.date", "dc.date.issued", "dcterms.created", "sailthru.date",
    "parsely-pub-date", "cxenseparse:recs:publishtime",
)  # fmt: skip
_AUTHOR_META = ("author", "article:author", "byl", "dc.creator", "parsely-author", "sailthru.author")
_TITLE_META = ("og:title", "twitter:title", "headline", "dc.title")
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_FALLBACK_BLOCKS = ".//p | .//h2 | .//h3 | .//li | .//blockquote"
_CHROME_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "figure", "template")

def _decode_html(data: bytes, source: str) -> str:
    """UTF-8, or the charset the page itself declares in a <meta> tag (a declaration, not a guess)."""
    try:
        return decode_text(data, source)
    except EncodingInputError:
        declared = _DECLARED_CHARSET.search(data[:4096])
        if not declared:
            raise
        charset = declared.group(1).decode("ascii", "replace")
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            raise EncodingInputError(
                f"declares charset {charset!r} but is not valid in it (nor UTF-8); "
                "save the page again as UTF-8 and run again",
                source=source,
            ) from None


def _parse_tree(html: str, source: str) -> lxml.html.HtmlElement:
    try:
        tree = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError) as exc:
        if "empty" in str(exc).lower():  # only comments, a doctype or whitespace
            raise EmptyInputError(
                "holds no HTML elements or text; give a saved web page that holds an article", source=source
            ) from None
        raise MalformedInputError(
            f"could not be parsed as HTML ({exc}); check that the file is a web page, or save its text as .txt",
            source=source,
        ) from None
    return tree


def _clean(s: Any) -> str | None:
    if not isinstance(s, str):
        return None
    s = " ".join(s.split())
    return s or None


def _jsonld_objects(tree: lxml.html.HtmlElement) -> Iterator[dict[str, Any]]:
    """Every JSON object in the page's JSON-LD blocks, nested ones and @graph members included.

    Blocks that are not valid JSON are skipped: publishers ship broken JSON-LD often, and the
    other metadata sources still apply.
    """
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content() or "")
        except ValueError:
            continue
        stack = [data]
        while stack:  # depth first, in document order: a page's own article comes before nested ones
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                yield item
                stack.extend(reversed([v for v in item.values() if isinstance(v, (dict, list))]))


def _types(obj: dict[str, Any]) -> set[str]:
    t = obj.get("@type")
    names = t if isinstance(t, list) else [t]
    return {n.rsplit("/", 1)[-1] for n in names if isinstance(n, str)}


def _person_names(value: Any) -> list[str]:
    """Names from a JSON-LD author value or an author string ("A; B", "A and B", "A, B")."""
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        for part in re.split(r"\s*(?:;|&|\band\b)\s*", _clean(name) or ""):
            pieces = [p.strip() for p in part.split(",")]
            # "Jane Doe, John Roe" is two people; "Doe, Jane" is one.
            if len(pieces) > 1 and all(len(p.split()) >= 2 for p in pieces):
                names.extend(pieces)
            elif part and not part.startswith(("http://", "https://")):
                names.append(part)
    return names


def _url_of(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("@id") or value.get("url")
    value = _clean(value)
    return value if value and value.startswith(("http://", "https://")) else None


def _meta(tree: lxml.html.HtmlElement, names: tuple[str, ...]) -> list[str]:
    """Contents of <meta property|name|itemprop=...> for `names`, in the order of `names`."""
    found: dict[str, list[str]] = {}
    for el in tree.xpath("//meta[@content]"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        value = _clean(el.get("content"))
        if key and value:
            found.setdefault(key, []).append(value)
    return [v for name in names for v in found.get(name.lower(), [])]


def _declared_metadata(tree: lxml.html.HtmlElement) -> dict[str, Any]:
    meta: dict[str, Any] = {"headline": None, "authors": [], "date": None, "url": None}
    # The page's own article is the first one declared; later ones are related or embedded stories.
    article = next(
        (o for o in _jsonld_objects(tree) if _types(o) & _ARTICLE_TYPES and _clean(o.get("headline") or o.get("name"))),
        None,
    )
    if article is not None:
        meta["headline"] = _clean(article.get("headline")) or _clean(article.get("name"))
        meta["authors"] = _person_names(article.get("author"))
        meta["date"] = parse_date(_clean(article.get("datePublished")) or "")
        meta["url"] = _url_of(article.get("url")) or _url_of(article.get("mainEntityOfPage"))
    meta["headline"] = meta["headline"] or next(iter(_meta(tree, _TITLE_META)), None)
    if not meta["authors"]:
        for value in _meta(tree, _AUTHOR_META):
            names = _person_names(re.sub(r"^by\s+", "", value, flags=re.IGNORECASE))
            if names:
                meta["authors"] = names
                break
    if meta["date"] is None:
        for el in tree.xpath("//time[@datetime][@itemprop='datePublished' or @pubdate]"):
            meta["date"] = parse_date(el.get("datetime"))
            if meta["date"]:
                break
    if meta["date"] is None:
        meta["date"] = next(filter(None, map(parse_date, _meta(tree, _DATE_META))), None)
    canonical = [_url_of(h) for h in tree.xpath("//link[@rel='canonical']/@href")]
    og_url = [_url_of(u) for u in _meta(tree, ("og:url",))]
    meta["url"] = next(filter(None, canonical), None) or next(filter(None, og_url), None) or meta["url"]
    return meta


def _h1(tree: lxml.html.HtmlElement) -> str | None:
    return next(filter(None, (_clean(el.text_content()) for el in tree.xpath("//h1"))), None)


def _title_tag(tree: lxml.html.HtmlElement) -> str | None:
    title = _clean(next(iter(tree.xpath("//title/text()")), None))
    if title and " | " in title:
        # "Headline | Site": a pipe separates the site's name. A dash may be part of the headline
        # ("Kyiv - Moscow talks resume") and is only cut when it precedes the declared site name.
        title = title.rsplit(" | ", 1)[0]
    return title


def _strip_site_name(title: str | None, site_name: str | None) -> str | None:
    """ "Headline | The Northern Ledger" -> "Headline" when the suffix is the site's declared name."""
    if title and site_name:
        m = re.match(rf"^(.+?)\s+[|–—-]\s+{re.escape(site_name)}$", title, re.IGNORECASE)
        if m:
            return m.group(1)
    return title


def _fallback_text(tree: lxml.html.HtmlElement) -> str:
    """Paragraph text of the main container when trafilatura found none."""
    tree = lxml.html.document_fromstring(lxml.html.tostring(tree))  # work on a copy
    for el in tree.xpath("|".join(f"//{tag}" for tag in _CHROME_TAGS)):
        el.drop_tree()
    root = next(iter(tree.xpath("//article") or tree.xpath("//main") or tree.xpath("//body")), tree)
    blocks = [el.text_content() for el in root.xpath(_FALLBACK_BLOCKS)]
    if not any(b.strip() for b in blocks):
        blocks = [root.text_content()]
    return "\n".join(blocks)


def _trafilatura(html: str, url: str | None) -> Any:
    import trafilatura  # heavy import, needed only for HTML input

    # trafilatura logs every page it gives up on at WARNING; the caller reports the outcome itself.
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    try:
        return trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # noqa: BLE001 - a crash inside the extractor must not lose the article
        return None


def parse_html(html: str, source: str, *, url: str | None = None) -> Document:
    """The article in the HTML string `html`; `url` is where it was fetched from, if known."""
    # lxml refuses text (as opposed to bytes) that carries an XML encoding declaration (XHTML).
    html = _XML_DECLARATION.sub("", html, count=1)
    if not html.strip():
        raise EmptyInputError("is empty; give a saved web page that holds an article", source=source)
    tree = _parse_tree(html, source)
    declared = _declared_metadata(tree)
    extracted = _trafilatura(html, url)

    text = (getattr(extracted, "text", None) or "") if extracted is not None else ""
    if not text.strip():
        text = _fallback_text(tree)
    site_name = next(iter(_meta(tree, ("og:site_name",))), None)
    # trafilatura's title comes last: it cuts <title> at any dash ("Kyiv - Moscow talks" -> "Kyiv").
    headline = _strip_site_name(
        declared["headline"] or _h1(tree) or _title_tag(tree) or _clean(getattr(extracted, "title", None)),
        site_name,
    )
    page = clean_page(text, find_headline=False)
    paragraphs = list(page.paragraphs)
    # The extractor often keeps the <h1>; the headline is metadata, not body text.
    while paragraphs and headline and paragraphs[0].casefold() == " ".join(normalise_lines(headline)).casefold():
        paragraphs.pop(0)
    body = join_paragraphs(paragraphs)
    if not has_words(body):
        raise EmptyInputError(
            "has no article text that could be found in the HTML; if the page builds its text with "
            "JavaScript, save the rendered page (or copy its text into a .txt file) and run again",
            source=source,
        )
    authors = declared["authors"] or _person_names(getattr(extracted, "author", None))
    if not authors:
        authors = list(page.authors)
    date = declared["date"] or parse_date(getattr(extracted, "date", None) or "") or page.date
    page_url = declared["url"] or url or _url_of(getattr(extracted, "url", None))
    return Document(
        id=article_id(page_url, None, body),
        text=body,
        source=source,
        headline=headline,
        authors=tuple(dict.fromkeys(authors)),
        date=date,
        url=page_url,
    )


def read_html(path: str | Path) -> Document:
    """One article from a saved web page; raises a `kg.errors.InputError` when it cannot."""
    path = Path(path)
    source = str(path)
    return parse_html(_decode_html(read_bytes(path), source), source)
