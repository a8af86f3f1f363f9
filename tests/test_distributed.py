"""kg.distributed on a real dask.distributed LocalCluster: same bytes as a local build, shards, resume."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.distributed import build_distributed
from kg.errors import UsageError
from kg.pipeline import build

pytestmark = pytest.mark.slow

ARTICLES = Path(__file__).parent / "data" / "scale" / "articles.jsonl"


@pytest.fixture(scope="module")
def cluster():
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        yield c


def test_a_dask_build_equals_the_local_build_byte_for_byte(pipeline, cluster, tmp_path) -> None:
    local, remote = tmp_path / "local.nq", tmp_path / "dask.nq"
    build([ARTICLES], local, pipeline=pipeline)
    empty = tmp_path / "empty.txt"
    empty.write_text("\n")
    errors = tmp_path / "errors.jsonl"
    # shard_size=1: four tasks spread over both workers, results taken in order.
    report = build_distributed([ARTICLES, empty], remote, scheduler=cluster.scheduler_address, shard_size=1,
                               errors=errors)
    assert report.articles == 4 and report.statements > 0
    assert remote.read_bytes() == local.read_bytes()
    assert [json.loads(line)["stage"] for line in errors.read_text().splitlines()] == ["ingest"]


def test_shard_files_hold_every_article_and_resume_skips_them(pipeline, cluster, tmp_path) -> None:
    shards = tmp_path / "shards"
    report = build_distributed([ARTICLES], shards, scheduler=cluster.scheduler_address, shard_size=3)
    files = sorted(shards.glob("shard-*.nq"))
    assert [f.name for f in files] == ["shard-00000.nq", "shard-00001.nq"] and report.articles == 4
    local = tmp_path / "local.nq"
    build([ARTICLES], local, pipeline=pipeline)
    union = sorted(set(line for f in files for line in f.read_bytes().splitlines(keepends=True)))
    assert b"".join(union) == local.read_bytes()
    again = build_distributed([ARTICLES], shards, scheduler=cluster.scheduler_address, resume=True)
    assert (again.articles, again.skipped) == (0, 4)
    assert sorted(shards.glob("shard-*.nq")) == files
    with pytest.raises(UsageError, match="already holds shard files"):
        build_distributed([ARTICLES], shards, scheduler=cluster.scheduler_address)


def test_a_scheduler_that_does_not_answer_is_a_resource_error(tmp_path) -> None:
    from kg.errors import ResourceError

    with pytest.raises(ResourceError, match="Dask scheduler"):
        build_distributed([ARTICLES], tmp_path / "x.nq", scheduler="tcp://127.0.0.1:9")
