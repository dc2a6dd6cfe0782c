"""An organiser's choice to show an evaluation photo to members (issue 22)."""

from django.db import models

from events.models.after import EvaluationPhoto
from members.models import User


class PhotoShare(models.Model):
    """This photo may be shown to members: to those who came, and on the page of the next
    activity with the same title. Whether it is shown is checked again
    each time (events/photo_selectors.py): a member in it may have withdrawn consent."""

    photo = models.OneToOneField(EvaluationPhoto, on_delete=models.CASCADE, related_name="share")
    shared_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    shared_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Shared: {self.photo}"
