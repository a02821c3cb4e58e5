from django.contrib.auth import views as auth_views
from django.urls import include, path

from jixiao_web.api import api
from jixiao_web.public_api import public_api
from jixiao_web.views import account, auth, dashboard, declare, documents, editor, exports, imports, people, public, year

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("login/", auth.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("documents/", documents.document_list, name="documents"),
    path("documents/export/", exports.start, name="export_bulk"),
    path("exports/<int:pk>/", exports.job_page, name="export_job"),
    path("exports/<int:pk>/progress/", exports.job_progress, name="export_job_progress"),
    path("exports/<int:pk>/download/", exports.job_download, name="export_job_download"),
    path("exports/<int:pk>/restart/", exports.job_restart, name="export_job_restart"),
    path("documents/<int:pk>/", documents.document_detail, name="document"),
    path("documents/<int:pk>/edit/", editor.document_edit, name="document_edit"),
    path("documents/<int:pk>/do/<str:action>/", documents.transition, name="transition"),
    path("documents/<int:pk>/comment/", documents.comment, name="comment"),
    path("documents/<int:pk>/history/", documents.history, name="history"),
    path("documents/<int:pk>/public/", documents.publication, name="publication"),
    path("documents/<int:pk>/export/<str:fmt>/", exports.document_download, name="export"),
    path("documents/<int:pk>/year/", year.year_page, name="year"),
    path("documents/<int:pk>/year/open/", year.open_round, name="open_round"),
    path("documents/<int:pk>/actuals/template/", year.actuals_template, name="actuals_template"),
    path("documents/<int:pk>/actuals/upload/", year.actuals_upload, name="actuals_upload"),
    path("documents/<int:pk>/monitor/", year.monitor_page, name="monitor"),
    path("documents/<int:pk>/score/", year.score_page, name="score"),
    path("rounds/<int:pk>/do/<str:step>/", year.round_step, name="round_step"),
    path("sections/<int:pk>/actuals/", year.actuals_edit, name="actuals_edit"),
    path("sections/<int:pk>/edit/", editor.section_edit, name="section_edit"),
    path("sections/<int:pk>/check/", editor.check_row, name="check_row"),
    path("import/", imports.upload, name="import"),
    path("import/<int:pk>/", imports.preview, name="import_preview"),
    path("import/bulk/", imports.bulk, name="import_bulk"),
    path("import/batches/<int:pk>/", imports.batch_page, name="import_batch"),
    path("import/batches/<int:pk>/progress/", imports.batch_progress, name="import_batch_progress"),
    path("import/batches/<int:pk>/restart/", imports.batch_restart, name="import_batch_restart"),
    path("manage/", people.people_page, name="people"),
    path("manage/organisations/", people.add_organisation, name="people_add_org"),
    path("manage/grants/", people.grant, name="people_grant"),
    path("manage/grants/<int:pk>/revoke/", people.revoke, name="people_revoke"),
    path("account/tokens/", account.api_tokens, name="api_tokens"),
    path("account/password/", auth.PasswordChangeView.as_view(), name="password_change"),
    path("declare/new/", declare.new_project, name="new_project"),
    path("library/", declare.library_page, name="library"),
    path("library/suggest/", declare.library_suggest, name="library_suggest"),
    path("sections/<int:pk>/draft/", declare.section_draft, name="section_draft"),
    path("api/", api.urls),
    path("analytics/", public.bureau_analytics, name="analytics"),
    path("analytics/<str:key>.csv", public.bureau_analytics_csv, name="analytics_csv"),
    path("public/api/", public_api.urls),
    path("public/", include("jixiao_web.public_urls")),
]

handler400 = "jixiao_web.errors.bad_request"
