"""The papers for an agenda item, in easy read (parts with pictures) and standard. A paper
marked confidential stays with the board."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from board.meetings.models.meetings import AgendaItem

# The board's pictures for easy-read papers: static path -> what it shows (default alt).
PAPER_PICTURES: dict[str, str] = {
    "coop/pictures/people.svg": "A group of people together",
    "coop/pictures/calendar.svg": "A calendar",
    "coop/pictures/clock.svg": "A clock",
    "coop/pictures/money.svg": "Some money",
    "coop/pictures/letter.svg": "A letter",
    "coop/pictures/phone.svg": "A phone",
    "coop/pictures/listen.svg": "A speech bubble",
    "coop/pictures/safe.svg": "A green shield with a tick",
    "coop/pictures/kind.svg": "A red heart",
    "coop/pictures/key.svg": "A key",
    "board/pictures/house.svg": "A house",
    "board/pictures/bus.svg": "A red bus",
    "board/pictures/cup.svg": "A cup of tea",
    "board/pictures/star.svg": "A yellow star",
    "events/pictures/minibus.svg": "A minibus",
    "events/pictures/meal.svg": "A meal on a plate",
}


class Paper(models.Model):
    """A paper for an agenda item. Its easy-read version is its parts (a picture beside each
    paragraph); its standard version is written text or an uploaded PDF. A paper made by
    coop from other records (source not "written") is made again until the papers go out,
    then stays as it was sent."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="papers")
    title = models.CharField(max_length=200)
    source = models.CharField(
        max_length=16, choices=AgendaItem.Source.choices, default=AgendaItem.Source.WRITTEN
    )
    confidential = models.BooleanField(
        default=False, help_text="Only the board sees a confidential paper."
    )
    standard_text = models.TextField(
        blank=True,
        help_text='The standard version. A line starting "# " is a heading, "- " a list item; '
        "a blank line starts a new paragraph.",
    )
    standard_pdf = models.FileField(upload_to="board/papers/", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["item", "pk"]

    def __str__(self) -> str:
        return self.title


class PaperPart(models.Model):
    """One part of a paper's easy-read version: a heading, a picture and a few short lines."""

    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="parts")
    position = models.PositiveSmallIntegerField()
    heading = models.CharField(max_length=120, blank=True)
    words = models.TextField(
        help_text='Short sentences. A line starting "- " is a list item; a blank line starts '
        "a new paragraph."
    )
    picture = models.CharField(max_length=100, blank=True)
    picture_alt = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["paper", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(picture="") | ~Q(picture_alt=""),
                name="board_paperpart_picture_has_alt",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.paper.title}, part {self.position}"
