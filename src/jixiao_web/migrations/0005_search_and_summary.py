"""Per-document finding counts for the dashboard, and trigram indexes for the document search.

The search filters with ``icontains``, which Django writes as ``UPPER(col) LIKE UPPER('%…%')`` on
PostgreSQL; a pg_trgm GIN index on ``UPPER(col)`` serves exactly that comparison. The indexes exist
only on PostgreSQL (SQLite has neither GIN nor pg_trgm), so they are created here and not declared
on the models: the model state is the same on every database. pg_trgm is a trusted extension
(PostgreSQL 13+), so the database's owner may create it without being a superuser.
"""

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import migrations, models
from django.db.models import Count
from django.db.models.functions import Upper

# (model, field) pairs the search matches with icontains (services.queries.find_documents)
SEARCHED = [
    ("targetdocument", "title"),
    ("targetdocument", "organisation_name"),
    ("targetdocument", "source_file"),
    ("targetsection", "name"),
    ("targetsection", "code"),
]


def _index(model: str, field: str) -> GinIndex:
    return GinIndex(OpClass(Upper(field), name="gin_trgm_ops"), name=f"jx_{model[6:9]}_{field}_trgm")


def add_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for model, field in SEARCHED:
        schema_editor.add_index(apps.get_model("jixiao_web", model), _index(model, field))


def drop_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, field in SEARCHED:
        schema_editor.remove_index(apps.get_model("jixiao_web", model), _index(model, field))


def count_findings(apps, schema_editor):
    """Fill the new counts from the findings already stored (the same numbers refresh writes)."""
    documents = apps.get_model("jixiao_web", "TargetDocument")
    findings = apps.get_model("jixiao_web", "StoredFinding")
    counts: dict[int, dict] = {}
    rows = findings.objects.values_list("document_id", "code", "severity").annotate(n=Count("pk")).order_by()
    for document_id, code, severity, n in rows.iterator():
        counts.setdefault(document_id, {}).setdefault(code, {})[severity] = n
    changed = [documents(pk=pk, finding_counts=c) for pk, c in counts.items()]
    documents.objects.bulk_update(changed, ["finding_counts"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("jixiao_web", "0004_year_rounds"),
    ]

    operations = [
        migrations.AddField(
            model_name="targetdocument",
            name="finding_counts",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.RunPython(count_findings, migrations.RunPython.noop),
        migrations.RunPython(add_search_indexes, drop_search_indexes),
    ]
