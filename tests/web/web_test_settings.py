"""Settings for the web tests: the application's own, with a throwaway data dir and fast hashing."""

import os
import tempfile

os.environ.setdefault("JIXIAO_DATA_DIR", tempfile.mkdtemp(prefix="jixiao-test-"))

from jixiao_web.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only; production keeps Argon2
