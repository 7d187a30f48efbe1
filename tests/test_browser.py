"""`samorzad serve` in a real browser: search an inflected Polish word, open an entity page.

Starts the command on a dataset built by `samorzad demo`, drives headless Chromium from the
system packages (chromium + chromium-driver, installed by .ci/run) through Selenium, and
saves screenshots under tmp/artefacts/ (or $SAMORZAD_ARTEFACTS). Skips, saying why, only
when no Chromium or chromedriver is installed.
"""
from __future__ import annotations

import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from transform.demo import demo

ROOT = Path(__file__).resolve().parent.parent
ARTEFACTS = Path(os.environ.get("SAMORZAD_ARTEFACTS", ROOT / "tmp" / "artefacts"))
CHROMIUM = next(filter(None, (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome"))), None)
DRIVER = shutil.which("chromedriver")

pytestmark = pytest.mark.skipif(
    CHROMIUM is None or DRIVER is None,
    reason="no headless browser: install the Debian packages chromium and chromium-driver "
           "(apt-get install chromium chromium-driver) to run the browser tests")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    out = tmp_path_factory.mktemp("browser") / "demo"
    demo(out)
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "samorzad_cli", "serve", "--data", str(out),
                             "--port", str(port)], cwd=ROOT, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=2)
                break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail(f"samorzad serve exited: {proc.stderr.read()}")
                time.sleep(0.5)
        else:
            pytest.fail("samorzad serve did not answer within 60 s")
        yield base, out / "samorzad.sqlite"
    finally:
        proc.terminate()
        proc.wait(timeout=20)


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="samorzad-chromium-")
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--window-size=1300,1400", f"--user-data-dir={profile}"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def shot(driver, name: str) -> Path:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTEFACTS / f"{name}.png"
    driver.save_screenshot(str(path))
    return path


def titles_with(db: Path, pattern: str) -> set[str]:
    rx = re.compile(pattern, re.I)
    con = sqlite3.connect(db)
    try:
        return {t for t, text in con.execute("SELECT title, text FROM pages") if rx.search(f"{t}\n{text}")}
    finally:
        con.close()


def test_search_an_inflected_word_then_open_an_organisation(server, browser):
    from selenium.webdriver.common.by import By

    base, db = server
    browser.get(base + "/samorzad/search")
    box = browser.find_element(By.NAME, "q")
    box.clear()
    box.send_keys("Ukrainie")  # locative; the pages say Ukraina, Ukrainy, Ukrainę ...
    box.submit()
    rows = browser.find_elements(By.CSS_SELECTOR, "table.rows-and-columns tbody tr")
    found = {r.find_element(By.CSS_SELECTOR, "td.col-title").text for r in rows}
    assert found == titles_with(db, r"(?<!\w)ukrain(a|y|ie|ę|ą|o)(?!\w)") and len(found) >= 5
    marks = {m.text.lower() for m in browser.find_elements(By.CSS_SELECTOR, "td.col-snippet mark")}
    assert {"ukrainy", "ukrainie"} <= marks  # other forms than the one typed, highlighted
    assert shot(browser, "search-ukrainie").stat().st_size > 10_000

    browser.get(base + "/samorzad/organizations?_sort_desc=n_pages")
    browser.find_element(By.LINK_TEXT, "Fundacja Solidarności Międzynarodowej").click()
    assert browser.find_element(By.CSS_SELECTOR, "h1.entity-name").text == "Fundacja Solidarności Międzynarodowej"
    roles = browser.find_elements(By.CSS_SELECTOR, "#roles tbody tr")
    assert any("Samorząd bliżej mieszkańca" in r.text for r in roles)
    evidence = browser.find_elements(By.CSS_SELECTOR, "#facts tbody tr td:nth-child(3) mark")
    assert evidence and all(m.text.startswith("Fundacj") for m in evidence)
    links = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "#pages a")]
    assert any(h.startswith("https://www.jodlowa-dolina.example.pl/") for h in links)
    assert shot(browser, "organisation-page").stat().st_size > 10_000


def test_fact_table_highlights_evidence_in_the_browser(server, browser):
    from selenium.webdriver.common.by import By

    base, _ = server
    browser.get(base + "/samorzad/facts_in_context?field=amounts")
    cells = browser.find_elements(By.CSS_SELECTOR, "td.col-sentence")
    assert cells
    for cell in cells:
        mark = cell.find_element(By.TAG_NAME, "mark")
        assert re.search(r"\d", mark.text) and mark.text in cell.text
    shot(browser, "facts-in-context-amounts")


def test_report_renders_offline_in_the_browser(server, browser):
    from selenium.webdriver.common.by import By

    _, db = server
    report = db.parent / "report.html"  # written by the demo
    browser.get(report.as_uri())
    sections = browser.find_elements(By.CSS_SELECTOR, "section")
    assert len(sections) == 6
    for section in sections:  # every plot drawn with something in it, its table below it
        svg = section.find_element(By.TAG_NAME, "svg")
        assert svg.size["width"] > 300 and svg.size["height"] > 40
        assert section.find_elements(By.CSS_SELECTOR, "svg rect")
        table = section.find_element(By.CSS_SELECTOR, "table")
        assert table.location["y"] > svg.location["y"]
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0
    shot(browser, "report")
