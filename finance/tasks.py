"""Background work for money, through Django's tasks API (django-tasks on Django 5.2)."""

from django_tasks import task


@task()
def refund_submit(*, refund_id: int) -> str:
    """Send one card refund to Stripe. Safe to run more than once; returns its status."""
    # Imported here: the refunds service enqueues this task, so it imports this module.
    from finance.models import Refund
    from finance.services.refunds import refund_send

    refund = Refund.objects.filter(pk=refund_id).first()
    if refund is None:
        return "missing"
    return refund_send(refund=refund).status
