from kg.nlp.quote_marks import find_quote_spans


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
