"""Funders and participants (stub)."""


def find_actors(page):
    return [], []
