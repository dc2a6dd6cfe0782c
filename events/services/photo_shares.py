"""Sharing an activity's photos with members (issue 22): the organiser's choice, photo by
photo, audited. Whether a shared photo is shown is checked again each time it is shown
(events/photo_selectors.py)."""

from django.db import transaction

from coop.actors import Actor, saved_user
from coop.audit import audit
from coop.errors import CoopError
from events.models import EvaluationPhoto, PhotoShare
from events.photo_selectors import SHOWABLE
from events.services.evaluations import names_in_words

__all__ = ["photo_share_set"]


def _check_shareable(photo: EvaluationPhoto) -> None:
    if not photo.members.exists():
        raise CoopError(
            "Only a photo with members named in it can be shared. Nobody is named in this photo.",
            code="nobody_named",
        )
    refused = list(photo.members.exclude(SHOWABLE))
    if refused:
        raise CoopError(
            f"This photo cannot be shared. {names_in_words(refused)} did not agree to photos, "
            "or is no longer a member.",
            code="no_photo_consent",
        )


def photo_share_set(*, photo: EvaluationPhoto, actor: Actor, shared: bool) -> EvaluationPhoto:
    """Share a photo with members, or stop sharing it. Sharing needs at least one member
    named, and every member in it agreeing to photos (CoopError "nobody_named" or
    "no_photo_consent"; CoopError "photo_gone" when the photo was deleted). Asking twice
    does it once."""
    with transaction.atomic():
        photo = EvaluationPhoto.objects.select_for_update().filter(pk=photo.pk).first()
        if photo is None:
            raise CoopError("This photo has been deleted.", code="photo_gone")
        existing = PhotoShare.objects.filter(photo=photo).first()
        if shared == (existing is not None):
            return photo
        data = {"activity": photo.activity_id}
        if shared:
            _check_shareable(photo)
            PhotoShare.objects.create(photo=photo, shared_by=saved_user(actor))
            audit(actor=actor, action="evaluation.photo_shared", target=photo, data=data)
        else:
            existing.delete()
            audit(actor=actor, action="evaluation.photo_unshared", target=photo, data=data)
    return photo
