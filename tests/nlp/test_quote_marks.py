from kg.nlp.quote_marks import find_quote_spans, has_quote_mark


def spans(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quote_spans(text)]


def test_straight_and_curly_quotes() -> None:
    text = 'He said "we will win," and left. \u201cNo way,\u201d she replied.'
    assert spans(text) == ['"we will win,"', "\u201cNo way,\u201d"]


def test_quote_content_strips_marks() -> None:
    text = 'She said: "It is over."'
    (q,) = find_quote_spans(text)
    assert q.content(text) == "It is over."
    assert q.closed


def test_stray_mark_followed_by_space_is_not_an_opening() -> None:
    text = 'The sign read 5" wide. Then "a real quote" came.'
    assert spans(text) == ['"a real quote"']


def test_unbalanced_quote_is_dropped_without_error() -> None:
    text = 'He said "this never closes.\n\nNext paragraph without quotes.'
    assert spans(text) == []


def test_multi_paragraph_quote_is_joined() -> None:
    text = '"First paragraph of the quote.\n\n"Second paragraph," he said.'
    (q,) = find_quote_spans(text)
    assert q.content(text) == "First paragraph of the quote.\n\nSecond paragraph,"


def test_apostrophes_do_not_pair() -> None:
    assert spans("Russia's talks and America's silence") == []


def test_overlong_quote_is_dropped() -> None:
    text = '"' + "word " * 3000 + 'end" he said'
    assert spans(text) == []
    assert spans('He said "' + "word " * 10) == []  # dangling at the end of the text


def test_two_apostrophes_are_a_quote_mark() -> None:
    text = "The Beast called them ''Manchurian anchors'' and he said, ''We will win.'' Then it ended."
    found = find_quote_spans(text)
    assert [q.content(text) for q in found] == ["Manchurian anchors", "We will win."]
    # a possessive apostrophe next to the marks does not pair with them
    assert "'" not in "".join(q.content(text) for q in found)


def test_right_quote_opening_a_paragraph_and_a_dash_signature() -> None:
    text = "Readers wrote in.\n\u201dHe is clueless about us.\u201d\u2015 Ana Ruiz\n\u201cWe matter.\u201d\u00a0\u2015 Jo Li"
    assert spans(text) == ["\u201dHe is clueless about us.\u201d", "\u201cWe matter.\u201d"]


def test_has_quote_mark() -> None:
    assert has_quote_mark("said it was \u201ctrue\u201d")
    assert has_quote_mark("called them ''anchors''")
    assert not has_quote_mark("the Democrats\u2019 plan and Trump's")


def test_a_curly_quote_closed_by_a_straight_mark_stays_in_its_paragraph() -> None:
    text = 'There was \u201cno sign" of damage.\n\n"We are safe," the mayor said.'
    assert spans(text) == ['\u201cno sign"', '"We are safe,"']


def test_a_curly_closer_still_wins_over_a_straight_mark_before_it() -> None:
    text = 'He said \u201cthe 5" pipe burst\u201d yesterday.'
    assert spans(text) == ['\u201cthe 5" pipe burst\u201d']


def test_a_paragraph_opening_with_another_mark_style_does_not_continue_a_quote() -> None:
    text = '"The first time she saw him, she cheered.\n\n\u201cIt never crossed my mind,\u201d she said.'
    assert spans(text) == ["\u201cIt never crossed my mind,\u201d"]


def test_a_curly_title_inside_a_straight_quoted_transcript_does_not_close_it() -> None:
    text = '"PENCE: She thinks this is an episode of \u201cShark Tank.\u201d But this is America."'
    assert spans(text) == [text]


def test_nested_quote_set_apart_from_the_closing_mark_by_a_space() -> None:
    text = "\"We never liked the label 'outreach,' \" she told the crowd. Then she left."
    (q,) = find_quote_spans(text)
    assert text[q.start : q.end] == "\"We never liked the label 'outreach,' \"" and q.closed


def test_nested_quote_set_apart_from_the_opening_mark_by_a_space() -> None:
    text = "\" 'Forward together' is our motto,\" the mayor said."
    (q,) = find_quote_spans(text)
    assert text[q.start : q.end] == "\" 'Forward together' is our motto,\"" and q.closed


def test_a_mark_followed_by_a_space_and_a_word_still_opens_nothing() -> None:
    text = 'He said " no" twice and "yes" once.'
    assert [text[q.start : q.end] for q in find_quote_spans(text)] == ['"yes"']
