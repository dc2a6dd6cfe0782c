"""Closed elections whose ballot box has been opened: candidates, electors, voters, and the
ballots and receipt codes apart."""

import datetime as dt
from dataclasses import dataclass, field

from bench.seeding.base import BATCH, Seeding
from board.elections import ballot_box
from board.models import Ballot, BallotBox, Candidate, Election, Elector, Receipt, Voter
from members.models import Member


@dataclass
class _Rows:
    electors: list[Elector] = field(default_factory=list)
    voters: list[Voter] = field(default_factory=list)
    ballots: list[Ballot] = field(default_factory=list)
    receipts: list[Receipt] = field(default_factory=list)
    boxes: list[BallotBox] = field(default_factory=list)
    candidates: int = 0


def seed_elections(run: Seeding) -> None:
    active = [m for m in run.members if m.status == Member.Status.ACTIVE]
    rows = _Rows()
    for number in range(run.size["elections"]):
        _election(run, number, active, rows)
    Elector.objects.bulk_create(rows.electors, batch_size=BATCH)
    Voter.objects.bulk_create(rows.voters, batch_size=BATCH)
    BallotBox.objects.bulk_create(rows.boxes)
    run.rnd.shuffle(rows.ballots)
    Ballot.objects.bulk_create(rows.ballots, batch_size=BATCH)
    rows.receipts.sort(key=lambda r: (r.election_id, r.code))
    Receipt.objects.bulk_create(rows.receipts, batch_size=BATCH)
    run.counts.update(
        elections=run.size["elections"],
        candidates=rows.candidates,
        electors=len(rows.electors),
        ballots=len(rows.ballots),
    )


def _election(run: Seeding, number: int, active: list[Member], rows: _Rows) -> None:
    rnd = run.rnd
    opens = run.now - dt.timedelta(days=30 * (number + 1))
    seats = rnd.choice([1, 2, 3])
    election = Election.objects.create(
        title=f"Board election {number + 1}",
        seats=seats,
        method=Election.Method.IRV if seats == 1 else Election.Method.SCOTTISH_STV,
        electorate_date=(opens - dt.timedelta(days=20)).date(),
        nominations_open_at=opens - dt.timedelta(days=20),
        nominations_close_at=opens - dt.timedelta(days=5),
        voting_open_at=opens,
        voting_close_at=opens + dt.timedelta(days=14),
        returning_officer=run.staff["returning"],
        status=Election.Status.CLOSED,
        seed=rnd.randint(1, 2**40),
        electorate_frozen_at=opens - dt.timedelta(days=5),
    )
    people = rnd.sample(active, min(len(active), 8))
    candidates = Candidate.objects.bulk_create(
        [
            Candidate(
                election=election,
                member=member,
                statement="I will listen to members.",
                picture="coop/pictures/meet.svg",
                status=Candidate.Status.ACCEPTED,
                nominated_at=opens - dt.timedelta(days=10),
            )
            for member in people[: rnd.randint(max(seats + 1, 3), len(people))]
        ]
    )
    rows.candidates += len(candidates)
    ids = [c.id for c in candidates]
    rows.electors += [Elector(election=election, member=m) for m in active]
    turnout = rnd.sample(active, int(len(active) * 0.4) or 1)
    # Closed with the box already opened: ballots and receipt codes apart.
    rows.boxes.append(
        BallotBox(
            election=election,
            public_key=b"",
            salt=None,
            kdf_ops=0,
            kdf_mem=0,
            made_at=opens - dt.timedelta(days=6),
            opened_at=opens + dt.timedelta(days=14, hours=1),
            opened_online=len(turnout),
        )
    )
    for i, member in enumerate(turnout):
        rows.voters.append(Voter(election=election, member=member, channel="online"))
        ranking = rnd.sample(ids, rnd.randint(1, len(ids)))
        rows.ballots.append(Ballot(election=election, ranking=ranking))
        code = ballot_box.receipt_for(f"{number}-{i}".encode())
        rows.receipts.append(Receipt(election=election, code=code))
