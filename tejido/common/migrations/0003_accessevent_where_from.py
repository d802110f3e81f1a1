"""Where an access came from (client address, channel, browser family, API token name), the
accessed record's department (an indexed column for the auditor's filter), an index on
(user, at) instead of the user's own, and the people carried by an export.

Adding columns and indexes does not touch existing rows (no UPDATE, so the append-only trigger
of 0002 has nothing to refuse; ALTER TABLE fires no row triggers). The new table of exported
people gets the same trigger; the function now names the table it protects."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


FUNCTION = """
CREATE OR REPLACE FUNCTION tejido_accessevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION USING MESSAGE = TG_TABLE_NAME || ' es de solo anexar: no se modifica ni se borra';
END;
$$ LANGUAGE plpgsql;
"""
OLD_FUNCTION = """
CREATE OR REPLACE FUNCTION tejido_accessevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'common_accessevent es de solo anexar: no se modifica ni se borra';
END;
$$ LANGUAGE plpgsql;
"""
CREATE = FUNCTION + """
CREATE TRIGGER accesseventperson_append_only
    BEFORE UPDATE OR DELETE ON common_accesseventperson
    FOR EACH ROW EXECUTE FUNCTION tejido_accessevent_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS accesseventperson_append_only ON common_accesseventperson;
""" + OLD_FUNCTION


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)
    return run


class Migration(migrations.Migration):

    dependencies = [
        ('common', '0002_accessevent_append_only'),
        ('territory', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='AccessEventPerson',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('person_id', models.BigIntegerField(db_index=True)),
            ],
            options={
                'verbose_name': 'persona en una exportación',
                'verbose_name_plural': 'personas en exportaciones',
            },
        ),
        migrations.AddField(
            model_name='accessevent',
            name='api_token',
            field=models.CharField(blank=True, max_length=100, verbose_name='token de API'),
        ),
        migrations.AddField(
            model_name='accessevent',
            name='channel',
            field=models.CharField(blank=True, choices=[('web', 'página web'), ('api', 'API'), ('export', 'exportación'), ('system', 'tarea del sistema')], max_length=10, verbose_name='canal'),
        ),
        migrations.AddField(
            model_name='accessevent',
            name='department',
            field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='territory.department', verbose_name='departamento'),
        ),
        migrations.AddField(
            model_name='accessevent',
            name='ip_address',
            field=models.GenericIPAddressField(blank=True, null=True, verbose_name='dirección IP'),
        ),
        migrations.AddField(
            model_name='accessevent',
            name='user_agent',
            field=models.CharField(blank=True, max_length=60, verbose_name='navegador o programa'),
        ),
        migrations.AlterField(
            model_name='accessevent',
            name='user',
            field=models.ForeignKey(db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddIndex(
            model_name='accessevent',
            index=models.Index(fields=['user', 'at'], name='accessevent_user_at'),
        ),
        migrations.AddIndex(
            model_name='accessevent',
            index=models.Index(fields=['department', 'at'], name='accessevent_department_at'),
        ),
        migrations.AddField(
            model_name='accesseventperson',
            name='event',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='people', to='common.accessevent'),
        ),
        migrations.RunPython(_on_postgresql(CREATE), _on_postgresql(DROP)),
    ]
