"""The `samorzad` command: thin verbs over the library.

Each verb calls one library function a notebook can call too. Every failure is one line
on stderr, `samorzad: error: ...` (or `samorzad: internal error: ...` for a bug), never
a traceback (set SAMORZAD_DEBUG=1 to see one), with a documented exit status.
"""
from __future__ import annotations

import contextlib
import errno
import functools
import json
import logging
import os
import sys
import types
from pathlib import Path

import click

DEFAULT_OUT = Path("datasets/samorzad")
USAGE_ERRORS = (FileNotFoundError, NotADirectoryError, IsADirectoryError, PermissionError, ValueError)

EXIT_OK, EXIT_INTERNAL, EXIT_USAGE, EXIT_UNHEALTHY, EXIT_SYSTEM = 0, 1, 2, 3, 4
EXIT_CODES = """\b
Exit status:
  0  success
  1  internal error (a bug; SAMORZAD_DEBUG=1 shows the traceback)
  2  bad input or cannot start: bad option, missing path, permission denied,
     unreadable input, a lock held by another samorzad process
  3  the run finished but is unhealthy: it fetched nothing, too many pages
     failed, or a source answered nothing for several runs (see runs.jsonl)
  4  the system refused: disk full, quota, read-only file system, I/O error"""
_SYSTEM_ERRNOS = {errno.ENOSPC: "disk full (no space left on device)", errno.EDQUOT: "disk quota exceeded",
                  errno.EROFS: "read-only file system", errno.EIO: "I/O error"}
_USER_ERRNOS = {errno.EACCES: "permission denied", errno.EPERM: "permission denied",
                errno.ENOENT: "no such file or directory", errno.ENOTDIR: "not a directory",
                errno.EISDIR: "is a directory", errno.EEXIST: "already exists",
                errno.ENOTEMPTY: "directory not empty"}
_DISK_FULL_WORDS = ("no space left on device", "database or disk is full", "disk quota exceeded")


def _user_error_types() -> tuple[type[BaseException], ...]:
    """Exception classes of the library that mean "bad input", imported lazily."""
    types: list[type[BaseException]] = list(USAGE_ERRORS)
    for module, name in (("spiders.sources", "SourcesError"), ("spiders.distributed", "DistributedError"),
                         ("transform.pipeline", "RunError"),
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


def _chain(exc: BaseException):
    seen = 0
    while exc is not None and seen < 8:
        yield exc
        exc = exc.__cause__ or exc.__context__
        seen += 1


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def classify(exc: BaseException) -> tuple[int, str]:
    """(exit status, one-line message) for an exception that ended a verb."""
    for e in _chain(exc):  # the system's refusals, however deep the library wrapped them
        if isinstance(e, OSError) and e.errno in _SYSTEM_ERRNOS:
            where = f": {e.filename}" if e.filename else ""
            return EXIT_SYSTEM, f"{_SYSTEM_ERRNOS[e.errno]}{where}"
        if any(w in str(e).lower() for w in _DISK_FULL_WORDS):
            return EXIT_SYSTEM, f"disk full: {_first_line(e)}"
    for e in _chain(exc):
        if isinstance(e, OSError) and e.errno in _USER_ERRNOS and e.filename:
            return EXIT_USAGE, f"{_USER_ERRNOS[e.errno]}: {e.filename}"
    if isinstance(exc, _user_error_types()):
        return EXIT_USAGE, _first_line(exc)
    return EXIT_INTERNAL, f"{type(exc).__name__}: {_first_line(exc)}"


def fail(code: int, message: str) -> None:
    """Print the one line of a failure and exit with `code`."""
    message = " ".join(message.split())  # one line, whatever the message held
    label = "internal error" if code == EXIT_INTERNAL else "error"
    hint = " (SAMORZAD_DEBUG=1 shows the traceback)" if code == EXIT_INTERNAL else ""
    click.echo(f"samorzad: {label}: {message}{hint}", err=True)
    sys.exit(code)


def one_line_errors(func):
    """Turn exceptions into `samorzad: error: ...` and the documented exit status."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        if kwargs.get("quiet"):  # nothing but the failure line: library warnings too
            logging.disable(logging.ERROR)
        try:
            return func(*args, **kwargs)
        except (click.exceptions.Exit, click.ClickException, click.Abort, KeyboardInterrupt):
            raise
        except BrokenPipeError:  # `samorzad facts ... | head`: the reader left, not an error
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(0)
        except Exception as exc:  # noqa: BLE001 - the point is one line, not a traceback
            if os.environ.get("SAMORZAD_DEBUG"):
                raise
            fail(*classify(exc))
        finally:
            logging.disable(logging.NOTSET)

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
quiet_option = click.option("--quiet", "-q", is_flag=True,
                            help="Print nothing on success; one line on failure (for cron).")
keep_builds_option = click.option(
    "--keep-builds", type=click.IntRange(min=1), default=3, show_default=True,
    help="Complete builds kept under OUT/builds/ (the current one included).")


def _archive_default(out_dir: Path, archive: Path | None) -> Path:
    return archive if archive is not None else out_dir / "archive"


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, epilog=EXIT_CODES)
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
@click.option("--workers-from", "redis_url", metavar="redis://HOST:PORT/DB", default=None,
              help="Distributed crawl: publish this crawl in Redis and work on it together with every "
                   "`samorzad worker` pointed at the same Redis (shared frontier, seen-set and per-host "
                   "politeness). Default: crawl alone in this process.")
@quiet_option
@one_line_errors
def crawl(sources_path, archive_dir, max_pages, redis_url, quiet):
    """Fetch the news pages of every source into a WARC archive.

    Obeys robots.txt (RFC 9309: a robots.txt answering 5xx, 429 or not at all means
    nothing of that site is fetched this run), stays on each source's domain, never fetches a URL
    twice in a run; every response is archived before anything is parsed. Holds the
    archive's lock, so no other samorzad verb writes to the same archive meanwhile.
    With --workers-from the crawl is shared by several processes (docs/operations.md);
    the summary counts them all.
    """
    from spiders.sources import load_sources

    sources = load_sources(sources_path or _bundled_sources())
    from transform.pipeline import hold

    settings = _crawl_settings_from_env()
    Path(archive_dir).mkdir(parents=True, exist_ok=True)
    with hold(archive_dir, verb="crawl") as fds:
        if redis_url:
            from spiders.distributed import coordinate

            stats = coordinate(sources, archive_dir, redis_url, max_pages=max_pages,
                               progress=not quiet, settings=settings)
        else:
            from spiders.crawl import crawl as do_crawl

            stats = do_crawl(sources, archive_dir, max_pages=max_pages, progress=not quiet,
                             settings=settings, inherit_fds=fds)
    _report(quiet, _summary("crawl", stats))


@cli.command()
@click.option("--redis", "redis_url", metavar="redis://HOST:PORT/DB", required=True,
              help="The Redis a `samorzad crawl --workers-from` publishes its crawl in.")
@click.option("--archive", "archive_dir", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Archive folder of this worker (may be shared with other workers: WARC file "
                   "names carry the worker id).")
@click.option("--wait", type=click.FloatRange(min=0), default=300, show_default=True,
              help="Seconds to wait for a crawl to be published.")
@quiet_option
@one_line_errors
def worker(redis_url, archive_dir, wait, quiet):
    """Work on the distributed crawl published in Redis, then exit.

    Takes requests from the shared frontier, keeps every host's delay together with all
    other workers, archives what it fetches into its own WARC files, and exits when no
    worker has anything left to do.
    """
    from spiders.distributed import work

    stats = work(archive_dir, redis_url, wait=wait, progress=not quiet)
    _report(quiet, _summary("worker", stats))


def _crawl_settings_from_env() -> dict | None:
    """SAMORZAD_CRAWL_SETTINGS: Scrapy settings as a JSON object (as for `run`)."""
    raw = os.environ.get("SAMORZAD_CRAWL_SETTINGS")
    if not raw:
        return None
    try:
        value = json.loads(raw)
    except ValueError as exc:
        raise ValueError(f"SAMORZAD_CRAWL_SETTINGS is not JSON: {exc}") from exc
    if not isinstance(value, dict):
        raise ValueError("SAMORZAD_CRAWL_SETTINGS must be a JSON object of Scrapy settings")
    return value


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
    spread over processes or machines; the cache is byte for byte the same. Corrupt archive
    records are skipped (counted); a WARC file that cannot be read at all is moved to
    ARCHIVE/quarantine/.
    """
    from transform.batch import extract_archive

    from transform.build import WORK_DIR
    from transform.pipeline import hold

    if scheduler and jobs > 1:
        from transform.schema import TransformError
        raise TransformError("--jobs and --scheduler exclude each other (the cluster's "
                             "workers set the parallelism)")
    with hold(archive_dir, out_dir, verb="extract"):
        stats = extract_archive(archive_dir, Path(out_dir) / WORK_DIR, progress=not quiet,
                                jobs=jobs, scheduler=scheduler, freeze=True)
    _report(quiet, _summary("extract", stats))


@cli.command()
@archive_in_option
@out_option
@keep_builds_option
@quiet_option
@one_line_errors
def build(archive_dir, out_dir, keep_builds, quiet):
    """Write the Parquet tables (pages, facts, ...) from the archive, atomically.

    Extracts whatever was not extracted yet, so `build` alone is enough after `crawl`.
    The new build goes to OUT/builds/<build_id>/ and OUT/current is switched to it in
    one step: readers see the old dataset or the new one, never a mix.
    """
    from transform.build import build as do_build
    from transform.pipeline import hold

    with hold(archive_dir, out_dir, verb="build"):
        result = do_build(archive_dir, out_dir, progress=not quiet, keep_builds=keep_builds)
    _report(quiet, _summary("build", result))


def _report(quiet: bool, line: str) -> None:
    """A verb's summary line on stderr, unless --quiet (cron mails any output)."""
    if not quiet:
        click.echo(line, err=True)


@cli.command(epilog=EXIT_CODES)
@sources_option
@out_option
@click.option("--archive", "archive_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Archive folder. Default: OUT/archive.")
@click.option("--max-pages", type=click.IntRange(min=1), default=None, help="Cap on pages fetched per source.")
@click.option("--max-failed-share", type=click.FloatRange(0, 1), default=0.5, show_default=True,
              help="Unhealthy (exit 3) when more than this share of the pages tried failed.")
@click.option("--silent-runs", type=click.IntRange(min=0), default=3, show_default=True,
              help="Unhealthy (exit 3) when a source answered nothing for this many runs in a row "
                   "(0: never).")
@keep_builds_option
@quiet_option
@click.option("--log-json", is_flag=True,
              help="Machine-readable: no progress bars, the run manifest as one JSON line on stdout.")
@one_line_errors
def run(sources_path, out_dir, archive_dir, max_pages, max_failed_share, silent_runs, keep_builds,
        quiet, log_json):
    """Crawl, extract and build in one go (the nightly job).

    Holds the locks of the dataset folder and the archive, so no two samorzad processes
    write to either at once, and appends a manifest line to OUT/runs.jsonl (figures,
    every failed page with its reason, robots.txt outcomes, skipped archive records).
    A run that fetched nothing, in which too many pages failed, or in which a source
    stayed silent for --silent-runs runs is unhealthy: one line on stderr, exit 3.
    """
    from transform.pipeline import run as do_run

    manifest = do_run(sources_path or _bundled_sources(), out_dir,
                      archive_dir=_archive_default(out_dir, archive_dir), max_pages=max_pages,
                      progress=not (quiet or log_json), max_failed_share=max_failed_share,
                      silent_runs=silent_runs, keep_builds=keep_builds)
    if log_json:
        from dataclasses import asdict

        click.echo(json.dumps(asdict(manifest), ensure_ascii=False, default=str))
    elif not quiet:
        click.echo(f"run {manifest.status}: {len(manifest.sources)} sources; "
                   f"{_summary('crawl', manifest.crawl)}; {_summary('build', manifest.build)}", err=True)
    if manifest.problems:
        more = f" (+{len(manifest.problems) - 1} more)" if len(manifest.problems) > 1 else ""
        fail(EXIT_UNHEALTHY, f"run unhealthy: {manifest.problems[0]}{more}; "
                             f"see {Path(out_dir) / 'runs.jsonl'}")


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--pretty", is_flag=True, help="Indent the JSON (one record per block instead of JSON Lines).")
@one_line_errors
def facts(paths, pretty):
    """Print one facts record per input file as JSON Lines.

    .html/.htm files are read as HTML, anything else as plain page text; both are
    decoded alike (byte-order mark, declared charset, then detection: windows-1250 and
    ISO-8859-2 told apart by which gives Polish). A directory stands for the files in it
    (sorted). `path` in each record is the path as given. Empty or binary files, and
    directories without files, are refused (one line each, exit 2).
    The format is that of the evaluation's ANNOTATION.md: projects, dates, funders,
    programmes, participants, places, amounts — each with its evidence offsets.
    """
    from extract.facts import facts_for_file, freeze_loaded

    worst = 0
    for n, path in enumerate(_expand(paths)):
        if n == 1:
            freeze_loaded()  # the first file loaded the rules and tables: out of the GC's way
        try:
            record = facts_for_file(path)
        except (OSError, UnicodeError, ValueError) as exc:  # one bad file: say so, go on
            code, message = classify(exc)
            worst = max(worst, code)
            click.echo(f"samorzad: error: {message if str(path) in message else f'{path}: {message}'}",
                       err=True)
            continue
        click.echo(json.dumps(record, ensure_ascii=False, indent=2 if pretty else None))
    if worst:
        sys.exit(worst)


def _expand(paths) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            found = sorted(f for f in p.iterdir() if f.is_file() and not f.name.startswith("."))
            if not found:
                raise ValueError(f"no files in the directory {p}")
            files.extend(found)
        elif p.is_file():
            files.append(p)
        elif p.exists():
            raise ValueError(f"not a regular file: {p}")
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


QUERY_EXAMPLE = "SELECT source_id, count(*) AS pages FROM pages GROUP BY 1 ORDER BY 2 DESC"


@cli.command()
@click.argument("sql")
@click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_OUT,
              show_default=True, help="Dataset folder; each table is a view named after it.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True,
              help="json: one object per row (JSON Lines), dates as ISO strings.")
@click.option("--unsafe", is_flag=True,
              help="Unrestricted DuckDB: any statement, any file, extensions. Only for SQL you trust.")
@one_line_errors
def query(sql, data_dir, fmt, unsafe):
    """Run one SQL SELECT (DuckDB) over the dataset's tables.

    Sandboxed by default: read-only views over the current build, no other file, no
    network, no extension install or load, no settings changes (--unsafe lifts this).

    \b
    Example:
      samorzad query "SELECT source_id, count(*) AS pages FROM pages GROUP BY 1 ORDER BY 2 DESC"
    """
    from transform.query import execute

    columns, rows = execute(data_dir, sql, unsafe=unsafe)
    if fmt == "json":
        for row in rows:
            click.echo(json.dumps(dict(zip(columns, row)), ensure_ascii=False, default=_json_value))
    elif fmt == "csv":
        import csv
        import io

        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(columns)
        writer.writerows([[_json_value(v) if hasattr(v, "isoformat") else v for v in row] for row in rows])
        click.echo(buf.getvalue(), nl=False)
    else:
        import pandas as pd

        df = pd.DataFrame(rows, columns=columns)
        with pd.option_context("display.max_rows", 200, "display.max_columns", 50, "display.width", 200):
            click.echo(df.to_string(index=False))


def _json_value(value):
    """JSON for what DuckDB returns beyond JSON's types: dates and times as ISO strings."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray)):
        return value.hex()
    return str(value)  # Decimal, UUID, intervals


@cli.command()
@click.option("--data", "data_dir", type=click.Path(file_okay=False, path_type=Path), default=DEFAULT_OUT,
              show_default=True, help="Dataset folder.")
@click.option("--format", "fmt", type=click.Choice(["csv", "sqlite", "xlsx"]), required=True,
              help="csv: one file per table in the folder TO; sqlite: one database file TO; "
                   "xlsx: one Excel workbook TO, a sheet per table.")
@click.option("--bom", is_flag=True, help="CSV: start each file with a UTF-8 byte order mark, so "
              "Excel on Windows shows Polish letters (not needed for xlsx).")
@click.option("--to", "target", type=click.Path(path_type=Path), required=True,
              help="Where to write: a new file (sqlite, xlsx), a new or empty folder (csv).")
@click.option("--force", is_flag=True,
              help="Replace an existing TO: a regular file, or a folder holding only an earlier CSV export.")
@quiet_option
@one_line_errors
def export(data_dir, fmt, bom, target, force, quiet):
    """Export the dataset as CSV files, a SQLite database or an Excel workbook.

    Never overwrites without --force, and never anything but a regular file or an
    earlier CSV export. CSV and xlsx cells a spreadsheet would run as a formula (= + - @,
    their full-width forms, after spaces or line breaks) get a leading '; SQLite gets
    foreign keys, indexes, full-text search over page text by Polish lemma
    (pages_lemma_fts) and every fact's sentence (facts_in_context).
    """
    from transform.export import export as do_export

    if fmt == "xlsx":
        from transform.excel import export_xlsx

        written = export_xlsx(data_dir, target, force=force)
    else:
        written = do_export(data_dir, fmt, target, force=force, bom=bom)
    _report(quiet, f"exported to {written or target}")


@cli.group()
def corpus() -> None:
    """The real-page corpus (datasets/realpages/): rebuild its text cache, score it.

    The manifest and the gold records are in the repository; the page texts are cached
    in ~/.cache/samorzad/realpages/ (SAMORZAD_CACHE replaces ~/.cache/samorzad).
    """


_corpus_root = click.option("--root", type=click.Path(file_okay=False, path_type=Path),
                            default=Path("datasets/realpages"), show_default=True,
                            help="Corpus folder (manifest.jsonl and gold/).")
_corpus_cache = click.option("--cache", type=click.Path(file_okay=False, path_type=Path), default=None,
                             help="Folder of cached page texts (default: see `samorzad corpus --help`).")


def _corpus_bar(root: Path, quiet: bool, split: str | None = None):
    """A progress bar over the manifest's pages (or a no-op one with --quiet)."""
    from transform.corpus import load_manifest

    if quiet:
        return contextlib.nullcontext(types.SimpleNamespace(update=lambda _n: None))
    n = sum(1 for e in load_manifest(root) if split is None or e["split"] == split)
    return click.progressbar(length=n, label="pages", file=sys.stderr)


@corpus.command("fetch")
@_corpus_root
@_corpus_cache
@click.option("--timeout", type=click.FloatRange(min=1), default=30.0, show_default=True, help="Seconds per request.")
@click.option("--delay", type=click.FloatRange(min=0.5), default=2.0, show_default=True,
              help="Least seconds between two requests to one host.")
@quiet_option
@one_line_errors
def corpus_fetch(root, cache, timeout, delay, quiet):
    """Fetch every page not cached yet (robots.txt obeyed, one request per host every
    --delay seconds or its Crawl-delay), take its main text and cache it when its sha256 is
    the manifest's.

    A page whose text is not the annotated one is reported as "changed" (its new text
    goes to CACHE/changed/ for re-annotation, never under the old gold record).

    Exit status 3 when every page failed (no network, say) and none was cached before."""
    from transform.corpus import fetch_corpus

    with _corpus_bar(root, quiet) as bar:
        report = fetch_corpus(root, cache, timeout=timeout, min_delay=delay, progress=lambda _e: bar.update(1))
    for pid in report.changed:
        click.echo(f"changed {pid}")
    for pid, reason in report.failed:
        click.echo(f"failed  {pid}: {reason}")
    click.echo(report.summary(), err=True)
    if report.failed and not (report.cached or report.fetched or report.changed):
        # nothing could be read at all (no network, say): an unhealthy run, as `run`'s status 3
        raise SystemExit(3)


@corpus.command("score")
@_corpus_root
@_corpus_cache
@click.option("--split", type=click.Choice(["tune", "blind"]), default=None,
              help="Only the tuning pages or only the frozen blind set (default: all).")
@click.option("--show-errors", is_flag=True, help="List false positives and false negatives.")
@click.option("--json", "as_json", is_flag=True, help="Print the whole result as JSON.")
@quiet_option
@one_line_errors
def corpus_score(root, cache, split, show_errors, as_json, quiet):
    """Run the facts step on the cached pages and score them: per-field P/R/F1, core F1.

    Pages missing from the cache (or whose cached text changed) are counted and named,
    and left out of the figures. Score the blind split only at the end of a change round."""
    from transform.corpus import format_score, score_corpus

    with _corpus_bar(root, quiet, split) as bar:
        result = score_corpus(root, cache, split, progress=lambda _e: bar.update(1))
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        click.echo(format_score(result, show_errors=show_errors))


@cli.command()
@_corpus_root
@_corpus_cache
@click.option("--split", type=click.Choice(["tune"]), default="tune", show_default=True,
              help="Pages to learn from: the tuning pages only (the blind set is never read).")
@click.option("--cv", "folds", type=click.IntRange(min=2), default=None, metavar="K",
              help="Measure instead of writing: grouped K-fold by site, per-field P/R/F1 with the "
                   "model and with the rules alone, on pages each fold's model never saw.")
@click.option("--out", "out_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Weights file to write (default: the package's extract/data/decide.json).")
@click.option("--force", is_flag=True, help="Replace an existing --out file.")
@quiet_option
@one_line_errors
def train(root, cache, split, folds, out_path, force, quiet):
    """Fit the decision stage of the facts step on the tuning pages of the corpus.

    Every candidate participant and funder (the rules' items and the bodies, towns and
    persons no rule named) is labelled by the scorer's matching against the gold record;
    one logistic model per field, with its threshold chosen on pages of other sites, is
    written atomically as readable JSON (feature -> weight). Two runs on one corpus write
    the same bytes. Needs scikit-learn (pip install 'samorzad[train]')."""
    from transform.train import corpus_examples, cross_validate, format_cv, trainable_pages, weights_target
    from transform.train import train as train_weights

    import importlib.util

    if importlib.util.find_spec("sklearn") is None:
        raise click.UsageError("scikit-learn is not installed: pip install 'samorzad[train]'")
    if out_path is not None and folds is not None:
        raise click.UsageError("--cv measures and writes nothing; it takes no --out")
    if folds is None:
        weights_target(out_path, force)  # bad input fails here, before the bar
    pages = trainable_pages(root, cache, split, folds)
    bar = contextlib.nullcontext(types.SimpleNamespace(update=lambda _n: None)) if quiet else \
        click.progressbar(length=len(pages), label="pages", file=sys.stderr)
    with bar as b:
        if folds is not None:
            report = cross_validate(corpus_examples(pages, progress=lambda _e: b.update(1)), folds)
        else:
            written = train_weights(root, cache, out_path, force=force, pages=pages,
                                    progress=lambda _e: b.update(1))
    if folds is not None:
        click.echo(format_cv(report))
    else:
        _report(quiet, f"weights written to {written}")


data_option = click.option(
    "--data", "data_dir", type=click.Path(exists=True, path_type=Path), default=DEFAULT_OUT,
    show_default=True, help="Dataset folder (or, for serve, an exported .sqlite file).")


@cli.command()
@data_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; 0.0.0.0 makes the database visible to your network.")
@click.option("--port", type=click.IntRange(1, 65535), default=8001, show_default=True)
@one_line_errors
def serve(data_dir, host, port):
    """Browse the dataset in Datasette (read-only) with Polish full-text search.

    \b
    Search any form of a word: /samorzad/search?q=samorządów finds the pages with
    samorząd, samorządu, samorządom ... (also as JSON: /samorzad/search.json?q=...).
    facts_in_context shows every fact's sentence with the evidence highlighted; names of
    organisations and projects open pages listing their roles, fundings, facts and pages.
    A dataset folder is exported to a temporary SQLite file that is removed on exit.
    """
    from transform.serve import serve as do_serve

    if not Path(data_dir).is_file():
        click.echo(f"exporting {data_dir} to a temporary SQLite database with the lemma index "
                   "(for a large dataset, export once and serve the .sqlite file)", err=True)
    do_serve(data_dir, host=host, port=port,
             on_ready=lambda url: click.echo(f"serving {url} (read-only); Ctrl+C stops", err=True))


@cli.command()
@data_option
@click.option("--to", "target", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="HTML file to write, e.g. report.html.")
@click.option("--overwrite", is_flag=True, help="Replace TO if it exists.")
@one_line_errors
def report(data_dir, target, overwrite):
    """Write one self-contained HTML report with plots (works offline, no CDN).

    Projects and activities per year, top funders and programmes by number and amount,
    partner countries, the organisations that cooperate most, coverage by source; every
    plot has its numbers in a table underneath.
    """
    from transform.report import write_report

    click.echo(f"report written to {write_report(data_dir, target, overwrite=overwrite)}", err=True)


@cli.command()
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("datasets/demo"), show_default=True, help="New or empty folder to build the demo in.")
@quiet_option
@one_line_errors
def demo(out_dir, quiet):
    """Build a full dataset offline from sample pages shipped with samorzad.

    30 pages of three fictional local-government sites (written for the project) are
    archived and built like a crawl; the folder gets the tables, report.html and
    samorzad.sqlite. Next: samorzad serve --data OUT.
    """
    from transform.demo import demo as do_demo

    result = do_demo(out_dir, progress=not quiet)
    click.echo(f"demo: {result.pages} pages -> {_summary('build', result)}", err=True)
    click.echo(f"report: {result.report}\ndatabase: {result.database}\n"
               f"next: samorzad serve --data {result.out_dir}", err=True)


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
    """Entry point: click's own usage errors get the one-line format too."""
    try:
        code = cli.main(prog_name="samorzad", standalone_mode=False)
    except click.ClickException as exc:
        where = f" (see `{exc.ctx.command_path} --help`)" if getattr(exc, "ctx", None) else ""
        fail(exc.exit_code if exc.exit_code else EXIT_USAGE, f"{exc.format_message()}{where}")
    except (click.Abort, KeyboardInterrupt):
        fail(130, "interrupted")
    sys.exit(code if isinstance(code, int) else EXIT_OK)


if __name__ == "__main__":
    main()
