"""The report's paired change, worked out by hand on a small set of answers."""

import pytest
from django.urls import reverse

from tests.factories import BranchFactory, MemberFactory
from wellbeing import report, services
from wellbeing.models import Round
from wellbeing.report import SMALLEST

pytestmark = pytest.mark.django_db

# (first "life", latest "life", first "lonely", latest "lonely") for each person.
NORTH = [
    ("ok", "happy", "often", "sometimes"),  # life better; lonely less often: better
    ("happy", "happy", "never", "often"),  # life same; lonely more often: worse
    ("very_happy", "unhappy", "sometimes", "sometimes"),  # worse; same
    ("unhappy", "very_happy", "always", "never"),  # better; better
    ("ok", "not_say", "never", "never"),  # life not compared; same
]
SOUTH = [("ok", "happy", "often", "often")]  # one person: a branch too small to show


def answered(branch, rows, cast) -> None:
    for life_then, life_now, lonely_then, lonely_now in rows:
        member = MemberFactory(branch=branch)
        services.paper_enter(
            member=member,
            number=1,
            answers={"life": {"choice": life_then}, "lonely": {"choice": lonely_then}},
            actor=cast.organiser,
        )
        services.paper_enter(
            member=member,
            number=2,
            answers={
                "life": {"choice": life_now},
                "lonely": {"choice": lonely_now},
                "hard": {"ticked": ["cost", "times"] if life_now == "happy" else ["nothing"]},
                "what_changed": {"words": "More friends" if lonely_now == "never" else ""},
            },
            actor=cast.organiser,
        )


def by_key(changes):
    return {c.question.key: c for c in changes}


def test_paired_change_counts_each_person_against_themself(cast):
    north, south = BranchFactory(name="North"), BranchFactory(name="South")
    answered(north, NORTH, cast)
    answered(south, SOUTH, cast)
    only_first = MemberFactory(branch=north)
    services.paper_enter(
        member=only_first, number=1, answers={"life": {"choice": "ok"}}, actor=cast.organiser
    )

    found = report.build()

    assert (found.first, found.later, found.paired) == (7, 6, 6)
    changes = by_key(found.changes)
    life, lonely = changes["life"], changes["lonely"]
    # life: better ok→happy, unhappy→very_happy, South's ok→happy; same 1; worse 1; one
    # "rather not say" left out.
    assert (life.better, life.same, life.worse, life.people) == (3, 1, 1, 5)
    # lonely (less often is better): often→sometimes, always→never better; never→often
    # worse; three the same (sometimes, never, South's often).
    assert (lonely.better, lonely.same, lonely.worse, lonely.people) == (2, 3, 1, 6)
    assert life.shown and lonely.shown
    assert changes["happy"].people == 0 and not changes["happy"].shown

    hard = next(c for c in found.later_counts if c.question.key == "hard")
    ticks = {choice.code: n for choice, n in hard.counts}
    assert hard.people == 6 and ticks["cost"] == ticks["times"] == 3 and ticks["nothing"] == 3
    assert found.own_words == 2  # the two who are never lonely now wrote what changed
    branches = {b.name: b for b in found.branches}
    assert branches["North"].paired == 5 and branches["North"].shown
    assert branches["South"].paired == 1 and not branches["South"].shown
    assert by_key(branches["North"].changes)["life"].better == 2


def test_fewer_than_the_smallest_number_is_never_shown(cast):
    answered(BranchFactory(name="North"), NORTH[: SMALLEST - 1], cast)
    found = report.build()
    assert found.paired == SMALLEST - 1 and not found.paired_shown
    assert not any(c.shown for c in found.changes)
    assert not any(c.shown for c in found.later_counts)


def test_the_board_reads_totals_and_members_cannot_see_the_report(client, cast):
    answered(BranchFactory(name="North"), NORTH, cast)
    url = reverse("wellbeing-report")
    for who in ("member", "supporter", "finance"):
        client.force_login(cast.by_role(who))
        assert client.get(url).status_code == 403
    client.force_login(cast.board)
    page = client.get(url).content.decode()
    assert "5 members answered both times. We compare their answers." in page
    # Lonely: 5 compared. Life: 4 (one would rather not say), so it is not shown.
    assert "Of 5 people, 2 got better, 2 stayed the same and 1 got worse." in page
    assert "Fewer than 5 people answered this both times, so we do not show it." in page
    assert "The numbers cannot show that the co-operative made the change." in page
    assert "More friends" not in page  # own words are never in the report

    sheet = client.get(url, {"format": "csv"})
    assert sheet["Content-Type"].startswith("text/csv")
    lines = sheet.content.decode().splitlines()
    assert 'change,"Last week, how often did you feel lonely?",better,5,2' in lines
    assert "change,How happy are you with your life?,better,Fewer than 5,Fewer than 5" in lines


def test_the_demo_has_answers_enough_for_a_report_and_shows_the_small_number_rule():
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)
    found = report.build()
    assert found.paired >= 20 and found.paired_shown
    assert all(c.shown for c in found.changes)
    branches = {b.name: b for b in found.branches}
    assert branches["Northfield"].shown and branches["Riverside"].shown
    assert all(any(c.shown for c in b.changes) for b in found.branches)
    # The small-number rule is there to see: an answer a few people chose is not shown.
    assert any(n is None for c in found.later_counts for _, n in c.shown_counts)
    # May is asked now, so her page has the questions.
    may = Round.objects.get(member__user__username="member")
    assert may.number == 1 and may.status == Round.Status.ASKED


def test_the_board_sets_when_members_are_asked_again(client, cast):
    url = reverse("wellbeing-timing")
    client.force_login(cast.organiser)
    assert client.post(url, {"later_after_months": 3, "then_every_months": 6}).status_code == 403
    client.force_login(cast.board)
    bad = client.post(url, {"later_after_months": "six", "then_every_months": 0})
    text = bad.content.decode()
    assert "Please give a whole number of months, like 6." in text
    assert "Please choose between 1 and 60 months." in text
    assert services.timing().later_after_months == 6 and not services.timing().pk
    client.post(url, {"later_after_months": 3, "then_every_months": 9})
    assert (services.timing().later_after_months, services.timing().then_every_months) == (3, 9)
    page = client.get(reverse("wellbeing-report")).content.decode()
    assert "They are asked again 3 months later, then every 9 months." in page


def test_the_csv_hides_how_many_answered_when_fewer_than_the_smallest(client, cast):
    answered(BranchFactory(name="North"), NORTH[:2], cast)
    client.force_login(cast.board)
    url = reverse("wellbeing-report")
    assert "Fewer than 5 members answered both times." in client.get(url).content.decode()
    lines = client.get(url, {"format": "csv"}).content.decode().splitlines()
    assert "who answered,both,,Fewer than 5,Fewer than 5" in lines
    assert "who answered,the first time,,Fewer than 5,Fewer than 5" in lines
    assert not any(line.startswith("who answered") and ",2" in line for line in lines)


def test_a_big_branch_is_not_shown_when_the_whole_less_it_would_give_a_small_one_away(client, cast):
    answered(BranchFactory(name="North"), NORTH, cast)
    answered(BranchFactory(name="South"), SOUTH, cast)  # one person
    found = report.build()
    # Lonely: 6 people in all, 5 in North. 6 less North's 5 would be South's one person.
    assert by_key(found.changes)["lonely"].shown
    north = by_key(next(b for b in found.branches if b.name == "North").changes)
    assert north["lonely"].people == 5 and not north["lonely"].shown
    client.force_login(cast.board)
    url = reverse("wellbeing-report")
    assert "Not shown, so a small branch stays private" in client.get(url).content.decode()
    lines = client.get(url, {"format": "csv"}).content.decode().splitlines()
    lonely = [line for line in lines if line.startswith("branch: North") and "lonely" in line]
    kept = '"Not shown, so a small branch stays private"'
    assert len(lonely) == 3 and all(line.endswith(f"{kept},{kept}") for line in lonely)


def test_an_answer_chosen_by_fewer_than_the_smallest_is_not_shown(client, cast):
    for stay in ["yes"] * 5 + ["no"]:
        services.paper_enter(
            member=MemberFactory(),
            number=2,
            answers={"stay": {"choice": stay}},
            actor=cast.organiser,
        )
    found = report.build()
    stay = next(c for c in found.later_counts if c.question.key == "stay")
    assert stay.shown and stay.people == 6
    # "No" (1) is hidden; "Yes" (5) too, or 6 less 5 would say it; "Not sure" (0) is shown.
    assert {c.code: n for c, n in stay.shown_counts} == {
        "no": None,
        "not_sure": 0,
        "yes": None,
        "not_say": 0,
    }
    client.force_login(cast.board)
    url = reverse("wellbeing-report")
    page = client.get(url).content.decode()
    assert "<li>No: not shown, so a few people's answers stay private</li>" in page
    assert "<li>Yes: 5</li>" not in page
    lines = client.get(url, {"format": "csv"}).content.decode().splitlines()
    hidden = '"Not shown, so a few people\'s answers stay private"'
    assert f"later only,Do you want to stay a member?,No,6,{hidden}" in lines


def test_a_member_who_sent_no_answer_is_not_counted_as_answering(cast):
    answered(BranchFactory(name="North"), NORTH[:1], cast)
    services.consent_set(member=cast.member_row, agree=True, actor=cast.member)
    services.ask_due()
    empty = Round.objects.get(member=cast.member_row, number=1)
    services.round_finish(round=empty, actor=cast.member)  # sent with every question left
    found = report.build()
    assert (found.first, found.later, found.paired) == (1, 1, 1)


def test_the_timing_is_one_row_however_often_it_is_set(cast):
    from django.db import IntegrityError, transaction

    from wellbeing.models import Timing

    services.timing_set(later_after_months=3, then_every_months=9, actor=cast.board)
    services.timing_set(later_after_months=4, then_every_months=10, actor=cast.board)
    assert Timing.objects.count() == 1 and services.timing().later_after_months == 4
    with pytest.raises(IntegrityError), transaction.atomic():
        Timing.objects.create(pk=2)  # a second row is refused by the database
