"""Every write about elections goes through these services. One module per idea; this
package re-exports them so callers write `services.ballot_cast(...)`."""

from board.elections.services.box import *  # noqa: F403
from board.elections.services.counting import *  # noqa: F403
from board.elections.services.elections import *  # noqa: F403
from board.elections.services.nominations import *  # noqa: F403
from board.elections.services.notices import *  # noqa: F403
from board.elections.services.voting import *  # noqa: F403
