"""JSON Lines collections: good records, bad lines reported with their line number, gzip."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path

import pytest

from kg.errors import BinaryInputError, EmptyInputError, EncodingInputError, InputError, MalformedInputError
from kg.ingest import jsonl as jsonl_reader
from kg.ingest.ids import article_id
from kg.ingest.jsonl import read_jsonl
from kg.model import Document
from kg.resources import shared_dir

GOOD = {
    "id": "kx-001",
    "url": "https://news.example/2025/06/10/talks",
    "title": "Envoys meet in Geneva",
    "date": "2025-06-10T08:00:00Z",
    "authors": ["Lea Novak", "Omar Haddad"],
    "text": "Envoys from both countries met in Geneva on Tuesday.\n\n\nThe talks lasted four hours, a spokesperson said.",
    "n_words": 17,
}


def write_lines(path: Path, lines: list[str | bytes]) -> Path:
    with path.open("wb") as f:
        for line in lines:
            f.write(line if isinstance(line, bytes) else line.encode("utf-8"))
            f.write(b"\n")
    return path


def test_good_record(tmp_path):
    path = write_lines(tmp_path / "a.jsonl", [json.dumps(GOOD)])
    (doc,) = list(read_jsonl(path))
    assert isinstance(doc, Document)
    assert doc.text == (
        "Envoys from both countries met in Geneva on Tuesday.\n\nThe talks lasted four hours, a spokesperson said."
    )
    assert doc.headline == "Envoys meet in Geneva"
    assert doc.date == dt.date(2025, 6, 10)
    assert doc.authors == ("Lea Novak", "Omar Haddad")
    assert doc.url == GOOD["url"]
    assert doc.external_id == "kx-001"
    assert doc.source == f"{path}:1"
    assert doc.id == article_id(GOOD["url"], "kx-001", doc.text)


def test_field_variants(tmp_path):
    records = [
        {"text": "Talks went on.", "headline": "Head", "title": "Title", "author": "Lea Novak; Omar Haddad", "id": 7},
        {"text": "Talks went on.", "date": "June 11, 2025", "author": ["Lea Novak"]},
        {"text": "Friday, January 4, 2019\u00a0\n\n\nA building collapsed on Monday."},
    ]
    path = write_lines(tmp_path / "v.jsonl", [json.dumps(r) for r in records])
    a, b, c = read_jsonl(path)
    assert a.headline == "Head" and a.authors == ("Lea Novak", "Omar Haddad") and a.external_id == "7"
    assert a.id == article_id(None, "7", a.text)
    assert b.date == dt.date(2025, 6, 11) and b.external_id is None and b.headline is None
    assert b.id == article_id(None, None, "Talks went on.")
    # a leading dateline is not article text, and dates the article when the record does not
    assert c.text == "A building collapsed on Monday." and c.date == dt.date(2019, 1, 4)


BAD_LINES = [
    ("{not json", MalformedInputError, "not valid JSON"),
    ('["a", "list"]', MalformedInputError, "expected a JSON object"),
    ('{"title": "no text here"}', MalformedInputError, 'no "text" field'),
    ('{"text": 42}', MalformedInputError, '"text" is a number'),
    ('{"text": "   "}', EmptyInputError, 'empty "text"'),
    ('{"text": "ok.", "date": "last Tuesday"}', MalformedInputError, "ISO 8601"),
    ('{"text": "ok.", "url": ["x"]}', MalformedInputError, '"url" is a list'),
    ('{"text": "ok.", "authors": [1, 2]}', MalformedInputError, '"authors"'),
    ('{"text": "ok.", "id": {"a": 1}}', MalformedInputError, '"id" is an object'),
    ('{"text": "ok.", "id": true}', MalformedInputError, '"id" is a boolean'),
    (b'{"text": "caf\xe9"}', EncodingInputError, "not valid UTF-8"),
]


def test_bad_lines_are_reported_with_line_numbers_and_good_lines_survive(tmp_path):
    lines: list[str | bytes] = []
    expected: list[tuple[int, type, str]] = []
    for raw, error, message in BAD_LINES:
        lines.append(json.dumps({"text": f"Good article number {len(lines) + 1}."}))
        lines.append(raw)
        expected.append((len(lines), error, message))
    lines.append(json.dumps({"text": "The last good article."}))
    path = write_lines(tmp_path / "mixed.jsonl", lines)

    items = list(read_jsonl(path))
    assert len(items) == len(lines)
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert len(docs) == len(BAD_LINES) + 1 and docs[-1].text == "The last good article."
    assert [d.source for d in docs] == [f"{path}:{n}" for n in range(1, len(lines) + 1, 2)]
    for err, (lineno, error, message) in zip(errors, expected):
        assert type(err) is error
        assert err.source == f"{path}:{lineno}"
        assert message in err.message
        assert f"{path}:{lineno}" in str(err)


def test_blank_lines_skipped_and_numbering_kept(tmp_path):
    path = write_lines(tmp_path / "b.jsonl", ["", json.dumps({"text": "One."}), "   ", "{bad"])
    doc, err = read_jsonl(path)
    assert doc.source.endswith(":2")
    assert isinstance(err, MalformedInputError) and err.source.endswith(":4")


def test_bom_and_crlf(tmp_path):
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"text": "One."}\r\n{"text": "Two."}\r\n')
    assert [d.text for d in read_jsonl(path)] == ["One.", "Two."]


def test_gzip(tmp_path):
    path = tmp_path / "c.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write(json.dumps(GOOD) + "\n{oops\n" + json.dumps({"text": "Second."}) + "\n")
    first, bad, second = read_jsonl(path)
    assert first.headline == "Envoys meet in Geneva" and first.source == f"{path}:1"
    assert isinstance(bad, MalformedInputError) and bad.source == f"{path}:2"
    assert second.text == "Second."


def test_truncated_gzip_keeps_what_was_read(tmp_path):
    lines = [json.dumps({"text": f"Article {i} " + "x" * 200}) for i in range(200)]
    whole = gzip.compress(("\n".join(lines) + "\n").encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(whole[: len(whole) // 2])
    items = list(read_jsonl(path))
    assert isinstance(items[-1], MalformedInputError) and "truncated" in items[-1].message
    assert items[0].text.startswith("Article 0")


def test_not_gzip_at_all(tmp_path):
    path = tmp_path / "fake.jsonl.gz"
    path.write_text('{"text": "plain"}\n')
    (err,) = list(read_jsonl(path))
    assert isinstance(err, MalformedInputError) and "gzip" in err.message


def test_overlong_line_is_one_error(tmp_path, monkeypatch):
    monkeypatch.setattr(jsonl_reader, "MAX_LINE_BYTES", 1000)
    monkeypatch.setattr(jsonl_reader, "_CHUNK", 64)  # skip the rest of the line in several reads
    path = write_lines(
        tmp_path / "long.jsonl",
        [json.dumps({"text": "Short."}), json.dumps({"text": "y" * 5000}), json.dumps({"text": "After."})],
    )
    first, err, after = read_jsonl(path)
    assert first.text == "Short."
    assert isinstance(err, MalformedInputError) and err.source.endswith(":2") and "longer than" in err.message
    assert after.text == "After." and after.source.endswith(":3")


def test_empty_and_binary_files(tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"\n\n")
    (err,) = list(read_jsonl(empty))
    assert isinstance(err, EmptyInputError)
    binary = tmp_path / "bin.jsonl"
    binary.write_bytes(b"\x00\x01\x02 binary\n")
    (err,) = list(read_jsonl(binary))
    assert isinstance(err, BinaryInputError)


def test_is_lazy(tmp_path):
    path = write_lines(tmp_path / "lazy.jsonl", [json.dumps({"text": "First."}), "{bad"])
    items = read_jsonl(path)
    assert next(items).text == "First."
    path.unlink()  # the file is already open: the rest still comes through
    assert isinstance(next(items), MalformedInputError)


@pytest.mark.corpus
def test_wikinews_corpus_reads():
    shared = shared_dir()
    path = shared / "corpus" / "wikinews" / "wikinews_2019_2020.jsonl" if shared else None
    if path is None or not path.exists():
        pytest.skip("../shared/corpus/wikinews is not present")
    items = list(read_jsonl(path))
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(items) == len(records)
    docs = [i for i in items if isinstance(i, Document)]
    assert len(docs) >= len(records) - 2  # a record whose text is only a dateline is reported as empty
    for doc in docs:
        rec = records[int(doc.source.rsplit(":", 1)[1]) - 1]
        assert doc.headline == " ".join(rec["title"].split())
        assert doc.date.isoformat() == rec["date"]
        assert doc.external_id == rec["id"] and doc.url == rec["url"]
        assert "\n\n\n" not in doc.text and doc.text == doc.text.strip()
    assert len({d.id for d in docs}) == len(docs)
