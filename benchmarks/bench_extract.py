"""Parallel extraction benchmark: `extract_archive` with 1 and N local processes.

    python benchmarks/bench_extract.py --n 600 --jobs 2 [--repeat 2] [--scheduler tcp://…]

An archive of N generated municipal news pages (`make_pages.py`, spread over four sources)
is extracted from scratch once per setting, alternating the settings `--repeat` times in
one run (the machine is shared: only ratios measured side by side mean anything). Every
run's cache and URL index must be byte-identical to the single-process run's.

The serial part is measured too: a re-run over the same archive with everything cached
costs only what no worker can share (reading the archive for the index, writing it).
With serial share s of the single-process time, N workers can at best give
1 / (s + (1 - s) / N) (Amdahl); the table prints that estimate for more workers. CPU
seconds of all local processes (this one and the pool's workers) are printed beside the
wall clock: on a busy machine a second process may find no free core, and the CPU total
still shows what the parallel run costs over the single one.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def make_archive(root: Path, n: int) -> Path:
    import make_pages
    from spiders.archive import WarcWriter

    archive = root / "archive"
    pages = make_pages.generate(n)
    sources = ["gmina-a", "gmina-b", "powiat-c", "miasto-d"]
    for k, source in enumerate(sources):
        with WarcWriter(archive, source, run_id="bench") as w:
            for i in range(k, n, len(sources)):
                w.write(f"https://{source}.example.pl/aktualnosci/{i}", 200,
                        [("Content-Type", "text/html; charset=utf-8")], pages[i],
                        kind="article", fetched_at="2024-05-01T10:00:00Z")
    return archive


def outputs(work: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(work.iterdir()) if p.is_file()}


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (the pool's workers)."""
    import resource

    return sum(r.ru_utime + r.ru_stime for r in (resource.getrusage(resource.RUSAGE_SELF),
                                                 resource.getrusage(resource.RUSAGE_CHILDREN)))


def timed(archive: Path, work: Path, **kw) -> tuple[float, float]:
    """(wall seconds, CPU seconds of every local process) of one extraction."""
    from transform.batch import extract_archive

    t0, c0 = time.perf_counter(), _cpu()
    extract_archive(archive, work, progress=False, **kw)
    return time.perf_counter() - t0, _cpu() - c0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=600, help="pages in the archive")
    ap.add_argument("--jobs", type=int, default=2, help="local processes to compare with one")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--scheduler", default=None, help="also time a Dask cluster at this address")
    args = ap.parse_args(argv)
    import os

    settings = [("1 process", {}), (f"{args.jobs} processes", {"jobs": args.jobs})]
    if args.scheduler:
        settings.append(("Dask " + args.scheduler, {"scheduler": args.scheduler}))
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        archive = make_archive(tmp, args.n)
        times: dict[str, list[float]] = {name: [] for name, _ in settings}
        cpus: dict[str, list[float]] = {name: [] for name, _ in settings}
        reference = None
        for r in range(args.repeat):
            for name, kw in settings:
                work = tmp / f"work-{r}-{len(times[name])}-{name.split()[0]}"
                wall, cpu = timed(archive, work, **kw)
                times[name].append(wall)
                cpus[name].append(cpu)
                got = outputs(work)
                reference = reference or got
                if got != reference:
                    raise SystemExit(f"{name}: cache or index differs from the first run")
                print(f"{name}: {wall:.1f} s, CPU {cpu:.1f} s", file=sys.stderr)
        serial = timed(archive, tmp / f"work-0-0-1")[0]  # everything cached: the serial part
    one = statistics.median(times["1 process"])
    share = serial / one
    print(f"{args.n} generated pages, {os.cpu_count()} CPUs, load average "
          f"{os.getloadavg()[0]:.1f}; outputs byte-identical across all runs\n")
    one_cpu = statistics.median(cpus["1 process"])
    print("| setting | wall, runs (s) | wall median (s) | wall speed-up | CPU, all local processes (s) | CPU vs 1 process |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for name, ts in times.items():
        med, cpu = statistics.median(ts), statistics.median(cpus[name])
        print(f"| {name} | {' / '.join(f'{t:.1f}' for t in ts)} | {med:.1f} | {one / med:.2f}× | "
              f"{cpu:.1f} | {cpu / one_cpu:.2f}× |")
    print(f"\nserial part (re-run, all cached): {serial:.2f} s = {share:.1%} of one process")
    print("| workers | Amdahl bound |\n| ---: | ---: |")
    for n in (2, 4, 8, 16, 32, 64):
        print(f"| {n} | {1 / (share + (1 - share) / n):.1f}× |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
