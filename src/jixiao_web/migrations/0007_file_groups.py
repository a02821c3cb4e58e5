import uuid

from django.db import migrations, models


def group_existing(apps, schema_editor):
    """Documents stored before this field: one import stored a file's parts one after another
    (ascending pks, parts 1, 2, …, same unit and file name), so a new file starts wherever that
    run breaks."""
    TargetDocument = apps.get_model("jixiao_web", "TargetDocument")
    previous, group = None, None
    for doc in TargetDocument.objects.order_by("pk").only("pk", "unit_id", "source_file", "part"):
        same_file = (
            previous is not None
            and (doc.unit_id, doc.source_file) == (previous.unit_id, previous.source_file)
            and doc.part == previous.part + 1
        )
        if not same_file:
            group = uuid.uuid4()
        TargetDocument.objects.filter(pk=doc.pk).update(file_group=group)
        previous = doc


class Migration(migrations.Migration):

    dependencies = [
        ('jixiao_web', '0006_actuals_fields'),
    ]

    operations = [
        migrations.AddField(
            model_name='targetdocument',
            name='file_group',
            field=models.UUIDField(blank=True, db_index=True, null=True),
        ),
        migrations.RunPython(group_existing, migrations.RunPython.noop),
    ]
