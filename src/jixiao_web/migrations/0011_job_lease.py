from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('jixiao_web', '0010_job_recovery'),
    ]

    operations = [
        migrations.AddField(
            model_name='exportjob',
            name='run',
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.AddField(
            model_name='importbatch',
            name='run',
            field=models.PositiveIntegerField(default=0),
        ),
    ]
