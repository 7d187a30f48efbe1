"""Named funding programmes (stub)."""


def find_programmes(page):
    return []
