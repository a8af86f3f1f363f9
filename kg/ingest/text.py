"""Plain-text articles and page-text captures.

Input: a .txt/.text file (UTF-8), or its text: a clean article, a hard-wrapped wire story, or a
page capture with navigation, bylines, captions and sign-up forms around the article. Output: a
`kg.model.Document` whose text is the article body (headline not included, paragraphs separated by
one blank line) with the headline, authors and date the page states. The line classifier that
tells article from page chrome lives in `kg.ingest.boilerplate`.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from kg.errors import EmptyInputError
from kg.ingest.boilerplate import clean_page
from kg.ingest.decode import read_text_file
from kg.ingest.ids import article_id
from kg.ingest.normalize import has_words, join_paragraphs
from kg.model import Document


def parse_text(text: str, source: str) -> Document:
    """The article in `text` (already decoded); `source` names it in messages and in the Document."""
    page = clean_page(text)
    body = join_paragraphs(list(page.paragraphs))
    if not has_words(body):
        reasons = Counter(reason for _, reason in page.dropped)
        summary = ", ".join(f"{n} {reason}" for reason, n in reasons.most_common(3))
        raise EmptyInputError(
            f"has no article text left after removing page chrome ({summary or 'no lines'}); "
            "check that the file holds an article, not only a page's menus or forms",
            source=source,
        )
    return Document(
        id=article_id(None, None, body),
        text=body,
        source=source,
        headline=page.headline,
        authors=page.authors,
        date=page.date,
    )


def read_text(path: str | Path) -> Document:
    """One article from a UTF-8 text file; raises a `kg.errors.InputError` when it cannot."""
    path = Path(path)
    return parse_text(read_text_file(path), str(path))
