"""The `samorzad` command: thin verbs over the library.

Each verb calls one library function a notebook can call too; library errors become one
line on stderr and exit status 2 (bad input) — never a traceback (set SAMORZAD_DEBUG=1
to see one).
"""
from __future__ import annotations

import functools
import json
import os
import sys
from pathlib import Path

import click

DEFAULT_OUT = Path("datasets/samorzad")
USAGE_ERRORS = (FileNotFoundError, NotADirectoryError, IsADirectoryError, PermissionError, ValueError)


def _user_error_types() -> tuple[type[BaseException], ...]:
    """Exception classes of the library that mean "bad input", imported lazily."""
    types: list[type[BaseException]] = list(USAGE_ERRORS)
    for module, name in (("spiders.sources", "SourcesError"), ("transform.pipeline", "RunError"),
                         ("transform.schema", "TransformError"),
                         ("transform.validate", "ValidationError"), ("extract.evaluate", "EvaluationError")):
        try:
            mod = __import__(module, fromlist=[name])
            cls = getattr(mod, name, None)
            if isinstance(cls, type) and issubclass(cls, BaseException):
                types.append(cls)
        except Exception:  # a stage not installed yet must not break the CLI
            continue
    return tuple(types)


def one_line_errors(func):
    """Turn library exceptions into `samorzad: error: ...` and a non-zero exit."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        if os.environ.get("SAMORZAD_DEBUG"):
            return func(*args, **kwargs)
        try:
            return func(*args, **kwargs)
        except (click.exceptions.Exit, click.ClickException, click.Abort, KeyboardInterrupt):
            raise
        except BrokenPipeError:  # `samorzad facts ... | head`: the reader left, not an error
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(0)
        except Exception as exc:  # noqa: BLE001 - the point is one line, not a traceback
            msg = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            if isinstance(exc, _user_error_types()):
                click.echo(f"samorzad: error: {msg}", err=True)
                sys.exit(2)
            click.echo(f"samorzad: internal error: {type(exc).__name__}: {msg} "
                       "(SAMORZAD_DEBUG=1 shows the traceback)", err=True)
            sys.exit(1)

    return wrapper


def _bundled_sources() -> Path:
    from spiders.sources import BUNDLED_SOURCES

    return BUNDLED_SOURCES


sources_option = click.option(
    "--sources", "sources_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
    help="Sources file (TOML, one [[source]] table per site). Default: the bundled spiders/sources.toml.")
out_option = click.option(
    "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_OUT, show_default=True,
    help="Dataset folder the Parquet tables are written to.")
archive_in_option = click.option(
    "--archive", "archive_dir", type=click.Path(exists=True, file_okay=False, path_type=Path), required=True,
    help="Archive folder written by `samorzad crawl`.")
quiet_option = click.option("--quiet", "-q", is_flag=True, help="No progress bars; only errors and the summary.")


def _archive_default(out_dir: Path, archive: Path | None) -> Path:
    return archive if archive is not None else out_dir / "archive"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="samorzad")
def cli() -> None:
    """samorzad: Polish local-government cooperation news -> a checkable dataset.

    \b
    Stages:  crawl (sites -> WARC archive) -> extract (archive -> facts)
             -> build (facts -> Parquet tables).  `run` does all three.
    Every fact keeps its page and the character offsets of its evidence.
    """


@cli.command()
@sources_option
@click.option("--archive", "archive_dir", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Archive folder: gzip WARC files and the crawl state are written here.")
@click.option("--max-pages", type=click.IntRange(min=1), default=None, help="Cap on pages fetched per source.")
@quiet_option
@one_line_errors
def crawl(sources_path, archive_dir, max_pages, quiet):
    """Fetch the news pages of every source into a WARC archive.

    Obeys robots.txt, stays on each source's domain, never fetches a URL twice in a run;
    every response is archived before anything is parsed.
    """
    from spiders.sources import load_sources

    sources = load_sources(sources_path or _bundled_sources())
    from spiders.crawl import crawl as do_crawl

    stats = do_crawl(sources, archive_dir, max_pages=max_pages, progress=not quiet)
    click.echo(_summary("crawl", stats), err=True)


@cli.command()
@archive_in_option
@out_option
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True,
              help="Extract in this many local processes (one per core is a good choice).")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Run the extraction on a Dask cluster instead, e.g. tcp://10.0.0.5:8786; "
                   "its workers must see the archive at the same path.")
@quiet_option
@one_line_errors
def extract(archive_dir, out_dir, jobs, scheduler, quiet):
    """Extract main text and facts from the archived articles (no network).

    Only responses not extracted before (by content digest) are processed; results are
    cached under the dataset folder for `build`. With --jobs or --scheduler the work is
    spread over processes or machines; the cache is byte for byte the same.
    """
    from transform.batch import extract_archive

    from transform.build import WORK_DIR

    if scheduler and jobs > 1:
        from transform.schema import TransformError
        raise TransformError("--jobs and --scheduler exclude each other (the cluster's "
                             "workers set the parallelism)")
    stats = extract_archive(archive_dir, Path(out_dir) / WORK_DIR, progress=not quiet,
                            jobs=jobs, scheduler=scheduler)
    click.echo(_summary("extract", stats), err=True)


@cli.command()
@archive_in_option
@out_option
@quiet_option
@one_line_errors
def build(archive_dir, out_dir, quiet):
    """Write the Parquet tables (pages, facts, ...) from the archive, atomically.

    Extracts whatever was not extracted yet, so `build` alone is enough after `crawl`.
    """
    from transform.build import build as do_build

    result = do_build(archive_dir, out_dir, progress=not quiet)
    click.echo(_summary("build", result), err=True)


@cli.command()
@sources_option
@out_option
@click.option("--archive", "archive_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Archive folder. Default: OUT/archive.")
@click.option("--max-pages", type=click.IntRange(min=1), default=None, help="Cap on pages fetched per source.")
@quiet_option
@click.option("--log-json", is_flag=True,
              help="Machine-readable: no progress bars, the run manifest as one JSON line on stdout.")
@one_line_errors
def run(sources_path, out_dir, archive_dir, max_pages, quiet, log_json):
    """Crawl, extract and build in one go (the nightly job).

    Takes a lock so two runs never overlap and appends a manifest line to OUT/runs.jsonl.
    Exit status: 0 when the run completed (failed pages are counted in the manifest),
    2 when it could not run (bad sources, lock held), 1 on an internal error.
    """
    from transform.pipeline import run as do_run

    manifest = do_run(sources_path or _bundled_sources(), out_dir,
                      archive_dir=_archive_default(out_dir, archive_dir), max_pages=max_pages,
                      progress=not (quiet or log_json))
    if log_json:
        from dataclasses import asdict

        click.echo(json.dumps(asdict(manifest), ensure_ascii=False, default=str))
        return
    crawled = manifest.crawl or {}
    if crawled.get("requests") and not crawled.get("responses"):
        click.echo(f"samorzad: warning: none of {crawled['requests']} requests got an answer "
                   "(no network, or every site down?); see the crawl log in the archive", err=True)
    click.echo(f"run {manifest.status}: {len(manifest.sources)} sources; "
               f"{_summary('crawl', manifest.crawl)}; {_summary('build', manifest.build)}", err=True)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--pretty", is_flag=True, help="Indent the JSON (one record per block instead of JSON Lines).")
@one_line_errors
def facts(paths, pretty):
    """Print one facts record per input file as JSON Lines.

    .html/.htm files are read as HTML, anything else as plain page text; a directory
    stands for the files in it (sorted). `path` in each record is the path as given.
    The format is that of the evaluation's ANNOTATION.md: projects, dates, funders,
    programmes, participants, places, amounts — each with its evidence offsets.
    """
    from extract.facts import facts_for_file

    failed = 0
    for path in _expand(paths):
        try:
            record = facts_for_file(path)
        except (OSError, UnicodeError, ValueError) as exc:  # one bad file: warn, count, go on
            failed += 1
            click.echo(f"samorzad: warning: {path}: {exc}", err=True)
            continue
        click.echo(json.dumps(record, ensure_ascii=False, indent=2 if pretty else None))
    if failed:
        click.echo(f"samorzad: error: {failed} file(s) could not be read", err=True)
        sys.exit(2)


def _expand(paths) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files.extend(sorted(f for f in p.iterdir() if f.is_file() and not f.name.startswith(".")))
        elif p.is_file():
            files.append(p)
        else:
            raise FileNotFoundError(f"no such file or directory: {p}")
    return files


@cli.command()
@click.option("--gold", "gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path), required=True,
              help="Folder of gold records (*.json), as in the evaluation's ANNOTATION.md.")
@click.option("--pred", "pred_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Predictions, JSON Lines (e.g. the output of `samorzad facts`).")
@click.option("--pages", "pages_dir", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Run `facts` on these pages instead of reading --pred.")
@click.option("--show-errors", is_flag=True, help="List false positives and false negatives.")
@click.option("--json", "as_json", is_flag=True, help="Print the whole result as JSON.")
@one_line_errors
def evaluate(gold_dir, pred_file, pages_dir, show_errors, as_json):
    """Score facts against gold records: per-field P/R/F1 and core F1.

    Same rules and table as the shared scorer: names match after normalisation or at
    difflib ratio >= 0.9 (aliases count), dates by start/end, amounts within 0.5 %.
    """
    from extract import evaluate as ev

    if bool(pred_file) == bool(pages_dir):
        raise click.UsageError("give exactly one of --pred FILE or --pages DIR")
    gold = ev.load_gold(gold_dir)
    if pred_file:
        preds = ev.load_predictions(pred_file)
    else:
        from extract.facts import facts_for_file

        preds = {Path(f).stem: facts_for_file(f) for f in _expand([pages_dir])}
    result = ev.score(gold, preds)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        click.echo(ev.format_report(result, show_errors=show_errors))


@cli.command()
@sources_option
@one_line_errors
def sources(sources_path):
    """List and validate a sources file.

    Prints one line per source; reports every problem (unknown keys, bad regexes,
    duplicate ids, missing keys) and exits 2 if there is any.
    """
    from spiders.sources import check_sources, load_sources

    path = sources_path or _bundled_sources()
    if not Path(path).is_file():
        raise FileNotFoundError(f"no such sources file: {path}")
    problems = check_sources(path)
    if problems:
        for line in problems:
            click.echo(f"{path}: {line}", err=True)
        click.echo(f"samorzad: error: {len(problems)} problem(s) in {path}", err=True)
        sys.exit(2)
    for s in load_sources(path):
        click.echo(f"{s.id:<28} {s.kind:<12} {s.name}  [{len(s.start_urls)} start, {len(s.allow)} allow]")


@cli.command()
@click.argument("sql")
@click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_OUT,
              show_default=True, help="Dataset folder; each table is a view named after it.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@one_line_errors
def query(sql, data_dir, fmt):
    """Run SQL (DuckDB) over the dataset's tables.

    \b
    Example: samorzad query "select name, count(*) from fundings group by 1"
    """
    from transform.query import query as do_query

    df = do_query(data_dir, sql)
    if fmt == "csv":
        click.echo(df.to_csv(index=False), nl=False)
    elif fmt == "json":
        click.echo(df.to_json(orient="records", force_ascii=False, lines=True), nl=False)
    else:
        import pandas as pd

        with pd.option_context("display.max_rows", 200, "display.max_columns", 50, "display.width", 200):
            click.echo(df.to_string(index=False))


@cli.command()
@click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_OUT,
              show_default=True, help="Dataset folder.")
@click.option("--format", "fmt", type=click.Choice(["csv", "sqlite"]), required=True,
              help="csv: one file per table in the folder TO; sqlite: one database file TO.")
@click.option("--to", "target", type=click.Path(path_type=Path), required=True, help="Where to write.")
@one_line_errors
def export(data_dir, fmt, target):
    """Export the dataset as CSV files or a SQLite database.

    CSV cells starting with = + - @ are neutralised against spreadsheet formula
    injection; SQLite gets foreign keys, indexes and full-text search over page text.
    """
    from transform.export import export as do_export

    written = do_export(data_dir, fmt, target)
    click.echo(f"exported to {written or target}", err=True)


def _summary(stage: str, stats) -> str:
    """One line of the figures a user looks at first (row counts, new/failed pages)."""
    if stats is None:
        return f"{stage}: done"
    from transform.pipeline import as_dict

    data = as_dict(stats)
    flat = dict(data.get("rows") or {})  # build: rows per table first
    flat.update((k, v) for k, v in data.items()
                if isinstance(v, (int, float, str)) and not isinstance(v, bool) and k not in ("run_id", "version"))
    for key in ("dropped", "faults", "errors"):
        if isinstance(data.get(key), (list, dict)) and data[key]:
            flat[key] = len(data[key]) if isinstance(data[key], list) else sum(
                v for v in data[key].values() if isinstance(v, int))
    return f"{stage}: " + ", ".join(f"{k}={v}" for k, v in list(flat.items())[:14])


def main() -> None:
    cli(prog_name="samorzad")


if __name__ == "__main__":
    main()
