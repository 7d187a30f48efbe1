"""Places in the nominative with a country code (stub)."""


def find_places(page):
    return []
