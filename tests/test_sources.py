"""Sources files: a good file loads into typed Sources; a bad one is reported in full."""
from __future__ import annotations

import pytest

from spiders.sources import BUNDLED_SOURCES, Source, SourcesError, check_sources, load_sources

GOOD = """
# a city and a foundation
[[source]]
id = "miasto-x"
name = "Miasto X"
kind = "city"
home = "https://www.miasto-x.pl/"
start_urls = ["https://www.miasto-x.pl/aktualnosci/"]
allow = ['^https?://(www\\.)?miasto-x\\.pl/aktualnosci/\\d+,[\\w-]+\\.html$']
deny = ['/aktualnosci/\\d+,archiwum']
sitemaps = ["https://www.miasto-x.pl/sitemap.xml"]
feeds = ["https://www.miasto-x.pl/rss"]
max_pages = 500
notes = "listing paginated with ?page=N"

[[source]]
id = "fundacja_y"
name = "Fundacja Y"
kind = "foundation"
start_urls = ["https://fundacja-y.org.pl/news"]
allow = ['/news/[\\w-]+/$']
"""

BAD = """
[[source]]
id = "dup"
name = "A"
kind = "city"
start_urls = ["https://a.pl/"]
allow = ['(unclosed']
colour = "red"

[[source]]
id = "dup"
name = "B"
kind = "village"
start_urls = ["not a url"]
allow = []

[[source]]
id = "Bad Id"
name = "C"
start_urls = ["https://c.pl/"]
"""


def _write(tmp_path, text, name="sources.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_good_file_loads_typed_sources(tmp_path):
    sources = load_sources(_write(tmp_path, GOOD))
    assert [s.id for s in sources] == ["miasto-x", "fundacja_y"]
    city = sources[0]
    assert isinstance(city, Source) and city.kind == "city" and city.max_pages == 500
    assert city.start_urls == ("https://www.miasto-x.pl/aktualnosci/",)
    assert city.sitemaps == ("https://www.miasto-x.pl/sitemap.xml",)
    assert city.hosts == ("www.miasto-x.pl",)
    assert sources[1].deny == () and sources[1].max_pages is None
    assert check_sources(_write(tmp_path, GOOD)) == []


def test_allow_and_deny_decide_what_is_an_article(tmp_path):
    city = load_sources(_write(tmp_path, GOOD))[0]
    assert city.is_article("https://www.miasto-x.pl/aktualnosci/123,nowy-most.html")
    assert not city.is_article("https://www.miasto-x.pl/aktualnosci/?page=2")
    assert not city.is_article("https://www.miasto-x.pl/aktualnosci/9,archiwum-2010.html")  # denied


def test_check_lists_every_problem(tmp_path):
    problems = check_sources(_write(tmp_path, BAD))
    text = "\n".join(problems)
    assert all(p.startswith(str(tmp_path / "sources.toml")) for p in problems)
    assert "unknown key 'colour'" in text
    assert "'(unclosed'" in text and "invalid" in text
    assert "duplicate id" in text
    assert "kind 'village'" in text
    assert "'not a url' is not an http(s) URL" in text
    assert "allow must not be empty" in text
    assert "missing key 'kind'" in text and "missing key 'allow'" in text
    assert "id must match" in text
    assert len(problems) >= 9


def test_load_raises_one_line_naming_file_and_source(tmp_path):
    path = _write(tmp_path, BAD)
    with pytest.raises(SourcesError) as err:
        load_sources(path)
    message = str(err.value)
    assert "\n" not in message
    assert str(path) in message and "'dup'" in message and "more problem" in message


@pytest.mark.parametrize("text, needle", [
    ("[[source]\nid=1", "not valid TOML"),
    ('title = "x"\n', "unknown top-level key"),
    ("", r"no \[\[source\]\] tables"),
])
def test_broken_files_give_clear_errors(tmp_path, text, needle):
    with pytest.raises(SourcesError, match=needle):
        load_sources(_write(tmp_path, text))


def test_missing_file(tmp_path):
    with pytest.raises(SourcesError, match="file not found"):
        load_sources(tmp_path / "nope.toml")


def test_bundled_path_is_next_to_the_module():
    assert BUNDLED_SOURCES.name == "sources.toml" and BUNDLED_SOURCES.parent.name == "spiders"
