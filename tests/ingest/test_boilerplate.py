"""The line classifier: each rule on lines it must drop, and prose that looks close but must stay."""

from __future__ import annotations

import pytest

from kg.ingest.boilerplate import BODY, clean_page, looks_like_headline

BODY_BEFORE = "The foreign ministers met in Vienna on Monday to discuss the ceasefire, officials said."
BODY_AFTER = "The next round of talks is expected in May, according to a statement from the ministry."


def reason_for(line: str) -> str | None:
    """Why `line` is left out of the text when it sits between two ordinary paragraphs (None: kept)."""
    page = clean_page(f"{BODY_BEFORE}\n\n{line}\n\n{BODY_AFTER}\n", find_headline=False)
    (unit,) = [u for u in page.lines if u.text not in (BODY_BEFORE, BODY_AFTER)]
    assert (unit.text in page.paragraphs) is (unit.label == BODY)
    return None if unit.label == BODY else unit.reason or unit.label


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Skip to main content", "navigation"),
        ("Advertisement", "navigation"),
        ("Share on Facebook", "navigation"),
        ("Facebook Twitter WhatsApp Email", "share buttons"),
        ("MORE NEWS", "section heading"),
        ("Editor's Choice", "section heading"),
        ("You may also like", "section heading"),
        ("Read also: Kremlin denies plans for new mobilisation", "link to another article"),
        ("12:31 PM", "time stamp"),
        ("Updated: June 12, 2025, 10:04 a.m.", "time stamp"),
        ("4 hours ago", "time stamp"),
        (
            "A soldier walks past a damaged building in Kharkiv on May 2, 2025. (Jane Roe/AFP via Getty Images)",
            "photo caption or credit",
        ),
        ("Firefighters at the scene in Odesa. Photo: State Emergency Service", "photo caption or credit"),
        ("Image caption, Delegates arrive at the summit venue", "photo caption or credit"),
        ("Listen to this article, 4 min", "audio player"),
        ("Voiced by artificial intelligence.", "audio player"),
        ("Reporting by Jane Doe; Editing by John Roe", "reporting credits"),
        ("© 2025 Example Media Group", "copyright notice"),
        ("Home > News > Europe", "breadcrumb"),
        ("Enter your email to subscribe", "newsletter, account or cookie prompt"),
        ("Successfully subscribed", "newsletter, account or cookie prompt"),
        ("We use cookies to give you the best experience on our website.", "newsletter, account or cookie prompt"),
        ("Support independent journalism: become a member today", "newsletter, account or cookie prompt"),
        ("TOP STORIES TODAY", "all-caps label"),
        ("By Jane Doe", "byline"),
    ],
)
def test_chrome_rules(line, reason):
    assert reason_for(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "By Monday, Russian forces had advanced two kilometres, the general staff said.",
        "The ministry said in a newsletter to subscribers that the talks had been postponed.",
        "Donations to the fund rose sharply after the summit.",
        "The minister said he would follow the talks closely.",
        "Talks on the next crossing",  # a sub-heading between paragraphs
        "The president left at 12:31 PM, his office said.",
        "He posted the statement (via Telegram) late on Sunday.",
        "Critics said the plan was rushed. (The ministry rejected the criticism.)",
        "\u201cNo,\u201d he said.",
        "Related talks are planned in Geneva next week, the spokesperson said.",
    ],
)
def test_prose_is_kept(line):
    assert reason_for(line) is None


def test_repetition():
    text = "\n".join(
        [
            "Ukraine war latest", BODY_BEFORE, "Ukraine war latest", BODY_AFTER, BODY_BEFORE,
            "PUTIN:", "We are ready.", "PUTIN:", "No.",
        ]  # fmt: skip
    )
    page = clean_page(text, find_headline=False)
    assert page.paragraphs == (BODY_BEFORE, BODY_AFTER, "PUTIN:", "We are ready.", "PUTIN:", "No.")
    assert ("Ukraine war latest", "repeated short line") in page.dropped
    assert (BODY_BEFORE, "duplicate of an earlier paragraph") in page.dropped


def test_short_line_inside_a_chrome_block():
    text = "\n".join([BODY_BEFORE, "Subscribe", "Morning Brief from Kyiv", "* indicates required", BODY_AFTER])
    assert ("Morning Brief from Kyiv", "inside a block of page chrome") in clean_page(text).dropped


def test_widget_list_ends_at_a_sentence():
    text = "\n".join(
        [BODY_BEFORE, "News Feed", "10:05 AM", "Parliament approves new defence minister.", BODY_AFTER]
    )
    page = clean_page(text, find_headline=False)
    assert "Parliament approves new defence minister." in page.paragraphs


def test_headline_above_byline_skips_stamps_and_keeps_standfirst():
    text = "\n".join(
        [
            "Menu",
            "Ministers agree on grid plan",
            "The deal still needs approval from three parliaments",
            "March 4, 2025",
            "By Maris Kalnins",
            BODY_BEFORE,
        ]
    )
    page = clean_page(text)
    assert page.headline == "Ministers agree on grid plan"
    assert page.authors == ("Maris Kalnins",)
    assert page.date is not None and page.date.isoformat() == "2025-03-04"
    assert page.paragraphs == ("The deal still needs approval from three parliaments", BODY_BEFORE)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Ministers agree on grid plan", True),
        ("Is peace near?", True),
        ("Talks end.", False),
        ("the talks ended", False),
        ("Kyiv", False),
        ("Riyadh talks: what we know so far about the ceasefire, sanctions, prisoner swaps and the next round", True),
    ],
)
def test_looks_like_headline(line, expected):
    assert looks_like_headline(line) is expected
