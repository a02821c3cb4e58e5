"""The public portal's URLs, under /public/ (no login): pages, downloads, open data. Its API is
mounted at /public/api/ beside it (django-ninja reverses its own URLs from the top)."""

from django.urls import path

from jixiao_web.views import public

app_name = "public"
urlpatterns = [
    path("", public.index, name="index"),
    path("documents/<int:pk>/", public.document, name="document"),
    path("documents/<int:pk>/download/<str:fmt>/", public.document_download, name="download"),
    path("documents/<int:pk>/data/<str:name>", public.document_data, name="document_data"),
    path("data/", public.data_index, name="data"),
    path("data/<int:year>/<str:name>", public.year_data, name="year_data"),
    path("analytics/", public.public_analytics, name="analytics"),
    path("analytics/<str:key>.csv", public.public_analytics_csv, name="analytics_csv"),
]
