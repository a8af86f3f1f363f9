"""The on-disk cache of online answers."""

from __future__ import annotations

from pathlib import Path

from kg.link.cache import ResponseCache, request_key


def test_answers_survive_a_new_process(tmp_path: Path) -> None:
    key = request_key("https://example.org/w/api.php", {"search": "Kyiv", "action": "wbsearchentities"})
    assert key == "https://example.org/w/api.php?action=wbsearchentities&search=Kyiv"  # sorted, encoded
    first = ResponseCache(tmp_path)
    assert first.get(key) is None
    first.put_many({key: [{"id": "Q1899", "label": "Kyiv"}], "other": {"n": 1}})
    first.close()
    again = ResponseCache(tmp_path)
    assert again.get(key) == [{"id": "Q1899", "label": "Kyiv"}] and len(again) == 2
    assert again.problem is None and again.path == tmp_path / "api.sqlite"


def test_an_unusable_directory_degrades_to_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    cache = ResponseCache(blocker / "sub")
    assert cache.problem is not None and "memory only" in cache.problem
    cache.put("k", {"v": 1})
    assert cache.get("k") == {"v": 1} and cache.path is None
