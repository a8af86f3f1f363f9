"""read_inputs / read_document: walking inputs, and every kind of bad input reported, not raised."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from pathlib import Path

import pytest

from kg.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingInputError,
    InputError,
    MalformedInputError,
    MissingInputError,
    TooLargeInputError,
    UnsupportedInputError,
)
from kg.ingest import decode, read_document, read_inputs
from kg.model import Document

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"
ARTICLE = "Envoys meet in Geneva\n\nEnvoys from both countries met in Geneva on Tuesday, a spokesperson said.\n"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A directory with good files, bad files and files to be ignored, in nested folders."""
    root = tmp_path / "in"
    (root / "b_sub" / "deeper").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "c.jsonl").write_text(json.dumps({"text": "From JSONL."}) + "\n{bad\n", encoding="utf-8")
    (root / "b_sub" / "page.HTML").write_bytes((DATA / "meta_only_page.html").read_bytes())
    (root / "b_sub" / "deeper" / "z.text").write_text("Only text here.", encoding="utf-8")
    (root / "b_sub" / "empty.txt").write_text("  \n\n ", encoding="utf-8")
    (root / "b_sub" / "latin1.txt").write_bytes("Le ministre fran\u00e7ais est arriv\u00e9 lundi.\n".encode("latin-1"))
    (root / "b_sub" / "binary.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00\x00" + bytes(range(256)))
    with gzip.open(root / "d.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write(json.dumps({"text": "From gzip."}) + "\n")
    (root / "notes.md").write_text("# not an input", encoding="utf-8")
    (root / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (root / ".hidden" / "secret.txt").write_text("hidden", encoding="utf-8")
    return root


def sources(items) -> list[str]:
    """File names of the items' sources ("dir/c.jsonl:2" -> "c.jsonl")."""
    return [Path(re.sub(r":\d+$", "", i.source)).name for i in items]


def test_directory_walk_is_sorted_recursive_and_complete(tree):
    items = list(read_inputs([tree]))
    assert sources(items) == [
        "a.txt",
        "binary.txt",
        "z.text",  # b_sub/deeper/ sorts between b_sub/binary.txt and b_sub/empty.txt
        "empty.txt",
        "latin1.txt",
        "page.HTML",
        "c.jsonl",
        "c.jsonl",
        "d.jsonl.gz",
    ]
    kinds = [type(i) for i in items]
    assert kinds == [
        Document,
        BinaryInputError,
        Document,
        EmptyInputError,
        EncodingInputError,
        Document,
        Document,
        MalformedInputError,
        Document,
    ]
    docs = [i for i in items if isinstance(i, Document)]
    assert [d.text for d in docs][0].startswith("Envoys from both countries")
    assert docs[-1].text == "From gzip."


def test_run_is_deterministic(tree):
    first = [(type(i).__name__, str(i) if isinstance(i, InputError) else i) for i in read_inputs([tree])]
    second = [(type(i).__name__, str(i) if isinstance(i, InputError) else i) for i in read_inputs([tree])]
    assert first == second


def test_errors_say_what_to_do(tree):
    errors = [i for i in read_inputs([tree]) if isinstance(i, InputError)]
    by_type = {type(e): e for e in errors}
    assert "re-encode" in by_type[EncodingInputError].message
    assert "offset 16 (line 1)" in by_type[EncodingInputError].message  # the "ç" of "français"
    assert "0xE7" in by_type[EncodingInputError].message
    assert "binary" in by_type[BinaryInputError].message
    assert "empty" in by_type[EmptyInputError].message
    for e in errors:
        assert str(e).startswith(f"[{e.code}] ")
        assert e.source and Path(e.source.rsplit(":", 1)[0]).name in str(e)


def test_explicit_paths_missing_and_unsupported(tree, tmp_path):
    items = list(
        read_inputs([tree / "a.txt", tmp_path / "nope.txt", tree / "notes.md", "ftp://example.org/a", tree / "a.txt"])
    )
    assert [type(i) for i in items] == [Document, MissingInputError, UnsupportedInputError, UnsupportedInputError]
    assert "notes.md" in items[2].source and ".md" in items[2].message and ".txt" in items[2].message
    assert "URL" in items[3].message


def test_file_named_twice_or_inside_a_given_directory_is_read_once(tree):
    items = list(read_inputs([tree / "a.txt", tree]))
    assert sum(1 for i in items if isinstance(i, Document) and i.source.endswith("a.txt")) == 1


def test_good_files_come_through_between_bad_ones(tmp_path):
    good1 = tmp_path / "1.txt"
    good1.write_text(ARTICLE, encoding="utf-8")
    bad = tmp_path / "2.txt"
    bad.write_bytes(b"\xff\xfe" + "UTF-16 text".encode("utf-16-le"))
    good2 = tmp_path / "3.html"
    shutil.copy(DATA / "news_page.html", good2)
    items = list(read_inputs([good1, bad, good2]))
    assert [type(i) for i in items] == [Document, EncodingInputError, Document]
    assert "UTF-16" in items[1].message


def test_is_lazy(tmp_path):
    files = []
    for n in range(3):
        f = tmp_path / f"{n}.txt"
        f.write_text(f"Article {n} text.", encoding="utf-8")
        files.append(f)
    it = read_inputs(files)
    assert next(it).text == "Article 0 text."
    files[2].unlink()  # not read yet: reported as missing when reached, not at the start
    assert next(it).text == "Article 1 text."
    assert isinstance(next(it), MissingInputError)


def test_too_large(tmp_path, monkeypatch):
    monkeypatch.setattr(decode, "MAX_ARTICLE_BYTES", 1000)
    big = tmp_path / "big.txt"
    big.write_text("word " * 400, encoding="utf-8")
    (err,) = list(read_inputs([big]))
    assert isinstance(err, TooLargeInputError)
    assert "JSONL" in err.message


def test_read_document(tree, tmp_path):
    doc = read_document(tree / "a.txt")
    assert doc.headline == "Envoys meet in Geneva"
    with pytest.raises(EncodingInputError):
        read_document(tree / "b_sub" / "latin1.txt")
    with pytest.raises(MissingInputError):
        read_document(tmp_path / "missing.txt")
    with pytest.raises(UnsupportedInputError):
        read_document(tree / "notes.md")
    with pytest.raises(UnsupportedInputError):
        read_document(tree)
    one = tmp_path / "one.jsonl"
    one.write_text(json.dumps({"text": "Only one."}) + "\n", encoding="utf-8")
    assert read_document(one).text == "Only one."
    with pytest.raises(UnsupportedInputError, match="more than one"):
        read_document(tree / "c.jsonl")
