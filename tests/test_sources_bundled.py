"""The bundled spiders/sources.toml is what `samorzad run` crawls by default: it must load,
and every pattern in it must be able to match only its own site."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path
from urllib.parse import urlsplit

import pytest

BUNDLED = Path(__file__).resolve().parent.parent / "spiders" / "sources.toml"
KINDS = {"city", "commune", "county", "voivodeship", "ministry", "association",
         "foundation", "school", "portal", "agency", "other"}
# Host prefix of an anchored allow regex: ^http(s)?://(www\.)?host.name
ANCHOR = re.compile(r"^\^https\??://(?:\((?:\?:)?www\\\.\)\?)?((?:[a-z0-9-]+\\\.)+[a-z]{2,})(?=/|\(|$)")


@pytest.fixture(scope="module")
def tables() -> list[dict]:
    with BUNDLED.open("rb") as fh:
        return tomllib.load(fh)["source"]


def _bare(host: str) -> str:
    return host[4:] if host.startswith("www.") else host


def test_loads_with_project_loader():
    sources_mod = pytest.importorskip("spiders.sources")
    if not hasattr(sources_mod, "load_sources"):
        pytest.skip("spiders.sources.load_sources not written yet")
    sources = sources_mod.load_sources(BUNDLED)
    assert len(sources) >= 40
    if hasattr(sources_mod, "check_sources"):
        assert sources_mod.check_sources(BUNDLED) == []


def test_enough_unique_sources_of_many_kinds(tables):
    ids = [t["id"] for t in tables]
    assert len(ids) >= 40
    assert len(ids) == len(set(ids)), "duplicate ids"
    assert all(re.fullmatch(r"[a-z0-9_-]+", i) for i in ids)
    kinds = {t["kind"] for t in tables}
    assert kinds <= KINDS, kinds - KINDS
    # issue 4 asks for cities, counties, voivodeships, ministries, associations,
    # foundations and local news portals
    assert {"city", "county", "voivodeship", "ministry", "association", "foundation",
            "portal"} <= kinds


def test_required_keys_and_types(tables):
    allowed = {"id", "name", "kind", "home", "start_urls", "allow", "deny", "sitemaps",
               "feeds", "max_pages", "notes"}
    for t in tables:
        assert set(t) <= allowed, (t["id"], set(t) - allowed)
        assert t["name"].strip(), t["id"]
        assert t["start_urls"] and t["allow"], t["id"]
        for key in ("start_urls", "allow", "deny", "sitemaps", "feeds"):
            assert isinstance(t.get(key, []), list), (t["id"], key)


def test_regexes_compile(tables):
    for t in tables:
        for pattern in t["allow"] + t.get("deny", []):
            re.compile(pattern)


def test_urls_stay_on_the_home_domain(tables):
    for t in tables:
        home = _bare(urlsplit(t["home"]).hostname)
        for url in t["start_urls"] + t.get("sitemaps", []) + t.get("feeds", []):
            parts = urlsplit(url)
            assert parts.scheme in ("http", "https"), url
            host = _bare(parts.hostname)
            assert host == home or host.endswith("." + home), (t["id"], url)


def test_allow_patterns_anchored_to_source_host(tables):
    for t in tables:
        home = _bare(urlsplit(t["home"]).hostname)
        for pattern in t["allow"]:
            m = ANCHOR.match(pattern)
            assert m, f"{t['id']}: allow pattern not anchored to a host: {pattern}"
            assert _bare(m.group(1).replace("\\.", ".")) == home, (t["id"], pattern)


def test_allow_rejects_other_hosts_and_the_home_page(tables):
    for t in tables:
        allow = [re.compile(p) for p in t["allow"]]
        home = t["home"]
        assert not any(rx.search(home) for rx in allow), (t["id"], "home page is not an article")
        evil = "https://evil.example/" + urlsplit(home).hostname + "/aktualnosci/x-y-z"
        assert not any(rx.search(evil) for rx in allow), t["id"]


# Real addresses seen in public copies of these sites (article pages and listing pages):
# the bundled patterns must take the first and refuse the second.
SEEN_ARTICLES = {
    "ksap": "https://ksap.gov.pl/ksap/aktualnosci/wizyta-przedstawicieli-national-academy-for-public-administration-of-ukraine",
    "zpp": "https://zpp.pl/artykul/77-informacja-o-zpp",
    "zgwrp": "https://www.zgwrp.pl/jubileuszowy-kongres-gmin-wiejskich-platforma-rozmow-o-funkcjonowaniu-kondycji-i-rozwoju-gmin-z-obszarami-wiejskimi/",
    "zmp": "https://www.miasta.pl/aktualnosci/zachecamy-do-wspoldzialania",
    "batory": "https://www.batory.org.pl/2022/03/03/uruchamiamy-fundusz-solidarnosci-z-ukraina/",
    "pafw": "https://pafw.pl/wydarzenie/to-juz-15-lat/",
    "frdl": "https://frdl.org.pl/opinie-frdl/jubileusz-xxv-lecia-fundacji-rozwoju-demokracji",
    "warszawa": "https://www.um.warszawa.pl/aktualnosci/miasta-partnerskie-warszawy",
    "wroclaw": "https://www.wroclaw.pl/rozmawia/wroclawski-budzet-obywatelski-2022-pytania-i-odpowiedzi",
    "lublin": "https://lublin.eu/prezydent-miasta-lublin/aktualnosci/4-rok-iii-kadencji-prezydenta-krzysztofa-zuka,106,1723,1.html",
    "kurierzawiercianski": "https://www.kurierzawiercianski.pl/artykul/5648,wojt-kazmierczak-w-pracowni-samorzadowej",
    "dziennikwschodni": "https://www.dziennikwschodni.pl/lublin/prezydent-lublina-krzysztof-zuk-z-wotum-zaufania-i-absolutorium,n,1000363692.html",
    "krakow": "https://www.krakow.pl/otwarty_na_swiat/3074,artykul,rodzaje_umow.html",
    "wartowiedziec": "https://wartowiedziec.pl/legislacja/31-komisja-wspolna-rzadu-i-samorzadu-terytorialnego/71610-240o222relacja-z-lutowego-posiedzenia-komisji-wspolnej-rzadu-i-samorzadu-terytorialnego",
}
SEEN_LISTINGS = {
    "zgwrp": "https://zgwrp.pl/category/aktualnosci/wydarzenia/page/97",
    "zmp": "https://www.miasta.pl/aktualnosci/dzialalnosc-na-rzecz-miast",
    "ump": "https://www.metropolie.pl/pl/category/wiadomosci/",
    "kurierzawiercianski": "https://www.kurierzawiercianski.pl/artykuly?p=316",
    "gazetamyszkowska": "https://www.gazetamyszkowska.pl/artykuly/48/poraj?p=43",
    "krakow": "https://www.krakow.pl/krakau_weltoffene_stadt/aktuelles/1584,361,0,kategoria,aktuelles.html",
}


def _is_article(table: dict, url: str) -> bool:
    return (any(re.search(p, url) for p in table["allow"])
            and not any(re.search(p, url) for p in table.get("deny", [])))


@pytest.mark.parametrize("sid", sorted(SEEN_ARTICLES))
def test_allow_takes_real_article_addresses(tables, sid):
    table = next(t for t in tables if t["id"] == sid)
    assert _is_article(table, SEEN_ARTICLES[sid])


@pytest.mark.parametrize("sid", sorted(SEEN_LISTINGS))
def test_allow_refuses_real_listing_addresses(tables, sid):
    table = next(t for t in tables if t["id"] == sid)
    assert not _is_article(table, SEEN_LISTINGS[sid])
