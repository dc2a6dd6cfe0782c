"""Test settings: the production settings with only what tests need changed."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production-use-0123456789abcdef")

from coop.settings import *  # noqa: E402,F403
from coop.settings import DATABASES  # noqa: E402

if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    # The behaviour under test includes row locks and constraints: PostgreSQL only.
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("Tests run on PostgreSQL: set DATABASE_URL (make test does).")

DEBUG = False
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploaded files (evaluation photos) from tests and the demo loader go to a throwaway folder.
MEDIA_ROOT = Path(tempfile.gettempdir()) / "coop-test-media"
# Argon2id's least cost: tests make and open many ballot boxes.
BALLOT_BOX_KDF_OPS = 1
BALLOT_BOX_KDF_MEM = 8192
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Serve static files from the apps and static/ directly: no collectstatic before tests.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
