"""`samorzad report`: one self-contained HTML file with plots of the dataset.

Every plot is inline SVG drawn here (no JavaScript, no CDN, no fonts to fetch: the file
works offline and in a mail attachment), and every plot has its numbers in a table
underneath, so nothing is only a picture.

    write_report("datasets/samorzad", "report.html")
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from transform.schema import TransformError

TOP = 12  # bars in a ranking
MATRIX = 10  # organisations in the cooperation matrix
BAR_H, LABEL_W, PLOT_W = 22, 300, 420
NEEDED = {"pages", "facts", "projects", "organizations", "places", "programmes", "activities",
          "roles", "fundings", "evidence"}
COLOURS = ("#2f6ea5", "#e0823d", "#4f9a5c", "#b64f6e")


class ReportError(TransformError):
    """No dataset to report on, or a target that cannot be written."""


@dataclass
class Figure:
    title: str
    caption: str
    svg: str
    table: pd.DataFrame


def _e(value) -> str:
    return html.escape("" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value))


def _number(v) -> str:
    if isinstance(v, float) and pd.isna(v):
        return ""
    if isinstance(v, float):
        return f"{v:,.0f}".replace(",", "\u202f")
    return str(v)


# --- SVG ----------------------------------------------------------------------------

def hbars(labels: list[str], series: dict[str, list[float]],
          shown: dict[str, list[str]] | None = None) -> str:
    """Horizontal bars, one group per label, one bar per series (with a legend); `shown`
    gives the text beside a series' bars when it is not the plotted value (scaled series)."""
    if not labels:
        return '<p class="empty">No data.</p>'
    n = len(series)
    group = BAR_H * n + 6
    height = group * len(labels) + (24 if n > 1 else 4)
    top = max((v for vals in series.values() for v in vals), default=0) or 1
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{LABEL_W + PLOT_W + 90}" '
             f'height="{height}" font-family="sans-serif" font-size="12">']
    for i, label in enumerate(labels):
        y0 = i * group
        short = label if len(label) <= 44 else label[:42] + "…"
        parts.append(f'<text x="{LABEL_W - 6}" y="{y0 + group / 2 + 1}" text-anchor="end" '
                     f'dominant-baseline="middle"><title>{_e(label)}</title>{_e(short)}</text>')
        for j, (name, vals) in enumerate(series.items()):
            w = PLOT_W * (vals[i] / top)
            y = y0 + j * BAR_H + 3
            parts.append(f'<rect x="{LABEL_W}" y="{y}" width="{w:.1f}" height="{BAR_H - 4}" '
                         f'fill="{COLOURS[j % len(COLOURS)]}"/>')
            parts.append(f'<text x="{LABEL_W + w + 4:.1f}" y="{y + BAR_H / 2 - 1}" '
                         f'dominant-baseline="middle">{_e((shown or {}).get(name, [_number(v) for v in vals])[i])}</text>')
    if n > 1:
        x = LABEL_W
        for j, name in enumerate(series):
            parts.append(f'<rect x="{x}" y="{height - 16}" width="12" height="12" '
                         f'fill="{COLOURS[j % len(COLOURS)]}"/><text x="{x + 16}" y="{height - 6}">'
                         f'{_e(name)}</text>')
            x += 30 + 8 * len(name)
    parts.append("</svg>")
    return "".join(parts)


def matrix(names: list[str], counts: list[list[int]]) -> str:
    """A square heat map: cell (i, j) = projects or pages organisations i and j share."""
    if not names:
        return '<p class="empty">No data.</p>'
    cell, left, top_m = 30, 280, 200
    size = cell * len(names)
    peak = max((c for row in counts for c in row), default=0) or 1
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{left + size + 170}" '
             f'height="{top_m + size + 10}" font-family="sans-serif" font-size="11">']
    for i, name in enumerate(names):
        short = name if len(name) <= 40 else name[:38] + "…"
        parts.append(f'<text x="{left - 6}" y="{top_m + i * cell + cell / 2}" text-anchor="end" '
                     f'dominant-baseline="middle">{_e(short)}</text>')
        x = left + i * cell + cell / 2
        parts.append(f'<text transform="translate({x},{top_m - 6}) rotate(-55)">{_e(short)}</text>')
        for j in range(len(names)):
            c = counts[i][j]
            shade = 0.08 + 0.92 * c / peak if c else 0
            fill = f"rgba(47,110,165,{shade:.2f})" if i != j else "#eee"
            parts.append(f'<rect x="{left + j * cell}" y="{top_m + i * cell}" width="{cell - 2}" '
                         f'height="{cell - 2}" fill="{fill}"><title>{_e(name)} × {_e(names[j])}: '
                         f'{c}</title></rect>')
            if c and i != j:
                parts.append(f'<text x="{left + j * cell + cell / 2 - 1}" y="{top_m + i * cell + cell / 2}" '
                             f'text-anchor="middle" dominant-baseline="middle" '
                             f'fill="{"#fff" if shade > .5 else "#000"}">{c}</text>')
    parts.append("</svg>")
    return "".join(parts)


# --- figures ------------------------------------------------------------------------

def _year(series: pd.Series) -> pd.Series:
    return series.astype("string").str[:4]


def per_year(t: dict[str, pd.DataFrame]) -> Figure:
    projects = _year(t["projects"]["first_seen"].dt.strftime("%Y")).value_counts()
    acts = _year(t["activities"]["date_start"]).value_counts()
    years = sorted(set(projects.index.dropna()) | set(acts.index.dropna()))
    table = pd.DataFrame({"year": years,
                          "projects (first reported)": [int(projects.get(y, 0)) for y in years],
                          "activities": [int(acts.get(y, 0)) for y in years]})
    svg = hbars(years, {"projects": table.iloc[:, 1].tolist(), "activities": table.iloc[:, 2].tolist()})
    return Figure("Projects and activities per year",
                  "Projects by the year they were first reported; activities (dated events of a "
                  "project) by the year they started.", svg, table)


def _ranking(fundings: pd.DataFrame, names: pd.DataFrame, key: str, id_col: str, what: str) -> Figure:
    f = fundings.dropna(subset=[key]).merge(names, left_on=key, right_on=id_col, how="left")
    pln = f[f["currency"] == "PLN"].groupby("name")["amount"].sum()
    rest = f[f["currency"].notna() & (f["currency"] != "PLN")]
    other = {n: ", ".join(f"{_number(a)} {c}" for a, c in zip(g["amount"], g["currency"]))
             for n, g in rest.groupby("name", observed=True)}
    counts = f.groupby("name").size().sort_values(ascending=False).head(TOP)
    table = pd.DataFrame({what: counts.index, "fundings": counts.values,
                          "amount (PLN)": [float(pln[n]) if n in pln.index else float("nan") for n in counts.index],
                          "amounts in other currencies": [other.get(n, "") for n in counts.index]})
    amount = "amount in PLN (scaled to the longest bar)"
    svg = hbars(list(counts.index), {"number of fundings": counts.astype(float).tolist(),
                                     amount: _scaled(table["amount (PLN)"], counts.max())},
                {amount: [_number(v) + " zł" if v == v else "" for v in table["amount (PLN)"]]})
    return Figure(f"Top {what}s by number and by amount",
                  f"Fundings per {what}; the second bar is the total amount in PLN the pages give, "
                  f"scaled to the longest bar (the table has the figures; amounts in other currencies "
                  f"are listed, not converted).", svg, table)


def _scaled(values: pd.Series, to: float) -> list[float]:
    peak = values.max() if values.notna().any() and values.max() else 1
    return [0.0 if pd.isna(v) else float(v) / peak * float(to) for v in values]


def partner_countries(t: dict[str, pd.DataFrame]) -> Figure:
    ev = t["evidence"]
    geo = pd.concat([t["places"][["place_id", "country"]].rename(columns={"place_id": "entity_id"}),
                     t["organizations"][["org_id", "country"]].rename(columns={"org_id": "entity_id"})])
    mentions = ev.merge(geo.dropna(subset=["country"]), on="entity_id")
    abroad = mentions[mentions["country"] != "PL"]
    pages = abroad.groupby("country")["page_id"].nunique().sort_values(ascending=False).head(TOP)
    names = (abroad.merge(pd.concat([t["places"][["place_id", "name"]].rename(columns={"place_id": "entity_id"}),
                                     t["organizations"][["org_id", "name"]].rename(columns={"org_id": "entity_id"})]),
                          on="entity_id").groupby("country")["name"].agg(lambda s: ", ".join(sorted(set(s))[:6])))
    table = pd.DataFrame({"country": pages.index, "pages": pages.values,
                          "places and organisations": [names.get(c, "") for c in pages.index]})
    svg = hbars(list(pages.index), {"pages": pages.astype(float).tolist()})
    return Figure("Partner countries", "Countries other than Poland by the number of pages that "
                  "mention a place or an organisation there.", svg, table)


def cooperation(t: dict[str, pd.DataFrame]) -> Figure:
    roles = t["roles"][t["roles"]["actor_type"] == "organization"].copy()
    roles["together"] = roles["project_id"].fillna(roles["page_id"])
    roles = roles.merge(t["organizations"][["org_id", "name"]], left_on="actor_id", right_on="org_id")
    pairs = roles[["together", "name"]].drop_duplicates()
    joined = pairs.merge(pairs, on="together")
    joined = joined[joined["name_x"] != joined["name_y"]]
    partners = joined.groupby("name_x")["name_y"].nunique().sort_values(ascending=False).head(MATRIX)
    names = sorted(partners.index, key=lambda n: (-partners[n], n))
    shared = joined.groupby(["name_x", "name_y"])["together"].nunique()
    counts = [[int(shared.get((a, b), 0)) for b in names] for a in names]
    table = pd.DataFrame({"organisation": names, "partners": [int(partners[n]) for n in names],
                          "shares most with": [max(((shared.get((n, m), 0), m) for m in names if m != n),
                                                   default=(0, ""))[1] for n in names]})
    return Figure("Organisations that cooperate most",
                  "Organisations named in the same project (or, without a project, on the same "
                  "page); a cell counts the projects or pages two organisations share.",
                  matrix(names, counts), table)


def coverage(t: dict[str, pd.DataFrame]) -> Figure:
    pages = t["pages"]
    facts = t["facts"].groupby("page_id").size()
    by = pages.assign(facts=pages["page_id"].map(facts).fillna(0)).groupby("source_id").agg(
        pages=("page_id", "size"), relevant=("relevant", "sum"), facts=("facts", "sum"))
    by = by.sort_values("pages", ascending=False).head(TOP * 2).reset_index()
    svg = hbars(by["source_id"].tolist(), {"pages": by["pages"].astype(float).tolist(),
                                           "relevant pages": by["relevant"].astype(float).tolist()})
    by["facts"] = by["facts"].astype(int)
    return Figure("Coverage by source", "Archived pages per source, and how many of them report on "
                  "local-government cooperation.", svg, by)


def figures(t: dict[str, pd.DataFrame]) -> list[Figure]:
    return [per_year(t),
            _ranking(t["fundings"], t["organizations"][["org_id", "name"]], "funder_id", "org_id", "funder"),
            _ranking(t["fundings"], t["programmes"][["programme_id", "name"]], "programme_id",
                     "programme_id", "programme"),
            partner_countries(t), cooperation(t), coverage(t)]


# --- HTML ---------------------------------------------------------------------------

CSS = """body{font-family:sans-serif;max-width:64em;margin:2em auto;padding:0 1em;color:#222}
h1{font-size:1.6em}h2{margin-top:2.2em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:.6em 0;font-size:.9em}td,th{border:1px solid #ddd;padding:.2em .6em;
text-align:left;vertical-align:top}td.n{text-align:right}.caption{color:#555}svg{max-width:100%;height:auto}
.totals td{padding-right:2em}"""


def _table_html(df: pd.DataFrame) -> str:
    head = "".join(f"<th>{_e(c)}</th>" for c in df.columns)
    rows = []
    for rec in df.itertuples(index=False):
        cells = "".join(f'<td class="n">{_e(_number(v))}</td>' if isinstance(v, (int, float)) and
                        not isinstance(v, bool) else f"<td>{_e(v)}</td>" for v in rec)
        rows.append(f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def render(t: dict[str, pd.DataFrame], title: str = "samorzad: report") -> str:
    totals = "".join(f"<tr><td>{_e(n)}</td><td class='n'>{len(df)}</td></tr>" for n, df in t.items())
    body = []
    for i, fig in enumerate(figures(t), 1):
        body.append(f'<section id="fig{i}"><h2>{i}. {_e(fig.title)}</h2><p class="caption">'
                    f"{_e(fig.caption)}</p>{fig.svg}{_table_html(fig.table)}</section>")
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{_e(title)}</title>'
            f"<style>{CSS}</style></head><body><h1>{_e(title)}</h1>"
            f"<p>Made {stamp} from the dataset's Parquet tables. Every plot has its numbers in the "
            f"table under it.</p><table class='totals'><thead><tr><th>table</th><th>rows</th></tr>"
            f"</thead><tbody>{totals}</tbody></table>{''.join(body)}</body></html>")


def write_report(data_dir: str | Path, to: str | Path, overwrite: bool = False) -> Path:
    """Write the report of the dataset in `data_dir` to the HTML file `to`, atomically.
    An existing file is only replaced when `overwrite` is true."""
    from transform import schema as S
    from transform.io import resolve_dataset, write_bytes_atomic
    from transform.loading import load, load_table

    to = Path(to)
    if to.is_dir():
        raise ReportError(f"{to} is a folder; give the report's file name, e.g. {to / 'report.html'}")
    if to.exists() and not overwrite:
        raise ReportError(f"{to} already exists; use --overwrite to replace it")
    root = resolve_dataset(data_dir)
    missing = sorted(n for n in NEEDED if not (root / S.TABLES[n].file).exists())
    if missing:
        raise ReportError(f"the dataset in {data_dir} has no {', '.join(missing)} table(s); "
                          "rebuild it with `samorzad build`")
    tables = load(data_dir, sorted(NEEDED - {"pages"}))
    tables["pages"] = load_table(data_dir, "pages", ["page_id", "source_id", "relevant"])
    return write_bytes_atomic(render(tables).encode("utf-8"), to)
