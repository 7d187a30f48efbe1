"""`samorzad demo`: a full dataset, a report and a database from pages shipped in the package.

A newcomer without network (or before a first crawl) gets real output in one command. The
pages under `transform/data/demo/` were written for the project: fictional local
governments reporting on cooperation projects, in three site styles (semantic HTML5, CMS
div soup, an old table layout in windows-1250). They are written into a WARC archive the
way the crawler would have, and the ordinary build runs on it — nothing is special-cased.

    demo("datasets/demo")  -> archive/, the Parquet tables, report.html, samorzad.sqlite
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from transform.schema import TransformError

DEMO_RUN = "demo"  # fixed run id: the same pages give the same archive file names


class DemoError(TransformError):
    """The demo cannot be written where asked (the folder already holds something)."""


@dataclass
class DemoResult:
    out_dir: Path
    pages: int
    rows: dict
    report: Path
    database: Path


def demo_pages() -> list[dict]:
    """The manifest of shipped pages, each with its `body` bytes."""
    root = resources.files("transform") / "data" / "demo"
    pages = tomllib.loads((root / "pages.toml").read_text(encoding="utf-8"))["page"]
    for p in pages:
        p["body"] = (root / p["file"]).read_bytes()
    return pages


def write_archive(archive_dir: Path, pages: list[dict]) -> Path:
    """The pages as the crawler would have archived them (one WARC file per source)."""
    from spiders.archive import WarcWriter

    by_source: dict[str, list[dict]] = {}
    for p in pages:
        by_source.setdefault(p["source"], []).append(p)
    for source, items in sorted(by_source.items()):
        with WarcWriter(archive_dir, source, run_id=DEMO_RUN) as w:
            for p in items:
                w.write(p["url"], 200, [("Content-Type", p["content_type"])], p["body"],
                        kind="article", fetched_at=p["fetched_at"])
    return archive_dir


def demo(out_dir: str | Path, progress: bool = False) -> DemoResult:
    """Build the demo dataset in `out_dir` (which must be new or empty), with its report
    (`report.html`) and SQLite database (`samorzad.sqlite`) beside the tables."""
    from transform.build import build
    from transform.export import export
    from transform.io import resolve_dataset
    from transform.report import write_report

    out = Path(out_dir)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise DemoError(f"{out} already exists and is not empty; give a new folder with --out "
                        "(the demo never overwrites)")
    pages = demo_pages()
    archive = write_archive(out / "archive", pages)
    result = build(archive, out, progress=progress)
    data = resolve_dataset(out)
    report = write_report(data, out / "report.html")
    database = export(data, "sqlite", out / "samorzad.sqlite")
    return DemoResult(out, len(pages), dict(result.rows), report, Path(database))
