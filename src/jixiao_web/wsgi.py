"""WSGI entry point for production: ``gunicorn jixiao_web.wsgi`` (see README)."""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao_web.settings")
application = get_wsgi_application()
# Django, the views and the core, imported here, live as long as the process. Frozen, the cyclic
# garbage collector no longer walks them at every full collection: that walk was about 2 ms of
# every request on the bench (bench/WEB.md).
get_resolver().url_patterns  # imports every view
gc.freeze()
