"""API tokens remember the second-factor device they were made under; one unconfirmed TOTP device
per user (issue 15, items 1 and 5).

Concurrent first visits to the enrolment page used to create several unconfirmed devices, and
every later visit failed (MultipleObjectsReturned). The extra ones are deleted (they were never
confirmed, so no one can be using them), then a partial unique index makes the database refuse a
second one. The index is on django-otp's table, so it lives here as SQL both databases accept."""

import django.db.models.deletion
from django.db import migrations, models

DELETE_EXTRA_UNCONFIRMED = """
DELETE FROM otp_totp_totpdevice
WHERE NOT confirmed AND id NOT IN (
    SELECT min_id FROM (SELECT MIN(id) AS min_id FROM otp_totp_totpdevice WHERE NOT confirmed GROUP BY user_id) AS keep
)
"""
ONE_UNCONFIRMED = "CREATE UNIQUE INDEX accounts_one_unconfirmed_totp ON otp_totp_totpdevice (user_id) WHERE NOT confirmed"


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0003_protection_role'),
        ('otp_totp', '0003_add_timestamps'),
    ]

    operations = [
        migrations.AddField(
            model_name='apitoken',
            name='otp_device',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='otp_totp.totpdevice'),
        ),
        migrations.RunSQL(DELETE_EXTRA_UNCONFIRMED, migrations.RunSQL.noop),
        migrations.RunSQL(ONE_UNCONFIRMED, "DROP INDEX accounts_one_unconfirmed_totp"),
    ]
