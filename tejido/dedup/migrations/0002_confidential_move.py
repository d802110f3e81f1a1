import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def split_confidential_moves(apps, schema_editor):
    """Merges made before issue 15 moved protection cases with everything else and listed them in
    `moves`, which everyone with the merge in scope reads. Take them out of `moves` and record them
    as moved confidential rows: undo still brings them back, only their reader sees them."""
    from django.apps import apps as installed

    from tejido.common.confidential import is_confidential

    PersonMerge = apps.get_model("dedup", "PersonMerge")
    ConfidentialMove = apps.get_model("dedup", "ConfidentialMove")

    def confidential(label: str) -> bool:
        try:
            return is_confidential(installed.get_model(label))
        except LookupError:
            return False

    for merge in PersonMerge.objects.all().iterator():
        hidden = [move for move in merge.moves if confidential(move["model"])]
        if not hidden:
            continue
        for move in hidden:
            for row_id in move["ids"]:
                ConfidentialMove.objects.create(merge=merge, model=move["model"], field=move["field"], row_id=row_id,
                                                decision="moved", decided_by_id=merge.merged_by_id,
                                                decided_at=merge.merged_at)
        merge.moves = [move for move in merge.moves if move not in hidden]
        merge.save(update_fields=["moves"])


def join_confidential_moves(apps, schema_editor):
    """Back to one list (so that an undo after going back still returns the moved rows)."""
    PersonMerge = apps.get_model("dedup", "PersonMerge")
    ConfidentialMove = apps.get_model("dedup", "ConfidentialMove")
    for merge in PersonMerge.objects.filter(pk__in=ConfidentialMove.objects.filter(decision="moved")
                                            .values("merge_id")).iterator():
        groups = {}
        for row in ConfidentialMove.objects.filter(merge=merge, decision="moved").order_by("row_id"):
            groups.setdefault((row.model, row.field), []).append(row.row_id)
        merge.moves = merge.moves + [{"model": model, "field": field, "ids": ids}
                                     for (model, field), ids in sorted(groups.items())]
        merge.save(update_fields=["moves"])


class Migration(migrations.Migration):

    dependencies = [
        ('dedup', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ConfidentialMove',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('model', models.CharField(max_length=100)),
                ('field', models.CharField(max_length=100)),
                ('row_id', models.BigIntegerField()),
                ('decision', models.CharField(choices=[('moved', 'movido al registro que se conserva'), ('kept', 'se queda en el registro fusionado')], max_length=5)),
                ('decided_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('decided_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('merge', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='dedup.personmerge')),
            ],
            options={
                'ordering': ['decided_at', 'id'],
                'constraints': [models.UniqueConstraint(fields=('merge', 'model', 'field', 'row_id'), name='one_decision_per_row_and_merge')],
            },
        ),
        migrations.RunPython(split_confidential_moves, join_confidential_moves),
    ]
