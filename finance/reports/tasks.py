"""Making a quarterly report in the background (django-tasks: at once in the SQLite demo
and in tests; queued in the database for `manage.py db_worker` with PostgreSQL)."""

from django_tasks import task


@task()
def report_build(*, job_id: int) -> str:
    """Make the report for one job. Safe to run more than once; returns the job's status."""
    # Imported here: report_job_create enqueues this task, so its module imports this one.
    from finance.reports.jobs import report_job_run

    job = report_job_run(job_id=job_id)
    return job.status if job is not None else "missing"
