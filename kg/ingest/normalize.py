"""Character- and line-level normalisation shared by all readers.

Input: decoded text as a file, a page extractor or a JSONL field gave it. Output: NFC text with
"\\n" line ends, no control or zero-width characters, single spaces, stripped lines; and helpers that
turn lines into the paragraph layout `Document.text` uses (paragraphs separated by one blank line).
Later stages take character offsets into that text, so every reader must produce the same layout.
"""

from __future__ import annotations

import re
import statistics
import unicodedata

# Spaces that look like a space but do not match " " (no-break, figure, narrow no-break, ideographic...).
_SPACES = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# Invisible characters that only break tokenisation (zero-width space, BOM, word joiner, soft hyphen).
_INVISIBLE = re.compile(r"[\u200b\u2060\ufeff\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_MULTISPACE = re.compile(r" {2,}")
# List markers as extractors and text browsers write them; not "—" (em dash), which can introduce a speaker.
_BULLET = re.compile(r"^[-*•·▪►◦‣]\s+(?=\S)")


def normalise_chars(text: str) -> str:
    """Unicode NFC, "\\n" line ends, plain spaces, no control or zero-width characters."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[\x0b\x0c\u2028\u2029\x85]", "\n", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub("", text)
    return _SPACES.sub(" ", text)


def normalise_lines(text: str) -> list[str]:
    """The lines of `text` after `normalise_chars`, each stripped, inner space runs collapsed."""
    return [_MULTISPACE.sub(" ", line).strip() for line in normalise_chars(text).split("\n")]


def strip_bullet(line: str) -> str:
    """`line` without a list-item marker ("- ", "• ", "* "); a dash that names a speaker stays."""
    return _BULLET.sub("", line)


def blocks(lines: list[str]) -> list[list[str]]:
    """Runs of non-blank lines (what a blank line separates)."""
    out: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line:
            current.append(line)
        elif current:
            out.append(current)
            current = []
    if current:
        out.append(current)
    return out


def is_hard_wrapped(lines: list[str]) -> bool:
    """True when the text was wrapped at a fixed width (e-mail, plain-text wires, Gutenberg-style).

    In such text a paragraph spans several lines and must be re-joined; in page captures and
    most saved articles each line is a paragraph or a page element of its own.
    """
    non_blank = [line for line in lines if line]
    if len(non_blank) < 4:
        return False
    lengths = [len(line) for line in non_blank]
    width = max(lengths)
    if width > 100:
        return False
    # A wrapped line is close to the width and usually breaks mid-sentence.
    inner = [line for block in blocks(lines) for line in block[:-1]]
    if len(inner) < 2:
        return False
    near_width = sum(len(line) >= 0.6 * width for line in inner) / len(inner)
    mid_sentence = sum(not line.endswith((".", "!", "?", ":", '"', "”", "’")) for line in inner) / len(inner)
    return near_width >= 0.8 and mid_sentence >= 0.5 and statistics.median(lengths) >= 40


def unwrap(block: list[str]) -> str:
    """The lines of one hard-wrapped paragraph joined into one line.

    A line ending in a hyphen after a letter continues without a space and keeps the hyphen:
    wrappers break compounds at their hyphen ("US-\nRussia"), and dropping it would be wrong there.
    """
    out = block[0]
    for line in block[1:]:
        if re.search(r"\w-$", out):
            out += line
        else:
            out = f"{out} {line}"
    return out


def paragraph_units(text: str) -> list[str]:
    """The paragraphs of `text`: each non-blank line, or re-joined paragraphs if it is hard-wrapped."""
    lines = [strip_bullet(line) for line in normalise_lines(text)]
    if not is_hard_wrapped(lines):
        return [line for line in lines if line]
    width = max(len(line) for line in lines)
    units: list[str] = []
    for block in blocks(lines):
        current: list[str] = []
        for line in block:
            current.append(line)
            if len(line) < 0.6 * width:  # only a paragraph's last line falls short of the width
                units.append(unwrap(current))
                current = []
        if current:
            units.append(unwrap(current))
    return units


def has_words(text: str) -> bool:
    """Whether `text` holds any letter at all (markup debris and digits alone are no article)."""
    return any(c.isalpha() for c in text)


def join_paragraphs(paragraphs: list[str]) -> str:
    """The `Document.text` layout: paragraphs separated by one blank line, no outer whitespace."""
    return "\n\n".join(p for p in paragraphs if p)
