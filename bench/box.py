"""Opening a ballot box of 5,000 sealed votes, as the returning officer does after the close:
the key worked out with the production Argon2id cost, every vote unsealed, shuffled and
written as ballots with their receipt codes apart, and the count that follows.

Run by `make bench` on the seeded L database (5,000 members), or on its own after seeding:
    scripts/test_services.sh sh -c 'DJANGO_SETTINGS_MODULE=bench.settings \\
        .venv/bin/python manage.py seed_scale --size L --flush && \\
        DJANGO_SETTINGS_MODULE=bench.settings .venv/bin/python -m bench.box'
"""

import datetime as dt
import json
import random
import time
import tracemalloc
from typing import Any

import django

if __name__ == "__main__":
    django.setup()

from django.conf import settings  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from board.elections import ballot_box, services  # noqa: E402
from board.models import BallotBox, Election, SealedBallot, Voter  # noqa: E402
from members.models import Member, Role, User  # noqa: E402

BALLOTS = 5000
CANDIDATES = 8


def measure(ballots: int = BALLOTS) -> dict[str, Any]:
    """Seconds to open a box of `ballots` sealed votes (and to count them after). It adds
    a counted election to the database: run it last."""
    members = list(Member.objects.order_by("pk")[:ballots])
    if len(members) < ballots:
        return {"missing": f"needs {ballots} members, the database has {len(members)}"}
    officer = User.objects.filter(role_assignments__role=Role.RETURNING_OFFICER).first()
    if officer is None:
        return {"missing": "no returning officer in the database"}
    election, ids = _election(members, officer)
    started = time.perf_counter()
    key = services.ballot_box_make(election=election, actor=officer)
    make_seconds = time.perf_counter() - started
    box = BallotBox.objects.get(election=election)
    box.padded_size = ballot_box.padded_size_for(ids)
    box.save(update_fields=["padded_size"])
    seal_ms = _vote(election, box, members, ids)
    Election.objects.filter(pk=election.pk).update(status=Election.Status.CLOSED)
    tracemalloc.start()
    started = time.perf_counter()
    services.ballot_box_open(election=election, actor=officer, key=key)
    open_seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    started = time.perf_counter()
    services.election_count(election=election, actor=None)
    count_seconds = time.perf_counter() - started
    return {
        "ballots": ballots,
        "kdf_ops": settings.BALLOT_BOX_KDF_OPS,
        "kdf_mem_mib": settings.BALLOT_BOX_KDF_MEM >> 20,
        "make_seconds": round(make_seconds, 3),
        "seal_ms_per_vote": round(seal_ms, 3),
        "open_seconds": round(open_seconds, 3),
        "open_python_peak_mb": round(peak / 2**20, 1),
        "count_seconds": round(count_seconds, 3),
        "ballots_after": election.ballots.count(),
        "receipts_after": election.receipts.count(),
    }


def _election(members: list[Member], officer: User) -> tuple[Election, list[int]]:
    """An election whose nominations are over, with CANDIDATES accepted: it and their ids."""
    start = timezone.now() - dt.timedelta(days=40)
    election = Election.objects.create(
        title="Bench: opening the ballot box",
        seats=3,
        method=Election.Method.SCOTTISH_STV,
        electorate_date=(start - dt.timedelta(days=1)).date(),
        nominations_open_at=start,
        nominations_close_at=start + dt.timedelta(days=10),
        voting_open_at=start + dt.timedelta(days=12),
        voting_close_at=start + dt.timedelta(days=26),
        returning_officer=officer,
        status=Election.Status.NOMINATIONS,
        seed=2026,
    )
    candidates = [
        election.candidates.create(
            member=m,
            statement="I will listen.",
            picture="coop/pictures/meet.svg",
            status="accepted",
            nominated_at=start,
        )
        for m in members[:CANDIDATES]
    ]
    return election, [c.pk for c in candidates]


def _vote(election: Election, box: BallotBox, members: list[Member], ids: list[int]) -> float:
    """Voting, written in bulk: one Voter and one sealed ballot a member, as ballot_cast
    does. Returns the milliseconds sealing took a vote."""
    rng = random.Random(2026)
    voters, sealed = [], []
    started = time.perf_counter()
    for member in members:
        data = ballot_box.seal(
            bytes(box.public_key), rng.sample(ids, rng.randint(1, 5)), box.padded_size
        )
        voters.append(Voter(election=election, member=member, channel=Voter.Channel.ONLINE))
        sealed.append(SealedBallot(box=box, sealed=data, receipt=ballot_box.receipt_for(data)))
    seal_ms = (time.perf_counter() - started) * 1000 / len(members)
    with transaction.atomic():
        Voter.objects.bulk_create(voters, batch_size=1000)
        SealedBallot.objects.bulk_create(sealed, batch_size=1000)
    return seal_ms


if __name__ == "__main__":
    print(json.dumps(measure(), indent=2))
