"""Is the page about local-government cooperation? (stub)"""


def score(page, record):
    return 1.0
