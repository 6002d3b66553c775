"""The database: where it lives and how it is opened (store), its schema, the audit log, and REF lookup."""
