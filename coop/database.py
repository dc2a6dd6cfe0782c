"""The DATABASES setting (coop/settings.py): PostgreSQL from DATABASE_URL in production and
the tests, an embedded SQLite file for the demo."""

from pathlib import Path

import dj_database_url

from coop.env import env_bool

SQLITE_OPTIONS = {
    # SQLite serialises writers; waiting beats failing under a few users.
    "timeout": 20,
    "transaction_mode": "IMMEDIATE",
    # Deleted rows are overwritten with zeros, not left in free pages: the sealed votes
    # and the ballot box's salt leave the file when the box is opened.
    "init_command": "PRAGMA secure_delete=ON;",
}


def databases(url: str | None, sqlite_file: Path) -> dict:
    """DATABASES for DATABASE_URL `url`; without one, the SQLite file `sqlite_file`."""
    if not url:
        engine = "django.db.backends.sqlite3"
        return {"default": {"ENGINE": engine, "NAME": sqlite_file, "OPTIONS": SQLITE_OPTIONS}}
    default = dj_database_url.parse(url, conn_max_age=60)
    if default["ENGINE"].endswith("postgresql"):
        _postgresql(default)
    else:
        # DATABASE_URL=sqlite:///path: SQLite with the same settings as the embedded demo's.
        default.setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
    return {"default": default}


def _postgresql(default: dict) -> None:
    # Django reads a form's choices from the database through .iterator(), which on
    # PostgreSQL is a server-side cursor: DECLARE, FETCH and CLOSE, three round trips for a
    # list of ten branches on every page with a filter. coop never streams big results
    # through iterator(), so plain client-side queries are the cheaper default.
    default["DISABLE_SERVER_SIDE_CURSORS"] = True
    options = default.setdefault("OPTIONS", {})
    # PostgreSQL's default random_page_cost (4.0) prices an index lookup for spinning
    # disks. A co-operative's data fits in memory on an SSD, where 1.1 is the usual value;
    # with 4.0 the organiser's register scanned all 5,000 members (6.9 ms) instead of
    # looking up the 47 booked by key (0.4 ms). Set per connection, so it goes wherever
    # coop runs, unless DATABASE_URL gives its own ?options=.
    options.setdefault("options", "-c random_page_cost=1.1")
    # psycopg 3 sends each query's values apart from its text (server-side binding) and,
    # from a query's sixth use on a connection, as a statement PostgreSQL has parsed and
    # planned before (a prepared statement). Django's default quotes the values into the
    # text in Python and has every query planned afresh. In races at M (bench/README.md)
    # the two together took PostgreSQL's CPU a booking down by about half. A prepared
    # statement lives as long as its connection: restart the app servers after `migrate`
    # (README, "Deploying"). Behind a pooler that hands one connection to many clients
    # between transactions (PgBouncer's transaction mode before 1.22), set
    # DATABASE_PREPARED_STATEMENTS=false.
    options.setdefault("server_side_binding", True)
    if env_bool("DATABASE_PREPARED_STATEMENTS", True):
        options.setdefault("prepare_threshold", 5)
