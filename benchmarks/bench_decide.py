"""What the decision stage (extract/decide.py) adds to the facts step, in one run.

Over generated pages (benchmarks/make_pages.py), every stage of extract.facts.PIPELINE is
timed; the decision stage's share of the whole facts step is printed, so the figure is a
ratio measured on one machine in one run.

    python benchmarks/bench_decide.py [--n 200] [--seed 7]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

WARMUP = 10


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()

    import make_pages

    from extract import decide, facts
    from extract.page import page_from_html

    spent = {"decide": 0.0, "all": 0.0}

    def timed(stage, key):
        def run(doc):
            t = time.perf_counter()
            stage(doc)
            spent[key] += time.perf_counter() - t
        return run

    facts.PIPELINE = tuple((timed(s, "decide") if s is decide.annotate else s, w) for s, w in facts.PIPELINE)
    pages = make_pages.generate(args.n, args.seed)
    for body in pages[:WARMUP]:
        facts.extract_facts(page_from_html(body))
    spent["decide"] = 0.0
    t0 = time.perf_counter()
    for body in pages:
        facts.extract_facts(page_from_html(body))
    spent["all"] = time.perf_counter() - t0
    print(f"{len(pages)} pages: facts step {spent['all']:.2f} s, decision stage {spent['decide']:.3f} s "
          f"({100 * spent['decide'] / spent['all']:.1f} % of the facts step, "
          f"{1000 * spent['decide'] / len(pages):.2f} ms a page)")


if __name__ == "__main__":
    main()
