"""Reads about people: who they are, what roles they hold, whom they support."""

import functools

from django.db import connection
from django.db.models import Count, Q, QuerySet

from coop.sql import column, columns, first_raw, table
from members.models import (
    Branch,
    ConductGuidelines,
    GuidelinesAgreement,
    Member,
    Role,
    RoleAssignment,
    Subscription,
    SubscriptionWaiver,
    SupportLink,
    User,
)

# Member access ends with membership: the member role, and a supporter's access to a
# member, last only while the membership is active (not applied, lapsed, suspended or
# resigned). A support link gives access only when accepted and not withdrawn.
ACTIVE_LINK = {
    "accepted_at__isnull": False,
    "withdrawn_at__isnull": True,
    "member__status": Member.Status.ACTIVE,
}
MEMBER = "member"
SUPPORTER = "supporter"
# The order homes are offered in, and the order of the navigation.
ROLE_ORDER = [MEMBER, SUPPORTER, *Role.values]
ROLE_LABELS = {MEMBER: "Member", SUPPORTER: "Supporter", **dict(Role.choices)}


@functools.cache
def _roles_sql() -> str:
    """SELECT the roles held by user %s (given three times), for user_roles."""
    col = column
    active = Member.Status.ACTIVE.value
    return (
        f"SELECT {col(RoleAssignment, 'role')} FROM {table(RoleAssignment)}"
        f" WHERE {col(RoleAssignment, 'user')} = %s"
        f" UNION SELECT '{MEMBER}' FROM {table(Member)} WHERE {col(Member, 'user')} = %s"
        f" AND {col(Member, 'status')} = '{active}'"
        f" UNION SELECT '{SUPPORTER}' FROM {table(SupportLink)}"
        f" JOIN {table(Member)} ON {col(Member, 'id')} = {col(SupportLink, 'member')}"
        f" WHERE {col(SupportLink, 'supporter')} = %s"
        f" AND {col(SupportLink, 'accepted_at')} IS NOT NULL"
        f" AND {col(SupportLink, 'withdrawn_at')} IS NULL"
        f" AND {col(Member, 'status')} = '{active}'"
    )


def user_roles(user: User) -> list[str]:
    """Every role the user holds, in ROLE_ORDER. Cached on the user for one request.

    Every signed-in page asks (navigation, permissions), so it is one plain SQL query over
    the three sources: the same query built through the ORM's union costs 2.5 ms of
    Python a page against 0.3 ms for this (measured at `make bench`'s L). The last part
    is ACTIVE_LINK: a support link counts only when accepted and not withdrawn. The member
    role, and support for a member, last only while that membership is active."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_coop_roles", None)
    if cached is not None:
        return cached
    with connection.cursor() as cursor:
        cursor.execute(_roles_sql(), [user.pk] * 3)
        held = {row[0] for row in cursor.fetchall()}
    roles = [role for role in ROLE_ORDER if role in held]
    user._coop_roles = roles
    return roles


def member_for_user(user: User) -> Member | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Member.objects.select_related("branch").filter(user=user).first()


@functools.cache
def _member_sql() -> str:
    """SELECT the member of user %s."""
    return f"SELECT {columns(Member)} FROM {table(Member)} WHERE {column(Member, 'user')} = %s"


def member_without_branch(user: User) -> Member | None:
    """member_for_user without the branch read with it, for booking through the API (the
    booking and its answer need none): one plain query, as for user_roles. Through the
    ORM, with the branch, it cost 0.9-1.3 ms of Python a booking, against 0.4 ms."""
    if not getattr(user, "is_authenticated", False):
        return None
    return first_raw(Member, _member_sql(), [user.pk])


def member_get(*, pk: int) -> Member:
    return Member.objects.select_related("branch", "user").get(pk=pk)


def member_list(*, branch: Branch | None = None, status: str | None = None) -> QuerySet[Member]:
    members = Member.objects.select_related("branch", "user")
    if branch is not None:
        members = members.filter(branch=branch)
    if status:
        members = members.filter(status=status)
    return members.order_by("last_name", "first_name")


def member_search(
    *,
    q: str = "",
    branch: Branch | None = None,
    status: str = "",
    access_need: str = "",
    not_agreed: bool = False,
) -> QuerySet[Member]:
    """The roll, filtered. `q` matches names, the number, email, phone and postcode."""
    members = member_list(branch=branch, status=status or None)
    for word in q.split():
        members = members.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(known_as__icontains=word)
            | Q(membership_number__iexact=word)
            | Q(email__icontains=word)
            | Q(phone__icontains=word)
            | Q(postcode__icontains=word)
        )
    if access_need:
        if connection.features.supports_json_field_contains:
            members = members.filter(access_needs__contains=[access_need])
        else:  # SQLite (the demo): filter the small roll in Python instead
            ids = [
                m.pk for m in members.only("pk", "access_needs") if access_need in m.access_needs
            ]
            members = members.filter(pk__in=ids)
    if not_agreed:
        current = guidelines_current()
        if current is not None:
            members = members.exclude(agreements__guidelines=current)
    return members


def member_counts_by_branch() -> list[dict]:
    """Per branch, how many members are in each status."""
    rows = (
        Member.objects.values("branch__name", "status")
        .annotate(n=Count("id"))
        .order_by("branch__name", "status")
    )
    by_branch: dict[str, dict[str, int]] = {}
    for row in rows:
        by_branch.setdefault(row["branch__name"], {})[row["status"]] = row["n"]
    return [
        {
            "branch": name,
            "counts": [(label, counts.get(value, 0)) for value, label in Member.Status.choices],
            "total": sum(counts.values()),
        }
        for name, counts in by_branch.items()
    ]


def supported_members(user: User) -> QuerySet[Member]:
    """The members this user supports now, with the member's consent."""
    return Member.objects.select_related("branch").filter(
        support_links__supporter=user,
        support_links__accepted_at__isnull=False,
        support_links__withdrawn_at__isnull=True,
    )


def support_links_of(user: User) -> QuerySet[SupportLink]:
    """The active links where this user is the supporter, with each member."""
    return (
        SupportLink.objects.select_related("member__branch")
        .filter(supporter=user, **ACTIVE_LINK)
        .order_by("member__last_name")
    )


def supporters_of(member: Member) -> QuerySet[SupportLink]:
    """The member's supporters: active ones and those invited who have not yet accepted."""
    return (
        SupportLink.objects.select_related("supporter")
        .filter(member=member, withdrawn_at__isnull=True)
        .order_by("accepted_at", "id")
    )


def support_invitations_for(user: User) -> QuerySet[SupportLink]:
    return SupportLink.objects.select_related("member").filter(
        supporter=user, accepted_at__isnull=True, withdrawn_at__isnull=True
    )


def is_supporting(user: User, member: Member) -> bool:
    return SupportLink.objects.filter(supporter=user, member=member, **ACTIVE_LINK).exists()


def guidelines_current() -> ConductGuidelines | None:
    return ConductGuidelines.objects.order_by("-version").first()


@functools.cache
def _agreed_sql() -> str:
    """SELECT whether member %s agreed the newest guidelines: no row when there are none."""
    g, a = ConductGuidelines, GuidelinesAgreement
    return (
        f"SELECT EXISTS (SELECT 1 FROM {table(a)}"
        f" WHERE {column(a, 'guidelines')} = {column(g, 'id')} AND {column(a, 'member')} = %s)"
        f" FROM {table(g)} ORDER BY {column(g, 'version')} DESC LIMIT 1"
    )


def member_has_agreed_current_guidelines(member: Member) -> bool:
    """Other apps ask this before a member may book. One plain SQL query, as for
    user_roles: the newest guidelines with whether the member agreed them (none yet:
    nothing to agree). Through the ORM it cost 0.7-1.3 ms of Python a booking, against
    0.1 ms."""
    with connection.cursor() as cursor:
        cursor.execute(_agreed_sql(), [member.pk])
        row = cursor.fetchone()
    return row is None or bool(row[0])


def users_with_role(role: str) -> QuerySet[User]:
    return User.objects.filter(role_assignments__role=role).order_by("last_name", "first_name")


def people_with_roles() -> list[tuple[User, list[str]]]:
    """Everyone holding a staff or board role, with their roles, for administrators."""
    assignments = RoleAssignment.objects.select_related("user").order_by(
        "user__last_name", "user__first_name", "role"
    )
    people: dict[int, tuple[User, list[str]]] = {}
    for assignment in assignments:
        people.setdefault(assignment.user_id, (assignment.user, []))[1].append(
            assignment.get_role_display()
        )
    return list(people.values())


def register_rows() -> QuerySet[Member]:
    """The register a co-operative society must keep: everyone ever admitted, with name,
    address, date admitted and date ceased, in membership-number order."""
    return (
        Member.objects.filter(admitted_on__isnull=False)
        .only(
            "membership_number",
            "first_name",
            "last_name",
            "address",
            "postcode",
            "admitted_on",
            "left_on",
            "status",
        )
        .order_by("membership_number")
    )


def subscription_due_pence(member: Member, year: int) -> int:
    """What the member owes for the year's subscription: 0 when waived or none is set."""
    if member.waivers.filter(year=year).exists():
        return 0
    subscription = member.branch.subscriptions.filter(year=year).first()
    return subscription.amount_pence if subscription else 0


def subscriptions_for_year(year: int) -> list[dict]:
    """Each branch with its subscription for the year (None when not set)."""
    set_for = {s.branch_id: s for s in Subscription.objects.filter(year=year)}
    return [{"branch": b, "subscription": set_for.get(b.pk)} for b in Branch.objects.all()]


def waivers_for_year(year: int):
    return SubscriptionWaiver.objects.filter(year=year).select_related("member", "decided_by")


def member_history(member: Member, *, limit: int = 100) -> list[dict]:
    """Who changed what about a member, and when: their record, their supporters and
    their roles, newest first (django-simple-history keeps every version)."""
    rows: list[dict] = []
    versions = list(
        member.history.select_related("history_user").order_by("-history_date", "-history_id")[
            :limit
        ]
    )
    for newer, older in zip(versions, versions[1:] + [None], strict=False):
        if older is None:
            what = ["Added to the roll"]
        else:
            changes = newer.diff_against(older).changes
            what = [str(Member._meta.get_field(c.field).verbose_name) for c in changes]
        rows.append(
            {
                "at": newer.history_date,
                "who": newer.history_user,
                "what": what or ["Saved with no change"],
                "why": newer.history_change_reason or "",
            }
        )
    links = SupportLink.history.filter(member_id=member.pk).select_related("history_user")
    for record in links.order_by("-history_date")[:limit]:
        state = (
            "withdrawn" if record.withdrawn_at else "accepted" if record.accepted_at else "invited"
        )
        rows.append(
            {
                "at": record.history_date,
                "who": record.history_user,
                "what": [f"Supporter {record.supporter}: {state}"],
                "why": record.history_change_reason or "",
            }
        )
    if member.user_id:
        roles = RoleAssignment.history.filter(user_id=member.user_id).select_related("history_user")
        for record in roles.order_by("-history_date")[:limit]:
            verb = "taken away" if record.history_type == "-" else "given"
            rows.append(
                {
                    "at": record.history_date,
                    "who": record.history_user,
                    "what": [f"Role {Role(record.role).label.lower()}: {verb}"],
                    "why": "",
                }
            )
    rows.sort(key=lambda row: row["at"], reverse=True)
    return rows[:limit]


def applications_waiting() -> int:
    """Applications to join that an organiser has not yet approved."""
    return Member.objects.filter(status=Member.Status.APPLIED).count()
