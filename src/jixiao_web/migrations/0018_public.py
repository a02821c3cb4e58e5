"""Trigram indexes for the public portal's search, which also looks in sections' goals and
indicators' names (services.queries.matching): the same kind of index as 0005, PostgreSQL only."""

from importlib import import_module

from django.db import migrations

search = import_module("jixiao_web.migrations.0005_search_and_summary")  # its index, one definition
SEARCHED = [("targetsection", "goal"), ("targetindicator", "level3")]


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for model, field in SEARCHED:
        schema_editor.add_index(apps.get_model("jixiao_web", model), search._index(model, field))


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, field in SEARCHED:
        schema_editor.remove_index(apps.get_model("jixiao_web", model), search._index(model, field))


class Migration(migrations.Migration):
    dependencies = [("jixiao_web", "0017_library")]
    operations = [migrations.RunPython(add_indexes, drop_indexes)]
