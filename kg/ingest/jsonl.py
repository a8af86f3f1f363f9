"""Article collections as JSON Lines (.jsonl, .jsonl.gz): one JSON object per line.

Input: a file whose lines are objects with a required "text" and optional "url", "title" or
"headline", "date" (ISO date or datetime; "June 11, 2025" and the other forms of
`kg.ingest.dates` are accepted too), "author" or "authors" (a string or a list of strings) and "id"
(string or integer); other fields are ignored. Output: lazily, per line, a `kg.model.Document`
(source "path:line") or the `InputError` that line caused, so one bad line costs one article and
the file is never read into memory whole. Blank lines are skipped.

The text goes through the same chrome rules as plain text (a leading dateline such as "Friday,
January 4, 2019", photo credits, share buttons), but the headline comes from the record only.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from kg.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingInputError,
    InputError,
    MalformedInputError,
    MissingInputError,
)
from kg.ingest.boilerplate import clean_page
from kg.ingest.dates import parse_date
from kg.ingest.ids import article_id
from kg.ingest.normalize import has_words, join_paragraphs
from kg.model import Document

#: Longest line (one article) read; longer lines are reported and skipped without being held in memory.
MAX_LINE_BYTES = 10 * 1024 * 1024
_CHUNK = 1024 * 1024


def _mib(n: int) -> str:
    return f"{n / 2**20:.1f} MiB" if n >= 2**20 else f"{n:,} bytes"


def _type_name(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean", type(None): "null"}.get(
        type(value), "a number" if isinstance(value, (int, float)) else type(value).__name__
    )


def _optional_str(record: dict[str, Any], key: str, source: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise MalformedInputError(
            f'field "{key}" is {_type_name(value)}, expected a string; fix or remove it', source=source
        )
    return " ".join(value.split()) or None


def _authors(record: dict[str, Any], source: str) -> tuple[str, ...]:
    for key in ("authors", "author"):
        value = record.get(key)
        if value is None:
            continue
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not all(isinstance(v, str) for v in items):
            raise MalformedInputError(
                f'field "{key}" is {_type_name(value)}, expected a string or a list of strings; fix or remove it',
                source=source,
            )
        # "Jane Doe; John Roe" in one string; a comma is not split ("Doe, Jane" is one person).
        names = [" ".join(part.split()) for item in items for part in item.split(";")]
        return tuple(dict.fromkeys(n for n in names if n))
    return ()


def parse_record(record: Any, source: str) -> Document:
    """One article from a decoded JSONL record; raises MalformedInputError or EmptyInputError."""
    if not isinstance(record, dict):
        raise MalformedInputError(
            f'is {_type_name(record)}, expected a JSON object with a "text" field', source=source
        )
    if "text" not in record:
        keys = ", ".join(sorted(map(str, record))[:8]) or "none"
        raise MalformedInputError(
            f'has no "text" field (fields: {keys}); every line needs the article text in "text"', source=source
        )
    text = record["text"]
    if not isinstance(text, str):
        raise MalformedInputError(
            f'field "text" is {_type_name(text)}, expected a string; put the article text in "text"', source=source
        )
    url = _optional_str(record, "url", source)
    headline = _optional_str(record, "headline", source) or _optional_str(record, "title", source)
    authors = _authors(record, source)
    raw_date = _optional_str(record, "date", source)
    date = parse_date(raw_date) if raw_date else None
    if raw_date and date is None:
        raise MalformedInputError(
            f'field "date" is {raw_date!r}, not a date; write it as ISO 8601 (2025-06-11) or remove it',
            source=source,
        )
    external_id = record.get("id")
    if external_id is not None:
        if isinstance(external_id, bool) or not isinstance(external_id, (str, int)):
            raise MalformedInputError(
                f'field "id" is {_type_name(external_id)}, expected a string or an integer', source=source
            )
        external_id = str(external_id).strip() or None

    page = clean_page(text, find_headline=False)
    body = join_paragraphs(list(page.paragraphs))
    if not has_words(body):
        raise EmptyInputError('has an empty "text" (or only page chrome); give the article text', source=source)
    return Document(
        id=article_id(url, external_id, body),
        text=body,
        source=source,
        headline=headline,
        authors=authors or page.authors,
        date=date or page.date,
        url=url,
        external_id=external_id,
    )


def _parse_line(raw: bytes, source: str) -> Document:
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise EncodingInputError(
            f"is not valid UTF-8 (byte 0x{raw[exc.start]:02X} at column {exc.start + 1}); "
            "re-encode the file as UTF-8 and run again",
            source=source,
        ) from None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise MalformedInputError(
            f"is not valid JSON ({exc.msg} at column {exc.colno}); each line must be one complete JSON object",
            source=source,
        ) from None
    return parse_record(record, source)


def _open(path: Path) -> IO[bytes]:
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")
    return path.open("rb")


def read_jsonl(path: str | Path) -> Iterator[Document | InputError]:
    """Documents and per-line errors of a .jsonl or .jsonl.gz file, in line order, lazily."""
    path = Path(path)
    try:
        stream = _open(path)
    except FileNotFoundError:
        yield MissingInputError("no such file; check the path", source=str(path))
        return
    except OSError as exc:
        yield MissingInputError(f"cannot be read ({exc.strerror}); check its permissions", source=str(path))
        return
    lineno = 0
    seen_text = False
    with stream:
        try:
            while True:
                raw = stream.readline(MAX_LINE_BYTES + 1)
                if not raw:
                    break
                lineno += 1
                source = f"{path}:{lineno}"
                if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
                    seen_text = True
                    while raw and not raw.endswith(b"\n"):  # skip the rest of the line, chunk by chunk
                        raw = stream.readline(_CHUNK)
                    yield MalformedInputError(
                        f"is longer than {_mib(MAX_LINE_BYTES)}, too long for one article; "
                        "split the article or check that lines end with a newline",
                        source=source,
                    )
                    continue
                if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
                    raw = raw[3:]  # UTF-8 byte-order mark
                if not raw.strip():
                    continue
                if b"\x00" in raw and not seen_text:
                    yield BinaryInputError(
                        "holds binary data (NUL bytes), not JSON Lines text; give a UTF-8 .jsonl file",
                        source=str(path),
                    )
                    return
                seen_text = True
                try:
                    yield _parse_line(raw.rstrip(b"\r\n"), source)
                except InputError as error:
                    yield error
        except (OSError, EOFError, zlib.error) as exc:
            # A truncated or corrupt .gz: what was read so far came through; say where it stopped.
            yield MalformedInputError(
                f"could not be decompressed after line {lineno} ({exc}); the file is truncated or not gzip, "
                "re-create it with gzip and run again",
                source=str(path),
            )
            return
    if not seen_text:
        yield EmptyInputError("holds no JSON lines (it is empty or blank); give one article per line", source=str(path))
