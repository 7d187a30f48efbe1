"""Named initiatives (stub)."""


def find_projects(page):
    return []
