from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("jixiao_web", "0008_export_jobs")]

    operations = [
        migrations.AddField(model_name="storedfinding", name="rows", field=models.JSONField(blank=True, default=list)),
    ]
