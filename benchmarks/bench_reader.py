"""What the readers' additions cost: SQLite export with and without the lemma index and the
fact sentences, and a lemma search against a plain FTS5 search, on one synthetic dataset.

    python benchmarks/bench_reader.py 10000

Pages and facts come from benchmarks/bench_build.py's synthesiser (the extractors are not
what is measured); both exports and all searches run in this one process, one after the
other, so the ratios compare like with like. Prints a Markdown table for docs/benchmarks.md.
"""
from __future__ import annotations

import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

QUERIES = ["samorządów", "współpracy", "spotkanie", "Ministerstwo"]


def timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def main(n_pages: int) -> None:
    import transform.evidence as ev
    from bench_build import synth_work_dir
    from transform.build import build_from_work
    from transform.export import export
    from transform.search import match_expression

    with tempfile.TemporaryDirectory() as tmp:
        work, ds = Path(tmp) / "work", Path(tmp) / "ds"
        synth_work_dir(work, n_pages)
        build_from_work(work, ds)
        real = ev.add_reader_tables
        ev.add_reader_tables = lambda con: None  # the export as it was before issue 12
        _, plain = timed(lambda: export(ds, "sqlite", Path(tmp) / "plain.sqlite"))
        ev.add_reader_tables = real
        _, full = timed(lambda: export(ds, "sqlite", Path(tmp) / "full.sqlite"))
        sizes = [(Path(tmp) / f).stat().st_size / 2**20 for f in ("plain.sqlite", "full.sqlite")]
        con = sqlite3.connect(Path(tmp) / "full.sqlite")
        con.create_function("lemma_match", 1, match_expression)
        rows = []
        for q in QUERIES:
            (old,), t_old = timed(lambda: con.execute(
                "SELECT count(*) FROM pages_fts WHERE pages_fts MATCH ?", (f'"{q}"',)).fetchone())
            (new,), t_new = timed(lambda: con.execute(
                "SELECT count(*) FROM pages_lemma_fts WHERE pages_lemma_fts MATCH lemma_match(?)",
                (q,)).fetchone())
            rows.append((q, old, new, t_old * 1000, t_new * 1000))
    print(f"| pages | plain export (s) | with lemma index + sentences (s) | ratio | "
          f"size plain / full (MB) |\n| ---: | ---: | ---: | ---: | ---: |\n"
          f"| {n_pages:,} | {plain:.1f} | {full:.1f} | {full / plain:.2f} | "
          f"{sizes[0]:.0f} / {sizes[1]:.0f} |\n")
    print("| query | pages, form as typed (FTS5) | pages, any form (lemma) | ms FTS5 | ms lemma |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for q, old, new, t_old, t_new in rows:
        print(f"| {q} | {old:,} | {new:,} | {t_old:.1f} | {t_new:.1f} |")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
