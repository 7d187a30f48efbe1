"""WARC archive: what is written reads back byte for byte; a killed writer's torn tail
is skipped, never mistaken for a complete record."""
from __future__ import annotations

import gzip
import hashlib

import pytest
from warcio.archiveiterator import ArchiveIterator

from spiders.archive import WarcWriter, iter_records, recover_open_files

BODY = "<html><body><p>Zażółć gęślą jaźń — umowa partnerska.</p></body></html>".encode("utf-8")


def _write(archive, n=3, **kw):
    writer = WarcWriter(archive, "gmina-x", run_id="20240101T000000Z", **kw)
    for i in range(n):
        writer.write(f"https://gmina-x.pl/a/{i}.html", 200,
                     [("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "gzip"),
                      ("Transfer-Encoding", "chunked"), ("ETag", f'"e{i}"')],
                     BODY + str(i).encode(), kind="article",
                     request_headers=[("User-Agent", "samorzad/0.1")], fetched_at="2024-01-01T10:00:00Z")
    return writer


def test_roundtrip_keeps_body_status_headers_and_provenance(tmp_path):
    _write(tmp_path).close()
    records = list(iter_records(tmp_path))
    assert [r.url for r in records] == [f"https://gmina-x.pl/a/{i}.html" for i in range(3)]
    first = records[0]
    assert first.body == BODY + b"0" and first.status == 200
    assert first.digest == hashlib.sha1(BODY + b"0").hexdigest()
    assert first.source_id == "gmina-x" and first.kind == "article"
    assert first.fetched_at == "2024-01-01T10:00:00Z"
    assert first.headers["content-type"] == "text/html; charset=utf-8" and first.headers["etag"] == '"e0"'
    # the stored body is decompressed, so the transport headers must not claim otherwise
    assert "content-encoding" not in first.headers and "transfer-encoding" not in first.headers
    assert first.headers["content-length"] == str(len(first.body))
    assert first.warc_file == "gmina-x/20240101T000000Z-0001.warc.gz"


def test_offset_points_at_the_record(tmp_path):
    _write(tmp_path).close()
    for rec in iter_records(tmp_path):
        with open(tmp_path / rec.warc_file, "rb") as f:
            f.seek(rec.offset)
            record = next(iter(ArchiveIterator(f)))
            assert record.rec_headers.get_header("WARC-Target-URI") == rec.url
            assert record.content_stream().read() == rec.body


def test_each_record_is_a_gzip_member_with_a_request_record(tmp_path):
    _write(tmp_path).close()
    path = next(tmp_path.rglob("*.warc.gz"))
    assert gzip.decompress(path.read_bytes()).count(b"WARC-Type: request") == 3
    with open(path, "rb") as f:
        types = [r.rec_type for r in ArchiveIterator(f)]
    assert types == ["warcinfo"] + ["response", "request"] * 3


def test_file_is_open_while_written_and_renamed_when_closed(tmp_path):
    writer = _write(tmp_path, n=1)
    assert [p.name for p in (tmp_path / "gmina-x").iterdir()] == ["20240101T000000Z-0001.warc.gz.open"]
    writer.close()
    assert [p.name for p in (tmp_path / "gmina-x").iterdir()] == ["20240101T000000Z-0001.warc.gz"]


def test_rotation_makes_several_closed_files(tmp_path):
    _write(tmp_path, n=5, rotate_bytes=1500).close()
    files = sorted(p.name for p in (tmp_path / "gmina-x").iterdir())
    assert len(files) >= 2 and all(f.endswith(".warc.gz") for f in files)
    assert len(list(iter_records(tmp_path))) == 5


def test_torn_tail_of_open_file_is_counted_and_skipped_then_recovered(tmp_path):
    writer = _write(tmp_path, n=3)
    path = writer._path
    writer._file.close()  # simulate a kill: no rename
    size = path.stat().st_size
    with open(path, "r+b") as f:
        f.truncate(size - 450)  # into the last response record
    stats = {}
    urls = [r.url for r in iter_records(tmp_path, stats=stats)]
    assert urls == ["https://gmina-x.pl/a/0.html", "https://gmina-x.pl/a/1.html"]
    assert stats["truncated"] == 1
    kept = recover_open_files(tmp_path)
    assert [r.url for r in kept] == urls
    assert not list(tmp_path.rglob("*.open"))
    stats = {}
    assert [r.url for r in iter_records(tmp_path, stats=stats)] == urls and stats["truncated"] == 0


def test_torn_closed_file_is_an_error(tmp_path):
    _write(tmp_path).close()
    path = next(tmp_path.rglob("*.warc.gz"))
    path.write_bytes(path.read_bytes()[:-100])
    with pytest.raises(ValueError, match="truncated"):
        list(iter_records(tmp_path))


def test_unknown_kind_is_refused(tmp_path):
    with pytest.raises(ValueError):
        WarcWriter(tmp_path, "x").write("https://x.pl/", 200, [], b"", kind="page")
