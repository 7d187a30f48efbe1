"""Fit the decision stage (extract/decide.py) on the tuning pages of the real-page corpus.

Every candidate participant and funder of a tuning page (the rules' items, the bodies and
persons no rule named) becomes one example: its named features, and a label from the
shared scorer's matching (extract/evaluate.py): positive when the candidate is matched to
a required gold item of its field, negative when it is a false positive, left out when it
only matches an optional gold item (those neither earn nor cost).  One logistic
regression per field (scikit-learn, lbfgs, sorted features, fixed settings, so two runs
write byte-identical weights); its regularisation and its two thresholds (dropping a
rule's item, adding a new candidate) are the ones that give the best F1 of the field on
out-of-fold predictions, the folds grouped by site, so a threshold is chosen on
pages of sites the model did not see.  Whether a field's model may drop the rules' items
at all is `DROPS` (measured, see there).

`cross_validate` measures the whole procedure (threshold choice included) on pages it
never saw: grouped k-fold by site, each fold's model fitted and thresholded on the other
folds only, the field's P/R/F1 with the model against the rules alone.

scikit-learn is needed here only (the `train` extra); the facts step reads the weights
file with no scikit-learn.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from extract import decide
from extract import evaluate as ev
from transform.corpus import CorpusError, cached_text, gold_dir, load_manifest, manifest_path
from transform.io import write_bytes_atomic

C_GRID = (0.1, 0.3, 1.0, 3.0)  # inverse L2 strengths tried; the one with the best out-of-fold F1 is kept
THRESHOLDS = tuple(round(0.05 + 0.025 * i, 3) for i in range(37))  # 0.05 .. 0.95
ROUND = 6  # digits of the stored weights
# May the model drop a rule's item of the field, or only add candidates no rule named?
# Measured, not assumed (docs/evaluation.md, 2026-12-07): dropping gained nothing on unseen
# sites in grouped 5-fold CV (participants F1 .762 with drops, .761 adding only; funders
# .698 either way: 40 candidates are too few to learn from), while the drops a model
# fitted on all tuning pages makes remove right, cue-backed items of the project's own
# checked pages (a study tour's list of hosts; funders F1 of the gold gate .93 -> .927).
# Set a field to True to let its model drop once the corpus is large enough to show a gain.
DROPS = {"participants": False, "funders": False}


class TrainError(ValueError):
    """Training input that cannot give a model (too few pages or sites, no examples)."""


@dataclass
class Example:
    field: str
    features: list[str]
    label: bool
    existing: bool  # the rules alone keep it


@dataclass
class PageExamples:
    id: str
    site: str
    examples: list[Example]
    gold: dict[str, int]  # required gold items per field


# --- examples ------------------------------------------------------------------------------

def doc_before_decision(page):
    """The page annotated by every stage of the facts pipeline except the decision."""
    from extract.doc import Doc
    from extract.facts import PIPELINE

    doc = Doc(page)
    for stage, _writes in PIPELINE:
        if stage is not decide.annotate:
            stage(doc)
    return doc


def page_examples(page, gold: dict) -> tuple[list[Example], dict[str, int]]:
    """The labelled candidates of one page and its count of required gold items per field."""
    cands = decide.candidates(doc_before_decision(page))
    out: list[Example] = []
    counts: dict[str, int] = {}
    for field in decide.FIELDS:
        golds = list(gold.get(field) or [])
        required = [g for g in golds if not g.get("optional")]
        optional = [g for g in golds if g.get("optional")]
        counts[field] = len(required)
        mine = [c for c in cands if c.field == field]
        _tp, fps, _fns = ev.match_field(field, [c.item for c in mine], required)
        wrong = {id(p) for p in fps}
        for c in mine:
            hit = id(c.item) not in wrong
            if not hit and any(ev.name_score(c.item, g) for g in optional):
                continue  # an optional gold item: neither a hit nor a false positive
            out.append(Example(field, c.features, hit, c.existing))
    return out, counts


def trainable_pages(root: str | Path, cache: str | Path | None = None, split: str = "tune",
                    folds: int | None = None) -> list[tuple[dict, str, dict]]:
    """(manifest entry, cached text, gold record) of every annotated page of `split` whose
    verified text is cached; checked before any work: the tuning pages only, at least two
    sites (and `folds` for a cross-validation)."""
    if split != "tune":
        raise CorpusError("the decision stage is trained on the tuning pages only (--split tune)")
    pages = []
    for entry in (e for e in load_manifest(root) if e["split"] == split):
        gold = gold_dir(root) / f"{entry['id']}.json"  # only this split's records are read
        text, _state = cached_text(entry, cache)
        if text is not None and gold.is_file():
            try:
                pages.append((entry, text, json.loads(gold.read_text(encoding="utf-8"))))
            except json.JSONDecodeError as exc:
                raise CorpusError(f"{gold}: not JSON ({exc.msg})") from None
    sites = len({e["site"] for e, _, _ in pages})
    if sites < max(2, folds or 0):
        need = f"{folds} sites for --cv {folds}" if folds else "2 sites"
        raise TrainError(f"training needs annotated, cached {split} pages of at least {need}; found "
                         f"{len(pages)} page(s) of {sites} site(s) (run `samorzad corpus fetch`)")
    return pages


def corpus_examples(pages: list[tuple[dict, str, dict]],
                    progress: Callable[[dict], None] | None = None) -> list[PageExamples]:
    """The labelled candidates of every page of `trainable_pages`."""
    from extract.page import page_from_text

    out = []
    for entry, text, gold in pages:
        if progress:
            progress(entry)
        page = page_from_text(text, url=entry["url"], path=f"{entry['id']}.txt")
        examples, counts = page_examples(page, gold)
        out.append(PageExamples(entry["id"], entry["site"], examples, counts))
    return out


# --- fitting ---------------------------------------------------------------------------------

def _rows(pages: list[PageExamples], field: str) -> tuple[list[Example], list[str]]:
    rows, groups = [], []
    for p in pages:
        for x in p.examples:
            if x.field == field:
                rows.append(x)
                groups.append(p.site)
    return rows, groups


def _fit_lr(rows: list[Example], c: float) -> decide.FieldModel | None:
    """A logistic regression over the rows' features (threshold 0.5 until chosen)."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    labels = [x.label for x in rows]
    if len(set(labels)) < 2:
        return None
    vocab = sorted({f for x in rows for f in x.features})
    index = {f: i for i, f in enumerate(vocab)}
    X = np.zeros((len(rows), len(vocab)))
    for r, x in enumerate(rows):
        X[r, [index[f] for f in x.features]] = 1.0
    lr = LogisticRegression(C=c, solver="lbfgs", max_iter=5000, random_state=0)
    lr.fit(X, np.array(labels, dtype=int))
    weights = {f: round(float(w), ROUND) for f, w in zip(vocab, lr.coef_[0]) if round(float(w), ROUND)}
    return decide.FieldModel(round(float(lr.intercept_[0]), ROUND), 0.5, 0.5, weights)


def _counts(keep: list[bool], rows: list[Example], gold: int) -> tuple[int, int, int]:
    tp = sum(1 for k, x in zip(keep, rows) if k and x.label)
    fp = sum(1 for k, x in zip(keep, rows) if k and not x.label)
    return tp, fp, gold - tp


def _f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _best_thresholds(probs: list[float], rows: list[Example], gold: int,
                     drop: bool = True) -> tuple[float, float, float]:
    """(F1, threshold for the rules' items, threshold for new candidates): the pair with
    the best F1 of the field; of a tie, the one that changes least (the lowest threshold
    for the rules' items, the highest for new candidates).  With ``drop`` false no rule's
    item is dropped (threshold 0).  The two groups' hits and misses are counted per
    threshold apart, then added for every pair."""
    def per_threshold(existing: bool, grid) -> list[tuple[int, int]]:
        mine = [(p, x.label) for p, x in zip(probs, rows) if x.existing == existing]
        return [(sum(1 for p, y in mine if p >= t and y), sum(1 for p, y in mine if p >= t and not y))
                for t in grid]

    rule_grid = THRESHOLDS if drop else (0.0,)
    rules, new = per_threshold(True, rule_grid), per_threshold(False, THRESHOLDS)
    best = max((_f1(tp_r + tp_n, fp_r + fp_n, gold - tp_r - tp_n), -tr, tn)
               for tr, (tp_r, fp_r) in zip(rule_grid, rules) for tn, (tp_n, fp_n) in zip(THRESHOLDS, new))
    return best[0], -best[1], best[2]


def _fold_of(sites, k: int) -> dict[str, int]:
    """Each site's fold: sites spread by a stable hash, so folds do not depend on the
    order of the manifest and one site is never on both sides."""
    ordered = sorted(set(sites), key=lambda s: hashlib.sha256(s.encode()).hexdigest())
    return {s: i % k for i, s in enumerate(ordered)}


def _out_of_fold(rows: list[Example], groups: list[str], fold_of: dict[str, int], c: float) -> list[float]:
    """Each row's probability by a model fitted on the folds without its site."""
    probs = [0.0] * len(rows)
    for fold in sorted(set(fold_of.values())):
        model = _fit_lr([x for x, g in zip(rows, groups) if fold_of[g] != fold], c)
        for r, g in enumerate(groups):
            if fold_of[g] == fold:
                # a fold with one class only to learn from keeps what the rules kept
                probs[r] = model.probability(rows[r].features) if model else float(rows[r].existing)
    return probs


def fit_field(rows: list[Example], groups: list[str], gold_by_site: dict[str, int],
              k: int, drop: bool = True) -> decide.FieldModel | None:
    """The field's model on all rows; its regularisation and thresholds are the ones with
    the best F1 of the field on out-of-fold predictions (k folds grouped by site).  With
    ``drop`` false the model only adds: no rule's item is dropped (threshold 0)."""
    if len({x.label for x in rows}) < 2:
        return None  # one class only: nothing to learn
    fold_of = _fold_of(gold_by_site, min(k, len(gold_by_site)))
    gold = sum(gold_by_site.values())
    best = None
    for c in C_GRID:
        f1, t_rules, t_new = _best_thresholds(_out_of_fold(rows, groups, fold_of, c), rows, gold, drop)
        if best is None or f1 > best[0]:
            best = (f1, c, t_rules, t_new)
    _, c, t_rules, t_new = best
    model = _fit_lr(rows, c)
    return decide.FieldModel(model.bias, t_rules, t_new, model.weights)


def _gold_by_site(pages: list[PageExamples], field: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for p in pages:
        out[p.site] = out.get(p.site, 0) + p.gold[field]
    return out


def fit(pages: list[PageExamples], k: int = 5) -> dict[str, decide.FieldModel]:
    models = {}
    for field in decide.FIELDS:
        rows, groups = _rows(pages, field)
        model = fit_field(rows, groups, _gold_by_site(pages, field), k, DROPS[field])
        if model is not None:
            models[field] = model
    return models


def weights_json(models: dict[str, decide.FieldModel], pages: list[PageExamples], root: str | Path) -> str:
    """The weights file: readable (feature -> weight, sorted), no time stamp, so two runs
    on one corpus give the same bytes."""
    manifest = hashlib.sha256(manifest_path(root).read_bytes()).hexdigest()
    fields = {}
    for name, m in models.items():
        rows, _ = _rows(pages, name)
        fields[name] = {"bias": m.bias, "threshold_rules": m.threshold_rules, "threshold_new": m.threshold_new,
                        "examples": len(rows),
                        "positives": sum(x.label for x in rows),
                        "weights": dict(sorted(m.weights.items(), key=lambda kv: (-abs(kv[1]), kv[0])))}
    data = {"about": "Decision stage of the facts step (extract/decide.py): one logistic model per field, "
                     "p = sigmoid(bias + sum of the weights of the candidate's features); a rule's item is kept "
                     "when p >= threshold_rules, a new candidate added when p >= threshold_new. "
                     "Written by `samorzad train`; do not edit by hand.",
            "trained_on": {"split": "tune", "pages": len(pages), "sites": len({p.site for p in pages}),
                           "manifest_sha256": manifest},
            "fields": fields}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def weights_target(out: str | Path | None = None, force: bool = False) -> Path:
    """Where the weights go: `out`, else the package's extract/data/decide.json.  An
    existing file other than the package's is replaced only with `force`."""
    target = Path(out) if out else decide.WEIGHTS
    if target.is_dir():
        raise TrainError(f"{target} is a directory")
    if target.exists() and not force and target.resolve() != decide.WEIGHTS.resolve():
        raise TrainError(f"{target} exists; pass --force to replace it")
    return target


def train(root: str | Path, cache: str | Path | None = None, out: str | Path | None = None, *,
          force: bool = False, k: int = 5, pages: list[tuple[dict, str, dict]] | None = None,
          progress: Callable[[dict], None] | None = None) -> Path:
    """Fit on the tuning pages (those of `trainable_pages`, or `pages` already read) and
    write the weights atomically (see `weights_target`)."""
    target = weights_target(out, force)
    examples = corpus_examples(pages if pages is not None else trainable_pages(root, cache, "tune"), progress)
    models = fit(examples, k)
    if not models:
        raise TrainError("no field has both kept and dropped candidates to learn from")
    return write_bytes_atomic(weights_json(models, examples, root).encode("utf-8"), target)


# --- measuring on pages the model never saw ------------------------------------------------------

def cross_validate(pages: list[PageExamples], k: int = 5) -> dict:
    """Grouped k-fold by site: per field, the P/R/F1 of the rules alone and of the model
    (fitted and thresholded on the other folds) on each fold's pages, pooled."""
    sites = sorted({p.site for p in pages})
    if len(sites) < k:
        raise TrainError(f"--cv {k} needs pages of at least {k} sites; found {len(sites)}")
    fold_of = _fold_of(sites, k)
    report: dict = {"folds": k, "pages": len(pages), "sites": len(sites), "fields": {}}
    for field in decide.FIELDS:
        rules = [0, 0, 0]
        model_counts = [0, 0, 0]
        for fold in range(k):
            train_pages = [p for p in pages if fold_of[p.site] != fold]
            test_pages = [p for p in pages if fold_of[p.site] == fold]
            rows, groups = _rows(train_pages, field)
            model = fit_field(rows, groups, _gold_by_site(train_pages, field), k, DROPS[field])
            test_rows, _ = _rows(test_pages, field)
            gold = sum(p.gold[field] for p in test_pages)
            keep = [model.keep(x.features, x.existing) if model else x.existing for x in test_rows]
            for acc, kept in ((rules, [x.existing for x in test_rows]), (model_counts, keep)):
                for i, n in enumerate(_counts(kept, test_rows, gold)):
                    acc[i] += n
        report["fields"][field] = {"rules": ev.prf(*rules), "model": ev.prf(*model_counts)}
    return report


def format_cv(report: dict) -> str:
    lines = [f"grouped {report['folds']}-fold cross-validation by site: {report['pages']} pages, "
             f"{report['sites']} sites (each fold scored by a model fitted on the other folds)",
             f"{'field':<14}{'':<8}{'P':>8}{'R':>8}{'F1':>8}{'tp':>6}{'fp':>6}{'fn':>6}"]
    for field, both in report["fields"].items():
        for label in ("rules", "model"):
            m = both[label]
            lines.append(f"{field if label == 'rules' else '':<14}{label:<8}{m['precision']:>8.3f}"
                         f"{m['recall']:>8.3f}{m['f1']:>8.3f}{m['tp']:>6}{m['fp']:>6}{m['fn']:>6}")
    return "\n".join(lines)
