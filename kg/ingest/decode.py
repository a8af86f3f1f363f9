"""Reading an input file's bytes and turning them into text, or saying precisely why not.

Input: a path (or bytes and the name to report them under). Output: the decoded text, or a typed
`InputError` from `kg.errors`: missing, too large, empty, binary, or not UTF-8. Encodings are never
guessed: text that is not valid UTF-8 is refused with the byte offset of the first bad byte and the
command that re-encodes it, because a wrong guess silently corrupts names ("Zelenskyy" in
Windows-1251 read as Latin-1) that the later stages would then link to the wrong entity.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from kg.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingInputError,
    MissingInputError,
    TooLargeInputError,
)

#: Largest single-article file (.txt, .html) read; larger ones are archives or dumps, not articles.
MAX_ARTICLE_BYTES = 50 * 1024 * 1024
_SNIFF_BYTES = 64 * 1024
#: Share of control characters above which a file is binary rather than text.
_MAX_CONTROL_SHARE = 0.05
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\b\x1b")
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


def _unreadable(exc: OSError) -> str:
    return f"cannot be read ({exc.strerror}); check the path and its permissions"


def read_bytes(path: Path, *, limit: int | None = None) -> bytes:
    """The bytes of `path` (at most `limit`, default MAX_ARTICLE_BYTES); typed errors, not OS errors."""
    source = str(path)
    limit = MAX_ARTICLE_BYTES if limit is None else limit
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise MissingInputError("no such file; check the path", source=source) from None
    except OSError as exc:
        raise MissingInputError(_unreadable(exc), source=source) from None
    if size > limit:
        raise TooLargeInputError(
            f"is {size / 2**20:.1f} MiB, more than the {limit / 2**20:g} MiB one article may have; "
            "split it into one file per article, or put the articles in a JSONL file (one per line)",
            source=source,
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise MissingInputError(_unreadable(exc), source=source) from None


def _control_share(sample: bytes) -> float:
    if not sample:
        return 0.0
    controls = sum(1 for b in sample if (b < 0x20 and b not in _TEXT_CONTROLS) or b == 0x7F)
    return controls / len(sample)


def _reencode_hint(data: bytes) -> str:
    # A hint for the message only: the text is not decoded with it.
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return ""
    high = sum(1 for b in data[:_SNIFF_BYTES] if b >= 0x80)
    if high / max(1, len(data[:_SNIFF_BYTES])) < 0.1:
        return " (its bytes fit Windows-1252/Latin-1, as in Western-European text)"
    return ""


def _iconv(source: str, encoding: str) -> str:
    name = Path(source).name or "in.txt"
    stem, dot, suffix = name.rpartition(".")
    fixed = f"{stem}.utf8.{suffix}" if dot else f"{name}.utf8"
    return f"iconv -f {encoding} -t UTF-8 '{name}' > '{fixed}'"


def decode_text(data: bytes, source: str) -> str:
    """`data` as text if it is UTF-8 (a BOM is allowed); typed errors for anything else."""
    if not data.strip():
        raise EmptyInputError("is empty or only whitespace; give a file that holds an article's text", source=source)
    for bom, name in _WIDE_BOMS:
        if data.startswith(bom):
            raise EncodingInputError(
                f"is {name} text, expected UTF-8; re-encode it as UTF-8 (e.g. {_iconv(source, name)}) and run again",
                source=source,
            )
    sample = data[:_SNIFF_BYTES]
    if b"\x00" in sample or _control_share(sample) > _MAX_CONTROL_SHARE:
        raise BinaryInputError(
            "holds binary data, not text; give the article as .txt, .html or .jsonl "
            "(extract the text from PDFs and word-processor files first)",
            source=source,
        )
    offset = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        text = data[offset:].decode("utf-8")
    except UnicodeDecodeError as exc:
        at = offset + exc.start
        line = data.count(b"\n", 0, at) + 1
        raise EncodingInputError(
            f"is not valid UTF-8: byte 0x{data[at]:02X} at offset {at} (line {line}){_reencode_hint(data)}; "
            f"re-encode the file as UTF-8 (e.g. {_iconv(source, 'WINDOWS-1252')}, with the file's real "
            "encoding after -f) and run again",
            source=source,
        ) from None
    if not text.strip():
        raise EmptyInputError("is empty or only whitespace; give a file that holds an article's text", source=source)
    return text


def read_text_file(path: Path, *, limit: int | None = None) -> str:
    """The UTF-8 text of one article file (see `read_bytes` and `decode_text` for the errors)."""
    return decode_text(read_bytes(path, limit=limit), str(path))
