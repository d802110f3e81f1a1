from django.db import migrations

# Seed 001 §4: children from 6 months to under 7 years; §7: people 60 and older.
RULES = [
    ("childcare", 6, 84, "Niñas y niños de 6 meses a menores de 7 años (Memoria 2023, §4)."),
    ("elderly", 720, None, "Personas de 60 años o más (Memoria 2023, §7)."),
]


def seed(apps, schema_editor):
    AgeRule = apps.get_model("programs", "AgeRule")
    for program, low, high, note in RULES:
        AgeRule.objects.get_or_create(program=program, defaults={"min_months": low, "max_months": high, "note": note})


class Migration(migrations.Migration):
    dependencies = [("programs", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
