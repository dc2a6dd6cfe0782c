"""Background jobs for elections, through Django's tasks API."""

import logging

from django_tasks import task

from board.elections.models import Election
from board.elections.services.counting import election_count
from board.elections.services.notices import election_notices_due
from coop.errors import CoopError
from members.models import User

logger = logging.getLogger(__name__)


@task()
def election_count_task(*, election_id: int, actor_id: int | None = None) -> list[int]:
    """Count an election once voting has closed. Returns the ids of those elected. When
    the votes cannot be counted the election stays closed: the returning officer sees why
    when they press "Count the votes"."""
    election = Election.objects.get(pk=election_id)
    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    try:
        result = election_count(election=election, actor=actor)
    except CoopError as error:
        logger.warning("Election %s was not counted: %s", election_id, error.message)
        return []
    return list(result.elected)


@task()
def election_notices_task() -> dict[str, dict[str, int]]:
    """Send "voting closes soon" when it is due, and catch up anyone not told that
    nominations or voting are open (run it every hour)."""
    return {str(k): v for k, v in election_notices_due().items()}
