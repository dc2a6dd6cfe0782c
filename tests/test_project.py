"""The project as a whole: migrations match the models; production settings pass Django's
deployment checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_models_and_migrations_agree():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_deploy_check_is_clean_under_production_settings():
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "coop.settings",
        "SECRET_KEY": "a-long-random-production-key-" + "x7Gq2mZ9" * 6,
        "ALLOWED_HOSTS": "coop.example.org",
        "DEBUG": "false",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    env["DJANGO_SETTINGS_MODULE"] = "coop.settings"
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_migrates_on_sqlite_given_by_url(tmp_path):
    # DATABASE_URL=sqlite:///... gets SQLite's connection options, not PostgreSQL's.
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "coop.settings",
        "SECRET_KEY": "a-long-random-production-key-" + "x7Gq2mZ9" * 6,
        "DEBUG": "false",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'coop.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "coop.sqlite3").stat().st_size > 0


def test_money_is_shown_in_pounds():
    from coop.money import format_pence

    assert [format_pence(p) for p in (500, 550, 5, 125000, -300)] == [
        "£5",
        "£5.50",
        "£0.05",
        "£1,250",
        "-£3",
    ]
    with pytest.raises(TypeError):
        format_pence(5.0)


def test_dates_are_easy_read():
    import datetime as dt

    from coop.dates import easy_date, easy_time

    assert easy_date(dt.date(2026, 3, 14)) == "Saturday 14 March"
    assert easy_time(dt.time(14, 0)) == "2pm" and easy_time(dt.time(9, 30)) == "9:30am"
