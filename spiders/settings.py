"""Scrapy settings of every samorzad crawl (a plain dict: `crawl.py` applies it, then overrides).

Components live in their own modules and are switched on here.  Downloader middleware
order matters: ``process_response`` runs from high numbers to low, so the archive (580)
sees bodies after HttpCompressionMiddleware (590) decompressed them and after
RedirectMiddleware (600) turned redirects into new requests.
"""
from __future__ import annotations

from spiders.politeness import DOWNLOADER_MIDDLEWARES as POLITENESS_MIDDLEWARES

USER_AGENT = "samorzad/0.1 (+https://github.com/samorzad-data/samorzad)"

SETTINGS: dict = {
    "USER_AGENT": USER_AGENT,
    "ROBOTSTXT_OBEY": True,
    "ROBOTSTXT_USER_AGENT": "samorzad",
    "AUTOTHROTTLE_ENABLED": True,
    "AUTOTHROTTLE_START_DELAY": 1.0,
    "AUTOTHROTTLE_MAX_DELAY": 30.0,
    "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0,
    "CONCURRENT_REQUESTS": 16,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 2,
    "CONCURRENT_ITEMS": 16,  # we yield requests, never items: fewer idle tasks per response
    "DOWNLOAD_TIMEOUT": 30,
    "DOWNLOAD_MAXSIZE": 20 * 1024 * 1024,
    "DOWNLOAD_WARNSIZE": 5 * 1024 * 1024,
    "RETRY_TIMES": 2,
    "REDIRECT_MAX_TIMES": 5,
    "COOKIES_ENABLED": False,
    "TELNETCONSOLE_ENABLED": False,
    "LOG_LEVEL": "WARNING",
    "DEPTH_LIMIT": 0,
    "REQUEST_FINGERPRINTER_IMPLEMENTATION": "2.7",
    "DOWNLOADER_MIDDLEWARES": {
        **POLITENESS_MIDDLEWARES,  # robots Crawl-delay, backoff retry, redirect/content guards
        "spiders.pipelines.ArchiveMiddleware": 580,
        "spiders.pipelines.RedirectArchiveMiddleware": 615,  # 3xx, before the redirect guard
    },
    # politeness and fault handling (spiders/politeness.py, docs/crawl.md)
    "RETRY_HTTP_CODES": [429, 500, 502, 503, 504],
    "DOWNLOAD_FAIL_ON_DATALOSS": True,   # a body cut mid-transfer is retried, then dropped
    "SAMORZAD_BACKOFF_BASE": 1.0,
    "SAMORZAD_BACKOFF_MAX": 60.0,
    "SAMORZAD_RETRY_AFTER_MAX": 120.0,
    "SAMORZAD_CRAWL_DELAY_MAX": 30.0,
    # samorzad's own settings
    "SAMORZAD_ARCHIVE_DIR": "archive",
    "SAMORZAD_RUN_ID": None,
    # Known articles (archived before): "conditional" (the policy below), "skip" (never
    # asked again), "refetch" (always downloaded).  "conditional": an article whose site
    # sent ETag or Last-Modified is asked with If-None-Match / If-Modified-Since when it was
    # last checked SAMORZAD_CONDITIONAL_AFTER_HOURS ago or more (a nightly run re-checks,
    # a same-day re-run or resumed crawl sends nothing); one without validators is
    # downloaded again only after SAMORZAD_RECHECK_DAYS (that costs the whole page).
    "SAMORZAD_KNOWN_ARTICLES": "conditional",
    "SAMORZAD_CONDITIONAL_AFTER_HOURS": 20,
    "SAMORZAD_RECHECK_DAYS": 30,
    "SAMORZAD_MAX_LISTING_PAGES": 200,
    "SAMORZAD_MAX_URL_LENGTH": 400,
    "SAMORZAD_FOLLOW_ARTICLE_LINKS": False,
}
