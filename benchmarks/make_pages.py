"""Generate a few hundred varied municipal-news HTML pages for the facts benchmark.

Article paragraphs and titles come from the project's own gold HTML pages
(tests/gold/pages); each generated page draws a random title and 2-8 paragraphs from
that pool and wraps them in one of several site layouts with random amounts of
boilerplate (menus, cookie banner, breadcrumbs, "latest news" lists, reader comments,
EU-funds footers, inline scripts). Deterministic for a given seed.

    python benchmarks/make_pages.py --out /tmp/bench_pages --n 300
"""
from __future__ import annotations

import argparse
import html
import random
from pathlib import Path

from lxml import html as lxml_html

GOLD_PAGES = Path(__file__).resolve().parent.parent / "tests" / "gold" / "pages"

MENU = ["Strona główna", "Aktualności", "Urząd", "Rada Gminy", "Sołectwa", "Oświata", "Kultura", "Sport",
        "Turystyka", "Ogłoszenia", "Przetargi", "BIP", "Kontakt", "Projekty UE", "Dla mieszkańca"]
HEADLINES = ["Harmonogram odbioru odpadów na {m} {y}", "Sesja Rady Gminy – {d} {m} {y}",
             "Zebranie wiejskie w sołectwie Wola", "Utrudnienia w ruchu na ul. Kościelnej",
             "Nabór wniosków do budżetu obywatelskiego {y}", "Koncert noworoczny w GOK",
             "Delegacja z partnerskiej gminy z Litwy – {d} {m}", "Ostrzeżenie meteorologiczne",
             "Stypendia sportowe – nabór", "Dożynki gminne {y} – podziękowania"]
COMMENTS = ["Kiedy w końcu naprawią drogę do Zalesia?", "Gratulacje dla wójta, tak trzymać!",
            "A ile to kosztowało mieszkańców?", "Byłem na podobnym wyjeździe w {y}, polecam.",
            "Szkoda, że nikt nie informuje o tym wcześniej."]
FOOTERS = ["Projekt współfinansowany ze środków Europejskiego Funduszu Rozwoju Regionalnego w ramach "
           "Regionalnego Programu Operacyjnego na lata 2014-2020. Wartość projektu: {v} zł.",
           "Fundusze Europejskie – Program Regionalny. Rzeczpospolita Polska. Unia Europejska.",
           "Zadanie dofinansowane ze środków Rządowego Funduszu Inwestycji Lokalnych kwotą {v} zł."]
MONTHS = ["stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września",
          "października", "listopada", "grudnia"]


def article_pool(pages_dir: Path = GOLD_PAGES) -> tuple[list[str], list[str]]:
    """(titles, paragraphs) of the gold HTML pages' articles."""
    titles: list[str] = []
    paras: list[str] = []
    for path in sorted(pages_dir.glob("*.html")):
        tree = lxml_html.fromstring(path.read_bytes())
        titles += [h.text_content().strip() for h in tree.xpath("//article//h1")]
        paras += [p.text_content().strip() for p in tree.xpath("//article//div[@class='content']//p")]
    if not paras:
        raise SystemExit(f"no article paragraphs found in {pages_dir}")
    return titles, [p for p in paras if len(p) > 40]


def _fill(template: str, rng: random.Random) -> str:
    return template.format(d=rng.randint(1, 28), m=rng.choice(MONTHS), y=rng.randint(2012, 2024),
                           v=f"{rng.randint(100, 9000)} {rng.randint(0, 999):03d},00")


def make_page(rng: random.Random, titles: list[str], paras: list[str]) -> str:
    e = html.escape
    title = rng.choice(titles)
    body = "".join(f"<p>{e(p)}</p>" for p in rng.sample(paras, rng.randint(2, min(8, len(paras)))))
    menu = "".join(f"<li><a href='/m{i}'>{e(m)}</a></li>" for i, m in enumerate(rng.sample(MENU, rng.randint(5, 12))))
    side = "".join(f"<li><a href='/n{i}'>{e(_fill(h, rng))}</a></li>"
                   for i, h in enumerate(rng.sample(HEADLINES, rng.randint(0, 6))))
    comments = "".join(f"<li class='comment'><b>Gość{i}</b> <span>{rng.randint(1, 28)}.0{rng.randint(1, 9)}.2023</span>"
                       f"<p>{e(_fill(rng.choice(COMMENTS), rng))}</p></li>" for i in range(rng.randint(0, 6)))
    scripts = "".join(f"<script>var cfg{i} = {{'id': {rng.randint(1, 99999)}, 'track': true}};</script>"
                      for i in range(rng.randint(0, 4)))
    date = f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.{rng.randint(2012, 2024)}"
    layout = rng.randrange(3)
    if layout == 0:
        main = f"<main><article><h1>{e(title)}</h1><p class='date'>Opublikowano: {date}</p>{body}</article></main>"
    elif layout == 1:
        main = (f"<div id='content'><div class='breadcrumbs'>Strona główna › Aktualności</div>"
                f"<div class='news-item'><h2 class='title'>{e(title)}</h2><div class='meta'>{date}</div>"
                f"<div class='text'>{body}</div></div></div>")
    else:
        main = (f"<div class='container'><div class='row'><div class='col-md-8'><h1>{e(title)}</h1>"
                f"<time>{date}</time>{body}<div class='share'>Udostępnij: Facebook X E-mail</div></div>"
                f"<div class='col-md-4'><h3>Najnowsze aktualności</h3><ul>{side}</ul></div></div></div>")
        side = ""
    return ("<!DOCTYPE html><html lang='pl'><head><meta charset='utf-8'>"
            f"<title>{e(title)}</title>{scripts}</head><body>"
            "<div class='cookies'>Ta strona używa plików cookies. Akceptuję</div>"
            f"<header><nav><ul>{menu}</ul></nav></header>{main}"
            + (f"<aside><h3>Najnowsze aktualności</h3><ul>{side}</ul></aside>" if side else "")
            + (f"<section class='comments'><h3>Komentarze</h3><ol>{comments}</ol></section>" if comments else "")
            + f"<footer><p>{e(_fill(rng.choice(FOOTERS), rng))}</p><p>© Urząd Gminy</p></footer></body></html>")


def generate(n: int = 300, seed: int = 7, pages_dir: Path = GOLD_PAGES) -> list[bytes]:
    """`n` HTML pages as UTF-8 bytes (what the archive hands to the facts step)."""
    rng = random.Random(seed)
    titles, paras = article_pool(pages_dir)
    return [make_page(rng, titles, paras).encode("utf-8") for _ in range(n)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for i, page in enumerate(generate(args.n, args.seed)):
        (args.out / f"page_{i:04d}.html").write_bytes(page)
    print(f"wrote {args.n} pages to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
