"""Every write about people goes through these services. One module per idea; this
package re-exports them so callers write `services.member_approve(...)`."""

from members.services.core import *  # noqa: F403
from members.services.details import *  # noqa: F403
from members.services.erasure import *  # noqa: F403
from members.services.joining import *  # noqa: F403
from members.services.lifecycle import *  # noqa: F403
from members.services.own_fee import *  # noqa: F403
from members.services.subscriptions import *  # noqa: F403
from members.services.supporters import *  # noqa: F403
from members.services.times import *  # noqa: F403
