"""Real-browser tests: Debian's Chromium driven by Playwright (sync API)
against pytest-django's live server, on the demo data of `seed_demo`.

Playwright's sync API keeps an event loop running in this thread, which
makes Django refuse ORM calls from the test body unless told it is fine: it
is, for these tests only (the live server answers in its own thread), and
Playwright stops when this package's tests are done.
"""
import io
import os
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection, transaction

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 800}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
TIMEOUT_MS = 15_000


@pytest.fixture(scope="package", autouse=True)
def orm_beside_playwright():
    patch = pytest.MonkeyPatch()
    patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    yield
    patch.undo()


@pytest.fixture(scope="package")
def browser():
    if not Path(CHROMIUM).is_file():
        pytest.fail(
            f"Chromium is not installed at {CHROMIUM}: the browser tests need it "
            "(`apt-get install chromium`, or set CHROMIUM_PATH). Playwright's own browser downloads are not used."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


class Shots:
    """Numbered screenshots of every page a test visits, under artifacts/screenshots/."""

    def __init__(self, page, prefix: str):
        self.page, self.prefix, self.count = page, prefix, 0
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def __call__(self, name: str, focus: str | None = None) -> Path:
        """Screenshot the viewport; `focus`: scroll that element to the top first."""
        self.count += 1
        if focus:
            self.page.locator(focus).first.evaluate("element => element.scrollIntoView({block: 'start'})")
        path = SCREENSHOTS / f"{self.prefix}-{self.count:02d}-{name}.png"
        self.page.screenshot(path=str(path))
        return path


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    context.set_default_timeout(TIMEOUT_MS)
    # The app navigation sidebar closed (Django keeps that choice in localStorage): wider lists.
    context.add_init_script("localStorage.setItem('django.admin.navSidebarIsOpen', 'false')")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.shots = Shots(page, re.sub(r"\W+", "-", request.node.name.removeprefix("test_")))
    yield page
    context.close()
    assert not errors, f"JavaScript errors in the pages: {errors}"


def _empty_drizzle_tables():
    """pytest-django's flush empties Django's tables only (ours are unmanaged);
    audit_log and request_log refuse TRUNCATE through their append-only
    triggers, which replica mode skips (we connect as a superuser)."""
    tables = [
        connection.ops.quote_name(m._meta.db_table)
        for app in ("tenancy", "registry", "audit") for m in apps.get_app_config(app).get_models()
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(f"TRUNCATE {', '.join(tables)} CASCADE")


@pytest.fixture
def demo_site(live_server):
    """The live server's URL, serving the demo data set (`manage.py seed_demo`)."""
    _empty_drizzle_tables()
    call_command("seed_demo", stdout=io.StringIO())
    yield live_server.url
    _empty_drizzle_tables()
