"""Build benchmark: facts of N synthetic pages -> the whole dataset; time and peak RSS.

    python benchmarks/bench_build.py 10000 100000

Each size runs in a fresh process (so peak RSS is that build's own). The extraction
cache and URL index that `extract_archive` would leave are synthesised directly (the
extractors are not what is measured), then `transform.build.build_from_work` streams
pages and facts into Parquet, resolves entities, validates and writes the data card.
Results are printed as a Markdown table for docs/dataset.md.
"""
from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GMINY = ["Lipno", "Baranów", "Sędziszów", "Kielce", "Opole", "Rzeszów", "Lublin", "Tarnów",
         "Busko-Zdrój", "Sandomierz", "Końskie", "Jędrzejów", "Pińczów", "Staszów", "Kazimierza"]
HEADS = [("Gmina {}", "Gminy {}"), ("Urząd Miasta {}", "Urzędu Miasta {}"),
         ("Starostwo Powiatowe w {}", "Starostwa Powiatowego w {}"),
         ("Fundacja Rozwoju {}", "Fundacji Rozwoju {}"), ("Stowarzyszenie Przyjaciół {}", "Stowarzyszenia Przyjaciół {}")]
FUNDERS = ["Ministerstwo Spraw Zagranicznych", "MSZ", "Ministerstwa Spraw Zagranicznych RP",
           "Unia Europejska", "Europejski Fundusz Społeczny", "Fundacja Batorego", "Bank Światowy"]
KINDS = ["project", "seminar", "training", "study_visit", "conference"]
ROLES = ["organizer", "partner", "participant", "host", "trainer"]
SENT = "W ramach współpracy samorządów odbyło się spotkanie poświęcone wymianie doświadczeń. "


def synth_page(n: int, rng: random.Random) -> tuple[dict, dict]:
    """(index row, cache entry) for synthetic page n: text with facts at true offsets."""
    parts, items = [], {f: [] for f in ("projects", "dates", "funders", "programmes",
                                        "participants", "places", "amounts")}
    pos = 0

    def add(s: str) -> tuple[int, int]:
        nonlocal pos
        parts.append(s)
        start = pos
        pos += len(s)
        return start, pos

    add(SENT * rng.randint(3, 8))
    proj = f"Partnerstwo {rng.choice(GMINY)} {rng.randint(1, 400)}"
    add("Projekt „")
    s, e = add(proj)
    items["projects"].append({"name": proj, "text": proj, "kind": rng.choice(KINDS),
                              "evidence": [s, e], "rule": "synth"})
    add("” realizowano w dniach ")
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2005, 2024)
    s, e = add(f"{day} {month} {year}")
    items["dates"].append({"start": f"{year}-{month:02d}-{day:02d}", "end": f"{year}-{month:02d}-{day:02d}",
                           "text": f"{day} {month} {year}", "evidence": [s, e], "rule": "synth"})
    add(". Finansowanie zapewnił ")
    f = rng.choice(FUNDERS)
    s, e = add(f)
    items["funders"].append({"name": f, "text": f, "evidence": [s, e], "rule": "synth"})
    add(", kwota ")
    value = rng.randint(10, 900) * 1000
    s, e = add(f"{value} zł")
    items["amounts"].append({"value": float(value), "currency": "PLN", "text": f"{value} zł",
                             "evidence": [s, e], "rule": "synth"})
    add(". Uczestnicy: ")
    for _ in range(rng.randint(2, 5)):
        head = rng.choice(HEADS)[rng.randint(0, 1)]
        name = head.format(rng.choice(GMINY))
        s, e = add(name)
        items["participants"].append({"name": name, "text": name, "role": rng.choice(ROLES),
                                      "kind": "organization", "evidence": [s, e], "rule": "synth"})
        add(", ")
    place = rng.choice(GMINY)
    s, e = add(place)
    items["places"].append({"name": place, "text": place, "country": "PL", "evidence": [s, e],
                            "rule": "synth"})
    add(". " + SENT * rng.randint(2, 6))
    text = "".join(parts)
    digest = f"{n:040x}"
    url = f"https://gmina{n % 50}.example.pl/aktualnosci/{n}"
    row = {"url": url, "canonical_url": url, "source_id": f"gmina{n % 50}", "status": 200,
           "fetched_at": "2024-05-01T10:00:00Z", "first_seen": "2024-05-01T10:00:00Z",
           "last_seen": "2024-05-01T10:00:00Z", "warc_file": f"gmina{n % 50}/run.warc.gz",
           "warc_offset": n * 4096, "digest": digest}
    record = {"url": url, "title": f"Aktualność {n}", "published": f"{year}-{month:02d}-{day:02d}",
              "relevant": True, "relevance": 0.8, **items}
    entry = {"digest": digest, "page": {"text": text, "title": record["title"],
                                        "published": record["published"], "encoding": "utf-8"},
             "record": record}
    return row, entry


def synth_work_dir(work: Path, n_pages: int, seed: int = 7) -> None:
    from extract.batch import INDEX_FILE, cache_path

    version = "bench"
    rng = random.Random(seed)
    work.mkdir(parents=True, exist_ok=True)
    rows = []
    with open(cache_path(work, version), "wb") as cache:
        for n in range(n_pages):
            row, entry = synth_page(n, rng)
            row["cache_offset"] = cache.tell()
            cache.write(json.dumps(entry, ensure_ascii=False).encode() + b"\n")
            rows.append(row)
    with open(work / INDEX_FILE, "w", encoding="utf-8") as fh:
        fh.write(json.dumps({"version": version}) + "\n")
        for r in sorted(rows, key=lambda r: r["url"]):
            fh.write(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n")


def run_one(n_pages: int) -> dict:
    """Synthesise, then build; runs inside its own process."""
    from transform.build import build_from_work

    with tempfile.TemporaryDirectory() as tmp:
        work, out = Path(tmp) / "work", Path(tmp) / "ds"
        synth_work_dir(work, n_pages)
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        t0 = time.perf_counter()
        res = build_from_work(work, out)
        seconds = time.perf_counter() - t0
        size = sum(p.stat().st_size for p in (out / "current").glob("*.parquet"))
    return {"pages": n_pages, "facts": res.rows["facts"], "organizations": res.rows["organizations"],
            "seconds": round(seconds, 1), "peak_rss_mb": round(resource.getrusage(
                resource.RUSAGE_SELF).ru_maxrss / 1024), "rss_before_build_mb": round(rss_before / 1024),
            "parquet_mb": round(size / 2**20, 1)}


def main(sizes: list[int]) -> None:
    results = []
    for n in sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(n)], capture_output=True,
                             text=True, check=True)
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
        print(results[-1], file=sys.stderr)
    print("| pages | facts | organizations | build time (s) | peak RSS (MB) | Parquet (MB) |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in results:
        print(f"| {r['pages']:,} | {r['facts']:,} | {r['organizations']:,} | {r['seconds']} | "
              f"{r['peak_rss_mb']} | {r['parquet_mb']} |")


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--one":
        print(json.dumps(run_one(int(sys.argv[2]))))
    else:
        main([int(a) for a in sys.argv[1:]] or [10_000, 100_000])
