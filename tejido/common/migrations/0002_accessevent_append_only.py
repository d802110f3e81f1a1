"""On PostgreSQL the access log is append-only: UPDATE and DELETE raise, whoever connects
(the application, a shell, a stray script). SQLite (development) keeps the application rules.

TRUNCATE is left to the table's owner: the application never issues it, and the test suite's
database flush (and `manage.py flush`) needs it."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION tejido_accessevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'common_accessevent es de solo anexar: no se modifica ni se borra';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER accessevent_append_only
    BEFORE UPDATE OR DELETE ON common_accessevent
    FOR EACH ROW EXECUTE FUNCTION tejido_accessevent_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS accessevent_append_only ON common_accessevent;
DROP FUNCTION IF EXISTS tejido_accessevent_append_only();
"""


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)
    return run


class Migration(migrations.Migration):
    dependencies = [("common", "0001_initial")]
    operations = [migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP))]
