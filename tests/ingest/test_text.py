"""Plain text and page-text captures: the seed capture, another outlet's capture, clean articles."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

from kg.errors import EmptyInputError
from kg.ingest.boilerplate import BODY, CHROME, clean_page
from kg.ingest.text import parse_text, read_text
from kg.resources import shared_dir

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"
SHARED = shared_dir()
SEED = SHARED / "seeds" / "000_95ac24c8d12e2e9f.txt" if SHARED else None


def paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


# --- the seed capture -----------------------------------------------------------------------------

SEED_CHROME = [
    "Skip to content",
    "Edit post",
    "(Alexander Nemenov via Getty Images)",
    "This audio is created with AI assistance",
    "MORE NEWS",
    "Editors' Picks",
    "Enter your email to subscribe",
    "Please, enter correct email address",
    "* indicates required",
    "Subscribe",
    "Successfuly subscribed",
    "Thank you for signing up",
    "Explaining Ukraine with Kate Tsurkan",
    "News Feed",
    "12:31 PM",
    "10:05 AM",
    "6:52 PM",
    "(Updated: )",
    "2 min read",
    "by Anna Fratsyvir",
]


@pytest.fixture(scope="module")
def seed():
    if SEED is None or not SEED.exists():
        pytest.skip("../shared/seeds is not present")
    return read_text(SEED)


@pytest.mark.corpus
def test_seed_header(seed):
    assert seed.headline == "US-Russia talks to be held in Moscow 'very soon,' Russian ambassador claims"
    assert seed.authors == ("Anna Fratsyvir",)
    assert seed.date == dt.date(2025, 6, 11)
    assert seed.source == str(SEED)


@pytest.mark.corpus
@pytest.mark.parametrize("chrome", SEED_CHROME)
def test_seed_chrome_is_gone(seed, chrome):
    assert chrome not in seed.text


@pytest.mark.corpus
def test_seed_headline_not_in_text(seed):
    assert "US-Russia talks to be held in Moscow" not in seed.text


@pytest.mark.corpus
@pytest.mark.parametrize(
    "kept",
    [
        "Russian and U.S. delegations will hold talks in Moscow in the near future",
        '"I can confirm that the next round of negotiations between the delegations will take place very soon '
        'in Moscow," Darchiev said.',
        "A bipartisan sanctions bill, targeting countries that purchase Russian oil and uranium, is awaiting "
        "approval in Congress.",
        "Trump quietly pressuring Senate to weaken Russia sanctions, WSJ reports",
        # News Feed items: headline and paragraph each
        "Ruslan Kravchenko approved as Ukraine's new Prosecutor General.",
        "Kravchenko, a former military prosecutor and most recently head of Ukraine's tax service",
        "6 killed, 49 injured in Russian attacks against Ukraine over past day.",
        "the Air Force said.",
        "Zelensky arrives at G7 summit hours after Trump departs.",
        "because Trump left the summit early due to escalating tensions in the Middle East.",
    ],
)
def test_seed_body_and_news_feed_kept(seed, kept):
    assert kept in seed.text


@pytest.mark.corpus
def test_seed_layout(seed):
    paras = paragraphs(seed.text)
    assert paras[0].startswith("Russian and U.S. delegations")
    assert paras[-1].startswith("Zelensky was expected to meet")
    # one paragraph per line of the capture, no empty paragraphs, no stray whitespace
    assert all(p and p == p.strip() and "\n" not in p for p in paras)
    assert "Ruslan Kravchenko approved as Ukraine's new Prosecutor General." in paras
    assert len(paras) == 20


@pytest.mark.corpus
def test_seed_every_dropped_line_has_a_reason():
    page = clean_page(SEED.read_text(encoding="utf-8")) if SEED and SEED.exists() else pytest.skip("no seed")
    assert page.dropped and all(reason for _, reason in page.dropped)
    assert {line.label for line in page.lines} == {"headline", "byline", BODY, CHROME}


@pytest.mark.corpus
def test_seed_is_deterministic(seed):
    again = read_text(SEED)
    assert again == seed
    assert len(seed.id) == 16 and int(seed.id, 16) >= 0


# --- another outlet's capture (written for this test) ---------------------------------------------


@pytest.fixture(scope="module")
def other():
    return read_text(DATA / "capture_other_outlet.txt")


def test_other_outlet_header(other):
    assert other.headline == "Finland and Norway sign Arctic rescue pact after Tromso talks"
    assert other.authors == ("Sofia Lindgren", "Aksel Berg")
    assert other.date == dt.date(2025, 2, 14)  # "Published", not "Updated"


def test_other_outlet_body(other):
    paras = paragraphs(other.text)
    assert paras == [
        "Two governments pledge shared helicopters and a joint command centre by 2026",
        "Finland and Norway signed an agreement on Friday to pool search-and-rescue helicopters in the "
        "Arctic, Norwegian Defence Minister Tore Sandvik said after talks in Tromso.",
        '"The sea does not care where the border is," Sandvik told a news conference, standing next to '
        "his Finnish counterpart Antti Hakkanen.",
        "Hakkanen said the two countries would open a joint command centre in Rovaniemi by the end of "
        "2026 and invite Sweden to join.",
        "The agreement still has to be approved by both parliaments. The Norwegian parliament, the "
        "Storting, is expected to vote on it in April.",
    ]


def test_other_outlet_reasons():
    page = clean_page((DATA / "capture_other_outlet.txt").read_text(encoding="utf-8"))
    why = dict(page.dropped)
    assert why["Home / World / Europe"] == "breadcrumb"
    assert why["Image caption, Rescue helicopters at the Tromso base in January"] == "photo caption or credit"
    assert why["Listen to this article (3 min)"] == "audio player"
    assert why["Read more: Sweden weighs Arctic defence budget increase"] == "link to another article"
    assert why["Storm closes ferry routes across the Baltic"] == "listed under a section heading"
    assert why["Get our morning briefing straight to your inbox"] == "newsletter, account or cookie prompt"
    assert why["© 2025 Example Broadcasting. All rights reserved."] == "copyright notice"


# --- clean articles: nothing may be dropped -------------------------------------------------------


def plain_lines() -> list[str]:
    raw = (DATA / "plain_article.txt").read_text(encoding="utf-8")
    return [line for line in raw.splitlines() if line.strip()]


def test_plain_article_loses_nothing():
    lines = plain_lines()
    doc = read_text(DATA / "plain_article.txt")
    assert doc.headline == lines[0]
    assert paragraphs(doc.text) == lines[1:]  # the sub-heading, the "By the end..." line, all kept
    assert doc.authors == () and doc.date is None


def test_plain_article_nothing_classified_as_chrome():
    page = clean_page((DATA / "plain_article.txt").read_text(encoding="utf-8"))
    assert page.dropped == []


def test_hard_wrapped_article_is_rejoined():
    lines = plain_lines()
    wrapped = lines[0] + "\n\n" + "\n\n".join(textwrap.fill(p, width=64) for p in lines[1:]) + "\n"
    assert max(len(line) for line in wrapped.splitlines()) <= 64
    doc = parse_text(wrapped, "wrapped.txt")
    assert doc.headline == lines[0]
    assert paragraphs(doc.text) == lines[1:]


def test_hyphen_at_line_break_is_kept():
    text = (
        "The delegations met for six hours in Istanbul on Thursday and agreed that the US-\n"
        "Russia talks on embassy staffing would resume in Moscow after the summer recess of\n"
        "both parliaments, the foreign ministry said in a short statement on its website.\n"
        "\n"
        "Neither side gave a date for the next round, and officials in Washington declined to\n"
        "say who would lead the American delegation when the consultations resume in Moscow.\n"
    )
    doc = parse_text(text, "x.txt")
    assert "the US-Russia talks" in doc.text
    assert len(paragraphs(doc.text)) == 2


def test_first_line_sentence_is_not_a_headline():
    text = "The talks ended on Friday.\n\nBoth sides said they would meet again in May.\n"
    doc = parse_text(text, "x.txt")
    assert doc.headline is None
    assert paragraphs(doc.text) == ["The talks ended on Friday.", "Both sides said they would meet again in May."]


def test_single_line_is_text_not_headline():
    doc = parse_text("Talks resume in Moscow\n", "x.txt")
    assert doc.headline is None
    assert doc.text == "Talks resume in Moscow"


def test_dateline_gives_date_and_leaves_text():
    text = "Friday, January 4, 2019\u00a0\n\n\nAn apartment block in a Russian city partly collapsed on Monday.\n"
    doc = parse_text(text, "x.txt")
    assert doc.date == dt.date(2019, 1, 4)
    assert doc.text == "An apartment block in a Russian city partly collapsed on Monday."


def test_windows_line_endings_and_odd_spaces_are_normalised():
    text = "Ministers meet in Riga\r\n\r\nThe ministers\u00a0met  on\u200b Monday.\r\n"
    doc = parse_text(text, "x.txt")
    assert doc.headline == "Ministers meet in Riga"
    assert doc.text == "The ministers met on Monday."


def test_only_chrome_is_an_empty_input():
    with pytest.raises(EmptyInputError, match="no article text left"):
        parse_text("Skip to content\nSubscribe\n* indicates required\nSubscribe\n", "x.txt")


def test_same_article_same_id_regardless_of_layout():
    a = parse_text("Talks resume\n\nThe talks resume on Monday in Moscow.\n", "a.txt")
    b = parse_text("Talks resume\r\n\r\n\r\nThe talks  resume on Monday in Moscow.\r\n", "b.txt")
    assert a.id == b.id
    assert a.text == b.text
