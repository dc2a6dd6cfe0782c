"""Every page a member (or a supporter acting for one) reads is easy read (issue 20).

The pages are found from the URL patterns, not from a list: every pattern is fetched as
May (a member), as Sue (her supporter) and signed out, its parameters filled from the
real rows of a member's world (tests/members/member_world.py). Each page that answers
with HTML (error pages too) has its title and the visible text of its <main> checked;
the menu, help box and footer are checked once for each way they look. A new address
needs nothing here unless it brings a new kind of parameter: then the walk stops and asks
for a sample of it. One run lists every page's problems at once."""

import itertools
import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls import path as url_path

from board.terms.roles import ROLES
from events.models import EvaluationPhoto
from members import services as member_services
from tests.board.test_pages import booth_post
from tests.easy_read_pages import page_problems, visible_text
from tests.events.test_booking_pages import walk_wizard
from tests.factories import BranchFactory
from tests.members.member_world import FIRST_ID, IDS, World, ids_start_high, make_world
from wellbeing.questions import for_round

pytestmark = pytest.mark.django_db

# Not pages for people: machines, the admin site, the API and its schema.
NOT_PAGES = ("api/", "django-admin/", "stripe/webhook/")

# The word before a parameter says what it names; each gives the world's rows to try.
SAMPLES = {
    "activities": lambda w: [a.pk for a in w.activities],
    "bookings": lambda w: [b.pk for b in w.bookings],
    "elections": lambda w: [e.pk for e in w.elections],
    "candidates": lambda w: [c.pk for e in w.elections for c in e.candidates.all()[:1]],
    "meetings": lambda w: [w.meeting.pk],
    "pay": lambda w: [w.payment.pk],
    "supporters": lambda w: [w.link.pk],
    "links": lambda w: [w.link.pk],
    "invitations": lambda w: [w.link.pk],
    "suggestions": lambda w: [s.pk for s in w.cast.member_row.suggestions.all()],
    "members": lambda w: [w.cast.member_row.pk],
    "link": lambda w: [_signin_token(w)],
    "how-you-are": lambda w: [r.pk for r in w.rounds],
    "number": lambda w: list(range(1, len(for_round(2)) + 1)),
    "photos": lambda w: list(EvaluationPhoto.objects.values_list("pk", flat=True)),
    "roles": lambda w: list(ROLES),
}
# Parameters only staff pages take (their rows are the organisers', the board's or the
# finance officer's): tried with a made-up id (maybe some other row's), which must not
# show May or Sue a page.
STAFF_ONLY = {
    "messages", "reminders", "calls", "whats-on", "group-messages", "evaluation-photos",
    "items", "papers", "parts", "packs", "actions", "sitting-fees", "refunds", "cash",
    "issues", "reports", "nominations", "paper", "run", "register", "move", "outcome",
    "how-members-are", "transport-asks", "support", "costs",
}  # fmt: skip
# The pages a member must reach (so the walk cannot quietly lose them).
MUST_CHECK = {
    "member": [
        "me", "my-data", "my-bookings", "activity-list", "activity-detail", "booking-detail",
        "book", "feedback", "pay", "election-list", "election-detail",
        "election-vote", "election-candidate", "election-results", "minutes-list",
        "meeting-minutes", "suggestions", "suggestion-new", "my-contact", "my-access",
        "my-photos", "my-times", "my-supporters", "trip-photos", "guidelines", "calendar",
        "wellbeing-start", "wellbeing-question", "wellbeing-send", "wellbeing-stop",
        "board-roles", "board-role", "propose", "my-ideas",
    ],
    "supporter": [
        "supporter-home", "booking-detail", "activity-detail", "support-invitations",
        "trip-photos", "supporter-times",
    ],
    "signed out": ["home", "signin", "join", "signin-link-request", "signin-link"],
}  # fmt: skip

# Known problems another change is putting right, by page and the start of the problem.
KNOWN: dict[str, tuple[str, ...]] = {}


def _signin_token(world: World) -> str:
    _, token = member_services.signin_link_create(
        user=world.cast.member, actor=None, channel="email"
    )
    return token


def _routes() -> list[tuple[str, str, list[tuple[str, str]]]]:
    """Each pattern as (name, route, [(parameter, the word before it)])."""
    found = []

    def walk(patterns, prefix: str) -> None:
        for entry in patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, route)
            elif isinstance(entry, URLPattern) and not route.startswith(NOT_PAGES):
                params = re.findall(r"([\w.-]*)/?<(?:\w+:)?(\w+)>", route)
                found.append((entry.name, route, [(p, word) for word, p in params]))

    walk(get_resolver().url_patterns, "")
    return found


def _kind(word: str, param: str) -> str:
    """The word "members/register.<fmt>" names is a register; "<pk>/<move>/" names a move."""
    return word.rsplit(".", 1)[0] if word else param


def _addresses(world: World) -> list[tuple[str, str, bool]]:
    """(name, path, staff only) for every pattern, each parameter filled with every
    sample of it."""
    addresses = []
    for name, route, params in _routes():
        choices, staff_only = [], False
        for param, word in params:
            kind = _kind(word, param)
            if kind in SAMPLES:
                choices.append([(param, value) for value in SAMPLES[kind](world)])
            else:
                assert kind in STAFF_ONLY, (
                    f"{route}: a new kind of parameter ({word!r}). Add a sample of it to "
                    "SAMPLES, or its word to STAFF_ONLY if only staff read these pages."
                )
                choices.append([(param, FIRST_ID)])
                staff_only = True
        for combination in itertools.product(*choices):
            addresses.append((name, reverse(name, kwargs=dict(combination)), staff_only))
    return addresses


def _clients(world: World) -> dict[str, Client]:
    clients = {"signed out": Client()}
    for who in ("member", "supporter"):
        clients[who] = Client()
        clients[who].force_login(world.cast.by_role(who))
    return clients


class _Pages:
    """The easy-read problems of each page read, each page's text checked once (and the
    menu, help box and footer once for each way they look)."""

    def __init__(self, world: World) -> None:
        self.world, self.ids = world, re.compile(IDS)
        self.problems: dict[str, list[str]] = {}
        self.seen: set[str] = set()

    def check(self, who: str, name: str, where: str, response) -> bool:
        """Check the page if it is one (HTML, whatever its status); say if it was."""
        if not response.get("Content-Type", "").startswith("text/html"):
            return False
        assert response.status_code < 500, where
        text = visible_text(response.content.decode())
        found = [] if text.title or not text.main else ["no page title"]
        if text.main not in self.seen:
            words = f"{text.title}\n{text.main}"
            found += page_problems(words, quoted=self.world.quoted, ids=self.ids)
        if text.chrome not in self.seen:
            found += [f"(menu, help or footer) {p}" for p in page_problems(text.chrome)]
        self.seen |= {text.main, text.chrome}
        found = [problem for problem in found if not problem.startswith(KNOWN.get(name, ()))]
        if found:
            self.problems[f"{who} {where} ({name}, {response.status_code})"] = found
        return True

    def report(self) -> str:
        return "\n".join(
            f"{page}:\n" + "\n".join(f"  - {problem}" for problem in found)
            for page, found in self.problems.items()
        )


_STEP = re.compile(r'<input[^>]*name="([\w-]+-current_step)"[^>]*value="(\w+)"')


def _read_every_page(pages: _Pages) -> dict[str, set[str]]:
    """Read every address as each person; say which pages each read (answered 200).
    A page that asks one question of a few (a wizard) is also sent with no answer, to
    read the mistake it shows."""
    read: dict[str, set[str]] = {who: set() for who in MUST_CHECK}
    for (name, path, staff_only), (who, client) in itertools.product(
        _addresses(pages.world), _clients(pages.world).items()
    ):
        response = client.get(path)
        if staff_only and response.status_code == 200:
            pages.problems[f"{who} {path} ({name})"] = ["a staff page shown to them"]
        if pages.check(who, name, path, response) and response.status_code == 200:
            read[who].add(name)
            if step := _STEP.search(response.content.decode()):
                answered = client.post(path, {step.group(1): step.group(2)})
                pages.check(who, name, f"{path} with no answer", answered)
    return read


@pytest.fixture
def world(django_capture_on_commit_callbacks) -> World:
    with ids_start_high():
        yield make_world(django_capture_on_commit_callbacks)


def test_every_page_a_member_reads_is_easy_read(world):
    pages = _Pages(world)
    read = _read_every_page(pages)
    missed = {who: sorted(set(names) - read[who]) for who, names in MUST_CHECK.items()}
    assert {who: names for who, names in missed.items() if names} == {}
    assert not pages.problems, f"{len(pages.problems)} pages are not easy read:\n{pages.report()}"


def _answers_and_mistakes(world: World, clients: dict[str, Client]):
    """(who, page, response) for pages the walk cannot reach by one GET: the check
    pages before booking (as May and as Sue for her) and voting, forms' mistakes, and
    what May reads once her membership has ended."""
    may, picnic = world.cast.member_row, world.to_book
    cash = [("bring", {"bring": "no"}), ("payment", {"payment": "cash"})]
    member, supporter, nobody = clients["member"], clients["supporter"], clients["signed out"]
    yield "member", "book", walk_wizard(member, picnic, cash)
    yield "supporter", "book", walk_wizard(supporter, picnic, cash, member=may)
    booth = reverse("election-vote", args=[world.elections[0].pk])
    member.get(booth)
    a, b, *_ = world.elections[0].candidates.all()
    booth_post(member, booth, "rank1", choice=a.pk)
    booth_post(member, booth, "rank2", choice=b.pk)
    yield "member", "election-vote", booth_post(member, booth, "rank3", choice="none")
    yield "member", "suggestion-new", member.post(reverse("suggestion-new"), {})
    for name in ("my-contact", "my-access", "my-photos"):
        yield "member", name, member.post(reverse(name), {})
    wrong = {"username": "member", "password": "not the password"}
    yield "signed out", "signin", nobody.post(reverse("signin"), wrong)
    link = reverse("signin-link-request")
    yield "signed out", "signin-link-request", nobody.post(link, {"email": "not an email"})
    # Last, as it ends May's membership: what a former member reads.
    member_services.member_resign(member=may, actor=world.cast.admin)
    for name in ("me", "home", "my-bookings"):
        yield "former member", name, member.get(reverse(name))


def test_answers_and_mistakes_on_forms_are_easy_read(world):
    pages, shown = _Pages(world), {}
    for who, name, response in _answers_and_mistakes(world, _clients(world)):
        title = re.search(r"<title>(.*?)</title>", response.content.decode(), re.S)
        shown[f"{who} {name}"] = title and title.group(1).split(" – ")[0].strip()
        pages.check(who, name, response.request["PATH_INFO"], response)
    assert shown["member book"] == shown["supporter book"] == "Check your answers"
    assert shown["member election-vote"] == "Check your vote"
    assert shown["signed out signin"].startswith("Error: ")
    assert shown["former member me"] == "Your membership has ended"
    assert not pages.problems, f"{len(pages.problems)} pages are not easy read:\n{pages.report()}"


# --- The checker itself ------------------------------------------------------------------


def test_the_old_own_data_style_fails_the_check():
    html = "<main><dl><dt>Starts at</dt><dd>starts at: 2026-11-04T12:00:00+00:00</dd></dl></main>"
    found = page_problems(visible_text(html).main)
    assert "a raw date: “2026-11-04”" in found
    assert "a raw time: “T12:00”" in found
    assert "a time zone: “+00:00”" in found


def test_codes_ids_pence_and_jargon_are_found():
    text = (
        "Status: pending. Reference booking:26, order #12, fee_status.\n"
        "It cost 400 pence. Action booking.created. Value: None.\n"
        "Id 123e4567-e89b-12d3-a456-426614174000 and 734019."
    )
    found = page_problems(text, ids=re.compile(IDS))
    for expected in (
        "a word of jargon: “Status”",
        "a word of jargon: “pending”",
        "a word of jargon: “None”",
        "an id: “booking:26”",
        "an id: “#12”",
        "a code: “fee_status”",
        "a code: “booking.created”",
        "pence: “pence”",
        "a UUID: “123e4567-e89b-12d3-a456-426614174000”",
        "a database id: “734019”",
    ):
        assert expected in found


def test_plain_words_pass():
    text = (
        "You are booked for Bowling on Wednesday 4 November at 12pm.\n"
        "None of these is right? Call us on 020 7946 0000.\n"
        "Go to https://example.org/bookings/734019/ or email help@example.org."
    )
    assert page_problems(text, ids=re.compile(IDS)) == []


def test_a_long_sentence_is_found_unless_a_person_wrote_it():
    said = "We go to the big bowling alley in town and we play 2 games and have chips."
    assert page_problems(f"Bowling\n{said}") == [f"long sentence (17 words): “{said}”"]
    assert page_problems(f"Bowling\n{said}", quoted=(said,)) == []


def test_the_text_read_is_what_shows_each_block_on_its_own_line():
    html = (
        "<html><head><title>Bowling – Our Co-operative</title></head><body>"
        "<nav aria-label='Your pages'><a href='/'>My page</a></nav>"
        "<main><h1>Bowling</h1><p>You are <strong>booked</strong>.</p>"
        "<script>var status_code = 1;</script><p hidden>2026-11-04</p>"
        "<span aria-hidden='true'>#12</span><img src='x.svg' alt='A bowling ball'>"
        "<pre>stage_1 2.00000</pre><ul><li class='receipt-small'>AYNKY</li></ul>"
        "<button type='submit'>Book</button></main><footer>Run by its members.</footer>"
        "</body></html>"
    )
    text = visible_text(html)
    assert text.main == "Bowling\nYou are booked.\nA bowling ball\nBook"
    assert text.title == "Bowling – Our Co-operative"
    assert text.chrome == "Your pages\nMy page\nRun by its members."


def test_the_ids_go_on_from_where_they_were_after_the_world():
    with ids_start_high():
        assert BranchFactory().pk == FIRST_ID
    assert BranchFactory().pk < FIRST_ID


# An address with a new kind of parameter, for the test below.
urlpatterns = [url_path("garden/plots/<int:pk>/", lambda request, pk: None, name="plot")]


@pytest.mark.urls(__name__)
def test_a_new_kind_of_address_stops_the_walk_until_it_has_a_sample():
    with pytest.raises(AssertionError, match=r"a new kind of parameter \('plots'\)"):
        _addresses(world=None)
