"""Review page security: token rules, serve's refusal, CSRF, escaping of crawled text, headers."""
from __future__ import annotations

import re
from datetime import datetime, timezone

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from acescout_core.errors import InputError
from models import Account, Candidate, Document, Signal

TOKEN = "s3cret-token-0123456789abcdef"
XSS_SCRIPT = '<script>alert("xss")</script>'
XSS_IMG = "<img src=x onerror=alert(1)>"


@pytest.fixture
def ids(engine):
    """One candidate whose every crawled or CRM-supplied string is hostile."""
    with Session(engine, expire_on_commit=False) as s:
        acc = Account(name=f"Evil Corp {XSS_IMG}", normalized_name="evil corp", domain="evil.example",
                      industry=f"Mining {XSS_SCRIPT}")
        s.add(acc)
        s.flush()
        doc = Document(canonical_url="javascript:alert(document.cookie)",
                       url="javascript:alert(document.cookie)", title=f"Press release {XSS_SCRIPT}",
                       content_hash="h", text="x")
        s.add(doc)
        s.flush()
        sig = Signal(account_id=acc.id, document_id=doc.id, kind="migration", tense="planned",
                     evidence=f"We will migrate to AWS. {XSS_SCRIPT}",
                     aws_services=[f"Amazon {XSS_IMG}"], observed_at=datetime(2025, 6, 1, tzinfo=timezone.utc))
        s.add(sig)
        s.flush()
        cand = Candidate(account_id=acc.id, list="submission", score=0.9,
                         reasons=[{"text": f"reason {XSS_SCRIPT}", "evidence": f"quote {XSS_IMG}",
                                   "url": "javascript:alert(3)"}], evidence_signal_ids=[sig.id],
                         gate_notes=[XSS_IMG],
                         ace_draft={"Project": {"Title": f'"><script>alert(2)</script>'}},
                         pdm_brief=f"Brief {XSS_SCRIPT}")
        s.add(cand)
        s.commit()
        return {"account": acc.id, "candidate": cand.id}


def app_for(settings, **kwargs):
    from review.app import create_app

    return create_app(settings, **kwargs)


def client_for(settings, **kwargs) -> TestClient:
    return TestClient(app_for(settings, **kwargs), base_url="http://127.0.0.1")


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def assert_no_live_markup(html: str) -> None:
    assert XSS_SCRIPT not in html and "<script" not in html.lower()
    assert XSS_IMG not in html and 'href="javascript:' not in html.lower()


def test_crawled_text_is_escaped_everywhere(settings, ids):
    client = client_for(settings)
    listing = client.get("/")
    assert_no_live_markup(listing.text)
    assert "Evil Corp &lt;img src=x onerror=alert(1)&gt;" in listing.text
    assert "reason &lt;script&gt;alert(&#34;xss&#34;)&lt;/script&gt;" in listing.text
    page = client.get(f"/accounts/{ids['account']}")
    assert page.status_code == 200
    assert_no_live_markup(page.text)
    assert "We will migrate to AWS. &lt;script&gt;alert(&#34;xss&#34;)&lt;/script&gt;" in page.text
    assert "Press release &lt;script&gt;" in page.text  # title shown as text, link dropped
    assert 'value="&#34;&gt;&lt;script&gt;alert(2)&lt;/script&gt;"' in page.text
    assert "Brief &lt;script&gt;" in page.text
    assert "quote &lt;img src=x onerror=alert(1)&gt;" in page.text
    assert_no_live_markup(client.get("/?industry=" + XSS_SCRIPT).text)


def test_security_headers_on_every_response(settings, ids):
    client = client_for(settings)
    for path in ("/", f"/accounts/{ids['account']}", "/charts/funnel.svg", "/nope", "/static/review.css"):
        headers = client.get(path).headers
        csp = headers["content-security-policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp, path
        assert "script-src" not in csp and "unsafe-inline" not in csp
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"


def test_loopback_without_token_is_open_but_rejects_foreign_host_headers(settings, ids):
    client = client_for(settings)
    assert client.get("/").status_code == 200
    assert client.get("/", headers={"host": "localhost:8000"}).status_code == 200
    assert client.get("/", headers={"host": "[::1]:8000"}).status_code == 200
    rebound = client.get("/", headers={"host": "attacker.example"})  # DNS rebinding
    assert rebound.status_code == 400


def test_non_loopback_requires_token(settings):
    with pytest.raises(InputError, match="ACESCOUT_TOKEN"):
        app_for(settings, host="0.0.0.0")
    app_for(settings, host="0.0.0.0", token=TOKEN)  # with a token it builds


def test_serve_refuses_exposed_host_without_token(settings, monkeypatch):
    import uvicorn

    from review.server import serve

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append(kw))
    for host in ("0.0.0.0", "::", "192.168.1.20", "review.internal"):
        with pytest.raises(InputError, match="ACESCOUT_TOKEN"):
            serve(settings, host, 8000)
    monkeypatch.setenv("ACESCOUT_TOKEN", "short")
    with pytest.raises(InputError, match="too short"):
        serve(settings, "0.0.0.0", 8000)
    assert calls == []
    monkeypatch.setenv("ACESCOUT_TOKEN", TOKEN)
    serve(settings, "0.0.0.0", 8080)
    monkeypatch.delenv("ACESCOUT_TOKEN")
    serve(settings, "127.0.0.1", 8000)
    assert [(c["host"], c["port"]) for c in calls] == [("0.0.0.0", 8080), ("127.0.0.1", 8000)]


def test_token_from_environment_protects_every_page(settings, ids, monkeypatch):
    monkeypatch.setenv("ACESCOUT_TOKEN", TOKEN)
    client = TestClient(app_for(settings, host="0.0.0.0"), base_url="http://review.internal")
    for path in ("/", f"/accounts/{ids['account']}", "/charts", "/charts/funnel.svg", "/runs"):
        resp = client.get(path)
        assert resp.status_code == 401, path
        assert "Sign in" in resp.text and "Evil Corp" not in resp.text
    assert client.get("/", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert client.get("/", headers={"Authorization": f"Basic {TOKEN}"}).status_code == 401
    assert client.get("/", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
    assert client.get("/static/review.css").status_code == 200
    assert client.get("/healthz").status_code == 200


def test_login_form_sets_strict_httponly_cookie(settings, ids):
    client = TestClient(app_for(settings, host="0.0.0.0", token=TOKEN), base_url="http://review.internal")
    form = client.get("/login?next=/runs")
    token = csrf_of(form.text)
    bad = client.post("/login", data={"csrf_token": token, "token": "nope", "next": "/runs"})
    assert bad.status_code == 401 and "Invalid token" in bad.text
    assert client.post("/login", data={"token": TOKEN, "next": "/runs"}).status_code == 403
    ok = client.post("/login", data={"csrf_token": token, "token": TOKEN, "next": "//evil.example"},
                     follow_redirects=False)
    assert ok.status_code == 303 and ok.headers["location"] == "/"
    cookie = ok.headers["set-cookie"]
    assert "acescout_session=" in cookie and TOKEN not in cookie
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")
    assert client.get("/").status_code == 200
    assert client.get(f"/accounts/{ids['account']}").status_code == 200
    out = client.post("/logout", data={"csrf_token": token}, follow_redirects=False)
    assert out.status_code == 303
    assert client.get("/").status_code == 401


def test_forged_session_cookie_is_refused(settings):
    client = TestClient(app_for(settings, host="0.0.0.0", token=TOKEN), base_url="http://review.internal")
    client.cookies.set("acescout_session", TOKEN)
    assert client.get("/").status_code == 401


def test_csrf_missing_or_wrong_is_refused(settings, ids, engine):
    client = client_for(settings)
    page = client.get(f"/accounts/{ids['account']}")
    token = csrf_of(page.text)
    url = f"/candidates/{ids['candidate']}/approve"
    assert client.post(url, data={"reason": "ok"}).status_code == 403
    assert client.post(url, data={"csrf_token": "0" * 64}).status_code == 403
    other = client_for(settings)  # a token signed by another app instance is worthless here
    other_token = csrf_of(other.get("/login").text)
    assert client.post(url, data={"csrf_token": other_token}).status_code == 403
    cookieless = client_for(settings)
    assert cookieless.post(url, data={"csrf_token": token}).status_code == 403
    draft = client.post(f"/accounts/{ids['account']}/draft", data={"f0": "changed"})
    assert draft.status_code == 403
    with Session(engine) as s:
        cand = s.get(Candidate, ids["candidate"])
        assert cand.status == "proposed" and cand.ace_draft["Project"]["Title"].startswith('"><script>')
    assert client.post(url, data={"csrf_token": token}, follow_redirects=False).status_code == 303


def test_bearer_clients_need_no_csrf_but_cookie_clients_do(settings, ids, engine):
    client = TestClient(app_for(settings, host="0.0.0.0", token=TOKEN), base_url="http://review.internal")
    url = f"/candidates/{ids['candidate']}/reject"
    assert client.post(url, data={"reason": "dup"}, headers={"Authorization": "Bearer bad"}).status_code == 401
    resp = client.post(url, data={"reason": "duplicate", "reviewer": "api"},
                       headers={"Authorization": f"Bearer {TOKEN}"}, follow_redirects=False)
    assert resp.status_code == 303
    with Session(engine) as s:
        assert s.get(Candidate, ids["candidate"]).status == "rejected"


def test_redirect_targets_stay_on_site():
    from review.security import safe_next

    assert safe_next("/?list=outreach") == "/?list=outreach"
    for bad in ("//evil.example", "https://evil.example", "/\\evil.example", "", None, "javascript:x"):
        assert safe_next(bad) == "/"


def test_loopback_detection():
    from review.security import host_header_name, is_loopback

    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert is_loopback("127.0.0.2") and is_loopback("[::1]")
    assert not is_loopback("0.0.0.0") and not is_loopback("::") and not is_loopback("10.0.0.1")
    assert not is_loopback("localhost.evil.example")
    assert host_header_name("127.0.0.1:8000") == "127.0.0.1"
    assert host_header_name("[::1]:8000") == "::1"
    assert host_header_name("Localhost") == "localhost"
