"""Settings for the web tests: the application's own, with a throwaway data dir and fast hashing."""

import atexit
import os
import shutil
import tempfile

if "JIXIAO_DATA_DIR" not in os.environ:
    os.environ["JIXIAO_DATA_DIR"] = tempfile.mkdtemp(prefix="jixiao-test-")
    atexit.register(shutil.rmtree, os.environ["JIXIAO_DATA_DIR"], ignore_errors=True)

from jixiao_web.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only; production keeps Argon2

# The PostgreSQL server is shared: each run creates (and drops) a test database of its own.
if DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": f"test_jixiao_web_{os.getpid()}"}  # noqa: F405
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405  (the live server thread must let go of the test database)
