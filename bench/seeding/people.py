"""The branches, one user per member, four staff with their roles, and the members."""

import datetime as dt

from django.contrib.auth.hashers import make_password

from bench.seeding.base import BATCH, Seeding, ids
from members import branch_cache
from members.models import Branch, Member, Role, RoleAssignment, User

PASSWORD = "bench-password-not-for-real-use"
FIRST = "Ada Ben Cara Dev Eli Fay Gus Hana Ivo Jo Kit Lee Mo Nia Oli Pat Rae Sam Tia Uma".split()
LAST = "Adams Brown Clark Davies Evans Fox Green Hall Islam Jones Khan Lewis Moore Patel".split()
STAFF_ROLES = {
    "organiser": Role.ORGANISER,
    "board": Role.BOARD,
    "finance": Role.FINANCE,
    "returning": Role.RETURNING_OFFICER,
}
# The first 400 members are active: the booking race and the bench user need them so.
ACTIVE_FIRST = 400
STATUSES = [Member.Status.ACTIVE] * 17 + [
    Member.Status.LAPSED,
    Member.Status.APPLIED,
    Member.Status.RESIGNED,
]


def seed_people(run: Seeding) -> None:
    n = run.size["members"]
    run.branches = Branch.objects.bulk_create(
        [
            Branch(name=f"Bench branch {i + 1}", slug=f"bench-{i + 1}")
            for i in range(run.size["branches"])
        ]
    )
    branch_cache.forget()  # bulk_create sends no signal: the old list must go
    users = _users(run, n)
    run.members = Member.objects.bulk_create(
        [_member(run, i, user) for i, user in enumerate(users[:n])], batch_size=BATCH
    )
    run.counts.update(branches=len(run.branches), members=len(run.members), users=len(users))


def _users(run: Seeding, n: int) -> list[User]:
    """n members' users (m00001…) and the four staff (bench-organiser…), with their roles."""
    password = make_password(PASSWORD)
    user_ids = ids(User, n + len(STAFF_ROLES))
    users = [
        User(
            id=user_ids[i],
            username=f"m{i + 1:05d}",
            password=password,
            first_name=run.rnd.choice(FIRST),
            last_name=run.rnd.choice(LAST),
        )
        for i in range(n)
    ]
    for offset, name in enumerate(STAFF_ROLES):
        user = User(id=user_ids[n + offset], username=f"bench-{name}", password=password)
        user.first_name, user.last_name = "Bench", name.title()
        users.append(user)
        run.staff[name] = user
    User.objects.bulk_create(users, batch_size=BATCH)
    RoleAssignment.objects.bulk_create(
        [RoleAssignment(user=run.staff[name], role=role) for name, role in STAFF_ROLES.items()]
    )
    return users


def _member(run: Seeding, i: int, user: User) -> Member:
    rnd = run.rnd
    status = Member.Status.ACTIVE if i < ACTIVE_FIRST else rnd.choice(STATUSES)
    admitted = (run.now - dt.timedelta(days=rnd.randint(30, 3000))).date()
    return Member(
        user=user,
        membership_number=f"BN{i + 1:06d}",
        first_name=user.first_name,
        last_name=user.last_name,
        branch=run.branches[i % len(run.branches)],
        status=status,
        admitted_on=None if status == Member.Status.APPLIED else admitted,
        left_on=run.now.date() if status == Member.Status.RESIGNED else None,
        postcode=f"E{rnd.randint(1, 20)} {rnd.randint(1, 9)}AB",
        phone=f"07700 9{rnd.randint(10000, 99999)}",
        contact_preferences=["phone"],
    )
