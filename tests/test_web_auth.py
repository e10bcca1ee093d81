"""Tokens and CSRF: `serve` off loopback refuses to start without a token; with one, writes need
`Authorization: Bearer`, and with --private reads too; a browser signs in at /ui/login; forms
that change state are refused without the CSRF token of the same browser; another site's page
cannot write."""
from __future__ import annotations

import re

import httpx2 as httpx
import pytest
from fastapi.testclient import TestClient

from letopis.web import create_app
from letopis.web.auth import Access
from processes import free_port, letopis, serving

TEXT = "Президент Казахстана Касым-Жомарт Токаев 11 января назначил Алихана Смаилова премьер-министром."


def test_serve_off_loopback_needs_a_token(tmp_path):
    refused = letopis("serve", "--db", tmp_path / "c.duckdb", "--host", "0.0.0.0", "--port", str(free_port()),
                      timeout=60)
    assert refused.returncode == 2 and "--token" in refused.stderr and "LETOPIS_TOKEN" in refused.stderr
    assert "Traceback" not in refused.stderr and refused.stderr.strip().count("\n") == 0
    private = letopis("serve", "--db", tmp_path / "c.duckdb", "--private", timeout=60)
    assert private.returncode == 2 and "--private needs a token" in private.stderr


def test_token_guards_writes_of_a_real_server(tmp_path):
    with serving(tmp_path / "c.duckdb", "--host", "0.0.0.0", "--token", "T0k3n") as (url, _):
        files = {"file": ("almaty.txt", TEXT.encode(), "text/plain")}
        assert httpx.post(f"{url}/articles", files=files, timeout=60).status_code == 401
        wrong = httpx.post(f"{url}/articles", files=files, headers={"Authorization": "Bearer nope"}, timeout=60)
        assert wrong.status_code == 401 and wrong.headers["www-authenticate"] == "Bearer"
        assert httpx.get(f"{url}/articles", timeout=10).json() == []  # reads stay open
        stored = httpx.post(f"{url}/articles", files=files, headers={"Authorization": "Bearer T0k3n"},
                            timeout=120)
        assert stored.status_code == 201, stored.text
        assert [a["id"] for a in httpx.get(f"{url}/articles", timeout=10).json()] == ["almaty"]


def test_token_from_the_environment_and_private_reads(tmp_path):
    with serving(tmp_path / "c.duckdb", "--private", LETOPIS_TOKEN="from-env") as (url, _):
        assert httpx.get(f"{url}/events", timeout=10).status_code == 401
        assert httpx.get(f"{url}/events", headers={"Authorization": "Bearer from-env"}, timeout=10).json() == []
        page = httpx.get(f"{url}/ui/", timeout=10)
        assert page.status_code == 303 and page.headers["location"] == "/ui/login?next=%2Fui%2F"
        assert httpx.get(f"{url}/static/letopis.css", timeout=10).status_code == 200


@pytest.fixture
def client(tmp_path):
    app = create_app(tmp_path / "c.duckdb", access=Access("s3cret", private=True))
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


def _csrf(page: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


def test_browser_signs_in_with_a_csrf_token(client):
    form = client.get("/ui/login", params={"next": "/ui/map"})
    assert form.status_code == 200 and "letopis_csrf" in client.cookies
    token = _csrf(form.text)
    assert client.post("/ui/login", data={"token": "s3cret", "next": "/ui/map"}).status_code == 403  # no CSRF
    wrong = client.post("/ui/login", data={"token": "guess", "csrf": token})
    assert wrong.status_code == 401 and "Неверный токен" in wrong.text
    done = client.post("/ui/login", data={"token": "s3cret", "csrf": token, "next": "/ui/map"},
                       follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == "/ui/map"
    assert "s3cret" not in done.headers["set-cookie"]  # the cookie is derived from the token
    assert client.get("/ui/map").status_code == 200
    assert client.get("/events").status_code == 200  # the session reads the API too
    assert client.post("/articles", json={"text": TEXT}).status_code == 401  # but writes need the header


def test_csrf_token_of_another_browser_is_refused(client):
    theirs = _csrf(client.get("/ui/login").text)
    client.cookies.clear()
    client.get("/ui/login")  # this browser's own cookie, another token
    assert client.post("/ui/login", data={"token": "s3cret", "csrf": theirs}).status_code == 403


def test_next_stays_on_this_site(client):
    token = _csrf(client.get("/ui/login").text)
    done = client.post("/ui/login", data={"token": "s3cret", "csrf": token, "next": "//evil.example/ui/"},
                       follow_redirects=False)
    assert done.headers["location"] == "/ui/"


def test_another_sites_page_cannot_write(tmp_path):
    with TestClient(create_app(tmp_path / "c.duckdb"), raise_server_exceptions=False) as client:
        answer = client.post("/articles", json={"text": TEXT}, headers={"Origin": "https://evil.example"})
        assert answer.status_code == 403 and answer.json()["error"] == "forbidden"


def test_pages_forms_need_a_signed_in_browser(tmp_path):
    with TestClient(create_app(tmp_path / "c.duckdb", access=Access("s3cret")), raise_server_exceptions=False) as client:
        token = _csrf(client.get("/ui/upload").text)  # reads are open without --private
        refused = client.post("/ui/upload", data={"csrf": token}, files={"file": ("a.txt", TEXT.encode(), "text/plain")})
        assert refused.status_code == 401 and "/ui/login" in refused.text
