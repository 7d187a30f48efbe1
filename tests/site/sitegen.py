"""A small municipal news site in Polish, written to a folder for tests/site/server.py.

Fictional commune "Gmina Brzozowa Wola".  Pages carry the boilerplate real sites have
(menu, cookie banner, "Najnowsze aktualności" sidebar naming other articles, EU-funds
footer, reader comments), three listing pages, a gzip sitemap behind a sitemap index
advertised in robots.txt, an RSS feed advertised in <head>, legacy-encoded articles, a
robots-disallowed draft linked from the listing and a link to another host.

``__BASE__`` / ``__OTHER__`` in files are replaced by the server with its own URL and
with the same server under another host name (for off-site checks).
"""
from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field
from pathlib import Path

PER_PAGE = 2
ALLOW = r"/aktualnosci/\d{4}/[\w/-]+\.html$"
DISALLOWED = "/aktualnosci/2024/robocze/projekt-budzetu.html"
OFFSITE = "/aktualnosci/2024/obca-strona.html"  # linked on the other host name only
LISTING = "/aktualnosci/"

MENU = "Strona główna | Urząd Gminy | Aktualności | Ogłoszenia | Kontakt | Deklaracja dostępności"
COOKIES = ("Ta strona używa plików cookies w celu zapewnienia prawidłowego działania serwisu. "
           "Dalsze korzystanie ze strony oznacza zgodę na ich użycie.")
EU_FOOTER = ("Projekt współfinansowany ze środków Unii Europejskiej w ramach Europejskiego "
             "Funduszu Rozwoju Regionalnego — Program Operacyjny Polska Cyfrowa.")
FOOTER = "Urząd Gminy Brzozowa Wola, ul. Lipowa 7, 00-950 Brzozowa Wola, tel. 22 000 11 22"
SIDEBAR_TITLE = "Najnowsze aktualności"
COMMENTS_TITLE = "Komentarze mieszkańców"
BOILERPLATE = (MENU, COOKIES, EU_FOOTER, FOOTER, SIDEBAR_TITLE, COMMENTS_TITLE)


@dataclass
class Article:
    slug: str
    title: str
    date: str  # ISO
    paragraphs: list[str]
    comments: list[str] = field(default_factory=list)
    encoding: str = "utf-8"
    declare: str = "header"  # header | meta | none
    in_listing: bool = True
    in_feed: bool = True

    @property
    def path(self) -> str:
        return f"/aktualnosci/{self.date[:4]}/{self.slug}.html"


ARTICLES = [
    Article("umowa-partnerska-z-kremnica", "Umowa partnerska z miastem Kremnica podpisana", "2024-03-14",
            ["W czwartek 14 marca 2024 r. wójt Gminy Brzozowa Wola i burmistrz słowackiego miasta "
             "Kremnica podpisali umowę o współpracy partnerskiej.",
             "Wspólny projekt „Zielone szlaki pogranicza” o wartości 1 250 000 zł otrzymał "
             "dofinansowanie z programu Interreg Polska–Słowacja 2021–2027.",
             "Partnerzy zorganizują wymianę młodzieży, targi rękodzieła oraz szkolenia dla przewodników."],
            ["Świetna wiadomość, gratulujemy!", "A kiedy remont drogi do Olszynki?"]),
    Article("swietlica-w-olszynce", "Świetlica wiejska w Olszynce po remoncie", "2024-02-20",
            ["Zakończył się remont świetlicy wiejskiej w Olszynce. Wymieniono dach, okna i ogrzewanie.",
             "Inwestycja kosztowała 486 300,00 zł, z czego 400 000 zł pokryła dotacja z Rządowego "
             "Funduszu Polski Ład: Program Inwestycji Strategicznych."],
            ["Nareszcie jest gdzie organizować zebrania."]),
    Article("wojtowie-o-transporcie", "Wójtowie powiatu brzozowskiego rozmawiali o transporcie", "2024-02-02",
            ["Przedstawiciele sześciu gmin powiatu brzozowskiego spotkali się w Brzozowej Woli, "
             "aby omówić wspólną organizację publicznego transportu zbiorowego.",
             "Gminy rozważają utworzenie związku międzygminnego i złożenie wniosku do Funduszu "
             "rozwoju przewozów autobusowych."]),
    Article("stypendia-zdolni", "Stypendia dla uczniów w projekcie „Zdolni z Brzozowej Woli”", "2024-01-18",
            ["Rada Gminy przyjęła regulamin stypendiów dla uczniów szkół podstawowych.",
             "W tym roku szkolnym 24 uczniów otrzyma po 2 500 zł. Środki pochodzą z budżetu gminy "
             "oraz od Fundacji Wspierania Edukacji Wiejskiej."],
            encoding="windows-1250", declare="header"),
    Article("sciezki-rowerowe", "Nowe ścieżki rowerowe dzięki współpracy sąsiednich gmin", "2023-12-05",
            ["Gmina Brzozowa Wola wspólnie z gminami Łąkowo i Źrebiec wybuduje 14 km ścieżek rowerowych.",
             "Porozumienie międzygminne podpisano 5 grudnia 2023 r.; wartość zadania to 3,2 mln zł."],
            encoding="windows-1250", declare="meta"),
    Article("zlobek-w-lugowinach", "Żłobek w Ługowinach przyjmie 40 dzieci", "2023-11-21",
            ["Źródłem finansowania budowy żłobka jest program „Aktywny Maluch 2022–2029”.",
             "Gmina otrzymała 1 100 000 zł dotacji; zajęcia ruszą we wrześniu przyszłego roku."],
            encoding="iso-8859-2", declare="none"),
    Article("nabor-wnioskow-ngo", "Nabór wniosków organizacji pozarządowych na 2024 rok", "2023-11-02",
            ["Wójt Gminy Brzozowa Wola ogłasza otwarty konkurs ofert dla organizacji pozarządowych.",
             "Na realizację zadań publicznych przeznaczono łącznie 180 000 zł."],
            in_listing=False, in_feed=False),
]

EXTRA_ARTICLE = Article(
    "dozynki-gminne", "Dożynki gminne w Brzozowej Woli", "2024-03-20",
    ["Zapraszamy na dożynki gminne, które odbędą się na stadionie w Brzozowej Woli.",
     "Współorganizatorem wydarzenia jest Koło Gospodyń Wiejskich „Brzozowianki”."])


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _page(title: str, main: str, sidebar: list[Article], *, head_extra: str = "",
          meta_charset: str | None = "utf-8") -> str:
    meta = f'<meta charset="{meta_charset}">' if meta_charset else ""
    side = "".join(f'<li><a href="{a.path}">{_esc(a.title)}</a></li>' for a in sidebar)
    menu = "".join(f'<li><a href="/{href}">{label}</a></li>' for href, label in (
        ("", "Strona główna"), ("urzad/", "Urząd Gminy"), ("aktualnosci/", "Aktualności"),
        ("ogloszenia/", "Ogłoszenia"), ("kontakt/", "Kontakt"), ("admin/", "Panel redakcji")))
    return f"""<!DOCTYPE html>
<html lang="pl"><head>{meta}<title>{_esc(title)} - Gmina Brzozowa Wola</title>{head_extra}</head>
<body>
<div id="cookie-banner" class="cookies"><p>{COOKIES}</p><button>Akceptuję</button></div>
<header><div class="logo">Gmina Brzozowa Wola</div>
<nav class="menu"><ul>{menu}</ul><p class="crumbs">{MENU}</p></nav></header>
<div class="container">
<main id="content">{main}</main>
<aside class="sidebar"><h3>{SIDEBAR_TITLE}</h3><ul>{side}</ul></aside>
</div>
<footer><div class="eu-banner"><img src="/img/ue.png" alt="Flaga UE"><p>{EU_FOOTER}</p></div>
<p>{FOOTER}</p><p>© 2024 Gmina Brzozowa Wola. Wszelkie prawa zastrzeżone.</p></footer>
</body></html>
"""


def _article_html(a: Article, others: list[Article]) -> str:
    paras = "".join(f"<p>{_esc(p)}</p>" for p in a.paragraphs)
    comments = ""
    if a.comments:
        items = "".join(f'<div class="comment"><b>Mieszkaniec</b><p>{_esc(c)}</p></div>' for c in a.comments)
        comments = f'<section class="comments"><h3>{COMMENTS_TITLE}</h3>{items}</section>'
    main = (f'<article><h1>{_esc(a.title)}</h1><p class="date">Opublikowano: '
            f'<time datetime="{a.date}">{a.date}</time></p>{paras}</article>{comments}')
    return _page(a.title, main, others, meta_charset=a.encoding if a.declare == "meta" else
                 (None if a.declare == "none" or a.encoding != "utf-8" else "utf-8"))


def _listing_html(page: int, pages: int, items: list[Article], sidebar: list[Article]) -> str:
    def url(n):
        return LISTING if n == 1 else f"{LISTING}?strona={n}"
    entries = "".join(
        f'<div class="news-item"><h2><a href="{a.path}">{_esc(a.title)}</a></h2>'
        f'<span class="date">{a.date}</span><a class="more" href="{a.path}#tresc">Czytaj więcej</a></div>'
        for a in items)
    numbers = " ".join(f'<a href="{url(n)}">{n}</a>' if n != page else f"<span>{n}</span>"
                       for n in range(1, pages + 1))
    nav = numbers + (f' <a href="{url(page + 1)}">następna »</a>' if page < pages else "")
    extra = ""
    if page == 1:
        extra = (f'<p class="drafts"><a href="{DISALLOWED}">Projekt budżetu (wersja robocza)</a></p>'
                 f'<p><a href="__OTHER__{OFFSITE}">Artykuł partnera</a></p>'
                 f'<p><a href="/kalendarz/?data=2024-03-01">Kalendarz wydarzeń</a></p>')
    if page == 2 and items:
        # the same article behind a session id must not be fetched twice
        extra = f'<p><a href="{ARTICLES[0].path};jsessionid=A1B2C3D4">Polecamy</a></p>' \
                f'<p><a href="{ARTICLES[0].path}?PHPSESSID=9f8e7d">Polecamy raz jeszcze</a></p>'
    head = '<link rel="alternate" type="application/rss+xml" title="Aktualności" href="/rss.xml">'
    if page < pages:
        head += f'<link rel="next" href="{url(page + 1)}">'
    main = f'<h1>Aktualności</h1>{entries}<div class="pagination">{nav}</div>{extra}'
    return _page(f"Aktualności - strona {page}", main, sidebar, head_extra=head)


def _encode(a: Article, html: str) -> bytes:
    return html.encode(a.encoding, "xmlcharrefreplace")  # as CMSes do for unmappable signs


def write_site(root, *, extra: bool = False) -> list[Article]:
    """Write the site into ``root``; ``extra`` adds one newer article. Returns the articles."""
    root = Path(root)
    articles = ([EXTRA_ARTICLE] if extra else []) + list(ARTICLES)
    headers: dict[str, dict] = {}

    def put(path: str, data: bytes, content_type: str | None = None):
        target = root / path.lstrip("/")
        if path.endswith("/"):
            target = target / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists() or target.read_bytes() != data:  # keep mtimes of unchanged files
            target.write_bytes(data)
        if content_type:
            headers[target.relative_to(root).as_posix()] = {"Content-Type": content_type}

    # fixed sidebar: a new article must not change every other page's bytes
    sidebar = [a for a in ARTICLES if a.in_listing][:3]
    for a in articles:
        others = [o for o in sidebar if o is not a]
        ctype = {"header": f"text/html; charset={a.encoding}", "meta": "text/html",
                 "none": "text/html"}[a.declare]
        put(a.path, _encode(a, _article_html(a, others)), ctype)
    listed = [a for a in articles if a.in_listing]
    pages = (len(listed) + PER_PAGE - 1) // PER_PAGE
    for n in range(1, pages + 1):
        html = _listing_html(n, pages, listed[(n - 1) * PER_PAGE: n * PER_PAGE], sidebar).encode()
        put(LISTING if n == 1 else f"{LISTING}index.html?strona={n}", html)
    draft = Article("projekt-budzetu", "Projekt budżetu (wersja robocza)", "2024-03-01",
                    ["Dokument roboczy — nie publikować."])
    put(DISALLOWED, _article_html(draft, []).encode())
    put("/admin/index.html", _page("Panel redakcji", "<p>Logowanie</p>", []).encode())
    put("/", _page("Strona główna", '<p><a href="/aktualnosci/">Aktualności</a></p>', sidebar).encode())
    put("/robots.txt", b"User-agent: *\nDisallow: /admin/\nDisallow: /aktualnosci/2024/robocze/\n"
        b"Crawl-delay: 0\n\nSitemap: __BASE__/sitemap_index.xml\n", "text/plain")
    put("/sitemap_index.xml", b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<sitemap><loc>__BASE__/sitemap-aktualnosci.xml.gz</loc></sitemap></sitemapindex>\n",
        "application/xml")
    urls = "".join(f"<url><loc>__BASE__{a.path}</loc><lastmod>{a.date}</lastmod></url>" for a in articles)
    urls += f"<url><loc>__BASE__{LISTING}</loc></url>"
    sitemap = ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/'
               f'schemas/sitemap/0.9">{urls}</urlset>\n').encode()
    put("/sitemap-aktualnosci.xml.gz", gzip.compress(sitemap, mtime=0), "application/x-gzip")
    items = "".join(f"<item><title>{_esc(a.title)}</title><link>__BASE__{a.path}</link>"
                    f"<guid>__BASE__{a.path}</guid></item>" for a in articles if a.in_feed)
    put("/rss.xml", ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
                     f"<title>Gmina Brzozowa Wola - aktualności</title><link>__BASE__/</link>{items}"
                     "</channel></rss>\n").encode(), "application/rss+xml")
    (root / "_headers.json").write_text(json.dumps(headers, indent=1), encoding="utf-8")
    return articles


def sources_toml(base: str, source_id: str = "brzozowa-wola", **extra) -> str:
    """A sources file with one source for the site served at ``base``."""
    lines = ["[[source]]", f'id = "{source_id}"', 'name = "Gmina Brzozowa Wola (test)"',
             'kind = "commune"', f'start_urls = ["{base}{LISTING}"]', f"allow = ['{ALLOW}']"]
    lines += [f"{k} = {json.dumps(v)}" for k, v in extra.items()]
    return "\n".join(lines) + "\n"
