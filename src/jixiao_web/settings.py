"""Settings from the environment; safe defaults for one person running ``jixiao serve``.

Environment: ``JIXIAO_DATA_DIR`` (SQLite file, generated secret key; default
``~/.local/share/jixiao``), ``DATABASE_URL`` (e.g. ``postgres://user@host:5432/db``),
``SECRET_KEY``, ``DEBUG=1``, ``ALLOWED_HOSTS`` (comma separated), ``JIXIAO_HTTPS=1`` (secure
cookies, HSTS, redirect to HTTPS behind a proxy that sets ``X-Forwarded-Proto``).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


def data_dir() -> Path:
    """The folder of the SQLite file and the secret key: made readable by its owner only."""
    folder = Path(os.environ.get("JIXIAO_DATA_DIR") or Path.home() / ".local" / "share" / "jixiao")
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def _private_file(path: Path) -> Path:
    """``path``, created empty for its owner alone when new (SQLite keeps the mode, and gives its
    -wal / -shm files the same), so the documents are not world-readable whatever the umask."""
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    return path


def _secret_key() -> str:
    """From the environment, or generated once into the data dir (never a secret in the repo)."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    path = data_dir() / "secret_key"
    if not path.exists():
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
    return path.read_text(encoding="utf-8").strip()


BASE_DIR = Path(__file__).resolve().parent
SECRET_KEY = _secret_key()
DEBUG = _flag("DEBUG")
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "ninja",  # serves Swagger UI from its own static files: /api/docs works offline and under our CSP
    "jixiao_web",
]

# Background work (bulk import): a database-backed queue, run by `jixiao worker` (or
# `jixiao manage db_worker`); `jixiao serve` starts one beside the web server.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "jixiao_web.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "jixiao_web.errors.ServerTroubleMiddleware",
]

ROOT_URLCONF = "jixiao_web.urls"
WSGI_APPLICATION = "jixiao_web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{data_dir() / 'jixiao.sqlite3'}", conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60"))
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    if DATABASES["default"]["NAME"] not in ("", ":memory:"):
        _private_file(Path(DATABASES["default"]["NAME"]))
    # The server's threads and the worker write one file at once. WAL lets reads go on while one
    # transaction writes; IMMEDIATE takes the write lock when a transaction begins, so two
    # read-then-write transactions (a version check, then the save) queue for up to ``timeout``
    # seconds instead of one failing with "database is locked" when it would turn into a writer.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        transaction_mode="IMMEDIATE", timeout=int(os.environ.get("JIXIAO_SQLITE_TIMEOUT", "30")),
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    )  # fmt: skip
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # The search's trigram indexes (migration 0005) index UPPER(column) with an operator class,
    # which this app teaches Django to write; it needs psycopg, so SQLite installs go without it.
    INSTALLED_APPS.append("django.contrib.postgres")

# Reports kept while their rows are unchanged (services.kept), in a table of the database itself
# (made after every migrate) so that all server processes share them; SQLite has no row versions
# to key them by, so nothing is kept there.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "kept": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "jixiao_kept",
        "TIMEOUT": 30 * 86400, "OPTIONS": {"MAX_ENTRIES": 3000, "CULL_FREQUENCY": 4},
    } if DATABASES["default"]["ENGINE"].endswith("postgresql") else {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
}  # fmt: skip

# Argon2 first: new and re-saved passwords use it; older hashes still verify.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "jixiao_web.security.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = data_dir() / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise serves from the finders until `collectstatic` fills it
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True  # `jixiao serve` works without a collectstatic step

# Uploads: documents are small text/office files; refuse anything larger before reading it
# (services.limits): its size, what an office file unpacks to, a text's lines, a bulk import's total.
JIXIAO_MAX_UPLOAD_BYTES = int(os.environ.get("JIXIAO_MAX_UPLOAD_BYTES", str(10 * 1024 * 1024)))
JIXIAO_MAX_UNPACKED_BYTES = int(os.environ.get("JIXIAO_MAX_UNPACKED_BYTES", str(32 * 1024 * 1024)))
JIXIAO_MAX_LINES = int(os.environ.get("JIXIAO_MAX_LINES", "20000"))
JIXIAO_MAX_BULK_BYTES = int(os.environ.get("JIXIAO_MAX_BULK_BYTES", str(100 * 1024 * 1024)))
# Indicator rows of one section (what its editor shows and sends) and of one file: the pages of a
# document stay a few MB and answer in seconds.
JIXIAO_MAX_SECTION_ROWS = int(os.environ.get("JIXIAO_MAX_SECTION_ROWS", "2000"))
JIXIAO_MAX_FILE_ROWS = int(os.environ.get("JIXIAO_MAX_FILE_ROWS", "5000"))
DATA_UPLOAD_MAX_MEMORY_SIZE = JIXIAO_MAX_UPLOAD_BYTES + 1024 * 1024
# Uploaded files above Django's default 2.5 MB wait on disk, not in memory, until they are read:
# a bulk import of many files does not hold them all in memory while the request is parsed.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20000  # a large indicator grid is one form
# A running background job that has not finished an item for this long is shown as interrupted.
JIXIAO_JOB_STALL_SECONDS = int(os.environ.get("JIXIAO_JOB_STALL_SECONDS", "600"))
# How often `jixiao worker` looks for interrupted jobs to start again (services.recovery).
JIXIAO_JOB_RECOVER_SECONDS = int(os.environ.get("JIXIAO_JOB_RECOVER_SECONDS", "60"))

# Security headers everywhere; cookie and transport hardening when served over HTTPS.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
if _flag("JIXIAO_HTTPS"):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
