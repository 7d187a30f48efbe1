"""Score facts records against gold records.

The method is the one the facts record contract defines (docs/evaluation.md):
names are normalised and matched by difflib similarity >= 0.9 against the gold name or
any alias, one to one and greedily by best score; dates match on the (start, end) pair,
amounts on currency and a value within 0.5 %. Optional gold items neither earn nor cost.
Precision, recall and F1 are micro-averaged over pages, per field; the headline is the
mean F1 of the four core fields.

    python -m extract.evaluate --gold DIR (--pred FILE.jsonl | --pages DIR) [--show-errors] [--json]
                               [--print-floors]
"""
from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
import unicodedata
from pathlib import Path
from typing import Callable, Iterable

NAMED_FIELDS = ("projects", "funders", "programmes", "participants", "places")
CORE_FIELDS = ("projects", "dates", "funders", "participants")
ALL_FIELDS = NAMED_FIELDS + ("dates", "amounts")
SIMILARITY = 0.9
AMOUNT_TOLERANCE = 0.005
PAGE_SUFFIXES = (".html", ".htm", ".txt")

_QUOTES = re.compile(r"[\"'„”“«»‚‘’()\[\]{}]")
_DASHES = re.compile(r"[‐‑‒–—−]")
_SPACES = re.compile(r"\s+")


class EvaluationError(Exception):
    """A gold or prediction file that cannot be read as a whole."""


def normalise(name: object) -> str:
    """Compare names without case, quotes, brackets, dash variants or trailing punctuation."""
    text = unicodedata.normalize("NFC", str(name)).lower()
    text = _QUOTES.sub("", text)
    text = _DASHES.sub("-", text)
    text = _SPACES.sub(" ", text).strip()
    return text.rstrip(".,;: ").strip()


def page_key(record: dict) -> str:
    """Pages are joined on the file name without extension (id, else path, else url)."""
    raw = record.get("id") or record.get("path") or record.get("url") or ""
    return Path(str(raw)).stem


# --- item scores: 0.0 means "no match"; higher wins in the greedy matching -------------

def _names(item: dict) -> set[str]:
    return {normalise(n) for n in [item.get("name") or ""] + list(item.get("aliases") or []) if n} - {""}


def name_score(pred: dict, gold: dict) -> float:
    """1.0 when any name of the prediction (its name or one of its aliases) equals a gold
    name or alias (ANNOTATION.md), else the best similarity of the predicted name."""
    guess = normalise(pred.get("name") or "")
    if not guess:
        return 0.0
    targets = _names(gold)
    if guess in targets or _names(pred) & targets:
        return 1.0
    best = max((difflib.SequenceMatcher(None, guess, t).ratio() for t in targets), default=0.0)
    return best if best >= SIMILARITY else 0.0


def date_pair(item: dict) -> tuple[str, str]:
    start = str(item.get("start") or "")
    return start, str(item.get("end") or start)


def date_score(pred: dict, gold: dict) -> float:
    gold_pair = date_pair(gold)
    return 1.0 if gold_pair[0] and date_pair(pred) == gold_pair else 0.0


def amount_score(pred: dict, gold: dict) -> float:
    try:
        value, target = float(pred.get("value")), float(gold.get("value"))
    except (TypeError, ValueError):
        return 0.0
    if str(pred.get("currency") or "").upper() != str(gold.get("currency") or "").upper():
        return 0.0
    return 1.0 if abs(value - target) <= AMOUNT_TOLERANCE * max(abs(target), 1e-9) else 0.0


def scorer_for(field: str) -> Callable[[dict, dict], float]:
    return {"dates": date_score, "amounts": amount_score}.get(field, name_score)


def match_field(field: str, preds: list[dict], golds: list[dict]) -> tuple[int, list[dict], list[dict]]:
    """Greedy one-to-one matching, best-scoring pairs first.

    Returns (true positives, unmatched predictions, unmatched required gold items).
    A prediction matched to an optional gold item is neither a hit nor a false positive.
    """
    score = scorer_for(field)
    # best score first; on a tie a required gold item before an optional one (ANNOTATION.md),
    # then file order
    pairs = sorted(((s, i, j) for i, p in enumerate(preds) for j, g in enumerate(golds)
                    if (s := score(p, g)) > 0),
                   key=lambda t: (-t[0], bool(golds[t[2]].get("optional")), t[1], t[2]))
    used_p: set[int] = set()
    used_g: set[int] = set()
    tp = 0
    for _, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        tp += not golds[j].get("optional")
    fps = [p for i, p in enumerate(preds) if i not in used_p]
    fns = [g for j, g in enumerate(golds) if j not in used_g and not g.get("optional")]
    return tp, fps, fns


def prf(tp: int, fp: int, fn: int) -> dict:
    # an empty field on both sides is perfect; nothing predicted against gold is zero
    p = tp / (tp + fp) if tp + fp else (1.0 if not fn else 0.0)
    r = tp / (tp + fn) if tp + fn else (1.0 if not fp else 0.0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn,
            "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


# --- loading -----------------------------------------------------------------------

def load_gold(directory: str | Path) -> dict[str, dict]:
    """Every *.json in `directory` (one record or a list of records) keyed by page."""
    directory = Path(directory)
    if not directory.is_dir():
        raise EvaluationError(f"gold directory not found: {directory}")
    gold: dict[str, dict] = {}
    for path in sorted(directory.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise EvaluationError(f"{path}: not JSON: {exc}") from exc
        for record in data if isinstance(data, list) else [data]:
            gold[page_key(record)] = record
    if not gold:
        raise EvaluationError(f"no gold records (*.json) in {directory}")
    return gold


def load_predictions(path: str | Path) -> dict[str, dict]:
    """A JSON Lines file of facts records keyed by page; a bad line fails the whole load."""
    path = Path(path)
    preds: dict[str, dict] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvaluationError(f"{path}:{n}: not JSON: {exc}") from exc
        preds[page_key(record)] = record
    return preds


def page_files(directory: str | Path) -> list[Path]:
    return sorted(p for p in Path(directory).iterdir() if p.suffix.lower() in PAGE_SUFFIXES)


def predict_pages(directory: str | Path, paths: Iterable[Path] | None = None) -> dict[str, dict]:
    """Run the facts step on every page file of `directory`.

    A page whose extraction raises is warned about on stderr and left out, so it shows
    up in `missing_predictions` (and scores as all-missed) instead of hiding the rest.
    The facts step is imported late: scoring a prediction file must work even when the
    extractors do not import.
    """
    from extract.facts import facts_for_file

    preds: dict[str, dict] = {}
    for path in paths or page_files(directory):
        try:
            preds[path.stem] = facts_for_file(path)
        except Exception as exc:  # one broken page must not hide the scores of the others
            print(f"warning: {path}: facts step failed: {type(exc).__name__}: {exc}", file=sys.stderr)
    return preds


# --- scoring -----------------------------------------------------------------------

def score(gold: dict[str, dict], preds: dict[str, dict]) -> dict:
    totals = {f: [0, 0, 0] for f in ALL_FIELDS}
    errors: dict[str, dict] = {}
    missing: list[str] = []
    relevant_ok = published_ok = published_n = 0
    for key, g in gold.items():
        p = preds.get(key)
        if p is None:
            missing.append(key)
            p = {}
        relevant_ok += bool(p.get("relevant")) == bool(g.get("relevant", True))
        if g.get("published"):
            published_n += 1
            published_ok += str(p.get("published") or "")[:10] == g["published"]
        for field in ALL_FIELDS:
            tp, fps, fns = match_field(field, list(p.get(field) or []), list(g.get(field) or []))
            for k, n in enumerate((tp, len(fps), len(fns))):
                totals[field][k] += n
            if fps or fns:
                errors.setdefault(key, {})[field] = {"false_positive": fps, "false_negative": fns}
    fields = {f: prf(*totals[f]) for f in ALL_FIELDS}
    core = sum(fields[f]["f1"] for f in CORE_FIELDS) / len(CORE_FIELDS)
    return {
        "pages": len(gold),
        "missing_predictions": missing,
        "core_f1": round(core, 4),
        "fields": fields,
        "relevant_accuracy": round(relevant_ok / len(gold), 4) if gold else None,
        "published_accuracy": round(published_ok / published_n, 4) if published_n else None,
        "errors": errors,
    }


def format_report(result: dict, show_errors: bool = False) -> str:
    """The shared scorer's table: field / P / R / F1 / tp / fp / fn, then the summary lines."""
    lines = []
    if result["missing_predictions"]:
        lines.append(f"no prediction for {len(result['missing_predictions'])} page(s): "
                     + ", ".join(result["missing_predictions"][:10]))
    lines.append(f"{'field':<14}{'P':>8}{'R':>8}{'F1':>8}{'tp':>6}{'fp':>6}{'fn':>6}")
    for field, m in result["fields"].items():
        lines.append(f"{field:<14}{m['precision']:>8.3f}{m['recall']:>8.3f}{m['f1']:>8.3f}"
                     f"{m['tp']:>6}{m['fp']:>6}{m['fn']:>6}")
    if show_errors:
        for key, fields in result["errors"].items():
            for field, errs in fields.items():
                for tag, kind in (("FP", "false_positive"), ("FN", "false_negative")):
                    for item in errs[kind]:
                        lines.append(f"  {tag} {key} {field}: {json.dumps(item, ensure_ascii=False)[:160]}")
    lines.append(f"relevant accuracy {result['relevant_accuracy']}  "
                 f"published accuracy {result['published_accuracy']}")
    lines.append(f"core F1 {result['core_f1']:.3f} over {result['pages']} pages")
    return "\n".join(lines)


def floors_toml(result: dict, margin: float = 0.01) -> str:
    """The [summary] and [f1] tables of a floors file pinned at the scores minus `margin`
    (rounded down to two decimals, never below 0), for re-pinning tests/gold/floors.toml."""
    def floor(x: float | None) -> float:
        return max(0.0, int(((x or 0.0) - margin) * 100 + 1e-9) / 100)

    lines = ["[summary]"]
    lines += [f"{k} = {floor(result[k]):.2f}" for k in ("core_f1", "relevant_accuracy", "published_accuracy")]
    lines += ["", "[f1]"]
    lines += [f"{f} = {floor(m['f1']):.2f}" for f, m in result["fields"].items()]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m extract.evaluate",
                                 description="Score facts records against gold records.")
    ap.add_argument("--gold", required=True, type=Path, help="directory of gold *.json records")
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--pred", type=Path, help="JSON Lines file of facts records")
    src.add_argument("--pages", type=Path, help="directory of pages to run the facts step on")
    ap.add_argument("--json", action="store_true", help="print the whole result as JSON")
    ap.add_argument("--show-errors", action="store_true", help="list false positives and negatives")
    ap.add_argument("--print-floors", action="store_true",
                    help="print floors (scores minus 0.01) in the format of tests/gold/floors.toml")
    args = ap.parse_args(argv)
    try:
        gold = load_gold(args.gold)
        preds = load_predictions(args.pred) if args.pred else predict_pages(args.pages)
    except (EvaluationError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    result = score(gold, preds)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    elif args.print_floors:
        print(floors_toml(result), end="")
    else:
        print(format_report(result, show_errors=args.show_errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
