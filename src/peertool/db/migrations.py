"""Every migration of the schema, in order: each schema module registers its own when imported, oldest first.

A new migration goes in a new function at the end of the newest schema
module (or a new module imported last here); released ones are never edited.
"""

# isort: off
# imported in this order, they register in order
from peertool.db import schema, schema_notes, schema_outcomes, schema_audit, schema_ids  # noqa: F401

# isort: on
from peertool.db.schema import migrations

__all__ = ["migrations"]
