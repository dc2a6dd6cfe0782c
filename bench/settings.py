"""Settings for `make bench`: coop's own, plus a trivial view to measure the stack's floor,
over plain HTTP on 127.0.0.1 and without sending email. Never used in production."""

import os
import warnings

os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-for-production-use-0123456789")

from coop.settings import *  # noqa: E402, F403
from coop.settings import INSTALLED_APPS, STORAGES  # noqa: E402

# The benchmark's own app (seed_scale) is installed here only, never by coop's settings.
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
ROOT_URLCONF = "bench.urls"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
# Plain HTTP on loopback: no redirect to https, cookies without the Secure flag.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
# No collectstatic in the benchmark: static URLs without the manifest.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
# Jobs queue in the database; nothing runs them during the benchmark.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
# Static files are not collected for the benchmark: whitenoise need not say so each time.
warnings.filterwarnings("ignore", message="No directory at")
