"""Who sits on the board, in what role, and for how long."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from board.terms.roles import TERM_ROLE_PAGES
from members.models import Member


class TermQuerySet(models.QuerySet):
    def on(self, day) -> "TermQuerySet":
        """Terms running on `day`: started by then, and ending after it (or never)."""
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gt=day), starts_on__lte=day)


class BoardMembership(models.Model):
    """One term on the board. An election creates a term for each person elected; other
    terms (co-chairs, co-opted members, observers) are added by the board. The co-chairs and
    whoever the board names to write the papers (`writes_papers`) edit meetings; the rest
    of the board reads them."""

    class Role(models.TextChoices):
        CO_CHAIR = "co_chair", "Co-chair"
        MEMBER = "member", "Board member"
        CO_OPTED = "co_opted", "Co-opted member"
        OBSERVER = "observer", "Observer"

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="board_terms")
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.MEMBER)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    writes_papers = models.BooleanField(
        "Writes the papers",
        default=False,
        help_text="The board named them to write meeting papers. They plan and edit meetings "
        "with the co-chairs; other board members read.",
    )
    election = models.ForeignKey(
        "board.Election",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="terms",
        help_text="The election that gave this term, if any.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TermQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "member__last_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gt=F("starts_on")),
                name="board_boardmembership_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["member", "election"],
                condition=Q(election__isnull=False),
                name="board_boardmembership_one_per_election",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member.display_name}, {self.get_role_display()} from {self.starts_on}"

    @property
    def role_page(self) -> str:
        """The easy-read page about this role (board.terms.roles)."""
        return TERM_ROLE_PAGES.get(self.role, "board-member")

    def is_on(self, day) -> bool:
        """This term runs on `day` (the same rule as TermQuerySet.on)."""
        return self.starts_on <= day and (self.ends_on is None or self.ends_on > day)
