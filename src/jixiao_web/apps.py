from django.apps import AppConfig


class JixiaoWebConfig(AppConfig):
    name = "jixiao_web"
    verbose_name = "绩效管理"
    default_auto_field = "django.db.models.BigAutoField"
