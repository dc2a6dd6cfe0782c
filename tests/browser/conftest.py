"""Real headless Chromium (Debian's package) driven by Playwright, with axe-core."""

import os
from pathlib import Path

import axe_playwright_python
import pytest
from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_SOURCE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is missing at {CHROMIUM}: make test installs Debian's package.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh page that fails the test on any browser console error: a refusal by the
    Content-Security-Policy (an inline script or style, a script from elsewhere) or a
    script error. Error pages the test asks for (a 404, a lockout) are not errors."""
    context = browser.new_context()
    page = context.new_page()
    errors = watch_console(page)
    yield page
    context.close()
    assert errors == [], "browser console errors:\n" + "\n".join(errors)


@pytest.fixture(
    params=[(1280, True), (320, True), (1280, False), (320, False)],
    ids=["1280-js", "320-js", "1280-nojs", "320-nojs"],
)
def any_page(browser, request):
    """A page like `page`, once for each width and with JavaScript on and off: a journey
    written once is walked four ways. `any_page.javascript` says which way this is."""
    width, javascript = request.param
    context = browser.new_context(
        java_script_enabled=javascript, viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    page.javascript = javascript
    errors = watch_console(page)
    yield page
    context.close()
    assert errors == [], "browser console errors:\n" + "\n".join(errors)


class Looks:
    """Collects what is wrong with each page a journey visits: axe's violations and a page
    that scrolls sideways. `look(name)` after each step; assert `looks.failures == {}`."""

    def __init__(self, page) -> None:
        self.page = page
        self.failures: dict = {}

    def __call__(self, name: str) -> None:
        # With the page's JavaScript off axe never finishes (its timers do not run): the
        # JS-on walk of the same journey checks axe on the same pages; both check sideways.
        if getattr(self.page, "javascript", True) and (violations := axe_violations(self.page)):
            self.failures[name] = violations
        if page_facts(self.page)["sideways"]:
            self.failures[f"{name}-sideways"] = True


def watch_console(page) -> list[str]:
    errors: list[str] = []

    def on_console(message) -> None:
        if message.type != "error" or expected(message.text, message.location.get("url", "")):
            return
        errors.append(f"{page.url}: {message.text}")

    def expected(text: str, url: str) -> bool:
        # The page itself answering 4xx or 5xx (the test checks that answer), or a request
        # the test aborted on purpose (no internet: js.stripe.com). A refusal by the policy
        # reads "Refused to ...", never these.
        return (text.startswith(ERROR_STATUS) and url == page.url) or text == ABORTED

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
    return errors


ERROR_STATUS = "Failed to load resource: the server responded with a status of"
ABORTED = "Failed to load resource: net::ERR_FAILED"


def axe_violations(page) -> list[dict]:
    page.evaluate(AXE_SOURCE)
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        AXE_TAGS,
    )
    return [
        {"id": v["id"], "help": v["help"], "targets": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


def page_facts(page) -> dict:
    """What ACCESSIBILITY.md asks that axe does not check for us."""
    return page.evaluate("""() => ({
        lang: document.documentElement.lang,
        title: document.title,
        h1: document.querySelectorAll('h1').length,
        main: document.querySelectorAll('main').length,
        skip: (document.querySelector('a.skip-link') || {}).getAttribute?.('href'),
        bodyPx: parseFloat(getComputedStyle(document.body).fontSize),
        smallTargets: [...document.querySelectorAll('main button, main input:not([type=hidden]), main select, .button')]
            .filter(el => { const r = el.getBoundingClientRect();
                            return r.width > 0 && (r.width < 44 || r.height < 44); })
            .map(el => el.outerHTML.slice(0, 80)),
        sideways: document.documentElement.scrollWidth > document.documentElement.clientWidth,
    })""")


def submit(page, text: str) -> None:
    """Press the button (or follow the link) with this text and wait for the next page."""
    with page.expect_navigation():
        page.click(f"button:has-text('{text}'), a:has-text('{text}')")


def sign_in(page, live_server, client, user) -> None:
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )
