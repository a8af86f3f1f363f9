"""Pairing of quotation marks in raw text.

Input: article text. Output: the character spans of direct quotations (quote marks included),
with paragraph-spanning quotes joined the way news style writes them (a quoted paragraph that
continues in the next one has no closing mark, and the next paragraph opens with a quote mark).
A continued paragraph reopens with the mark that opened the quote (a paragraph opening with
another style starts a quote of its own); a curly quote inside a straight one (a transcript
quoting a title) nests; a curly quote closed by a straight mark (`\u201cno evidence" yet`) closes
there when its paragraph has no curly closer.
Two apostrophes (`''`, the quote mark of the NYT archive) count as one double quote mark; a span
then starts or ends at its inner apostrophe, so `content` never carries them.
Pure string code: no spaCy, so the rules are tested on their own.
"""

from __future__ import annotations

from dataclasses import dataclass

OPENING = {"\u201c": "\u201d", '"': '"', "\u00ab": "\u00bb", "\u201e": "\u201c", "\u201d": "\u201d"}
CLOSING = {"\u201d", '"', "\u00bb", "\u201c"}
# A straight quote opens after one of these (or at the start of the text) and closes before
# one of these; anything else is ambiguous and treated by position.
_OPEN_BEFORE = set(" \t\n([{\u2014\u2013-/:")
_CLOSE_AFTER = set(" \t\n)]}.,;:!?\u2014\u2013\u2015-/'\u2019\u00a0")


#: Every character that marks a quotation, and the two-apostrophe mark.
QUOTE_CHARS = "\"\u201c\u201d\u00ab\u00bb\u201e"
DOUBLE_APOSTROPHE = "''"


def has_quote_mark(text: str) -> bool:
    """Whether `text` holds a double quotation mark of any style (single quotes do not count:
    \u2019 is also the apostrophe)."""
    return DOUBLE_APOSTROPHE in text or any(c in text for c in QUOTE_CHARS)


def _fold_double_apostrophes(text: str) -> str:
    """`text` with each `''` used as a quote mark turned into a curly mark plus a space, same
    length: an opening `''word` becomes ` \u201cword`, a closing `word''` becomes `word\u201d `."""
    if DOUBLE_APOSTROPHE not in text:
        return text
    out = list(text)
    i, n = 0, len(text)
    while i < n - 1:
        if text[i] == "'" and text[i + 1] == "'":
            before = text[i - 1] if i > 0 else " "
            after = text[i + 2] if i + 2 < n else " "
            if not after.isspace() and (before in _OPEN_BEFORE or i == 0):
                out[i], out[i + 1] = " ", "\u201c"
            elif not before.isspace():
                out[i], out[i + 1] = "\u201d", " "
            i += 2
            continue
        i += 1
    return "".join(out)


@dataclass(frozen=True)
class QuoteSpan:
    start: int  # index of the opening mark
    end: int  # index after the closing mark (or after the last character of a dangling quote)
    closed: bool  # False when the text ended or a paragraph ended without a closing mark

    def content(self, text: str) -> str:
        inner = text[self.start + 1 : self.end - 1 if self.closed else self.end]
        # Paragraph-continuation quotes carry an opening mark at the start of each paragraph.
        return "\n".join(line.lstrip("\"\u201c\u00ab' ") for line in inner.split("\n")).strip()


#: Single quote marks that a double mark may stand apart from by a space (`" 'Term,' "`, the
#: typographer's space between a nested quote's mark and the outer one).
_SINGLE_MARKS = "'\u2018\u2019"


def _can_open(text: str, i: int) -> bool:
    # An opening mark hugs the word after it; a mark followed by a space is a stray or a closer,
    # unless a nested quote opens right after the space (`" 'Term' is ..."`).
    if i + 1 >= len(text):
        return False
    if text[i + 1].isspace() and not (
        text[i + 1] == " " and i + 3 < len(text) and text[i + 2] in _SINGLE_MARKS and text[i + 3].isalnum()
    ):
        return False
    if text[i] == "\u201d":
        # a right quote used as an opening one, as some sites do: only at a paragraph's start
        return i == 0 or text[i - 1] == "\n"
    return i == 0 or text[i - 1] in _OPEN_BEFORE


def _can_close(text: str, i: int) -> bool:
    if text[i - 1].isspace() and not (
        # a nested quote that ends the quotation, set apart by a space: `... 'outreach,' "`
        text[i - 1] == " " and i >= 3 and text[i - 2] in _SINGLE_MARKS and text[i - 3] in ".,!?"
    ):
        return False
    return i + 1 >= len(text) or text[i + 1] in _CLOSE_AFTER


def _paragraph_continues(text: str, j: int, mark: str) -> int:
    """If the line break at `j` is followed by a paragraph opening with the quote mark `mark`,
    the index of that mark; else -1. A continued quote reopens with its own mark: a paragraph
    opening with another style starts a quote of its own."""
    k = j
    while k < len(text) and text[k] in "\n \t":
        k += 1
    return k if k < len(text) and text[k] == mark else -1


def find_quote_spans(text: str, max_len: int = 6000) -> list[QuoteSpan]:
    """Spans of direct quotations in `text`, left to right, never overlapping.

    Unbalanced marks never raise: an opening mark with no partner before its paragraph ends is
    kept only when the next paragraph continues the quote (and then the quote ends where the
    closing mark is, or unclosed at the end of the last continued paragraph); otherwise it is
    dropped. Quotes longer than `max_len` characters are dropped as almost certainly mis-paired.
    """
    text = _fold_double_apostrophes(text)
    spans: list[QuoteSpan] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch not in OPENING or not _can_open(text, i):
            i += 1
            continue
        closer = OPENING[ch]
        j, continued, close_at, fallback, nested = i + 1, False, -1, -1, 0
        while j < n and j - i <= max_len:
            c = text[j]
            if c == "\n":
                if fallback >= 0:
                    close_at = fallback
                    break
                nxt = _paragraph_continues(text, j, ch)
                if nxt < 0:
                    break
                continued, j = True, nxt + 1
                continue
            if closer == '"' and c == "\u201c" and _can_open(text, j):
                nested += 1  # a curly quote inside a straight one (a transcript quoting a title)
            elif closer == '"' and c == "\u201d" and nested:
                nested -= 1
            elif (c == closer or (closer == '"' and c == "\u201d")) and _can_close(text, j):
                close_at = j
                break
            if c == '"' and closer == "\u201d" and fallback < 0 and _can_close(text, j):
                # a curly quote closed by a straight one (`\u201cno evidence" yet`): used only when
                # the paragraph has no curly closer, else the quote would swallow the next one
                fallback = j
            if c == ch and c != closer:
                break  # a second opening mark before any closing one: the first is dangling
            j += 1
        if close_at < 0 and fallback >= 0:
            close_at = fallback
        if close_at > i + 1 and close_at - i <= max_len:
            spans.append(QuoteSpan(i, close_at + 1, True))
            i = close_at + 1
        elif continued and close_at < 0 and j - i <= max_len:
            spans.append(QuoteSpan(i, j, False))
            i = j
        else:
            i += 1
    return spans
