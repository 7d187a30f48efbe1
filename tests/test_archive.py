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


def test_torn_closed_file_keeps_its_good_records_and_counts_the_torn_one(tmp_path):
    _write(tmp_path).close()
    path = next(tmp_path.rglob("*.warc.gz"))
    path.write_bytes(path.read_bytes()[:-100])
    stats = {}
    urls = [r.url for r in iter_records(tmp_path, stats=stats)]
    assert urls == [f"https://gmina-x.pl/a/{i}.html" for i in range(3)]  # only a request record lost
    assert stats["corrupt"] == 1 and stats["corrupt_records"][0]["file"] == "gmina-x/20240101T000000Z-0001.warc.gz"


def _member_offsets(path):
    with open(path, "rb") as f:
        it = ArchiveIterator(f)
        out = []
        for record in it:
            it.read_to_end(record)
            out.append((record.rec_type, it.get_record_offset(), it.get_record_length()))
    return out


def test_a_corrupt_member_is_skipped_with_its_offset_and_the_rest_is_read(tmp_path):
    _write(tmp_path, n=4).close()
    path = next(tmp_path.rglob("*.warc.gz"))
    members = _member_offsets(path)
    _, offset, length = [m for m in members if m[0] == "response"][1]  # the second page
    data = bytearray(path.read_bytes())
    data[offset + length // 2: offset + length // 2 + 16] = b"\xff" * 16  # bit rot in the middle
    path.write_bytes(bytes(data))
    stats = {}
    urls = [r.url for r in iter_records(tmp_path, stats=stats)]
    assert urls == [f"https://gmina-x.pl/a/{i}.html" for i in (0, 2, 3)]
    assert stats["corrupt"] == 1
    assert stats["corrupt_records"] == [{"file": "gmina-x/20240101T000000Z-0001.warc.gz", "offset": offset,
                                         "error": stats["corrupt_records"][0]["error"]}]
    assert stats["quarantined"] == []


def test_a_file_that_cannot_be_read_at_all_is_quarantined_not_fatal(tmp_path):
    _write(tmp_path, n=2).close()
    junk = tmp_path / "gmina-x" / "20230101T000000Z-0001.warc.gz"
    junk.write_bytes(b"<html>not a WARC file at all</html>" * 50)
    stats = {}
    urls = [r.url for r in iter_records(tmp_path, stats=stats)]
    assert urls == ["https://gmina-x.pl/a/0.html", "https://gmina-x.pl/a/1.html"]
    assert [q["file"] for q in stats["quarantined"]] == ["gmina-x/20230101T000000Z-0001.warc.gz"]
    assert not junk.exists()
    assert (tmp_path / "quarantine" / "gmina-x" / junk.name).exists()  # kept for a human
    stats = {}
    assert len(list(iter_records(tmp_path, stats=stats))) == 2 and stats["quarantined"] == []


def test_unknown_kind_is_refused(tmp_path):
    with pytest.raises(ValueError):
        WarcWriter(tmp_path, "x").write("https://x.pl/", 200, [], b"", kind="page")
