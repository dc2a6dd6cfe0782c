"""Every write about elections goes through these services. One module per idea; this
package re-exports them so callers write `services.ballot_cast(...)`."""

from board.services.box import *  # noqa: F403
from board.services.counting import *  # noqa: F403
from board.services.elections import *  # noqa: F403
from board.services.nominations import *  # noqa: F403
from board.services.notices import *  # noqa: F403
from board.services.voting import *  # noqa: F403
