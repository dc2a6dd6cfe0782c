"""The attacker of issue 14: someone who can read the whole database tries to tie ballots
to the members who cast them. Shared by the PostgreSQL test (in the pytest process) and the
SQLite run (a child process, see `main`), so both databases face the same attack.

The scenario: 40 members vote in a known order, 32 online and 8 on paper (their envelopes
marked while voting is open, in small groups between the online votes; their papers typed
in after the close, in the order the envelopes came, and checked by a second person). Each
member's ranking is different, so a ballot belongs to one member only.

The attack reads with raw SQL only. While voting is open it reads every row of every table
as text and looks for any member's ranking. After the box is opened it lines up the members
in every order it knows (the casting order itself; online voters by their receipt codes)
or the database gives (ids, physical order, `xmin`, time columns, the audit log) against
the ballots in every order the database gives (physical order, `xmin`, ids, time columns,
the BLT file, and each of these backwards), and counts how many members it pairs with
their own ranking. Chance pairs about 1.
"""

import datetime as dt
import itertools
import json
import random
from collections.abc import Iterator
from typing import Any

from django.db import connection

from board.elections import services
from board.models import (
    Ballot,
    BallotBox,
    Election,
    ElectionResult,
    PaperBatch,
    SealedBallot,
    Voter,
)
from coop.models import AuditEntry
from members.models import Member
from tests.board.conftest import KEY, voting_election
from tests.conftest import Cast

CANDIDATES = 5
# The casting order, one letter a member: "o" votes online, "p" hands in a paper envelope.
# Envelopes next to each other are marked together, as a returning officer would.
PLAN = "oooopoooooppooooooopppoooooopoooooooooop"
assert len(PLAN) == 40 and PLAN.count("p") == 8
PAPER_BATCHES = [5, 3]  # papers typed in after the close, in envelope order
# Each method may pair at most this many members with their own ranking. A random order
# pairs k with chance about e**-1 / k!: 7 or more about 1 time in 12,000.
CHANCE_LIMIT = 6
TIME_TYPES = {"DateTimeField", "DateField", "TimeField"}
BACKWARDS = " backwards"

# A report is plain data (JSON), so the SQLite child process can hand it back.
Report = dict[str, Any]


def rankings_for(candidate_ids: list[int], count: int) -> list[tuple[int, ...]]:
    """`count` different full rankings, the same every run."""
    orders = list(itertools.permutations(candidate_ids))
    return random.Random(14).sample(orders, count)


# Reading the database as an attacker -----------------------------------------------------


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _rows(sql: str, params: list | tuple = ()) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _as_text(value: Any) -> str:
    """A value as the attacker sees it: bytes both as hex and as raw characters."""
    if isinstance(value, memoryview):
        value = bytes(value)
    if isinstance(value, bytes):
        return value.hex() + " " + value.decode("latin-1")
    return str(value)


def every_row() -> Iterator[tuple[str, str]]:
    """Every row of every table, as (table, text)."""
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    for table in tables:
        if connection.vendor == "postgresql":
            for (text,) in _rows(f"SELECT t::text FROM {_q(table)} t"):
                yield table, text
        else:
            for row in _rows(f"SELECT * FROM {_q(table)}"):
                yield table, " | ".join(_as_text(value) for value in row)


def _needles(ranking: tuple[int, ...]) -> list[str]:
    """How a ranking would show: JSON with and without spaces, and those bytes in hex."""
    forms = [json.dumps(list(ranking)), json.dumps(list(ranking), separators=(",", ":"))]
    return forms + [form.encode().hex() for form in forms]


def rankings_readable(truth: dict[int, tuple[int, ...]]) -> list[dict[str, Any]]:
    """Each member's ranking found in plain text, with the table it is in."""
    needles = {member: _needles(ranking) for member, ranking in truth.items()}
    found = []
    for table, text in every_row():
        for member, forms in needles.items():
            if any(form in text for form in forms):
                found.append({"table": table, "member": member})
    return found


def rankings_in_file(path: str, truth: dict[int, tuple[int, ...]]) -> int:
    """How many members' rankings are in the bytes of an SQLite file and its journal,
    free pages included."""
    data = b""
    for name in (path, path + "-wal", path + "-journal"):
        try:
            with open(name, "rb") as file:
                data += file.read()
        except FileNotFoundError:
            continue
    return sum(
        any(form.encode() in data for form in _needles(ranking)[:2]) for ranking in truth.values()
    )


def _table_files(tables: list[str]) -> bytes:
    """The bytes of these tables as a copy of the database's files would hold them:
    PostgreSQL's table files after a checkpoint (as the server's superuser reads them), or
    the SQLite file with its journals."""
    if connection.vendor == "sqlite":
        path = connection.settings_dict["NAME"]
        names = [str(path), f"{path}-wal", f"{path}-journal"]
    else:
        with connection.cursor() as cursor:
            cursor.execute("CHECKPOINT")
        base = _rows("SELECT current_setting('data_directory')")[0][0]
        names = [f"{base}/{_rows('SELECT pg_relation_filepath(%s)', [t])[0][0]}" for t in tables]
    data = b""
    for name in names:
        try:
            with open(name, "rb") as file:
                data += file.read()
        except FileNotFoundError:
            continue
    return data


def secrets_in_files(secrets: list[bytes]) -> int:
    """How many of these byte strings (the salt, the sealed votes) are still in the files of
    the tables that held them, deleted rows included."""
    data = _table_files([BallotBox._meta.db_table, SealedBallot._meta.db_table])
    return sum(secret in data for secret in secrets)


def _count(table: str, where: str = "", params: list | tuple = ()) -> int:
    return _rows(f"SELECT COUNT(*) FROM {_q(table)} {where}", params)[0][0]


def _orders(table: str) -> dict[str, str]:
    """Each ORDER BY the attacker can put on a table: its key, its physical order, the
    transaction that wrote each row (PostgreSQL) and every time column. "stored" is no
    ORDER BY at all: the order a dump or a plain SELECT gives."""
    orders = {"stored": "", "key": "id"}
    if connection.vendor == "postgresql":
        orders["ctid"] = "ctid"
        orders["xmin"] = "xmin::text::bigint, ctid"
    else:
        sql = _rows("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = %s", [table])
        if "WITHOUT ROWID" not in sql[0][0].upper():
            orders["rowid"] = "rowid"
    with connection.cursor() as cursor:
        for column in connection.introspection.get_table_description(cursor, table):
            kind = connection.introspection.get_field_type(column.type_code, column)
            if kind in TIME_TYPES:
                orders[column.name] = _q(column.name)
    return {name: f"ORDER BY {sql}" if sql else "" for name, sql in orders.items()}


def _ranking(value: Any) -> tuple[int, ...]:
    return tuple(json.loads(value) if isinstance(value, str) else value)


def voter_orders(election_id: int, known: dict[str, list[int]]) -> dict[str, list[int]]:
    """The members who voted, in the orders the attacker knows already and every order
    the database gives, each also split into those who voted online and on paper (the
    ballots might keep them apart)."""
    voter = Voter._meta.db_table
    audit = AuditEntry._meta.db_table
    channel = dict(
        _rows(f"SELECT member_id, channel FROM {_q(voter)} WHERE election_id = %s", [election_id])
    )
    orders: dict[str, list[int]] = dict(known)
    for name, order_by in _orders(voter).items():
        orders[f"voter.{name}"] = [
            member
            for (member,) in _rows(
                f"SELECT member_id FROM {_q(voter)} WHERE election_id = %s {order_by}",
                [election_id],
            )
        ]
    split = {}
    for name, members in orders.items():
        for way in ("online", "paper"):
            some = [m for m in members if channel[m] == way]
            if some and len(some) < len(members):
                split[f"{name}[{way}]"] = some
    orders.update(split)
    # Any audit entry for an online vote names the voter, and keeps its order and time.
    member_of = dict(
        _rows(f"SELECT user_id, id FROM {_q(Member._meta.db_table)} WHERE user_id IS NOT NULL")
    )
    for name, order_by in _orders(audit).items():
        orders[f"audit.{name}"] = [
            member_of[actor]
            for (actor,) in _rows(
                f"SELECT actor_id FROM {_q(audit)} "
                f"WHERE action = 'election.voted' AND target_id = %s {order_by}",
                [str(election_id)],
            )
        ]
    # Its rows for paper envelopes say how many came in at once: put together with the
    # online votes, and the paper voters in key order, they give everyone's turn.
    paper = iter(orders["voter.key[paper]"])
    timeline = []
    for actor, action, data in _rows(
        f"SELECT actor_id, action, data FROM {_q(audit)} WHERE target_id = %s "
        "AND action IN ('election.voted', 'election.paper_envelopes') ORDER BY created_at, id",
        [str(election_id)],
    ):
        if action == "election.voted":
            timeline.append(member_of[actor])
        else:
            data = json.loads(data) if isinstance(data, str) else data
            timeline += itertools.islice(paper, data["envelopes"])
    orders["audit.timeline"] = timeline
    return orders


def _found(orders: dict[str, list]) -> tuple[dict[str, list], list[str]]:
    """The orders with something in them, and the names of the empty ones."""
    return {k: v for k, v in orders.items() if v}, [k for k, v in orders.items() if not v]


def _blt_rankings(election_id: int) -> list[tuple[int, ...]]:
    """The ballots in the order of the BLT file kept with the result, as candidate ids."""
    rows = _rows(
        f"SELECT blt, result FROM {_q(ElectionResult._meta.db_table)} WHERE election_id = %s",
        [election_id],
    )
    if not rows:
        return []
    blt, result = rows[0]
    result = json.loads(result) if isinstance(result, str) else result
    by_name = {c["name"]: c["id"] for c in result["candidates"]}
    lines = blt.splitlines()
    end = lines.index("0")
    names = [line.strip('"') for line in lines[end + 1 :]][: int(lines[0].split()[0])]
    ballots = []
    for line in lines[1:end]:
        weight, *choices = (int(token) for token in line.split())
        if weight < 0:
            continue  # the withdrawn candidates
        ballots += [tuple(by_name[names[i - 1]] for i in choices[:-1])] * weight
    return ballots


def ballot_orders(election_id: int) -> dict[str, list[tuple[int, ...]]]:
    """The counted ballots in every order the database gives, and each backwards."""
    ballot = Ballot._meta.db_table
    orders = {}
    for name, order_by in _orders(ballot).items():
        orders[name] = [
            _ranking(value)
            for (value,) in _rows(
                f"SELECT ranking FROM {_q(ballot)} WHERE election_id = %s {order_by}",
                [election_id],
            )
        ]
    orders["blt"] = _blt_rankings(election_id)
    orders.update({name + BACKWARDS: o[::-1] for name, o in list(orders.items())})
    return orders


def pair(
    voters: list[int], ballots: list[tuple[int, ...]], truth: dict[int, tuple[int, ...]]
) -> dict[str, tuple[int, int]]:
    """The i-th member with the i-th ballot, counting from the start ("head") and, when
    there are not as many of each, from the end ("tail"): (pairs, members given their own
    ranking) for each."""
    n = min(len(voters), len(ballots))
    ways = {"head": zip(voters[:n], ballots[:n], strict=True)}
    if len(voters) != len(ballots):
        ways["tail"] = zip(voters[len(voters) - n :], ballots[len(ballots) - n :], strict=True)
    return {way: (n, sum(truth[m] == b for m, b in pairs)) for way, pairs in ways.items()}


def attack(
    election_id: int, known: dict[str, list[int]], truth: dict[int, tuple[int, ...]]
) -> Report:
    """Every way of pairing the members in `known` orders (the first is the casting order)
    and in the database's orders with the ballots in the database's orders."""
    casting = next(iter(known.values()))
    voters, no_voters = _found(voter_orders(election_id, known))
    ballots, no_ballots = _found(ballot_orders(election_id))
    methods = [
        {"voters": v, "ballots": b, "align": way, "pairs": n, "matches": m}
        for v, members in voters.items()
        for b, rankings in ballots.items()
        for way, (n, m) in pair(members, rankings, truth).items()
    ]
    # The attack itself works: on ballots kept in the casting order it pairs everyone.
    control = pair(casting, [truth[m] for m in casting], truth)["head"][1]
    return {
        "methods": methods,
        "voter_orders": {name: len(members) for name, members in voters.items()},
        "ballot_orders": list(ballots),
        "empty_orders": no_voters + no_ballots,
        "distinct_pairings": len(
            {
                (tuple(voters[x["voters"]]), tuple(map(tuple, ballots[x["ballots"]])), x["align"])
                for x in methods
            }
        ),
        "control": control,
        "ballots_as_cast": sorted(ballots.get("key", [])) == sorted(truth.values()),
    }


# The scenario ----------------------------------------------------------------------------


def play_and_attack(cast: Cast) -> Report:
    """Play the election on the database Django is connected to, attack it during voting
    and after the box is opened, and report what the attacker found (plain data)."""
    setup = voting_election(cast, candidates=CANDIDATES, voters=len(PLAN))
    election = setup.election
    ids = [c.pk for c in setup.candidates]
    members = setup.voters
    rankings = rankings_for(ids, len(PLAN))
    truth = {m.pk: r for m, r in zip(members, rankings, strict=True)}
    casting = [m.pk for m in members]
    report: Report = {"vendor": connection.vendor, "voters": len(PLAN)}

    # Voting: a minute apart, envelopes next to each other marked together.
    clock = election.voting_open_at
    envelopes: list = []
    paper_order = []
    receipts = {}
    for step, (member, how) in enumerate(zip(members, PLAN, strict=True)):
        clock += dt.timedelta(minutes=1)
        if how == "p":
            envelopes.append(member)
            paper_order.append(member)
        else:
            receipts[member.pk] = services.ballot_cast(
                election=election,
                member=member,
                ranking=list(truth[member.pk]),
                actor=member.user,
                now=clock,
            )
        if envelopes and (step + 1 == len(PLAN) or PLAN[step + 1] != "p"):
            services.paper_envelopes_record(
                election=election, actor=cast.returning, voters=envelopes
            )
            envelopes = []

    # While voting is open, with every vote in: no ranking anywhere.
    report["during"] = {
        "readable": rankings_readable(truth),
        "ballots": _count(Ballot._meta.db_table),
        "sealed": _count(SealedBallot._meta.db_table),
    }
    if connection.vendor == "sqlite":
        report["during"]["in_file"] = rankings_in_file(connection.settings_dict["NAME"], truth)

    # What a copy made now would hold, that the key could open: the salt and sealed votes.
    kept = [
        bytes(value)
        for (value,) in _rows(
            f"SELECT salt FROM {_q(BallotBox._meta.db_table)} WHERE election_id = %s "
            f"UNION ALL SELECT sealed FROM {_q(SealedBallot._meta.db_table)}",
            [election.pk],
        )
    ]
    report["during"]["secrets"] = len(kept)
    report["during"]["secrets_in_files"] = secrets_in_files(kept)

    # The close; the papers typed in, in the order their envelopes came; the box opened.
    close_at = election.voting_close_at + dt.timedelta(minutes=1)
    services.election_close(election=election, actor=cast.returning, now=close_at)
    start = 0
    for size in PAPER_BATCHES:
        papers = [list(truth[m.pk]) for m in paper_order[start : start + size]]
        start += size
        batch = services.paper_batch_enter(election=election, actor=cast.returning, rankings=papers)
        services.paper_batch_confirm(batch=batch, actor=cast.admin)
    services.ballot_box_open(
        election=election, actor=cast.returning, key=KEY, now=close_at + dt.timedelta(hours=1)
    )

    box = BallotBox._meta.db_table
    report["after"] = {
        "sealed": _count(SealedBallot._meta.db_table),
        "salt_kept": _count(box, "WHERE election_id = %s AND salt IS NOT NULL", [election.pk]),
        "opened": _count(box, "WHERE election_id = %s AND opened_at IS NOT NULL", [election.pk]),
        "ballots": _count(Ballot._meta.db_table, "WHERE election_id = %s", [election.pk]),
        "papers_kept": sum(
            len(_ranking(value))
            for (value,) in _rows(
                f"SELECT rankings FROM {_q(PaperBatch._meta.db_table)} WHERE election_id = %s",
                [election.pk],
            )
        ),
        "status": _rows(
            f"SELECT status FROM {_q(Election._meta.db_table)} WHERE id = %s", [election.pk]
        )[0][0],
        # Deleted rows are gone from the files too (VACUUM FULL; SQLite's secure_delete).
        "secrets_in_files": secrets_in_files(kept),
        # The search of every row finds every ranking once they are counted, so it would
        # have found any while voting was open.
        "readable": len({f["member"] for f in rankings_readable(truth)}),
    }
    # The strongest attacker knows the casting order, and every online voter's receipt
    # code (from the voters, or from a copy taken while voting was open, where each sealed
    # ballot's row sits by its voter's): receipts are published in code order.
    known = {"known": casting, "receipt": sorted(receipts, key=receipts.get)}
    report.update(attack(election.pk, known, truth))
    return report


def table(report: Report) -> str:
    """The most members each method pairs with their own ranking: a row for each order of
    the members (how many in it), a column for each order of the ballots, forwards and
    backwards (the better of lining them up from the start or from the end)."""
    best: dict[tuple[str, str], int] = {}
    for x in report["methods"]:
        key = (x["voters"], x["ballots"])
        best[key] = max(best.get(key, 0), x["matches"])
    columns = [b for b in report["ballot_orders"] if not b.endswith(BACKWARDS)]
    rows = {f"{v} ({n})": v for v, n in report["voter_orders"].items()}
    first = max(map(len, rows)) + 2
    width = max(map(len, columns)) + 2
    lines = [
        f"{report['vendor']}: members with their own ranking, forwards/backwards",
        "members \\ ballots".ljust(first) + "".join(c.rjust(width) for c in columns),
    ]
    for label, v in rows.items():
        cells = (f"{best[(v, c)]}/{best[(v, c + BACKWARDS)]}".rjust(width) for c in columns)
        lines.append(label.ljust(first) + "".join(cells))
    most = max(report["methods"], key=lambda x: x["matches"])
    lines.append(
        f"most by any of {len(report['methods'])} methods ({report['distinct_pairings']} "
        f"distinct pairings): {most['matches']} of {most['pairs']} "
        f"({most['voters']} with {most['ballots']}, {most['align']}); "
        f"the attack on ballots in casting order: {report['control']} of {report['voters']}"
    )
    if report["empty_orders"]:
        lines.append("no rows to order: " + ", ".join(report["empty_orders"]))
    return "\n".join(lines)


def main() -> None:
    """The SQLite run, in its own process: migrate the empty database in DATABASE_URL, play
    the scenario with cheap password hashing and a cheap box key, print the report as JSON.
    Call after django.setup()."""
    from django.core.management import call_command
    from django.test.utils import override_settings

    from tests.conftest import make_cast

    assert connection.vendor == "sqlite", connection.vendor
    with override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        BALLOT_BOX_KDF_OPS=1,
        BALLOT_BOX_KDF_MEM=8192,
    ):
        call_command("migrate", verbosity=0)
        report = play_and_attack(make_cast())
    print(json.dumps(report))
