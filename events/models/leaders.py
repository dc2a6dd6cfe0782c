"""Who leads an activity: a member beside an organiser ("Led by May with Olu")."""

from django.db import models

from events.models.activities import Activity
from members.models import Member, User


class ActivityLeader(models.Model):
    """A member who helps to lead an activity, with the organiser who leads it with them.
    Once per member and activity, enforced by the database."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="leaders")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="leading")
    organiser = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["activity", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "member"], name="events_activityleader_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} helps to lead {self.activity}"
