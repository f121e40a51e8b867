"""The database itself refuses to change audit entries (and, on PostgreSQL, to delete them).

SQLite keeps DELETE possible because Django's test flush empties tables with DELETE; a deleted
entry is still found by `rightswatch audit verify` (a gap in the sequence).
"""

from django.db import migrations

PG = [
    """CREATE OR REPLACE FUNCTION rightswatch_audit_refuse_change() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit_auditentry
       FOR EACH ROW EXECUTE FUNCTION rightswatch_audit_refuse_change()""",
]
PG_UNDO = ["DROP TRIGGER IF EXISTS audit_append_only ON audit_auditentry",
           "DROP FUNCTION IF EXISTS rightswatch_audit_refuse_change()"]
SQLITE = ["""CREATE TRIGGER audit_append_only BEFORE UPDATE ON audit_auditentry
             BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"""]
SQLITE_UNDO = ["DROP TRIGGER IF EXISTS audit_append_only"]


def forward(apps, schema_editor):
    statements = {"postgresql": PG, "sqlite": SQLITE}.get(schema_editor.connection.vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    statements = {"postgresql": PG_UNDO, "sqlite": SQLITE_UNDO}.get(schema_editor.connection.vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
