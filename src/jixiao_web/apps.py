from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import post_migrate


def _cache_tables(using: str, **kwargs) -> None:
    """The database cache's table (``CACHES["kept"]``) is not a model: made, if missing, after every migrate."""
    call_command("createcachetable", database=using, verbosity=0)


class JixiaoWebConfig(AppConfig):
    name = "jixiao_web"
    verbose_name = "绩效管理"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        post_migrate.connect(_cache_tables, sender=self)
