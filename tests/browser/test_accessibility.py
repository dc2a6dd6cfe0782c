"""axe-core over every page, signed in as each role, error states included; plus the
page facts ACCESSIBILITY.md asks for (language, one h1, skip link, 19px text, 44px
targets, no sideways scrolling at 320px)."""

import pytest
from django.urls import reverse

from members import services
from tests.browser.conftest import axe_violations, page_facts, sign_in, submit
from tests.conftest import make_cast

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES_BY_ROLE = {
    "member": [
        "me",
        "guidelines",
        "my-supporters",
        "invite-supporter",
        "my-data",
        "my-contact",
        "my-access",
        "my-photos",
    ],
    "supporter": ["supporter-home", "support-invitations"],
    "organiser": ["organiser-home", "member-list", "member-add"],
    "board": ["board-home", "subscriptions"],
    "finance": ["finance-home"],
    "returning": ["returning-home"],
    "admin": ["administrator-home", "member-list", "register", "guidelines-publish"],
}


def check_page(page, url: str, *, expect_error_title: bool = False) -> dict:
    failures = {}
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(url)
        violations = axe_violations(page)
        facts = page_facts(page)
        if violations:
            failures[f"axe@{width}"] = violations
        if facts["sideways"]:
            failures[f"sideways@{width}"] = True
        if width == 1280:
            problems = []
            if facts["lang"] != "en-GB":
                problems.append(f"lang={facts['lang']}")
            if facts["h1"] != 1:
                problems.append(f"h1 count={facts['h1']}")
            if facts["main"] != 1:
                problems.append("no main landmark")
            if facts["skip"] != "#main":
                problems.append("no skip link")
            if facts["bodyPx"] < 19:
                problems.append(f"body text {facts['bodyPx']}px")
            if facts["smallTargets"]:
                problems.append(f"small targets {facts['smallTargets']}")
            if expect_error_title != facts["title"].startswith("Error: "):
                problems.append(f"title {facts['title']!r}")
            if problems:
                failures["facts"] = problems
    return failures


@pytest.mark.parametrize("role", PAGES_BY_ROLE)
def test_every_page_for_role_passes_axe(page, live_server, client, role):
    cast = make_cast()
    sign_in(page, live_server, client, cast.by_role(role))
    failures = {}
    titles = set()
    for name in PAGES_BY_ROLE[role]:
        url = live_server.url + reverse(name)
        result = check_page(page, url)
        titles.add(page.title())
        if result:
            failures[name] = result
    assert failures == {}
    assert len(titles) == len(PAGES_BY_ROLE[role])


def test_signed_out_pages_and_their_error_states_pass_axe(page, live_server):
    cast = make_cast()
    _, token = services.signin_link_create(user=cast.member, actor=None, channel="email")
    failures = {}
    for name, url in [
        ("home", reverse("home")),
        ("signin", reverse("signin")),
        ("link-request", reverse("signin-link-request")),
        ("link-sent", reverse("signin-link-sent")),
        ("link-confirm", reverse("signin-link", kwargs={"token": token})),
        ("404", "/no-such-page/"),
    ]:
        result = check_page(page, live_server.url + url)
        if result:
            failures[name] = result

    # Error states: submitted forms with mistakes.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + reverse("signin"))
    submit(page, "Sign in")
    assert page.title().startswith("Error: ")
    assert page.evaluate("document.activeElement.className") == "error-summary"
    if violations := axe_violations(page):
        failures["signin-error"] = violations

    page.goto(live_server.url + reverse("signin-link-request"))
    page.fill("#id_email", "not an email")
    submit(page, "Email me a link")
    assert page.title().startswith("Error: ")
    if violations := axe_violations(page):
        failures["link-request-error"] = violations

    page.goto(live_server.url + reverse("signin-link", kwargs={"token": "made-up"}))
    submit(page, "Sign me in")
    assert "does not work" in page.content()
    if violations := axe_violations(page):
        failures["link-failed"] = violations
    assert failures == {}


def test_lockout_and_forbidden_pages_pass_axe(page, live_server, client, settings):
    cast = make_cast()
    page.set_viewport_size({"width": 1280, "height": 900})
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        page.goto(live_server.url + reverse("signin"))
        page.fill("#id_username", "member")
        page.fill("#id_password", "wrong")
        submit(page, "Sign in")
    assert "Please wait before you try again" in page.content()
    failures = {}
    if violations := axe_violations(page):
        failures["locked-out"] = violations

    sign_in(page, live_server, client, cast.outsider)
    page.goto(live_server.url + reverse("me"))
    assert "You cannot see this page" in page.content()
    if violations := axe_violations(page):
        failures["403"] = violations
    page.goto(live_server.url + reverse("home"))
    if violations := axe_violations(page):
        failures["no-role"] = violations
    assert failures == {}


def test_administrator_role_form_error_state_passes_axe(page, live_server, client):
    cast = make_cast()
    sign_in(page, live_server, client, cast.admin)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + reverse("administrator-home"))
    submit(page, "Save the role")
    assert page.title().startswith("Error: ")
    assert axe_violations(page) == []


def test_signin_works_with_keyboard_only_and_pasting(page, live_server):
    make_cast()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + reverse("signin"))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.outerHTML").startswith('<a class="skip-link"')
    page.focus("#id_username")
    page.keyboard.type("member")
    page.keyboard.press("Tab")
    # Pasting is allowed: nothing on the page blocks it.
    page.evaluate("""() => {
        const dt = new DataTransfer(); dt.setData('text/plain', 'coop-demo');
        const el = document.activeElement;
        const ok = el.dispatchEvent(new ClipboardEvent('paste', {clipboardData: dt, cancelable: true}));
        if (ok) { el.value = 'coop-demo'; }
    }""")
    assert page.input_value("#id_password") == "coop-demo"
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + reverse("me"))
    assert page.locator("h1").inner_text() == "Hello May"


def test_pages_work_without_javascript(browser, live_server):
    make_cast()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + reverse("signin"))
    page.fill("#id_username", "member")
    page.fill("#id_password", "coop-demo")
    submit(page, "Sign in")
    assert page.locator("h1").inner_text() == "Hello May"
    context.close()


def test_invite_wizard_steps_errors_and_check_answers_pass_axe(page, live_server, client):
    cast = make_cast()
    sign_in(page, live_server, client, cast.member)
    page.set_viewport_size({"width": 1280, "height": 900})
    failures = {}
    page.goto(live_server.url + reverse("invite-supporter"))
    submit(page, "Continue")
    assert page.title().startswith("Error: ")
    failures["name-error"] = axe_violations(page)
    page.fill("#id_name-first_name", "Hal")
    page.fill("#id_name-last_name", "Per")
    submit(page, "Continue")
    page.fill("#id_email-email", "hal@example.org")
    submit(page, "Continue")
    assert page.locator("legend h1").inner_text() == "Who are they?"
    submit(page, "Continue")
    failures["radio-error"] = axe_violations(page)
    page.check("#id_relationship-relationship_0")
    submit(page, "Continue")
    page.check("#id_copies-wants_copies_1")
    submit(page, "Continue")
    assert page.locator("h1").inner_text() == "Check your answers"
    failures["check"] = axe_violations(page)
    submit(page, "Invite my supporter")
    assert "We asked Hal Per" in page.content()
    failures["done"] = axe_violations(page)
    page.goto(live_server.url + reverse("my-supporters"))
    submit(page, "Stop Sue Okafor helping me")
    failures["remove"] = axe_violations(page)
    assert {k: v for k, v in failures.items() if v} == {}


def test_supporter_step_back_page_passes_axe(page, live_server, client):
    cast = make_cast()
    link = cast.member_row.support_links.get(supporter=cast.supporter)
    sign_in(page, live_server, client, cast.supporter)
    page.goto(live_server.url + reverse("support-step-back", kwargs={"pk": link.pk}))
    assert axe_violations(page) == []


def test_member_page_move_and_add_errors_pass_axe(page, live_server, client):
    cast = make_cast()
    services.member_suspend(member=cast.member_row, actor=cast.admin, reason="Test")
    services.member_reinstate(member=cast.member_row, actor=cast.admin)
    sign_in(page, live_server, client, cast.admin)
    failures = {}
    failures["detail"] = check_page(
        page, live_server.url + reverse("member-detail", kwargs={"pk": cast.member_row.pk})
    )
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(
        live_server.url
        + reverse("member-move", kwargs={"pk": cast.member_row.pk, "move": "suspend"})
    )
    submit(page, "Suspend the membership")
    assert page.title().startswith("Error: ")
    failures["move-error"] = axe_violations(page)
    page.goto(live_server.url + reverse("member-add"))
    submit(page, "Add to the roll")
    assert page.title().startswith("Error: ")
    failures["add-error"] = axe_violations(page)
    page.goto(live_server.url + reverse("member-erase", kwargs={"pk": cast.member_row.pk}))
    submit(page, "Erase their personal data")
    assert page.title().startswith("Error: ")
    failures["erase-error"] = axe_violations(page)
    page.goto(live_server.url + reverse("member-list") + "?status=wizard")
    failures["list-error"] = axe_violations(page)
    assert {k: v for k, v in failures.items() if v} == {}


def test_every_join_page_passes_axe(page, live_server):
    make_cast()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + reverse("join"))
    failures = {}

    def step(name, fill=None):
        if fill:
            fill()
        failures[name] = axe_violations(page)
        submit(page, "Continue")

    step("helping-error")  # nothing chosen: the error state
    assert page.title().startswith("Error: ")
    step("helping", lambda: page.check("#id_helping-helping_1"))
    step("helper", lambda: page.fill("#id_helper-helper_name", "Sue"))
    step(
        "name",
        lambda: (
            page.fill("#id_name-first_name", "Ada"),
            page.fill("#id_name-last_name", "Lovelace"),
        ),
    )
    step("known_as")
    step("branch", lambda: page.check("#id_branch-branch_0"))
    step(
        "address",
        lambda: (
            page.fill("#id_address-address", "1 Mill Way"),
            page.fill("#id_address-postcode", "N1 2AB"),
        ),
    )
    step("phone", lambda: page.fill("#id_phone-phone", "07700 900123"))
    step("email")
    step("contact", lambda: page.check("#id_contact-contact_0"))
    step("access", lambda: page.check("#id_access-access_needs_1"))
    step("photos", lambda: page.check("#id_photos-photo_consent_0"))
    step("guidelines", lambda: page.check("#id_guidelines-agree"))
    assert page.locator("h1").inner_text() == "Check your answers"
    failures["check"] = axe_violations(page)
    submit(page, "Send my application")
    assert "We got your application" in page.content()
    failures["done"] = axe_violations(page)
    assert {k: v for k, v in failures.items() if v} == {}


def test_the_api_docs_run_under_the_content_security_policy(page, live_server, client):
    """Swagger UI draws the API from its own files: its script and style are files, so the
    policy refuses nothing (the page fixture fails on any console error)."""
    cast = make_cast()
    sign_in(page, live_server, client, cast.admin)
    page.goto(live_server.url + reverse("api-docs"))
    page.wait_for_selector(".swagger-ui .info .title")
    assert "coop API" in page.inner_text(".swagger-ui .info .title")
