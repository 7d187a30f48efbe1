"""Archive -> dataset: Parquet tables, entity resolution, validation, data card, query, export.

Entry points (each raises a `transform.schema.TransformError` subclass on bad input):
`transform.build.build`, `transform.query.query`, `transform.export.export`,
`transform.validate.validate_dataset`; schemas in `transform.schema`.
"""


def __getattr__(name):
    # `from transform import load` without importing pandas for every transform module
    if name == "load":
        from transform.loading import load

        return load
    raise AttributeError(f"module 'transform' has no attribute {name!r}")
