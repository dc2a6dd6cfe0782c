"""axe over every election page for each role that uses it, error states included; the
booth walked through with the keyboard alone, and without JavaScript."""

import pytest
from django.urls import reverse

from board.elections import services
from tests.board.conftest import KEY, close, open_box, paper_batch, paper_envelopes, voting_election
from tests.board.conftest import call as call_election
from tests.browser.conftest import axe_violations, sign_in, submit
from tests.browser.test_accessibility import check_page
from tests.conftest import make_cast

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def problems(failures: dict) -> dict:
    return {name: found for name, found in failures.items() if found}


def counted_election(cast):
    """A counted election with online and confirmed paper votes, and its receipts."""
    setup = voting_election(cast)
    a, b, c = (candidate.pk for candidate in setup.candidates)
    receipts = [
        services.ballot_cast(
            election=setup.election, member=member, ranking=ranking, actor=member.user
        )
        for member, ranking in zip(
            [cast.member_row, *setup.voters], [[a, b], [b], [c, a], [a], [b, c]], strict=True
        )
    ]
    paper_envelopes(setup, cast, [setup.candidates[0].member])
    close(setup.election, cast.returning)
    batch = paper_batch(setup, cast, [[a, c]])
    services.paper_batch_confirm(batch=batch, actor=cast.admin)
    open_box(setup.election, cast.returning)
    services.election_count(election=setup.election, actor=cast.returning)
    return setup, receipts


def test_member_election_pages_pass_axe(page, live_server, client):
    cast = make_cast()
    open_now = voting_election(cast)
    finished, receipts = counted_election(cast)
    sign_in(page, live_server, client, cast.member)
    candidate = open_now.candidates[0]
    failures = {}
    for name, url in [
        ("list", reverse("election-list")),
        ("detail-voting", reverse("election-detail", args=[open_now.election.pk])),
        ("candidate", reverse("election-candidate", args=[open_now.election.pk, candidate.pk])),
        ("detail-counted", reverse("election-detail", args=[finished.election.pk])),
        ("results", reverse("election-results", args=[finished.election.pk])),
        ("ballots", reverse("election-ballots", args=[finished.election.pk])),
        ("receipts", reverse("election-receipts", args=[finished.election.pk])),
        (
            "receipts-found",
            reverse("election-receipts", args=[finished.election.pk]) + f"?receipt={receipts[0]}",
        ),
        (
            "receipts-not-found",
            reverse("election-receipts", args=[finished.election.pk]) + "?receipt=AAAAA-AAAAA",
        ),
        ("sheet", reverse("election-sheet", args=[finished.election.pk])),
        ("booth-closed", reverse("election-vote", args=[finished.election.pk])),
        ("stand-closed", reverse("election-stand", args=[open_now.election.pk])),
    ]:
        failures[name] = check_page(page, live_server.url + url)
    failures["receipts-error"] = check_page(
        page,
        live_server.url + reverse("election-receipts", args=[finished.election.pk]) + "?receipt=x",
        expect_error_title=True,
    )
    assert problems(failures) == {}


def test_the_booth_every_step_and_error_passes_axe(page, live_server, client):
    cast = make_cast()
    setup = voting_election(cast)
    sign_in(page, live_server, client, cast.member)
    url = live_server.url + reverse("election-vote", args=[setup.election.pk])
    failures = {"rank1": check_page(page, url)}
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(url)
    submit(page, "Continue")
    assert page.title().startswith("Error: ")
    assert page.evaluate("document.activeElement.className") == "error-summary"
    failures["rank1-error"] = axe_violations(page)
    page.click("label:has-text('Cand1 Standing1')")
    submit(page, "Continue")
    assert page.locator("h1").inner_text() == "Who is your second choice?"
    page.click("summary:has-text('Read what Cand0 says')")
    assert page.is_visible("text=I want to help.")
    failures["rank2-statement-open"] = axe_violations(page)
    page.click("label:has-text('No more choices')")
    submit(page, "Continue")
    assert page.locator("h1").inner_text() == "Check your vote"
    failures["check"] = axe_violations(page)
    page.set_viewport_size({"width": 320, "height": 800})
    failures["check-320-sideways"] = page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )
    submit(page, "Send my vote")
    assert page.locator("h1").inner_text() == "Thank you. Your vote is in."
    failures["done-320"] = axe_violations(page)
    failures["done-320-sideways"] = page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )
    assert problems(failures) == {}


def test_the_booth_works_with_the_keyboard_alone(page, live_server, client):
    cast = make_cast()
    setup = voting_election(cast)
    sign_in(page, live_server, client, cast.member)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + reverse("election-vote", args=[setup.election.pk]))

    def tab_to(selector: str, limit: int = 80) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate("(s) => document.activeElement.matches(s)", selector):
                return
        raise AssertionError(f"could not reach {selector} with Tab")

    def focused_value() -> str:
        return page.evaluate("document.activeElement.value")

    # First choice: Tab into the radio group, then arrow to the third person.
    tab_to("input[type=radio]")
    page.keyboard.press("Space")
    while focused_value() != str(setup.candidates[2].pk):
        page.keyboard.press("ArrowDown")
    # A statement opens with Enter on its summary, without a mouse.
    tab_to("summary")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.parentElement.open") is True
    tab_to("main button[type=submit]:not([name])")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == "Who is your second choice?"

    tab_to("input[type=radio]")
    page.keyboard.press("Space")
    while focused_value() != "none":
        page.keyboard.press("ArrowDown")
    tab_to("main button[type=submit]:not([name])")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text() == "Check your vote"

    tab_to("main button[type=submit]:not([name])")
    assert page.evaluate("document.activeElement.textContent") == "Send my vote"
    # Focus is visible: the focus style draws an outline.
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    receipt = page.locator(".receipt").inner_text()
    from board.models import Ballot, SealedBallot

    assert SealedBallot.objects.get().receipt == receipt
    open_box(close(setup.election, cast.returning), cast.returning)
    assert Ballot.objects.get().ranking == [setup.candidates[2].pk]


def test_the_booth_works_without_javascript(browser, live_server, client):
    cast = make_cast()
    setup = voting_election(cast)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    sign_in(page, live_server, client, cast.member)
    page.goto(live_server.url + reverse("election-vote", args=[setup.election.pk]))
    # No speech without JavaScript: the read-aloud buttons stay hidden.
    assert page.locator("button.read-aloud").first.is_hidden()
    page.check(f"input[value='{setup.candidates[0].pk}']")
    submit(page, "Continue")
    page.check("input[value='none']")
    submit(page, "Continue")
    submit(page, "Send my vote")
    assert page.locator("h1").inner_text() == "Thank you. Your vote is in."
    context.close()


def test_read_aloud_appears_where_the_browser_can_speak(page, live_server, client):
    cast = make_cast()
    setup = voting_election(cast)
    sign_in(page, live_server, client, cast.member)
    candidate = setup.candidates[0]
    page.goto(
        live_server.url + reverse("election-candidate", args=[setup.election.pk, candidate.pk])
    )
    can_speak = page.evaluate("'speechSynthesis' in window")
    assert page.locator("button.read-aloud").is_visible() == can_speak


def test_standing_every_step_and_error_passes_axe(page, live_server, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cast = make_cast()
    election = call_election(cast)
    sign_in(page, live_server, client, cast.member)
    url = live_server.url + reverse("election-stand", args=[election.pk])
    failures = {"statement": check_page(page, url)}
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(url)
    submit(page, "Continue")
    assert page.title().startswith("Error: ")
    failures["statement-error"] = axe_violations(page)
    page.fill("textarea", "I have two dogs, e.g. Rex. I will listen to you.")
    submit(page, "Continue")
    failures["kind"] = axe_violations(page)
    submit(page, "Continue")
    failures["kind-error"] = axe_violations(page)
    page.check("input[value=photo]")
    submit(page, "Continue")
    failures["photo"] = axe_violations(page)
    submit(page, "Continue")
    assert page.title().startswith("Error: ")
    failures["photo-error"] = axe_violations(page)
    submit(page, "Back")
    page.check("input[value=picture]")
    submit(page, "Continue")
    failures["picture"] = axe_violations(page)
    page.check("input[value='board/pictures/sun.svg']")
    submit(page, "Continue")
    failures["seconder"] = axe_violations(page)
    submit(page, "Continue")
    assert "Your statement could be easier to read" in page.content()
    failures["check-with-advice"] = axe_violations(page)
    submit(page, "Send my nomination")
    assert "We got your nomination" in page.content()
    failures["done"] = axe_violations(page)
    page.goto(live_server.url + reverse("election-detail", args=[election.pk]))
    failures["detail-as-candidate"] = axe_violations(page)
    page.goto(live_server.url + reverse("election-withdraw", args=[election.pk]))
    failures["withdraw"] = axe_violations(page)
    assert problems(failures) == {}


def test_photo_step_with_a_real_file_passes_axe(page, live_server, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cast = make_cast()
    election = call_election(cast)
    sign_in(page, live_server, client, cast.member)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + reverse("election-stand", args=[election.pk]))
    page.fill("textarea", "I will listen to you.")
    submit(page, "Continue")
    page.check("input[value=photo]")
    submit(page, "Continue")
    photo = tmp_path / "me.png"
    photo.write_bytes(b"not a png at all")
    page.set_input_files("input[type=file]", str(photo))
    submit(page, "Continue")
    assert "not a photo we can show" in page.content()
    failures = {"photo-bad-file": axe_violations(page)}
    photo.write_bytes(PNG)
    page.set_input_files("input[type=file]", str(photo))
    submit(page, "Continue")
    submit(page, "Continue")
    submit(page, "Send my nomination")
    from board.models import Candidate

    candidate = Candidate.objects.get()
    page.goto(live_server.url + reverse("election-candidate", args=[election.pk, candidate.pk]))
    failures["candidate-with-photo"] = axe_violations(page)
    assert problems(failures) == {}


def test_board_and_administrator_pages_pass_axe(page, live_server, client):
    cast = make_cast()
    setup = voting_election(cast)
    for role in ["board", "admin"]:
        sign_in(page, live_server, client, cast.by_role(role))
        failures = {
            "list": check_page(page, live_server.url + reverse("election-list")),
            "call": check_page(page, live_server.url + reverse("election-call")),
            "detail": check_page(
                page, live_server.url + reverse("election-detail", args=[setup.election.pk])
            ),
            "cancel": check_page(
                page, live_server.url + reverse("election-cancel", args=[setup.election.pk])
            ),
            "paper-checks": check_page(page, live_server.url + reverse("election-paper-checks"))
            if role == "admin"
            else {},
        }
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(live_server.url + reverse("election-call"))
        page.fill("#id_title", "")
        page.fill("#id_seats", "0")
        submit(page, "Call the election")
        assert page.title().startswith("Error: ")
        assert page.evaluate("document.activeElement.className") == "error-summary"
        failures["call-error"] = axe_violations(page)
        page.goto(live_server.url + reverse("election-cancel", args=[setup.election.pk]))
        submit(page, "Cancel the election")
        assert page.title().startswith("Error: ")
        failures["cancel-error"] = axe_violations(page)
        assert problems(failures) == {}, role


def test_returning_officer_pages_pass_axe_at_every_stage(page, live_server, client):
    cast = make_cast()
    nominations = call_election(cast, title="Nominations open")
    from tests.board.conftest import add_member

    standing = add_member(cast.admin, "stander", "Stan", "Ding")
    candidate = services.candidate_nominate(
        election=nominations,
        member=standing,
        actor=standing.user,
        statement="I have two cats, e.g. Tom. We got 50% more.",
        picture="board/pictures/tree.svg",
    )
    voting = voting_election(cast)
    paper_envelopes(voting, cast, voting.voters[:1])
    closed = voting_election(cast)
    paper_envelopes(closed, cast, closed.voters[:3])
    close(closed.election, cast.returning)
    batch = paper_batch(closed, cast, [[closed.candidates[0].pk]] * 2)
    finished, _ = counted_election(cast)
    sign_in(page, live_server, client, cast.returning)
    failures = {}
    for name, url in [
        ("home", reverse("returning-home")),
        ("run-nominations", reverse("election-run", args=[nominations.pk])),
        ("nomination", reverse("election-nomination", args=[nominations.pk, candidate.pk])),
        ("box-make", reverse("election-box", args=[nominations.pk])),
        ("run-voting", reverse("election-run", args=[voting.election.pk])),
        ("paper-envelopes", reverse("election-paper", args=[voting.election.pk])),
        ("run-closed", reverse("election-run", args=[closed.election.pk])),
        ("paper", reverse("election-paper", args=[closed.election.pk])),
        ("paper-batch", reverse("election-paper-batch", args=[closed.election.pk, batch.number])),
        ("box-open", reverse("election-box-open", args=[closed.election.pk])),
        ("paper-checks", reverse("election-paper-checks")),
        ("run-counted", reverse("election-run", args=[finished.election.pk])),
    ]:
        failures[name] = check_page(page, live_server.url + url)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + reverse("election-nomination", args=[nominations.pk, candidate.pk]))
    submit(page, "Do not accept this nomination")
    assert page.title().startswith("Error: ")
    failures["reject-error"] = axe_violations(page)
    page.goto(live_server.url + reverse("election-paper", args=[closed.election.pk]))
    page.fill("textarea", "1 9")
    submit(page, "Save this batch")
    assert page.title().startswith("Error: ")
    failures["paper-error"] = axe_violations(page)
    page.goto(live_server.url + reverse("election-box-open", args=[closed.election.pk]))
    page.fill("#id_key", "AAAAA-AAAAA")
    submit(page, "Open the box and count the votes")
    assert page.title().startswith("Error: ")
    assert "An opening key has 20 letters and numbers" in page.content()
    failures["box-open-error"] = axe_violations(page)
    page.goto(live_server.url + reverse("election-box", args=[nominations.pk]))
    submit(page, "Make the ballot box and key")
    assert page.locator(".opening-key").inner_text().count("-") == 3
    failures["box-key"] = axe_violations(page)
    page.goto(live_server.url + reverse("election-run", args=[voting.election.pk]))
    submit(page, "Close voting")
    assert "It cannot close before then." in page.content()
    failures["run-with-message"] = axe_violations(page)
    assert problems(failures) == {}

    sign_in(page, live_server, client, cast.admin)
    page.goto(
        live_server.url + reverse("election-paper-batch", args=[closed.election.pk, batch.number])
    )
    submit(page, "I checked it: confirm batch 1")
    assert "Its votes count." in page.content()
    assert axe_violations(page) == []
    # One envelope has no paper typed in yet: the box does not open, and says why.
    sign_in(page, live_server, client, cast.returning)
    page.goto(live_server.url + reverse("election-box-open", args=[closed.election.pk]))
    page.fill("#id_key", KEY)
    submit(page, "Open the box and count the votes")
    assert "3 paper envelope(s) came in, but 2 paper(s) are typed in" in page.content()
    assert axe_violations(page) == []


@pytest.mark.parametrize("role", ["supporter", "organiser", "finance"])
def test_other_roles_read_election_pages_that_pass_axe(page, live_server, client, role):
    cast = make_cast()
    finished, _ = counted_election(cast)
    sign_in(page, live_server, client, cast.by_role(role))
    failures = {
        name: check_page(page, live_server.url + reverse(name, args=args))
        for name, args in [
            ("election-list", []),
            ("election-detail", [finished.election.pk]),
            ("election-results", [finished.election.pk]),
        ]
    }
    assert problems(failures) == {}
