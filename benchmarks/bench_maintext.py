"""Main-text quality of ``extract.page.page_from_html`` against plain trafilatura.

Both systems read the same HTML bytes:
  project:     extract.page.page_from_html(body).text   (what ``pages.text`` holds)
  trafilatura: trafilatura.extract(body, include_comments=False)
and are scored by the benchmark's own metric.  Seven public benchmarks are understood;
the kind is recognised from the files in DATA:

* trafilatura's evaluation set (``evaldata.json`` + ``eval/``, ``cache/`` from
  github.com/adbar/trafilatura ``tests/``): per page, snippets that must be in the text
  ("with") and snippets that must not ("without"); precision, recall, accuracy and F1 over
  all snippets, as in its ``tests/eval_common.py``.
* the ScrapingHub article-extraction-benchmark (``ground-truth.json`` + ``html/*.html.gz``
  from github.com/scrapinghub/article-extraction-benchmark): 4-gram shingle precision and
  recall per page, averaged, as in its ``evaluate.py``.
* WCXB, the Web Content eXtraction Benchmark (``metadata.json`` + ``dev/`` and ``test/``
  with ``ground-truth/*.json`` and ``html/*.html.gz``, github.com/Murrough-Foley/
  web-content-extraction-benchmark; 2,008 pages of 7 types): word-level precision,
  recall and F1 of ``\w+`` tokens (lower-cased, as bags) per page, averaged, as in its
  ``evaluate.py``; F1 is also shown per page type.
* Mozilla Readability's test pages (``test/test-pages/*/source.html`` + ``expected.html``
  from github.com/mozilla/readability): the text of ``expected.html`` is the gold text,
  scored with the same word-level F1 (Readability's own tests compare DOMs, which says
  nothing about another extractor).
* Dragnet's data (``Corrected/*.html.corrected.txt`` from github.com/seomoz/dragnet_data,
  ``HTML/*.html`` the pages of its ``dragnet_HTML.tar.gz``; 1,381 news and blog pages of
  2012): the article part of the gold (before the comments marker) against the text, by
  dragnet's token-level metric (``evaluation_metrics(predicted, gold, bow=False)`` with its
  ``simple_tokenizer``): precision, recall and F1 per page, averaged.
* CleanEval (the final test set of the 2007 CLEANEVAL competition, ``input/*.html`` +
  ``GoldStandard/*.txt``, e.g. the ``cleaneval-final`` folder of github.com/j-szulc/
  html-cleaning-dataset-merged; 681 pages with gold): Stefan Evert's ``cleaneval.py`` word
  alignment (difflib), micro-averaged precision, recall and F1 over all words; the gold's
  segment markers (<p>, <h>, <l>) are left out, since neither system writes them.
  CleanPortalEval (``CleanPortalEval-master`` there) has the same format and metric.
* L3S-GN1 (621 Google News articles of Kohlschütter et al. 2010; ``input/*.html`` +
  ``GoldStandard/*.txt`` holding the annotated pages, e.g. ``page-signal-master`` of the
  same repository): the spans marked headline, full text or supplemental are the gold
  text, scored with the word-level F1 used for WCXB.

The data is not part of this repository; fetch it once into a cache directory, e.g.

    git clone --depth 1 https://github.com/adbar/trafilatura /tmp/t
    mkdir -p ~/.cache/samorzad/bench/trafilatura && cp -r /tmp/t/tests/{eval,cache,evaldata.json} $_

    python benchmarks/bench_maintext.py ~/.cache/samorzad/bench/trafilatura [--half dev|held|all]

    git clone https://github.com/Murrough-Foley/web-content-extraction-benchmark ~/.cache/samorzad/bench/wcxb
    python benchmarks/bench_maintext.py ~/.cache/samorzad/bench/wcxb

Pages are split into two halves by a hash of their URL/key ("dev" and "held"), so rules
can be developed on one half and checked on the other.  ``--losses N`` lists the N pages
where the project scores worse than trafilatura (use it on the dev half only).
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SYSTEMS = ("project", "trafilatura")


# ----------------------------------------------------------------------------- data

def half_of(key: str) -> str:
    """A page's half: fixed by its key, the same on every machine and run."""
    return "dev" if hashlib.sha1(key.encode()).digest()[0] % 2 == 0 else "held"


def load(data: Path) -> tuple[str, list[tuple[str, bytes, dict]]]:
    """(kind, [(key, html bytes, annotation)]) of a benchmark directory."""
    if (data / "evaldata.json").is_file():
        items = json.loads((data / "evaldata.json").read_text(encoding="utf-8"))
        out = []
        for key in sorted(items):
            for sub in ("cache", "eval"):
                path = data / sub / items[key]["file"]
                if path.is_file():
                    out.append((key, path.read_bytes(), items[key]))
                    break
            else:
                raise SystemExit(f"{key}: {items[key]['file']} not found under {data}")
        return "trafilatura", out
    if (data / "ground-truth.json").is_file():
        truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
        out = [(key, gzip.decompress((data / "html" / f"{key}.html.gz").read_bytes()), truth[key])
               for key in sorted(truth)]
        return "scrapinghub", out
    if (data / "metadata.json").is_file() and (data / "dev" / "ground-truth").is_dir():
        out = []
        for split in ("dev", "test"):
            for gt in sorted((data / split / "ground-truth").glob("*.json")):
                truth = json.loads(gt.read_text(encoding="utf-8"))
                html = gzip.decompress((data / split / "html" / f"{gt.stem}.html.gz").read_bytes())
                out.append((f"{split}/{gt.stem}", html, {
                    "text": (truth.get("ground_truth") or {}).get("main_content") or "",
                    "type": _wcxb_type(truth)}))
        return "wcxb", out
    pages = data / "test" / "test-pages"
    if pages.is_dir():
        from lxml import html as lxml_html

        out = []
        for page in sorted(p for p in pages.iterdir() if (p / "expected.html").is_file()):
            gold = lxml_html.fromstring((page / "expected.html").read_bytes())
            out.append((page.name, (page / "source.html").read_bytes(), {"text": gold.text_content()}))
        return "readability", out
    if (data / "Corrected").is_dir() and (data / "HTML").is_dir():
        out = []
        for gold in sorted((data / "Corrected").glob("*" + _DRAGNET_GOLD)):
            key = gold.name[:-len(_DRAGNET_GOLD)]
            html = data / "HTML" / f"{key}.html"
            content = _DRAGNET_COMMENTS.split(_read_text(gold), maxsplit=1)[0].strip()
            if html.is_file() and _dragnet_tokens(content):  # dragnet skips pages with no gold tokens
                out.append((key, html.read_bytes(), {"text": content}))
        return "dragnet", out
    if (data / "GoldStandard").is_dir() and (data / "input").is_dir() \
            and "x-nc-sel" in _read_text(next((data / "GoldStandard").glob("*.txt"))):
        out = []  # L3S-GN1: the gold is the annotated page
        for html in sorted((data / "input").glob("*.html")):
            gold = data / "GoldStandard" / f"{html.stem}.txt"
            if gold.is_file():
                out.append((html.stem, html.read_bytes(), {"text": _gn1_text(gold.read_bytes())}))
        return "l3s-gn1", out
    if (data / "GoldStandard").is_dir() and (data / "input").is_dir():
        out = []
        for html in sorted((data / "input").glob("*.html")):
            gold = data / "GoldStandard" / f"{html.stem}.txt"
            if gold.is_file():  # as cleaneval.py: originals without a gold file are skipped
                out.append((html.stem, html.read_bytes(), {"text": _read_text(gold)}))
        return "cleaneval", out
    raise SystemExit(f"{data}: no evaldata.json (trafilatura), ground-truth.json (scrapinghub), "
                     "metadata.json with dev/ground-truth (wcxb), test/test-pages (readability), "
                     "Corrected/ + HTML/ (dragnet) or GoldStandard/ + input/ (cleaneval)")


_DRAGNET_GOLD = ".html.corrected.txt"
_DRAGNET_COMMENTS = re.compile(r"\n*!@#\$%\^&\*\(\)\s+COMMENTS\n*")  # article | comments


_GN1_CONTENT = ("x-nc-sel1", "x-nc-sel2", "x-nc-sel3")  # headline, full text, supplemental
_GN1_BLOCKS = {"address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption",
               "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "li", "main",
               "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul"}


def _gn1_text(body: bytes) -> str:
    """L3S-GN1's gold text: the text of the spans its assessors marked headline, full text or
    supplemental (as the combined dataset of Bevendorff et al. reads it: leaf spans only, a
    line break where a span starts a block)."""
    from lxml import html as lxml_html

    parts = []
    for el in lxml_html.fromstring(body).iter("span"):
        if len(el) or not (el.text or "").strip() or not set(el.get("class", "").split()) & set(_GN1_CONTENT):
            continue
        parent = el.getparent()
        if parent is not None and parent.tag in _GN1_BLOCKS:
            parts.append("\n")
        parts.append(el.text.strip() + " ")
    return "".join(parts).strip()


def _read_text(path: Path) -> str:
    body = path.read_bytes()
    try:
        return body.decode("utf-8-sig")  # a BOM would hide the gold's URL line
    except UnicodeDecodeError:
        return body.decode("iso-8859-1")


def _wcxb_type(truth: dict) -> str:
    kind = ((truth.get("_internal") or {}).get("page_type") or "article")
    kind = kind.get("primary", "article") if isinstance(kind, dict) else kind
    return "collection" if kind == "category" else kind


# -------------------------------------------------------------------------- metrics

def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def snippet_counts(item: dict, result: str) -> tuple[int, int, int, int]:
    """trafilatura's eval: (tp, fp, fn, tn) by whitespace-normalised substring matching."""
    res = _norm(result or "")
    tp = sum(1 for w in item["with"] if _norm(w) in res)
    fp = sum(1 for w in item["without"] if _norm(w) in res)
    return tp, fp, len(item["with"]) - tp, len(item["without"]) - fp


def snippet_scores(counts: list[tuple[int, int, int, int]]) -> dict:
    tp, fp, fn, tn = (sum(c[i] for c in counts) for i in range(4))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": p, "recall": r, "accuracy": (tp + tn) / max(1, tp + fp + fn + tn),
            "f1": 2 * tp / max(1, 2 * tp + fp + fn)}


_TOKEN = re.compile(r"\w+")


def _shingles(text: str, n: int = 4) -> Counter:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i:i + n])


def shingle_counts(item: dict, result: str) -> tuple[float, float, float]:
    """ScrapingHub's metric: 4-gram shingle (tp, fp, fn) of one page, normalised to sum 1."""
    true, pred = _shingles(item.get("articleBody", "")), _shingles(result)
    tp = fp = fn = 0.0
    for key in true.keys() | pred.keys():
        t, p = true.get(key, 0), pred.get(key, 0)
        tp, fp, fn = tp + min(t, p), fp + max(0, p - t), fn + max(0, t - p)
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s else (0.0, 0.0, 0.0)


def shingle_scores(counts: list[tuple[float, float, float]]) -> dict:
    def prec(tp, fp, fn):
        return 1.0 if fp == fn == 0 else 0.0 if tp == fp == 0 else tp / (tp + fp)

    def rec(tp, fp, fn):
        return 1.0 if fp == fn == 0 else 0.0 if tp == fn == 0 else tp / (tp + fn)

    p = statistics.mean([prec(*c) for c in counts if c[0] + c[1] > 0] or [0.0])
    r = statistics.mean([rec(*c) for c in counts if c[0] + c[2] > 0] or [0.0])
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def _words(text: str) -> Counter:
    return Counter(re.findall(r"\w+", (text or "").lower()))


def word_counts(item: dict, result: str) -> tuple[float, float, float]:
    """WCXB's metric: word-level (precision, recall, F1) of one page, bags of \\w+ tokens."""
    ref, pred = _words(item["text"]), _words(result)
    if not ref:
        return (1.0, 1.0, 1.0) if not pred else (0.0, 0.0, 0.0)
    if not pred:
        return (0.0, 0.0, 0.0)
    overlap = sum((pred & ref).values())
    p, r = overlap / sum(pred.values()), overlap / sum(ref.values())
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def word_scores(counts: list[tuple[float, float, float]]) -> dict:
    n = max(1, len(counts))
    return {k: sum(c[i] for c in counts) / n for i, k in enumerate(("precision", "recall", "f1"))}


def _dragnet_tokens(text: str) -> list[str]:
    """dragnet's ``simple_tokenizer``: split on runs of non-word characters and ``_``, case kept."""
    return [t for t in re.split(r"[\W_]+", text or "") if t]


def dragnet_counts(item: dict, result: str) -> tuple[float, float, float]:
    """Dragnet's token-level metric (``evaluation_metrics(..., bow=False)``): tokens as a list,
    each predicted token matched at most as often as it is in the gold; per page P, R, F1."""
    gold = Counter(_dragnet_tokens(item["text"]))
    pred = _dragnet_tokens(result)
    tp = sum((Counter(pred) & gold).values())
    p = tp / len(pred) if pred else 0.0
    r = tp / sum(gold.values()) if gold else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


_CE_URL = re.compile(r"^\s*URL.*$", re.MULTILINE)
_CE_TAG = re.compile(r"<[phl]>", re.IGNORECASE)


def _cleaneval_words(text: str) -> list[str]:
    """cleaneval.py's ``normalize``: drop the gold's URL line and control characters, words are
    whitespace-delimited.  The segment markers (<p>, <h>, <l>) are dropped too: neither system
    writes them, so only the text-only word score is measured."""
    text = re.sub(r"[\x00-\x1f]+", " ", _CE_URL.sub("", text or ""))
    return _CE_TAG.sub(" ", text).split()


def cleaneval_counts(item: dict, result: str) -> tuple[int, int, int]:
    """CleanEval's metric (Stefan Evert's cleaneval.py): the words of the result and of the gold
    aligned with difflib's SequenceMatcher; equal runs are tp, the result's other words fp,
    the gold's other words fn."""
    from difflib import SequenceMatcher

    text, gold = _CE_TAG.sub(" ", result or "").split(), _cleaneval_words(item["text"])
    tp = sum(size for _, _, size in SequenceMatcher(None, text, gold).get_matching_blocks())
    return tp, len(text) - tp, len(gold) - tp


def cleaneval_scores(counts: list[tuple[int, int, int]]) -> dict:
    """Micro-averaged over all pages, as cleaneval.py's total line (``-t``)."""
    tp, fp, fn = (sum(c[i] for c in counts) for i in range(3))
    p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


COUNTS = {"trafilatura": snippet_counts, "scrapinghub": shingle_counts,
          "wcxb": word_counts, "readability": word_counts, "l3s-gn1": word_counts,
          "dragnet": dragnet_counts, "cleaneval": cleaneval_counts}
SCORES = {"trafilatura": snippet_scores, "scrapinghub": shingle_scores,
          "wcxb": word_scores, "readability": word_scores, "l3s-gn1": word_scores,
          "dragnet": word_scores, "cleaneval": cleaneval_scores}


# --------------------------------------------------------------------------- systems

def _project(body: bytes) -> str:
    from extract.page import page_from_html

    return page_from_html(body).text


def _trafilatura(body: bytes) -> str:
    import trafilatura

    return trafilatura.extract(body, include_comments=False) or ""


def run(kind: str, pages: list[tuple[str, bytes, dict]]) -> dict:
    count = COUNTS[kind]
    rows = []
    seconds = dict.fromkeys(SYSTEMS, 0.0)
    for key, body, item in pages:
        row = {"key": key, "half": half_of(key), "type": item.get("type")}
        for name, fn in (("project", _project), ("trafilatura", _trafilatura)):
            start = time.perf_counter()
            try:
                text = fn(body)
            except Exception as exc:  # a crash is a full miss, as in the benchmarks' own scripts
                print(f"{name}: {key}: {type(exc).__name__}: {exc}", file=sys.stderr)
                text = ""
            seconds[name] += time.perf_counter() - start
            row[name] = count(item, text)
        rows.append(row)
    return {"rows": rows, "seconds": seconds}


def report(kind: str, result: dict, halves: list[str]) -> list[str]:
    scores = SCORES[kind]
    keys = ("precision", "recall", "accuracy", "f1") if kind == "trafilatura" else ("precision", "recall", "f1")
    out = [f"benchmark: {kind}", f"{'half':<6} {'pages':>5}  {'system':<12} " + " ".join(f"{k:>9}" for k in keys)]
    for half in halves:
        rows = [r for r in result["rows"] if half == "all" or r["half"] == half]
        for name in SYSTEMS:
            s = scores([r[name] for r in rows])
            out.append(f"{half:<6} {len(rows):>5}  {name:<12} " + " ".join(f"{s[k]:9.3f}" for k in keys))
    types = sorted({r["type"] for r in result["rows"] if r["type"]})
    if types:  # WCXB: F1 per page type, over the halves shown
        rows = [r for r in result["rows"] if "all" in halves or r["half"] in halves]
        out.append("F1 by page type: " + "  ".join(
            f"{t} ({sum(r['type'] == t for r in rows)}) " + "/".join(
                f"{scores([r[name] for r in rows if r['type'] == t])['f1']:.3f}" for name in SYSTEMS)
            for t in types) + "   (project/trafilatura)")
    sec = result["seconds"]
    out.append(f"time: project {sec['project']:.1f} s, trafilatura {sec['trafilatura']:.1f} s "
               f"(ratio {sec['project'] / max(sec['trafilatura'], 1e-9):.2f}x)")
    return out


def losses(kind: str, result: dict, half: str, n: int) -> list[str]:
    """Pages where the project misses what trafilatura finds, or keeps what it drops."""
    def score(c):
        if kind == "trafilatura":
            return c[0] - c[1]
        if kind == "cleaneval":  # this page's F1
            return 2 * c[0] / max(1, 2 * c[0] + c[1] + c[2])
        return c[2] if kind in ("wcxb", "readability", "dragnet", "l3s-gn1") else c[0]

    rows = [r for r in result["rows"] if half == "all" or r["half"] == half]
    worse = sorted((score(r["trafilatura"]) - score(r["project"]), r["key"], r["project"], r["trafilatura"])
                   for r in rows if score(r["project"]) < score(r["trafilatura"]))
    return [f"{d:+.2f} {key} project={p} trafilatura={t}" for d, key, p, t in reversed(worse[-n:])]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", type=Path, help="benchmark directory (trafilatura tests/, scrapinghub, wcxb "
                    "or readability repository)")
    ap.add_argument("--half", choices=("dev", "held", "all", "both"), default="both",
                    help="which pages to score; 'both' reports dev, held and all")
    ap.add_argument("--losses", type=int, default=0, metavar="N",
                    help="list N pages where the project does worse than trafilatura")
    ap.add_argument("--json", type=Path, help="write per-page counts here")
    args = ap.parse_args(argv)
    kind, pages = load(args.data.expanduser())
    if args.half in ("dev", "held"):
        pages = [p for p in pages if half_of(p[0]) == args.half]
    result = run(kind, pages)
    halves = ["dev", "held", "all"] if args.half == "both" else [args.half]
    print("\n".join(report(kind, result, halves)))
    if args.losses:
        print("\n".join(losses(kind, result, "all" if args.half == "both" else args.half, args.losses)))
    if args.json:
        args.json.write_text(json.dumps(result["rows"]), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
