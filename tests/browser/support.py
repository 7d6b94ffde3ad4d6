"""Steps the browser tests share: signing in through the real form, reading
the admin's messages."""
from mcpmanager.demo import DEMO_PASSWORD


def sign_in(page, base_url: str, email: str, password: str = DEMO_PASSWORD) -> None:
    """Open the admin, land on the sign-in form, sign in, reach the index."""
    page.goto(f"{base_url}/admin/")
    assert "/admin/login/" in page.url, f"not sent to the sign-in page: {page.url}"
    page.shots("sign-in")
    page.fill('input[name="email"]', email)
    page.fill('input[name="password"]', password)
    page.click('#login-form input[type="submit"]')
    page.wait_for_url(f"{base_url}/admin/")
    assert page.locator("#user-tools").is_visible(), f"{email}: not signed in"
    page.shots("index")


def messages(page) -> list[str]:
    return [text.strip() for text in page.locator("ul.messagelist li").all_inner_texts()]


def open_page(page, url: str, name: str):
    """Go to `url`, expect 200, screenshot it."""
    response = page.goto(url)
    assert response.status == 200, f"{url}: {response.status}"
    page.shots(name)
    return response
