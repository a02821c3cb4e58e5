from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('jixiao_web', '0005_search_and_summary'),
    ]

    operations = [
        migrations.AddField(
            model_name='indicatoractual',
            name='weight',
            field=models.CharField(blank=True, max_length=32),
        ),
    ]
