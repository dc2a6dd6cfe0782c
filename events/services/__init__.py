"""Every write about activities and bookings goes through these services."""

from events.services.activities import *  # noqa: F403
from events.services.attendance import *  # noqa: F403
from events.services.bookings import *  # noqa: F403
from events.services.calendar import *  # noqa: F403
from events.services.costs import *  # noqa: F403
from events.services.evaluations import *  # noqa: F403
from events.services.expiry import *  # noqa: F403
from events.services.fees import *  # noqa: F403
from events.services.photo_shares import *  # noqa: F403
from events.services.proposals import *  # noqa: F403
from events.services.reminders import *  # noqa: F403
from events.services.suggestions import *  # noqa: F403
from events.services.support import *  # noqa: F403
from events.services.transport import *  # noqa: F403
from events.services.waiting import *  # noqa: F403
from events.services.whats_on import *  # noqa: F403
