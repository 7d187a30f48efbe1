"""The distributed crawl (spiders/distributed.py): a real redis-server, a coordinator and
workers as separate `samorzad` processes, three test sites on three hosts whose servers
log the time of every request.

What a site owner and a dataset user would notice: every article fetched once in all,
no host ever sees two requests closer than its robots.txt Crawl-delay (the workers
together, not each one), a Retry-After told to one worker keeps them all away, the
per-source page cap holds for the workers together, and the archive the workers wrote is
read as one.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections import Counter
from contextlib import ExitStack
from pathlib import Path

import pytest

from conftest import FAST_CRAWL, serve_site
from spiders.archive import iter_records

import sitegen  # noqa: E402  (tests/site is on sys.path via conftest)

ROOT = Path(__file__).resolve().parent.parent
HOSTS = {"127.0.0.1": 0.5, "127.0.0.2": 0.3, "127.0.0.3": 0.7}  # host -> Crawl-delay
WORKERS = 2  # besides the coordinator
BUSY_HOST, BUSY_PATH, RETRY_AFTER = "127.0.0.2", sitegen.ARTICLES[1].path, 2  # first hit: 429


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server; .ci/run does)")
    import redis

    port = _free_port()
    workdir = tmp_path_factory.mktemp("redis")
    proc = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--dir", str(workdir),
                             "--save", "", "--appendonly", "no", "--protected-mode", "yes"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    try:
        client = redis.Redis.from_url(url)
        for _ in range(100):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.05)
        else:
            pytest.fail("redis-server did not start")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _sites(stack: ExitStack, tmp_path: Path) -> dict[str, object]:
    sites = {}
    for i, (host, delay) in enumerate(HOSTS.items()):
        site = stack.enter_context(serve_site(tmp_path / f"site{i}", host))
        robots = site.root / "robots.txt"
        robots.write_bytes(robots.read_bytes().replace(b"Crawl-delay: 0", f"Crawl-delay: {delay}".encode()))
        if host == BUSY_HOST:
            (site.root / "_retry_after.json").write_text(json.dumps({BUSY_PATH: RETRY_AFTER}))
        sites[host] = site
    toml = "".join(sitegen.sources_toml(s.base, source_id=f"gmina-{i}") + "\n"
                   for i, s in enumerate(sites.values()))
    (tmp_path / "sources.toml").write_text(toml, encoding="utf-8")
    return sites


def _run_distributed(tmp_path: Path, url: str, *extra: str) -> list[subprocess.CompletedProcess]:
    """The coordinator and WORKERS workers, each its own process, one archive folder."""
    env = {**os.environ, "SAMORZAD_CRAWL_SETTINGS": json.dumps(FAST_CRAWL),
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    cli = [sys.executable, "-m", "samorzad_cli"]
    archive = str(tmp_path / "archive")
    procs = [subprocess.Popen([*cli, "worker", "--redis", url, "--archive", archive, "--wait", "60", "-q"],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(WORKERS)]
    procs.append(subprocess.Popen([*cli, "crawl", "--sources", str(tmp_path / "sources.toml"),
                                   "--archive", archive, "--workers-from", url, *extra],
                                  env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    done = []
    for p in procs:
        out, err = p.communicate(timeout=240)
        done.append(subprocess.CompletedProcess(p.args, p.returncode, out, err))
    for p in done:
        assert p.returncode == 0, p.stderr
    return done


@pytest.fixture(scope="module")
def distributed(redis_url, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("distributed")
    with ExitStack() as stack:
        sites = _sites(stack, tmp)
        procs = _run_distributed(tmp, redis_url)
        logs = {host: site.requests() for host, site in sites.items()}
    return tmp, sites, logs, procs


def test_every_article_is_fetched_exactly_once_by_all_workers_together(distributed):
    _, sites, logs, _ = distributed
    for host, site in sites.items():
        fetched = Counter(r["path"] for r in logs[host] if r["path"] != "/robots.txt" and r["status"] != 429)
        articles = {a.path for a in site.articles}
        assert {p: n for p, n in fetched.items() if n > 1} == {}, host
        assert articles <= set(fetched), host


def test_no_host_sees_requests_closer_than_its_crawl_delay(distributed):
    _, _, logs, _ = distributed
    for host, delay in HOSTS.items():
        times = sorted(r["t"] for r in logs[host])
        assert len(times) > 10
        gaps = [b - a for a, b in zip(times, times[1:])]
        assert min(gaps) >= delay, (host, delay, min(gaps))


def test_retry_after_told_to_one_worker_pauses_the_host_for_all(distributed):
    _, _, logs, _ = distributed
    log = sorted(logs[BUSY_HOST], key=lambda r: r["t"])
    [i] = [n for n, r in enumerate(log) if r["status"] == 429]
    assert log[i]["path"] == BUSY_PATH
    assert log[i + 1]["t"] - log[i]["t"] >= RETRY_AFTER
    assert [r["status"] for r in log[i + 1:] if r["path"] == BUSY_PATH] == [200]


def test_the_workers_archives_are_read_as_one(distributed):
    tmp, sites, _, procs = distributed
    # (the 429 answer is archived too, as every answer is: only pages count here)
    records = [r for r in iter_records(tmp / "archive") if r.kind == "article" and r.status == 200]
    urls = Counter(r.url for r in records)
    expected = {site.url(a.path) for site in sites.values() for a in site.articles}
    assert set(urls) == expected and max(urls.values()) == 1
    # each worker writes its own files (the worker id is in the name) and all took part
    writers = {re.sub(r"-\d{4}\.warc\.gz$", "", Path(r.warc_file).name) for r in records}
    assert len(writers) >= 2
    # the coordinator's summary counts every worker's articles, not only its own
    assert f"articles={len(expected)}" in procs[-1].stderr


def test_page_cap_holds_for_all_workers_together(redis_url, tmp_path):
    with ExitStack() as stack:
        sites = _sites(stack, tmp_path)
        _run_distributed(tmp_path, redis_url, "--max-pages", "3")
        logs = {host: site.requests() for host, site in sites.items()}
    for host in sites:
        pages = [r for r in logs[host] if r["path"] != "/robots.txt"]
        assert 1 <= len(pages) <= 3, (host, [r["path"] for r in pages])


def test_worker_without_a_published_crawl_says_so(redis_url, tmp_path):
    proc = subprocess.run([sys.executable, "-m", "samorzad_cli", "worker", "--redis", redis_url,
                           "--archive", str(tmp_path / "a"), "--wait", "0.5"],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 2
    assert proc.stderr.strip().startswith("samorzad: error: no crawl was published")
    assert "Traceback" not in proc.stderr


def test_unreachable_redis_is_one_line_and_exit_2(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "samorzad_cli", "worker", "--redis",
                           f"redis://127.0.0.1:{_free_port()}/0", "--archive", str(tmp_path / "a")],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 2
    assert proc.stderr.strip().startswith("samorzad: error: cannot reach Redis")
    assert len(proc.stderr.strip().splitlines()) == 1

