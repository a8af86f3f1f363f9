"""Separating an article from the page around it, line by line.

Input: the text of a saved article or a page-text capture (what "select all, copy" or a text
browser gives: navigation, headline, byline, photo captions, body, news-feed items, newsletter forms).
Output: a `CleanedPage` with the headline, authors and date the header states, the body paragraphs,
and every line with the label and reason the classifier gave it (so a user can see why a line went).

The classifier works on units (a line, or a re-joined paragraph of hard-wrapped text) in passes:
1. shape and vocabulary of the unit alone: navigation and call-to-action lines, section headings of
   page widgets ("MORE NEWS", "Editors' Picks"), photo captions and credits, audio-player notes,
   bare time stamps, copyright lines, breadcrumbs and share-button rows;
2. repetition: a short line without final punctuation seen twice is page furniture (form labels,
   buttons) and every copy goes; a long paragraph seen twice is a pull quote, kept once; a short
   sentence said twice ("Yes." in an interview) stays;
3. the header: a byline ("by Anna Fratsyvir June 11, 2025 9:23 AM") gives authors and date, and
   the headline opens the run of text lines just above it; what precedes the headline is page
   chrome. Without a byline the first line is the headline only if it looks like one (short, no
   final period) and text follows it. A date line in the header dates the article;
4. context: the headline-like lines listed under a widget heading ("Most read", "Related Topics")
   until a sentence (a news-feed item) ends the list; other byline-shaped lines; a short
   non-sentence line between two dropped lines (a newsletter's name inside a sign-up form).
Rules look at shape and generic web vocabulary, never at a particular site's strings alone. Prose
is protected by length limits: no vocabulary rule removes a line longer than a caption (60 words).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from kg.ingest.byline import parse_byline, parse_timestamp
from kg.ingest.normalize import paragraph_units

BODY, HEADLINE, BYLINE, CHROME = "body", "headline", "byline", "chrome"

_TERMINAL = (".", "!", "?", '"', "”", "’", "'", ")", "…", ":")


def _words(s: str) -> int:
    return len(s.split())


def _full(pattern: str) -> re.Pattern[str]:
    # A whole line, ignoring case and trailing arrows, colons or ellipses that widgets add.
    return re.compile(rf"^(?:{pattern})\s*[:»›>→…|]*\s*$", re.IGNORECASE)


_SOCIAL = (
    r"facebook|twitter|x|whatsapp|linkedin|telegram|reddit|e-?mail|print|copy link|pinterest|"
    r"flipboard|threads|bluesky|mastodon|messenger|viber|sms"
)
# Page navigation and controls: the whole line is one of these.
_NAV = _full(
    r"skip to (?:main )?(?:content|navigation|footer|search)|jump to (?:content|navigation)|"
    r"edit (?:post|page|this (?:page|article|post))|(?:main |open |close )?menu|toggle navigation|"
    r"navigation|search|home(?:page)?|sign (?:in|out|up)|log ?(?:in|out)|register|my account|account|"
    r"profile|close|back|back to top|top|next|previous|prev|print|share(?: this(?: article| story)?)?|"
    r"share on \w+|tweet|e-?mail|copy(?: link)?|link copied|copied|comments?|\d+ comments?|"
    r"(?:view|show|hide) comments|leave a comment|advertisement|advertising|ad|sponsored(?: content)?|"
    r"promoted|partner content|loading\.*|please wait|cookie (?:settings|preferences)|"
    r"(?:accept|reject|allow)(?: all)?(?: cookies)?|manage (?:cookies|preferences|consent)|got it|"
    r"dismiss|continue reading|read (?:more|full (?:article|story))|(?:show|load|see|view) more|"
    r"click here|listen(?: to (?:this )?(?:article|story))?|play|pause|watch(?: live)?|live|video|"
    r"photos?|gallery|subscribe(?: now)?|donate|support us|tags?|topics?|categories|category|filed under|"
    r"related|follow(?: us)?|contact(?: us)?|about(?: us)?|terms(?: of (?:use|service))?|"
    r"privacy(?: policy)?|all rights reserved|" + _SOCIAL
)
_SHARE_ROW = re.compile(rf"^(?:share(?: on)?:?\s*)?(?:{_SOCIAL})(?:\s*[,|/•·]?\s*(?:{_SOCIAL}))+\s*$", re.IGNORECASE)

# Headings of page widgets that list other content ("MORE NEWS", "Editors' Picks", "News Feed").
_SECTION = _full(
    r"(?:more|latest|top|related|recommended|popular|trending|featured|similar|other|further)"
    r"(?: (?:news|stories|articles|posts|content|reads|videos|topics|headlines|coverage|updates))?|"
    r"most (?:read|popular|viewed|shared|commented|recent)|editors?['’]?s?['’]? (?:picks?|choice)|"
    r"(?:news|live) ?feed|live (?:updates?|blog)|(?:you )?(?:may|might) (?:also )?(?:like|enjoy|be interested in)|"
    r"don['’]t miss|must read|read (?:more|also|next)|see also|also read|in other news|"
    r"more (?:from|on|in|about) [\w'’ ]{1,40}|what to read next|up next|around the web|"
    r"from (?:our|the) partners|trending now|(?:top|breaking) (?:news|stories)|"
    r"related (?:topics|tags|reading)|more on this (?:story|topic)"
)
# "Read also: <another article's headline>" and similar inline links.
_CROSS_LINK = re.compile(
    r"^(?:read (?:more|also|next)|see also|also read|related|recommended|don['’]t miss|must read|"
    r"watch|listen|more)\s*[:|»›→]\s*\S",
    re.IGNORECASE,
)
# Sign-up forms: these terms alone make a short line a prompt ("Subscribe", "Successfully subscribed").
_CTA_STRONG = re.compile(
    r"subscri\w*|newsletter|\bsign(?:ing|ed)?[- ]up\b|\bsignup\b|e-?mail address|your (?:e-?mail|inbox)|"
    r"\binbox\b|indicates required|required fields?|confirmation e-?mail",
    re.IGNORECASE,
)
# Words prose uses too ("donations", "cookies"): a prompt only when it addresses the reader.
_CTA_WEAK = re.compile(
    r"\blog ?in\b|\bsign in\b|create (?:an?|your)(?: free)? account|free trial|unlimited access|"
    r"support (?:our|independent|quality) journalism|become a (?:member|subscriber|patron|supporter)|"
    r"\bdonat\w+|\bcookies?\b|privacy policy|terms of (?:use|service)|download (?:our|the) app|"
    r"app store|google play|follow us|join us on|push (?:alerts|notifications)|notifications",
    re.IGNORECASE,
)
_SECOND_PERSON = re.compile(r"\b(?:you|your|you['’](?:re|ll|ve)|we['’]ve sent|please)\b", re.IGNORECASE)
_IMPERATIVE = re.compile(
    r"^(?:enter|sign|subscribe|join|get|download|follow|click|tap|register|log|create|support|donate|"
    r"become|try|start|unlock|accept|manage|allow|enable|turn on|confirm|verify|check your)\b",
    re.IGNORECASE,
)
_AUDIO = re.compile(r"\b(?:audio|listen\w*|narrat\w+|voiced?|podcast|text[- ]to[- ]speech)\b", re.IGNORECASE)
_AUDIO_HINT = re.compile(
    r"\b(?:AI|artificial intelligence|generated|created|produced|min(?:ute)?s?|play)\b", re.IGNORECASE
)

# Photo credits: "(Alexander Nemenov via Getty Images)", "(Photo: Jane Doe/AFP)", "(AP Photo/Efrem Lukatsky)".
_AGENCY = (
    r"Getty Images|AFP|AP Photo|AP|Reuters|EPA(?:-EFE)?|Shutterstock|Anadolu(?: Agency)?|Xinhua|"
    r"Sputnik|Pool|Handout|Bloomberg|NurPhoto|SOPA Images|LightRocket|Alamy|Ukrinform|Wikimedia Commons"
)
_NAME = r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|da|van|von|der|al|bin))*"
_CREDIT_PAREN = re.compile(
    rf"\((?:\s*(?i:photo|photograph|image|picture|credit|source|illustration|screenshot)s?\b[^()]*"
    rf"|[^()]*\b(?:{_AGENCY})\b[^()]*(?:(?i:photo|images?)|\bvia\b|/)[^()]*"
    rf"|[^()]*(?:/|\bvia\b)\s*(?:{_AGENCY})\b[^()]*"
    rf"|\s*{_NAME}\s+(?:via|for|/)\s+{_NAME}\s*"
    rf"|\s*(?:{_AGENCY})\s*)\)\s*$"
)
_CREDIT_START = re.compile(
    r"^(?:(?:image|photo|media|video) (?:source|caption|credit)s?|photo(?:graph)?s?|image|picture|"
    r"caption|credit|illustration|pictured|file photo)\s*(?::|,|\bby\b)",
    re.IGNORECASE,
)
# "... in Kyiv. Photo: Jane Doe/AFP", "... Photograph: David Jones/PA", "... Getty Images/Jane Doe".
_CREDIT_END = re.compile(
    rf"(?:\b(?i:photo(?:graph)?s?|image|credit))\s*(?::|\bby\b)\s*{_NAME}(?:\s*/\s*{_NAME})?\s*\.?$|"
    rf"(?:^|[.!?]\s+)(?:{_NAME}\s*/\s*)?(?:{_AGENCY})(?:\s*/\s*{_NAME})?\s*\.?$"
)
_COPYRIGHT = re.compile(r"^(?:©|\(c\)\s|copyright\b)|all rights reserved", re.IGNORECASE)
_BREADCRUMB = re.compile(r"^[^>/»›]{1,30}(?:\s+[>/»›]\s+[^>/»›]{1,30}){1,6}$")
_AGENCY_CREDIT = re.compile(
    r"^(?:additional )?(?:reporting|writing|editing|compiled|fact[- ]checking) by\b", re.IGNORECASE
)

#: Longest line a caption or a call to action is taken to be; running text is longer.
_MAX_CAPTION_WORDS = 60
_MAX_CTA_WORDS = 40
_SHORT_WORDS = 10
#: Most text lines (headline, standfirst, summary bullets) looked at above a byline.
_MAX_HEADER_RUN = 8
#: Most headline-like lines taken as the items of a widget ("Most read", "Related Topics").
_MAX_WIDGET_ITEMS = 15


@dataclass(frozen=True)
class Line:
    """One unit of the input with the label the classifier gave it (`reason` says why, for chrome)."""

    text: str
    label: str
    reason: str = ""


@dataclass(frozen=True)
class CleanedPage:
    headline: str | None
    authors: tuple[str, ...]
    date: dt.date | None
    paragraphs: tuple[str, ...]
    lines: tuple[Line, ...]

    @property
    def dropped(self) -> list[tuple[str, str]]:
        """(line, reason) for every unit removed as page chrome."""
        return [(line.text, line.reason) for line in self.lines if line.label == CHROME]


def _is_sentence_like(s: str) -> bool:
    return s.endswith(_TERMINAL) or _words(s) > _SHORT_WORDS


def looks_like_headline(s: str) -> bool:
    """Short, starts like a title, and has no final period (a question or exclamation may end it)."""
    if not 3 <= _words(s) <= 30 or len(s) > 250:
        return False
    if s.endswith((".", ",", ";", ":", "…")) and not s.endswith(("Jr.", "Sr.", "Inc.", "U.S.", "U.K.")):
        return False
    return bool(re.match(r"[\w\"“‘'(\[]", s)) and not s[0].islower()


def _intrinsic(text: str) -> str | None:
    """Why `text` alone is page chrome, or None."""
    words = _words(text)
    if _NAV.match(text):
        return "navigation"
    if _SHARE_ROW.match(text):
        return "share buttons"
    if _SECTION.match(text):
        return "section heading"
    if words <= 25 and _CROSS_LINK.match(text):
        return "link to another article"
    if words <= 30 and parse_timestamp(text)[0]:
        return "time stamp"
    if words <= 15 and _AGENCY_CREDIT.match(text):
        return "reporting credits"
    if words <= _MAX_CAPTION_WORDS and (
        _CREDIT_PAREN.search(text) or _CREDIT_START.match(text) or _CREDIT_END.search(text)
    ):
        return "photo caption or credit"
    if words <= 15 and _AUDIO.search(text) and _AUDIO_HINT.search(text):
        return "audio player"
    if words <= _MAX_CTA_WORDS and _COPYRIGHT.search(text):
        return "copyright notice"
    if words <= 12 and _BREADCRUMB.match(text) and not text.endswith(_TERMINAL):
        return "breadcrumb"
    if words <= _MAX_CTA_WORDS and (_CTA_STRONG.search(text) or _CTA_WEAK.search(text)):
        addresses_reader = bool(
            _SECOND_PERSON.search(text) or _IMPERATIVE.match(text) or text.startswith("*")
        )
        if addresses_reader or (words <= 6 and _CTA_STRONG.search(text)):
            return "newsletter, account or cookie prompt"
    letters = [c for c in text if c.isalpha()]
    if words <= 4 and len(letters) >= 4 and all(c.isupper() for c in letters) and not text.endswith(_TERMINAL):
        return "all-caps label"
    return None


def _find_byline(units: list[str], labels: list[str], reasons: list[str]) -> int | None:
    """Index of the article's byline: the first byline-shaped line before running text starts."""
    for i, text in enumerate(units[:40]):
        if labels[i] == BODY and _words(text) >= 40:
            return None  # running text started: a byline further down belongs to something else
        if reasons[i] in ("", "time stamp") and parse_byline(text) is not None:
            return i
    return None


def _find_headline(units: list[str], labels: list[str], byline_at: int | None) -> int | None:
    if byline_at is not None:
        # The headline opens the run of text lines just above the byline; what follows it in the
        # run is a standfirst or summary bullets (kept as text).
        run: list[int] = []
        for i in range(byline_at - 1, -1, -1):
            if labels[i] == CHROME:
                if run:
                    break
                continue  # chrome between headline and byline (a caption, a stamp)
            run.append(i)
            if len(run) == _MAX_HEADER_RUN:
                break
        return next((i for i in reversed(run) if looks_like_headline(units[i])), None)
    first = next((i for i, label in enumerate(labels) if label == BODY), None)
    if first is None or not looks_like_headline(units[first]):
        return None
    if not any(label == BODY for label in labels[first + 1 :]):
        return None  # a lone line is the text, not a title over it
    return first


def clean_page(text: str, *, find_headline: bool = True) -> CleanedPage:
    """Split page text into headline, authors, date and body paragraphs; see the module docstring.

    With `find_headline=False` (text whose headline is known from elsewhere: an HTML page's
    metadata, a JSONL "title" field) no line is taken as the headline; bylines and date lines at
    the top are still read and removed.
    """
    units = paragraph_units(text)
    labels = [BODY] * len(units)
    reasons = [""] * len(units)

    def drop(i: int, reason: str) -> None:
        labels[i], reasons[i] = CHROME, reason

    for i, unit in enumerate(units):
        reason = _intrinsic(unit)
        if reason:
            drop(i, reason)

    counts = Counter(unit.casefold() for unit in units)
    seen: set[str] = set()
    for i, unit in enumerate(units):
        key = unit.casefold()
        if labels[i] == BODY and counts[key] > 1:
            if unit.startswith(("—", "–", "-")) or unit.endswith(":"):
                pass  # speaker labels of interviews and transcripts ("—Jane Doe", "PUTIN:"): keep
            elif _words(unit) <= _SHORT_WORDS:
                if not unit.endswith((".", "!", "?", '"', "”")):
                    drop(i, "repeated short line")  # buttons and form labels: every copy goes
                # a short sentence said twice ("Yes." in an interview) is said twice: keep
            elif key in seen:
                drop(i, "duplicate of an earlier paragraph")
        seen.add(key)

    headline: str | None = None
    authors: tuple[str, ...] = ()
    date: dt.date | None = None
    byline_at = _find_byline(units, labels, reasons)
    if byline_at is not None:
        byline = parse_byline(units[byline_at])
        assert byline is not None
        authors, date = byline.authors, byline.date
        labels[byline_at], reasons[byline_at] = BYLINE, ""
    headline_at = _find_headline(units, labels, byline_at) if find_headline else None
    if headline_at is not None:
        headline = units[headline_at]
        labels[headline_at] = HEADLINE
        for i in range(headline_at):
            if labels[i] == BODY:
                drop(i, "page chrome above the headline")
        for i in range(headline_at + 1, len(units)):
            if labels[i] == BODY and units[i].casefold() == headline.casefold():
                drop(i, "repeat of the headline")
    if date is None:
        # A stamp in the header ("Published 11 June 2025") dates the article; one in a news feed doesn't.
        start = max((i for i in (headline_at, byline_at) if i is not None), default=0)
        header_end = next(
            (i for i in range(start + 1, len(units)) if labels[i] == BODY and _is_sentence_like(units[i])),
            len(units),
        )
        for i in range(header_end):
            if reasons[i] == "time stamp":
                _, date = parse_timestamp(units[i])
                if date is not None:
                    break

    # A widget heading ("Most read", "Related Topics") lists headlines or tags under it; a list
    # item that is a sentence (a news-feed item: "X approved as prosecutor general.") ends the list.
    for i, reason in enumerate(reasons):
        if reason != "section heading":
            continue
        listed = 0
        for j in range(i + 1, len(units)):
            if labels[j] == CHROME:
                continue
            if labels[j] != BODY or units[j].endswith(_TERMINAL) or _words(units[j]) > 20:
                break
            if listed == _MAX_WIDGET_ITEMS:
                break
            drop(j, "listed under a section heading")
            listed += 1

    # Any other byline-shaped line (in a feed, under a related story) is not body text either.
    for i, unit in enumerate(units):
        if labels[i] == BODY and _words(unit) <= 15 and parse_byline(unit) is not None:
            drop(i, "byline")

    def is_boundary_or_chrome(j: int) -> bool:
        return j < 0 or j >= len(units) or labels[j] == CHROME

    for i, unit in enumerate(units):
        if labels[i] == BODY and _words(unit) <= 8 and not unit.endswith(_TERMINAL):
            if is_boundary_or_chrome(i - 1) and is_boundary_or_chrome(i + 1):
                # Only when the page around it is furniture: a line alone in a file is kept.
                if any(label != CHROME for label in labels) and len(units) > 1:
                    drop(i, "inside a block of page chrome")

    lines = tuple(Line(u, lab, why) for u, lab, why in zip(units, labels, reasons))
    paragraphs = tuple(u for u, lab in zip(units, labels) if lab == BODY)
    return CleanedPage(headline, authors, date, paragraphs, lines)
