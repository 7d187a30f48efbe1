"""Dates of activities and the publication date (stub; see docs/ARCHITECTURE.md)."""
from __future__ import annotations


def find_published(text, zones=None):
    return None


def find_dates(page, published):
    return []
