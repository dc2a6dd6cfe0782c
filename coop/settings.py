"""Settings for coop. Everything that differs between machines comes from the environment.

With no DATABASE_URL the project runs on an embedded SQLite file (the demo); production
and the tests use PostgreSQL.
"""

from datetime import timedelta
from pathlib import Path

from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from coop.database import databases
from coop.env import env_bool, env_int, env_list, env_str, redis_cache

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)

# A fixed key is only acceptable for a local demo; production must set its own.
_DEMO_SECRET_KEY = "insecure-demo-key-only-for-make-run-never-for-production"
SECRET_KEY = env_str("SECRET_KEY") or (_DEMO_SECRET_KEY if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

SITE_NAME = env_str("SITE_NAME", "Our Co-operative")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
HELP_PHONE = env_str("HELP_PHONE", "020 7946 0000")
HELP_EMAIL = env_str("HELP_EMAIL", "help@example.org")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "formtools",
    "csp",
    "coop",
    "members",
    "wellbeing",
    "finance",
    "events",
    "board",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "coop.middleware.CommonMiddleware",  # no slash redirects under /api/
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's, taking the signed-in person fetched with the session (members/sessions.py).
    "members.sessions.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Axes must come last: it turns a lockout into its own response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "coop.urls"
WSGI_APPLICATION = "coop.wsgi.application"
ASGI_APPLICATION = "coop.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "coop.context_processors.site",
                "members.context_processors.navigation",
                "events.context_processors.navigation",
            ],
            "builtins": ["coop.templatetags.coop"],
        },
    }
]

_database_url = env_str("DATABASE_URL")
DATABASES = databases(_database_url, BASE_DIR / "db.sqlite3")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "members.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, with the signed-in user and their roles in the shared cache.
    "members.auth_cache.CachedModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "signin"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "signin"

# Failed sign-ins: after AXES_FAILURE_LIMIT wrong passwords for one username from one
# address, that pair waits AXES_COOLOFF_MINUTES. Per pair, so nobody can lock a member out
# from elsewhere by guessing at their name.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The address is the client's, not a proxy's. With no proxy it is REMOTE_ADDR. Behind
# TRUSTED_PROXY_COUNT proxies (1 for the README's nginx), every request's REMOTE_ADDR is
# the proxy's, so the client's address is read from X-Forwarded-For: the entry the
# trusted proxies added, counted from the right (anything a client put in the header
# itself is further left and ignored). django-ipware reads it for axes; it counts only
# the proxies whose own addresses are in the header, one fewer than the proxies in front.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 0 (no proxy) or more.")
if TRUSTED_PROXY_COUNT > 0:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR"]
    AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_COUNT - 1
    # Not strict: extra entries a client sent are skipped, not a reason to give up.
    IPWARE_STRICT = False
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False

# One-time sign-in links: by email they last a day; printed on a letter, a month.
SIGNIN_LINK_EMAIL_HOURS = env_int("SIGNIN_LINK_EMAIL_HOURS", 24)
SIGNIN_LINK_LETTER_DAYS = env_int("SIGNIN_LINK_LETTER_DAYS", 30)
SIGNIN_LINK_REQUESTS_PER_HOUR = env_int("SIGNIN_LINK_REQUESTS_PER_HOUR", 5)

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "coop@example.org")

STRIPE_SECRET_KEY = env_str("STRIPE_SECRET_KEY")
STRIPE_PUBLISHABLE_KEY = env_str("STRIPE_PUBLISHABLE_KEY")
STRIPE_WEBHOOK_SECRET = env_str("STRIPE_WEBHOOK_SECRET")
STRIPE_API_BASE = env_str("STRIPE_API_BASE")

# The ballot box's private key is worked out from the returning officer's opening key with
# Argon2id at this cost (libsodium's "interactive": 2 passes over 64 MiB, a fraction of a
# second). The key is 20 random characters (about 92 bits), so the cost is a margin, not
# the protection. Each box keeps the cost it was made with.
BALLOT_BOX_KDF_OPS = 2
BALLOT_BOX_KDF_MEM = 64 * 1024 * 1024

TASKS = {
    "default": {
        # The one-process SQLite demo runs jobs at once, so it needs no worker; with
        # PostgreSQL they queue in the database for `manage.py db_worker`.
        "BACKEND": env_str(
            "TASKS_BACKEND",
            "django_tasks_db.DatabaseBackend"
            if _database_url
            else "django_tasks.backends.immediate.ImmediateBackend",
        ),
    }
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        # DRF's token sign-in, the token's owner from the shared cache.
        "members.auth_cache.CachedTokenAuthentication",
    ],
    # Signed in, and not a former member (member access ends with membership).
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "members.api.permissions.NotAFormerMember",
    ],
    # JSON only, whatever the client asks for: no browsable HTML API. The docs page
    # (/api/docs/) is its own view with its own renderer.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "coop.api_negotiation.FirstRendererIfNoneAccepted",
    "DEFAULT_SCHEMA_CLASS": "coop.api.schema.CoopAutoSchema",
    # Every error in one shape, from one place (coop/api/errors.py).
    "EXCEPTION_HANDLER": "coop.api.errors.exception_handler",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "coop API",
    "DESCRIPTION": "The co-operative's membership, board, activities and money.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "coop.api.schema.shapes_may_overlap",
    ],
    # Several models have a `status`; name each enum after its model so they do not clash.
    "ENUM_NAME_OVERRIDES": {
        "MemberStatusEnum": "members.models.Member.Status",
        "ElectionStatusEnum": "board.elections.models.Election.Status",
        "ActivityStatusEnum": "events.models.Activity.Status",
        "BookingStatusEnum": "events.models.Booking.Status",
        "MeetingStatusEnum": "board.models.Meeting.Status",
    },
}

# Security: on unless DEBUG, each can be turned off behind a proxy that does it instead.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
# JSON in the API's error shape under /api/, Django's page elsewhere.
CSRF_FAILURE_VIEW = "coop.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): scripts, styles, pictures and fonts come from our
# own address only; no inline script, no inline style, no eval, no plugins, no framing
# by others, forms post only to us. The pay page alone adds Stripe's addresses (its frames
# too: frame-src falls back to default-src) in finance/views.py.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Permissions-Policy (django-permissions-policy): coop uses none of these browser features;
# card payment may use the browser's payment sheet through Stripe's frame.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "browsing-topics": [],
    "camera": [],
    "display-capture": [],
    "geolocation": [],
    "gyroscope": [],
    "hid": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": ["self", "https://js.stripe.com"],
    "serial": [],
    "usb": [],
}
# Members may be slow to fill a form: a long session, renewed while in use.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 24 * 14)
SESSION_SAVE_EVERY_REQUEST = False
# The shared cache (README "Deploying"): sessions (read from it, written through to the
# database) and each signed-in user with their roles (members/auth_cache.py), so a signed-in
# page reads neither from the database. Without REDIS_URL nothing is cached: right, slower.
REDIS_URL = env_str("REDIS_URL")
USER_CACHE_SECONDS = 300 if REDIS_URL else 0
if REDIS_URL:
    CACHES = {"default": redis_cache(REDIS_URL, env_str("CACHE_KEY_PREFIX", "coop"))}
    # Django's cached_db, reading the session and its signed-in person in one trip.
    SESSION_ENGINE = "members.sessions"
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # Chatty at INFO about their own start-up and each task: not news for an operator.
    "loggers": {
        "pikepdf": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "django_tasks_db": {"level": "WARNING"},
    },
}

# Bookings: how long a place is held while a card payment completes, how long a freed
# place is offered to the next person waiting, and when an unmarked booking becomes a
# no-show after the activity ends.
BOOKING_HOLD_MINUTES = env_int("BOOKING_HOLD_MINUTES", 30)
BOOKING_OFFER_HOURS = env_int("BOOKING_OFFER_HOURS", 24)
# An offer to a member who hears by phone or letter must reach them in time (see the
# README, "Waiting-list offers"): these count working hours (Monday to Friday). A phone
# offer goes on the organisers' call list at once; a letter needs second-class post.
BOOKING_OFFER_HOURS_PHONE = env_int("BOOKING_OFFER_HOURS_PHONE", 48)
BOOKING_OFFER_HOURS_LETTER = env_int("BOOKING_OFFER_HOURS_LETTER", 5 * 24)
# Organisers' working day starts at this hour: an offer by phone or letter made at a
# weekend or earlier in the day counts its working hours from then (Monday 9am).
WORKING_DAY_STARTS_HOUR = env_int("WORKING_DAY_STARTS_HOUR", 9)
# A reminder by letter is written this many working days before the activity's day (at
# WORKING_DAY_STARTS_HOUR), so it can be printed and posted and arrive in time.
REMINDER_LETTER_WORKING_DAYS = env_int("REMINDER_LETTER_WORKING_DAYS", 5)

# Elections: "voting closes soon" goes this long before the close (a week, by letter).
ELECTION_CLOSING_NOTICE_HOURS = env_int("ELECTION_CLOSING_NOTICE_HOURS", 24)
ELECTION_CLOSING_NOTICE_DAYS_LETTER = env_int("ELECTION_CLOSING_NOTICE_DAYS_LETTER", 7)
NO_SHOW_AFTER_HOURS = env_int("NO_SHOW_AFTER_HOURS", 24)

# Text messages: a class with send(*, to, message), see members/outbox/backends.py. The
# console one prints them and is for DEBUG only; otherwise Twilio with these settings.
TEXT_BACKEND = env_str(
    "TEXT_BACKEND",
    "members.outbox.backends.ConsoleTextBackend"
    if DEBUG
    else "members.outbox.backends.TwilioTextBackend",
)
TWILIO_ACCOUNT_SID = env_str("TWILIO_ACCOUNT_SID")
TWILIO_AUTH_TOKEN = env_str("TWILIO_AUTH_TOKEN")
TWILIO_FROM = env_str("TWILIO_FROM")
TWILIO_API_BASE = env_str("TWILIO_API_BASE")
# A text provider that does not answer is given up on after this many seconds.
TEXT_TIMEOUT = env_int("TEXT_TIMEOUT", 20)
# The outbox: a message "being sent" this long is taken to be from a worker that died.
OUTBOX_SENDING_TIMEOUT_MINUTES = env_int("OUTBOX_SENDING_TIMEOUT_MINUTES", 10)
# A mail server that does not answer is given up on after this many seconds (and tried
# again later): the worker never hangs on it.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
