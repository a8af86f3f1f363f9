"""The ingest stage: input files in, `kg.model.Document`s out.

Input: paths of files and directories (.txt/.text plain text or page captures, .html/.htm saved
pages, .jsonl/.jsonl.gz article collections, .urls lists of URLs), and http(s) URLs of RSS/Atom
feeds or article pages (fetched lazily by `kg.feeds`). Output: `read_inputs` yields, lazily and in a
deterministic order, one `Document` per article or the `kg.errors.InputError` that kept an input
from being read: errors are yielded, not raised, so one bad article never stops a run.
`read_document` reads one file and raises instead.

Directories are walked recursively in sorted order; in them, files with other suffixes and hidden
files are skipped silently. A file named explicitly must have a known suffix.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from kg.errors import EmptyInputError, InputError, MissingInputError, UnsupportedInputError
from kg.ingest.html import read_html
from kg.ingest.jsonl import read_jsonl
from kg.ingest.text import read_text
from kg.model import Document

__all__ = ["SUFFIXES", "read_document", "read_inputs"]

_SINGLE: dict[str, Callable[[Path], Document]] = {
    ".txt": read_text,
    ".text": read_text,
    ".html": read_html,
    ".htm": read_html,
}
_COLLECTIONS = (".jsonl", ".jsonl.gz", ".urls")
#: Suffixes read_inputs understands (case-insensitive).
SUFFIXES: tuple[str, ...] = (*_SINGLE, *_COLLECTIONS)


def _suffix(path: Path) -> str | None:
    name = path.name.lower()
    return next((s for s in sorted(SUFFIXES, key=len, reverse=True) if name.endswith(s)), None)


def _unsupported(path: Path) -> UnsupportedInputError:
    return UnsupportedInputError(
        f"has suffix {''.join(path.suffixes) or '(none)'!r}, expected one of {', '.join(SUFFIXES)}; "
        "rename the file if its content is one of these formats",
        source=str(path),
    )


def _read_file(path: Path) -> Iterator[Document | InputError]:
    suffix = _suffix(path)
    if suffix is None:
        yield _unsupported(path)
    elif suffix == ".urls":
        from kg.feeds import read_url_list

        yield from read_url_list(path)
    elif suffix in _COLLECTIONS:
        yield from read_jsonl(path)
    else:
        try:
            yield _SINGLE[suffix](path)
        except InputError as error:
            yield error


def _walk(directory: Path, visited: set[Path]) -> Iterator[Path | InputError]:
    """Input files under `directory`, depth first, names sorted; symlink loops are cut."""
    real = directory.resolve()
    if real in visited:
        return
    visited.add(real)
    try:
        with os.scandir(directory) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield MissingInputError(
            f"is a directory that cannot be listed ({exc.strerror}); check its permissions", source=str(directory)
        )
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue  # .git, .DS_Store, editor swap files
        path = Path(entry.path)
        if entry.is_dir():
            yield from _walk(path, visited)
        elif entry.is_file() and _suffix(path) is not None:
            yield path


def read_inputs(paths: Iterable[str | Path]) -> Iterator[Document | InputError]:
    """Every article in `paths`, or the error that stopped one, lazily and in a stable order."""
    visited_dirs: set[Path] = set()
    seen_files: set[Path] = set()
    for given in paths:
        path = Path(given)
        from kg.feeds import as_url

        url = as_url(given)
        if url is not None and not path.exists():
            from kg.feeds import read_url

            yield from read_url(url)
        elif "://" in str(given):
            yield UnsupportedInputError(
                "is a URL of a scheme other than http(s), expected a local file, a directory or an "
                "http(s) URL; save the page as .html first", source=str(given)
            )
        elif "\x00" in str(given):
            yield MissingInputError(
                "is not a valid path (it holds a NUL character); check the argument", source=repr(given)
            )
        elif path.is_dir():
            for file in _walk(path, visited_dirs):
                if isinstance(file, InputError):
                    yield file
                elif file.resolve() not in seen_files:  # a file reached twice is read once
                    seen_files.add(file.resolve())
                    yield from _read_file(file)
        elif not path.exists():
            yield MissingInputError("no such file or directory; check the path", source=str(path))
        elif path.resolve() not in seen_files:
            seen_files.add(path.resolve())
            yield from _read_file(path)


def read_document(path: str | Path) -> Document:
    """The one article in `path`; raises its `InputError` (a JSONL file must hold exactly one article)."""
    path = Path(path)
    if not path.exists():
        raise MissingInputError("no such file; check the path", source=str(path))
    if path.is_dir():
        raise UnsupportedInputError("is a directory, expected one file; use read_inputs for many", source=str(path))
    items = _read_file(path)
    try:
        first = next(items, None)
        second = next(items, None) if isinstance(first, Document) else None
    finally:
        items.close()  # closes a JSONL file that was not read to its end
    if first is None:
        raise EmptyInputError("holds no article, only blank lines; give a file with one article", source=str(path))
    if isinstance(first, InputError):
        raise first
    if second is not None:
        raise UnsupportedInputError(
            "holds more than one article; read it with read_inputs to get them all", source=str(path)
        )
    return first
