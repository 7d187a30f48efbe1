"""Every table of the dataset: columns, types, meaning, keys and allowed values.

This module is the one source of truth: Parquet schemas (`arrow_schema`), the
validation step (`transform/validate.py`), the data card and `datapackage.json`
(`transform/card.py`) and the SQLite export (`transform/export.py`) are all derived
from the `TABLES` below, so a column is documented exactly once.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pyarrow as pa


class TransformError(Exception):
    """Bad input or state for a transform step; the CLI prints it as one line."""


# --- allowed values (checked by validation, listed in the data card) -----------------

FACT_FIELDS = ("projects", "dates", "funders", "programmes", "participants", "places", "amounts")
PROJECT_KINDS = ("project", "programme", "seminar", "conference", "training", "study_visit",
                 "workshop", "competition", "partnership", "other")
PARTICIPANT_ROLES = ("organizer", "partner", "participant", "host", "trainer", "other")
ROLES = PARTICIPANT_ROLES + ("funder",)
ACTOR_KINDS = ("organization", "person", "group")
ORG_KINDS = ("gmina", "miasto", "powiat", "województwo", "ministerstwo", "ambasada",
             "związek samorządowy", "fundacja", "stowarzyszenie", "organizacja międzynarodowa",
             "uczelnia", "inne")
LOCAL_LEVELS = ("gmina", "powiat", "województwo")
CURRENCIES = ("PLN", "EUR", "USD", "GBP", "CHF", "NOK", "UAH", "SEK", "DKK", "CZK", "JPY", "CAD")
ENTITY_TYPES = ("project", "organization", "person", "place", "programme", "activity", "role",
                "funding")
# ISO dates of the text's own precision: 2022, 2022-05, 2022-05-23
ISO_DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
DATE_RANGE = (1990, 2100)  # activity and publication years outside this are extraction errors

UTC_TS = pa.timestamp("us", tz="UTC")
CATEGORY = pa.dictionary(pa.int32(), pa.string())
STR_LIST = pa.list_(pa.string())


@dataclass(frozen=True)
class Column:
    name: str
    type: pa.DataType
    description: str
    nullable: bool = True
    enum: tuple[str, ...] | None = None  # allowed values of a string/category column
    pattern: str | None = None  # regex a string value must match
    minimum: float | None = None
    maximum: float | None = None


@dataclass(frozen=True)
class ForeignKey:
    column: str
    table: str
    ref: str  # column of `table`


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]
    primary_key: str
    foreign_keys: tuple[ForeignKey, ...] = ()
    sort_by: tuple[str, ...] = ()  # deterministic row order: a re-run gives identical bytes
    full_text: tuple[str, ...] = ()  # columns indexed for full-text search in SQLite
    indexes: tuple[str, ...] = field(default=())

    @property
    def file(self) -> str:
        return f"{self.name}.parquet"

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


def C(name, type_, description, **kw) -> Column:
    return Column(name, type_, description, **kw)


def _id(name: str, what: str) -> Column:
    return C(name, pa.string(), f"Stable id of the {what}: a hash of its type and canonical key.",
             nullable=False)


def _fk(name: str, what: str, nullable: bool = False) -> Column:
    return C(name, pa.string(), f"Id of the {what}.", nullable=nullable)


_ALIASES = C("aliases", STR_LIST, "Other names of the same thing as written in the pages "
             "(inflected forms, abbreviations, variants), sorted.")
_N_PAGES = C("n_pages", pa.int32(), "Number of pages that mention it.", nullable=False, minimum=1)
_FIRST = C("first_seen", pa.date32(), "Publication date of the earliest page that mentions it.")
_LAST = C("last_seen", pa.date32(), "Publication date of the latest page that mentions it.")

PAGES = Table(
    "pages",
    "One row per archived article (latest fetch of each URL): its main text and metadata.",
    (
        C("page_id", pa.string(), "Stable id of the page: a hash of its canonical URL.",
          nullable=False),
        C("source_id", pa.string(), "Id of the source (site) in the sources file.", nullable=False),
        C("url", pa.string(), "URL the page was fetched from.", nullable=False),
        C("title", pa.string(), "Title of the article."),
        C("published", pa.date32(), "Publication date of the article, if found.",
          minimum=DATE_RANGE[0], maximum=DATE_RANGE[1]),
        C("fetched_at", UTC_TS, "When the archived response (the one used) was fetched.",
          nullable=False),
        C("first_seen", UTC_TS, "First time the crawler fetched this URL."),
        C("last_seen", UTC_TS, "Last time the crawler fetched this URL."),
        C("status", pa.int16(), "HTTP status of the archived response.", nullable=False),
        C("encoding", pa.string(), "Character encoding the body was decoded with."),
        C("text", pa.large_string(), "Main text of the article; all fact offsets point into it.",
          nullable=False),
        C("warc_file", pa.string(), "WARC file holding the response, relative to the archive.",
          nullable=False),
        C("warc_offset", pa.int64(), "Byte offset of the response record in the WARC file.",
          nullable=False, minimum=0),
        C("digest", pa.string(), "SHA-1 of the response body (hex).", nullable=False),
        C("relevant", pa.bool_(), "Whether the page reports on local-government cooperation.",
          nullable=False),
        C("relevance", pa.float64(), "Relevance score 0..1 behind `relevant`.",
          minimum=0.0, maximum=1.0),
    ),
    primary_key="page_id",
    sort_by=("page_id",),
    full_text=("title", "text"),
    indexes=("source_id", "published"),
)

FACTS = Table(
    "facts",
    "One row per extracted item of a page, with the character offsets of its evidence.",
    (
        C("fact_id", pa.string(), "Stable id of the fact: a hash of page, field, offsets and value.",
          nullable=False),
        _fk("page_id", "page the fact was found on"),
        C("field", CATEGORY, "Which list of the facts record the item comes from.",
          nullable=False, enum=FACT_FIELDS),
        C("name", pa.string(), "Name in the nominative (projects, funders, programmes, "
          "participants, places)."),
        C("text", pa.string(), "The words as written: equals pages.text[start:end].",
          nullable=False),
        C("start", pa.int32(), "Start offset of the evidence in pages.text (characters).",
          nullable=False, minimum=0),
        C("end", pa.int32(), "End offset (exclusive) of the evidence in pages.text.",
          nullable=False, minimum=0),
        C("role", CATEGORY, "Role of a participant.", enum=PARTICIPANT_ROLES),
        C("kind", CATEGORY, "Kind of a project or of a participant.",
          enum=PROJECT_KINDS + ACTOR_KINDS),
        C("value", pa.float64(), "Amount of money.", minimum=0.0),
        C("currency", CATEGORY, "ISO 4217 currency of the amount.", enum=CURRENCIES),
        C("date_start", pa.string(), "Start of a date, ISO 8601 with the text's precision.",
          pattern=ISO_DATE_PATTERN),
        C("date_end", pa.string(), "End of a date, ISO 8601 with the text's precision.",
          pattern=ISO_DATE_PATTERN),
        C("country", pa.string(), "ISO 3166-1 alpha-2 country of a place."),
        C("rule", pa.string(), "Name of the extraction rule that fired."),
    ),
    primary_key="fact_id",
    foreign_keys=(ForeignKey("page_id", "pages", "page_id"),),
    sort_by=("page_id", "fact_id"),
    indexes=("page_id", "field"),
)

ORGANIZATIONS = Table(
    "organizations",
    "One row per real-world organisation, merged across pages and name variants.",
    (
        _id("org_id", "organisation"),
        C("name", pa.string(), "Canonical name (nominative, full form).", nullable=False),
        C("kind", CATEGORY, "Kind of organisation.", nullable=False, enum=ORG_KINDS),
        C("level", CATEGORY, "Level of a Polish local government.", enum=LOCAL_LEVELS),
        C("country", pa.string(), "ISO 3166-1 alpha-2 country, when known."),
        _ALIASES, _N_PAGES, _FIRST, _LAST,
    ),
    primary_key="org_id",
    sort_by=("org_id",),
    indexes=("kind",),
)

PEOPLE = Table(
    "people",
    "One row per named person acting for an institution.",
    (_id("person_id", "person"),
     C("name", pa.string(), "Name in the nominative.", nullable=False),
     _ALIASES, _N_PAGES, _FIRST, _LAST),
    primary_key="person_id",
    sort_by=("person_id",),
)

PLACES = Table(
    "places",
    "One row per place where activities happen or participants come from.",
    (_id("place_id", "place"),
     C("name", pa.string(), "Name in the nominative.", nullable=False),
     C("country", pa.string(), "ISO 3166-1 alpha-2 country, when known."),
     _ALIASES, _N_PAGES, _FIRST, _LAST),
    primary_key="place_id",
    sort_by=("place_id",),
)

PROGRAMMES = Table(
    "programmes",
    "One row per named funding programme money comes through.",
    (_id("programme_id", "programme"),
     C("name", pa.string(), "Name as written by the funder.", nullable=False),
     _ALIASES, _N_PAGES, _FIRST, _LAST),
    primary_key="programme_id",
    sort_by=("programme_id",),
)

PROJECTS = Table(
    "projects",
    "One row per named initiative (project, seminar, study visit ...) merged across pages.",
    (_id("project_id", "project"),
     C("name", pa.string(), "Name as the organiser writes it, nominative.", nullable=False),
     C("kind", CATEGORY, "Kind of initiative.", nullable=False, enum=PROJECT_KINDS),
     _ALIASES, _N_PAGES,
     C("first_page_id", pa.string(), "Page of the first mention.", nullable=False),
     C("last_page_id", pa.string(), "Page of the last mention.", nullable=False),
     _FIRST, _LAST),
    primary_key="project_id",
    foreign_keys=(ForeignKey("first_page_id", "pages", "page_id"),
                  ForeignKey("last_page_id", "pages", "page_id")),
    sort_by=("project_id",),
    indexes=("kind",),
)

ACTIVITIES = Table(
    "activities",
    "Dated events and milestones of a project: one row per project and date, however many "
    "pages report it (the pages are in `evidence`).",
    (_id("activity_id", "activity"),
     _fk("project_id", "project"),
     C("date_start", pa.string(), "Start, ISO 8601 with the text's precision.", nullable=False,
       pattern=ISO_DATE_PATTERN),
     C("date_end", pa.string(), "End, ISO 8601 with the text's precision.", nullable=False,
       pattern=ISO_DATE_PATTERN),
     C("place_id", pa.string(), "Id of the place, when the reporting page names one place."),
     _N_PAGES),
    primary_key="activity_id",
    foreign_keys=(ForeignKey("project_id", "projects", "project_id"),
                  ForeignKey("place_id", "places", "place_id")),
    sort_by=("activity_id",),
    indexes=("project_id",),
)

ROLES_T = Table(
    "roles",
    "An actor (organisation or person) in a role in a project, or on a page when the page "
    "names no project.",
    (_id("role_id", "role"),
     C("actor_type", CATEGORY, "Table of the actor.", nullable=False,
       enum=("organization", "person")),
     C("actor_id", pa.string(), "Id of the actor in organizations or people.", nullable=False),
     C("project_id", pa.string(), "Id of the project, when the page names one."),
     C("page_id", pa.string(), "Id of the page, when no project is named (else null)."),
     C("role", CATEGORY, "The actor's role.", nullable=False, enum=ROLES),
     _N_PAGES),
    primary_key="role_id",
    foreign_keys=(ForeignKey("project_id", "projects", "project_id"),
                  ForeignKey("page_id", "pages", "page_id")),
    sort_by=("role_id",),
    indexes=("actor_id", "project_id"),
)

FUNDINGS = Table(
    "fundings",
    "Money for a project: a funder and/or a programme, with the amount when the page gives one.",
    (_id("funding_id", "funding"),
     C("funder_id", pa.string(), "Id of the paying organisation."),
     C("programme_id", pa.string(), "Id of the programme the money comes through."),
     C("project_id", pa.string(), "Id of the funded project, when the page names one."),
     C("page_id", pa.string(), "Id of the page, when no project is named (else null)."),
     C("amount", pa.float64(), "Largest amount the reporting pages give.", minimum=0.0),
     C("currency", CATEGORY, "ISO 4217 currency of the amount.", enum=CURRENCIES),
     _N_PAGES),
    primary_key="funding_id",
    foreign_keys=(ForeignKey("funder_id", "organizations", "org_id"),
                  ForeignKey("programme_id", "programmes", "programme_id"),
                  ForeignKey("project_id", "projects", "project_id"),
                  ForeignKey("page_id", "pages", "page_id")),
    sort_by=("funding_id",),
    indexes=("funder_id", "programme_id", "project_id"),
)

EVIDENCE = Table(
    "evidence",
    "Which facts (and so which pages and character offsets) support each entity row: "
    "keeps the real-world things apart from their mentions.",
    (C("entity_type", CATEGORY, "Table of the entity.", nullable=False, enum=ENTITY_TYPES),
     C("entity_id", pa.string(), "Id of the entity row.", nullable=False),
     _fk("fact_id", "fact that mentions it"),
     _fk("page_id", "page of the fact"),
     C("evidence_id", pa.string(), "Stable id of this link.", nullable=False)),
    primary_key="evidence_id",
    foreign_keys=(ForeignKey("fact_id", "facts", "fact_id"),
                  ForeignKey("page_id", "pages", "page_id")),
    sort_by=("page_id", "evidence_id"),  # the order it is streamed in
    indexes=("entity_id", "fact_id", "page_id"),
)

# organizations must come before fundings (foreign keys), pages before everything
TABLES: dict[str, Table] = {t.name: t for t in (
    PAGES, FACTS, PROJECTS, ORGANIZATIONS, PEOPLE, PLACES, PROGRAMMES, ACTIVITIES, ROLES_T,
    FUNDINGS, EVIDENCE)}


def arrow_schema(table: str | Table) -> pa.Schema:
    t = TABLES[table] if isinstance(table, str) else table
    fields = [pa.field(c.name, c.type, nullable=c.nullable,
                       metadata={"description": c.description}) for c in t.columns]
    return pa.schema(fields, metadata={"description": t.description,
                                       "primary_key": t.primary_key})


def get_table(name: str) -> Table:
    try:
        return TABLES[name]
    except KeyError:
        raise TransformError(f"unknown table {name!r}; tables: {', '.join(TABLES)}") from None
