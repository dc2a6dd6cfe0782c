"""The demo co-operative's people. Deterministic: the same names every time."""

import datetime as dt
import functools
import random
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction

from coop.demo import Loaded
from members import services
from members.models import (
    AccessNeed,
    Branch,
    ConductGuidelines,
    ContactWay,
    Member,
    Role,
    SupportLink,
    User,
)

DEMO_PASSWORD = "coop-demo"

FIRST_NAMES = [
    "Aisha",
    "Ben",
    "Chloe",
    "Daniel",
    "Efua",
    "Farhan",
    "Grace",
    "Harry",
    "Imran",
    "Jade",
    "Kofi",
    "Leah",
    "Marcus",
    "Nadia",
    "Oliver",
    "Priya",
    "Quentin",
    "Rosa",
    "Sam",
    "Tariq",
    "Uma",
    "Victor",
    "Wendy",
    "Xavier",
    "Yasmin",
    "Zak",
    "Amira",
    "Bilal",
    "Cara",
    "Dev",
]
LAST_NAMES = [
    "Adeyemi",
    "Brown",
    "Chen",
    "Davies",
    "Evans",
    "Fernandes",
    "Green",
    "Hussain",
    "Ibrahim",
    "Jones",
    "Khan",
    "Lewis",
    "Mensah",
    "Nowak",
    "O'Brien",
    "Patel",
    "Quinn",
    "Roberts",
    "Smith",
    "Taylor",
    "Usman",
    "Vega",
    "Walker",
    "Yilmaz",
    "Zielinski",
]
STREETS = ["High Street", "Church Road", "Park Lane", "Station Road", "Mill Way", "Green Walk"]

GUIDELINES_POINTS = [
    {"text": "Be kind to everyone.", "picture": "coop/pictures/kind.svg", "alt": "A red heart"},
    {
        "text": "Listen when other people talk.",
        "picture": "coop/pictures/listen.svg",
        "alt": "A speech bubble",
    },
    {
        "text": "Come on time, or tell us you cannot come.",
        "picture": "coop/pictures/clock.svg",
        "alt": "A clock",
    },
    {
        "text": "Keep yourself and other people safe.",
        "picture": "coop/pictures/safe.svg",
        "alt": "A green shield with a tick",
    },
    {
        "text": "Ask before you take a photo of someone.",
        "picture": "coop/pictures/phone.svg",
        "alt": "A mobile phone",
    },
    {
        "text": "Tell a co-chair if something is wrong.",
        "picture": "coop/pictures/people.svg",
        "alt": "A group of people together",
    },
]

# username, first, last, roles, is member
STAFF = [
    ("organiser", "Olu", "Ade", [Role.ORGANISER, Role.BOARD], True),  # co-chair, member
    ("organiser2", "Patricia", "Hale", [Role.ORGANISER, Role.BOARD], False),  # co-chair
    ("board", "Bea", "Morris", [Role.BOARD], True),
    ("finance", "Fiona", "Clarke", [Role.FINANCE], False),
    ("returning", "Ravi", "Shah", [Role.RETURNING_OFFICER], False),
    ("evaluator", "Eve", "Lane", [Role.EVALUATOR], False),
    ("admin", "Alex", "Dunn", [Role.ADMINISTRATOR], False),
]
OTHER_BOARD = 4  # board of 7: organiser, organiser2, board and 4 more members
# The sign-ins load_demo prints (the README lists them too).
SIGNINS = [
    ("member", "a member who has agreed the guidelines"),
    ("supporter", "supports the member"),
    ("organiser", "co-chair: organiser and board member"),
    ("board", "board member"),
    ("finance", "finance officer"),
    ("returning", "returning officer"),
    ("evaluator", "evaluation lead (reads each member's well-being answers)"),
    ("admin", "administrator (also the Django admin)"),
]


@functools.cache
def _demo_password_hash() -> str:
    # Hashing is slow on purpose; the demo's users all share one password, so hash it once.
    return make_password(DEMO_PASSWORD)


def _user(username: str, first: str, last: str, email: str = "") -> User:
    user, _ = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": first,
            "last_name": last,
            "email": email or f"{username}@example.org",
            "password": _demo_password_hash(),
        },
    )
    return user


def _contact(rng: random.Random) -> list[str]:
    ways = list(ContactWay.values)
    rng.shuffle(ways)
    return ways[: rng.randint(1, 3)]


def _needs(rng: random.Random) -> list[str]:
    needs = [n for n in AccessNeed.values if n != AccessNeed.OTHER]
    return sorted(rng.sample(needs, rng.choice([0, 0, 1, 1, 2, 3])))


@dataclass
class _Roll:
    """What adding the demo members needs: the same random numbers, in the same order, on
    every run."""

    rng: random.Random
    admin: User
    branches: list[Branch]
    guidelines: ConductGuidelines


@transaction.atomic
def load_people(*, members: int = 60) -> dict[str, int]:
    """Create (or keep) the demo people. Running it twice changes nothing."""
    admin = _user("admin", "Alex", "Dunn")
    admin.is_staff = admin.is_superuser = True
    admin.save(update_fields=["is_staff", "is_superuser"])
    roll = _Roll(
        rng=random.Random(2026),
        admin=admin,
        branches=[
            services.branch_create(name="Northfield", slug="northfield", actor=admin),
            services.branch_create(name="Riverside", slug="riverside", actor=admin),
        ],
        guidelines=services.guidelines_current_or_publish(
            title="How we treat each other", points=GUIDELINES_POINTS, actor=admin
        ),
    )
    _may_and_sue(roll)
    number = _staff(roll, number=2)
    _other_members(roll, number=number, up_to=members)
    _more_supporters(roll)
    return {"members": Member.objects.count(), "users": User.objects.count()}


def _add_member(roll: _Roll, user: User | None, first: str, last: str, i: int, **extra) -> Member:
    """Member number i, made unless there is one already."""
    existing = Member.objects.filter(membership_number=f"M{i:05d}").first()
    if existing:
        return existing
    rng, branch = roll.rng, roll.branches[i % 2]
    admitted = dt.date(2023, 1, 9) + dt.timedelta(days=rng.randint(0, 900))
    status = (
        extra.pop("status", None)
        or rng.choices(
            [Member.Status.ACTIVE, Member.Status.APPLIED, Member.Status.LAPSED],
            weights=[8, 1, 1],
        )[0]
    )
    needs = _needs(rng)
    return services.member_add(
        actor=roll.admin,
        user=user,
        branch=branch,
        first_name=first,
        last_name=last,
        membership_number=f"M{i:05d}",
        status=status,
        admitted_on=None if status == Member.Status.APPLIED else admitted,
        known_as=extra.pop("known_as", ""),
        address=f"{rng.randint(1, 120)} {rng.choice(STREETS)}\n{branch.name}",
        postcode=f"N{rng.randint(1, 22)} {rng.randint(1, 9)}{rng.choice('ABDEFGHJ')}"
        f"{rng.choice('LNPQRSTU')}",
        phone=f"07700 9{rng.randint(10000, 99999)}",
        email=user.email
        if user
        else (
            f"{first.lower()}.{last.lower()}{i}@example.org".replace("'", "")
            if rng.random() < 0.6
            else ""
        ),
        contact_preferences=_contact(rng),
        access_needs=needs,
        emergency_contact_name=f"{rng.choice(FIRST_NAMES)} {last}",
        emergency_contact_phone=f"07700 9{rng.randint(10000, 99999)}",
        photo_consent=rng.random() < 0.75,
    )


def _may_and_sue(roll: _Roll) -> None:
    """May (member 1), who has agreed the guidelines, and Sue, her family supporter."""
    member_user = _user("member", "Maya", "Okafor")
    may = _add_member(
        roll, member_user, "Maya", "Okafor", 1, status=Member.Status.ACTIVE, known_as="May"
    )
    services.guidelines_agree(member=may, guidelines=roll.guidelines, actor=member_user)
    supporter = _user("supporter", "Sue", "Okafor")
    services.support_link_create(
        supporter=supporter,
        member=may,
        relationship=SupportLink.Relationship.FAMILY,
        actor=member_user,
        wants_copies=True,
    )


def _staff(roll: _Roll, *, number: int) -> int:
    """The staff with their roles; those who are members get the next numbers. Returns
    the number after theirs."""
    for username, first, last, roles, is_member in STAFF:
        user = roll.admin if username == "admin" else _user(username, first, last)
        user.first_name, user.last_name = first, last
        user.save(update_fields=["first_name", "last_name"])
        for role in roles:
            services.role_grant(user=user, role=role, actor=roll.admin)
        if is_member:
            m = _add_member(roll, user, first, last, number, status=Member.Status.ACTIVE)
            services.guidelines_agree(member=m, guidelines=roll.guidelines, actor=user)
            number += 1
    return number


def _other_members(roll: _Roll, *, number: int, up_to: int) -> None:
    """Members `number` to `up_to`, most of them agreeing the guidelines; the first
    OTHER_BOARD active ones join the board."""
    board_added = 0
    while number <= up_to:
        first = FIRST_NAMES[number % len(FIRST_NAMES)]
        last = LAST_NAMES[(number * 7) % len(LAST_NAMES)]
        username = f"{first}.{last}{number}".lower().replace("'", "")
        user = _user(username, first, last)
        m = _add_member(roll, user, first, last, number)
        if m.status == Member.Status.ACTIVE:
            if roll.rng.random() < 0.8:
                services.guidelines_agree(member=m, guidelines=roll.guidelines, actor=user)
            if board_added < OTHER_BOARD:
                services.role_grant(user=user, role=Role.BOARD, actor=roll.admin)
                board_added += 1
        number += 1


def _more_supporters(roll: _Roll) -> None:
    """A few more supporters, each linked with the member's consent."""
    for i, relationship in [(12, "support_worker"), (20, "carer"), (33, "family")]:
        m = Member.objects.get(membership_number=f"M{i:05d}")
        helper = _user(f"supporter{i}", roll.rng.choice(FIRST_NAMES), m.last_name)
        services.support_link_create(
            supporter=helper, member=m, relationship=relationship, actor=roll.admin
        )


def loaded_people() -> Loaded:
    """The demo loader (coop.demo): the people, and how to sign in as them."""
    made = load_people()
    signins = [f"  {username:<10} password {DEMO_PASSWORD}  — {what}" for username, what in SIGNINS]
    return Loaded(
        counts={"members": made["members"], "users": made["users"]},
        notes=["Sign in at http://127.0.0.1:8000/signin/ as:", *signins],
    )
