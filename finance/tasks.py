"""Background work for money, through Django's tasks API (django-tasks on Django 5.2)."""

from django_tasks import task

from finance.models import Refund


@task()
def refund_submit(*, refund_id: int, lease_of: int | None = None) -> str:
    """Send one card refund to Stripe when its next try is due. Safe to run more than
    once; returns its status. `lease_of`: the look after that attempt's lease, which acts
    only if the attempt is still "sending" (its worker died)."""
    # Imported here: the refunds service enqueues this task, so it imports this module.
    from finance.services.refunds import refund_send

    refund = Refund.objects.filter(pk=refund_id).first()
    if refund is None:
        return "missing"
    return refund_send(refund=refund, lease_of=lease_of).status
