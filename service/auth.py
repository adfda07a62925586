"""Who is calling, and what they may do: API tokens, browser sessions, roles, CSRF and per-caller rate limits.

    contributor   submit notes; list and read their own organisation's notes
    analyst       themes, emergent themes, areas, indicators, evidence (never note text beyond suppressed quotes)
    facilitator   everything an analyst may, plus reports
    admin         everything; notes still only of their own organisation

Deny by default: `install(app)` adds a middleware that refuses (401, or a redirect to /login for pages) every
path not in PUBLIC_PATHS unless the caller shows a valid token (`Authorization: Bearer ...`) or session
cookie. Each router then names the roles it allows with `require(...)` (403 for anyone else).

Secrets are stored hashed: tokens and session ids as sha256 of 32 random bytes (shown once), passwords with
scrypt at OWASP's minimum cost (service/passwords.py: N=2**17, r=8, p=1, the parameters kept in the hash so
older, cheaper hashes still verify; they are re-hashed at the current cost on the next successful sign-in). A
token may carry an expiry (demo tokens do); an expired one answers 401 saying so. Browser sessions are opaque
random ids in an HttpOnly, SameSite=Lax cookie, looked up (hashed) in the store, so signing out ends them at once.
Every form POST carries a CSRF token (`csrf_token(request)` in templates, checked by the `verify_csrf`
dependency); a browser session calling the JSON API with an unsafe method sends it as the X-CSRF-Token header.

Sign-in is throttled (`LoginThrottle`): failed sign-ins are counted per account (the sha256 of the email, so an
email with no account counts the same) and per client address; past the limit the next tries answer 429 with
Retry-After for a while, with one message whatever the email. An email with no account is checked against a dummy
hash of the same cost, so the answer takes as long as for a real account. Failed sign-ins, lockouts and every
401 or 403 answer are written to the audit file (engine/store/audit.py): who, what, when, route, client address.
Rate limits are per person (every session of one user shares one budget) and per token.
"""
from __future__ import annotations

import hmac
import os
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from engine.core.errors import (
    AuthRequiredError,
    ForbiddenError,
    InputError,
    RateLimitedError,
)
from engine.store.access import ROLES
from service.passwords import (
    SCRYPT_N,
    check_password,
    dummy_hash,
    hash_password,
    needs_rehash,
    new_secret,
    sha256,
)
from service.throttle import LoginThrottle, RateLimiter

CONTRIBUTOR = ("contributor", "admin")
ANALYST = ("analyst", "facilitator", "admin")
FACILITATOR = ("facilitator", "admin")
ADMIN = ("admin",)
SESSION_COOKIE = "ci_session"
CSRF_COOKIE = "ci_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
PUBLIC_PATHS = {"/", "/login", "/logout", "/api/v1/health", "/docs", "/openapi.json", "/favicon.ico"}
PUBLIC_PREFIXES = ("/static/", "/docs-static/")
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
DEMO_TOKEN_DAYS = 7

templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
router = APIRouter(include_in_schema=False)


# ---- set-up (the CLI and tests call these) -----------------------------------------------------------
def _org_for(store, role: str, org: str | None) -> int | None:
    if role not in ROLES:
        raise InputError(f"Unknown role '{role}'.", fix=f"Choose one of: {', '.join(ROLES)}.")
    if role == "contributor" and not org:
        raise InputError("A contributor belongs to an organisation.", fix="Add --org with the organisation's name.")
    return store.ensure_org(org.strip()) if org and org.strip() else None


def create_user(store, email: str, role: str, org: str | None, password: str | None,
                scrypt_n: int = SCRYPT_N) -> int:
    """Add a user; with no password they cannot sign in until one is set. `scrypt_n` is lowered only by tests."""
    org_id = _org_for(store, role, org)
    return store.add_user(email, org_id, role, hash_password(password, scrypt_n) if password else None)


def expires_in(days: int) -> str:
    """The expiry of something made now that lasts `days` days, as the store writes times (ISO, UTC)."""
    if days < 1:
        raise InputError(f"A token must last at least a day, not {days}.", fix="Give --expires-days 1 or more.")
    return (datetime.now(timezone.utc) + timedelta(days=days)).isoformat(timespec="seconds")


def create_token(store, role: str, org: str | None, name: str | None = None,
                 expires_at: str | None = None) -> tuple[int, str]:
    """A new API token: (id, token). Only its sha256 is stored, so the token can be shown once only. With
    `expires_at` (see `expires_in`) it stops working then; without, it works until revoked."""
    org_id = _org_for(store, role, org)
    token = "ci_" + new_secret()
    return store.add_token(sha256(token), role, org_id, name, expires_at), token


def demo_accounts(store, org: str, scrypt_n: int = SCRYPT_N) -> list[dict]:
    """One demo user per role (contributors and admins in `org`) with fresh random passwords, and one analyst
    API token that expires after DEMO_TOKEN_DAYS. Re-running resets the passwords. For the demo only: the
    passwords are printed once."""
    from concurrent.futures import ThreadPoolExecutor

    passwords = {role: new_secret()[:16] for role in ROLES}
    # scrypt at N = 2^17 takes about half a second a password and releases the GIL: hash them side by side
    with ThreadPoolExecutor(max_workers=min(len(ROLES), os.cpu_count() or 1)) as pool:
        hashes = dict(zip(ROLES, pool.map(lambda role: hash_password(passwords[role], scrypt_n), ROLES)))
    accounts = []
    for role in ROLES:
        email = f"demo-{role}@example.org"
        user = store.user_by_email(email)
        user_id = user["id"] if user else create_user(store, email, role, org if role in CONTRIBUTOR else None, None)
        store.set_password_hash(user_id, hashes[role])
        accounts.append({"role": role, "email": email, "password": passwords[role]})
    expires = expires_in(DEMO_TOKEN_DAYS)
    _, token = create_token(store, "analyst", None, "demo analyst token", expires_at=expires)
    accounts.append({"role": "analyst", "email": "(API token)", "password": token, "expires_at": expires})
    return accounts


# ---- the caller --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Principal:
    kind: str            # "token" or "session"
    id: int              # token id or user id
    role: str
    org_id: int | None
    org: str | None
    label: str           # for the audit log: "token:3" or "user:a@b.org"
    key: str             # rate-limit key

    @property
    def uses_cookie(self) -> bool:
        return self.kind == "session"


def _lookup(request: Request) -> tuple[Principal | None, str]:
    """(the caller, or None; why not, when credentials were sent: '' | 'token expired' | 'token not recognised'
    | 'session not recognised')."""
    from engine.store import Store

    header = request.headers.get("authorization", "")
    token = header[7:].strip() if header[:7].lower() == "bearer " else None
    session = request.cookies.get(SESSION_COOKIE)
    if not token and not session:
        return None, ""
    state = request.app.state
    with state.auth_lock:   # one connection kept open for these lookups: every request makes one
        if getattr(state, "auth_store", None) is None:
            state.auth_store = Store(state.settings.db_path)
        store = state.auth_store
        if token:
            row = store.token_principal(sha256(token))
            if not row:
                return None, "token not recognised"
            if row["expired"]:
                return None, "token expired"
            return Principal("token", row["id"], row["role"], row["org_id"], row["org"], f"token:{row['id']}",
                             f"token:{row['id']}"), ""
        row = store.session_principal(sha256(session))
        if not row:
            return None, "session not recognised"
        # keyed by the person, not the session: signing in ten times does not buy ten budgets
        return Principal("session", row["id"], row["role"], row["org_id"], row["org"], f"user:{row['email']}",
                         f"user:{row['id']}"), ""


def current_principal(request: Request) -> Principal:
    principal = getattr(request.state, "principal", None)
    if principal is None:
        raise AuthRequiredError("You need to sign in or send an API token to use this.")
    return principal


def require(*roles: str):
    """A dependency that lets through only callers with one of `roles` (401 for nobody, 403 for others)."""
    async def dependency(request: Request) -> Principal:   # async: no thread hop for a dictionary lookup
        principal = current_principal(request)
        if principal.role not in roles:
            raise ForbiddenError(f"Your role ({principal.role}) may not do this; it needs one of: "
                                 f"{', '.join(roles)}.")
        return principal
    dependency.roles = roles
    return dependency


def client_address(request: Request) -> str:
    """The address the connection came from (a proxy's, behind one: X-Forwarded-For is not trusted)."""
    return request.client.host if request.client and request.client.host else "unknown"


def audit_event(request: Request, event: str, principal: str, org_id: int | None, status: int,
                detail: str = "") -> None:
    """Queue an access event for the audit file (no I/O here: safe on the event loop), once per request."""
    from engine.store.audit import event_row

    request.state.access_audited = True
    request.app.state.audit_writer.submit_event(
        event_row(event, principal, org_id, request.method, request.url.path, status, client_address(request),
                  detail))


def is_public(path: str) -> bool:
    return path in PUBLIC_PATHS or path.startswith(PUBLIC_PREFIXES)


def error_response(exc) -> JSONResponse:
    headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, RateLimitedError) else {}
    return JSONResponse(exc.to_dict(), status_code=exc.status, headers=headers)


def install(app) -> None:
    """Deny by default, rate limits and the CSRF cookie, for every route of `app`."""
    settings = app.state.settings
    app.state.rate_limiter = RateLimiter(settings.rate_limit_per_minute)
    app.state.login_throttle = LoginThrottle(settings.login_max_failures, settings.login_address_max_failures,
                                             settings.login_lockout_minutes)
    app.state.auth_lock = threading.Lock()
    app.state.auth_store = None
    app.add_middleware(AccessMiddleware)


class AccessMiddleware:
    """The access check as a plain ASGI middleware (Starlette's BaseHTTPMiddleware, behind
    `@app.middleware("http")`, runs every request through an extra task and stream, which cost the busy
    API routes about a third of their time). Sets `request.state.principal` and `request.state.csrf`, refuses
    anonymous callers off the public paths (an expired token is told so), applies the rate limit and the CSRF
    header check, sets the CSRF cookie on the response when the browser does not have the current one, and
    writes every 401 or 403 answer (from here or from a route) to the audit file."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        request = Request(scope)
        state = request.state
        sent_csrf = request.cookies.get(CSRF_COOKIE)
        state.csrf = sent_csrf or new_secret()
        principal, problem = _lookup(request)
        state.principal = principal
        path = scope["path"]

        async def send_with_cookie(message):
            if message["type"] == "http.response.start":
                if message["status"] in (401, 403) and not getattr(state, "access_audited", False):
                    who = principal.label if principal else "anonymous"
                    detail = f"role {principal.role}" if principal else (problem or "no credentials")
                    audit_event(request, "refused", who, principal.org_id if principal else None,
                                message["status"], detail)
                if state.csrf != sent_csrf:
                    carrier = Response()
                    _set_cookie(carrier, request, CSRF_COOKIE, state.csrf)
                    cookies = [(k, v) for k, v in carrier.raw_headers if k == b"set-cookie"]
                    message = {**message, "headers": list(message.get("headers", [])) + cookies}
            await send(message)

        try:
            if principal is None and not is_public(path):
                if path.startswith("/api/"):
                    if problem == "token expired":
                        raise AuthRequiredError("This API token has expired.",
                                                fix="Ask an admin for a new one (`insights tokens create --role ROLE "
                                                    "--expires-days N`); an expired token cannot be renewed.")
                    raise AuthRequiredError("You need to sign in or send an API token to use this.")
                return await RedirectResponse(f"/login?next={quote(path)}", status_code=303)(scope, receive, send)
            if principal is not None:
                request.app.state.rate_limiter.hit(principal.key)
                if principal.uses_cookie and scope["method"] in UNSAFE and path.startswith("/api/"):
                    if not _csrf_ok(request, request.headers.get(CSRF_HEADER)):
                        raise ForbiddenError("This request has no valid CSRF token.",
                                             fix="Send the page's csrf_token in the X-CSRF-Token header.")
        except (AuthRequiredError, ForbiddenError, RateLimitedError) as exc:
            return await error_response(exc)(scope, receive, send_with_cookie)

        await self.app(scope, receive, send_with_cookie)


# ---- CSRF ----------------------------------------------------------------------------------------------
def csrf_token(request: Request) -> str:
    """The token a template puts in every form: <input type="hidden" name="csrf_token" value="...">."""
    return request.state.csrf


def _csrf_ok(request: Request, sent: str | None) -> bool:
    cookie = request.cookies.get(CSRF_COOKIE)
    return bool(sent and cookie) and hmac.compare_digest(str(sent), cookie)


async def verify_csrf(request: Request) -> None:
    """Dependency for every form POST: the form's csrf_token must match the browser's CSRF cookie. Callers
    with an API token (no cookies involved) are let through."""
    principal = getattr(request.state, "principal", None)
    if principal is not None and not principal.uses_cookie:
        return
    form = await request.form()
    if not _csrf_ok(request, form.get(CSRF_FIELD) or request.headers.get(CSRF_HEADER)):
        raise ForbiddenError("This form has expired or did not come from this site.",
                             fix="Go back, reload the page and send the form again.")


def _set_cookie(response, request: Request, name: str, value: str, max_age: int | None = None) -> None:
    response.set_cookie(name, value, max_age=max_age, httponly=True, samesite="lax", path="/",
                        secure=request.url.scheme == "https")


# ---- sign in and out -------------------------------------------------------------------------------------
def _safe_next(target: str | None) -> str:
    return target if target and target.startswith("/") and not target.startswith("//") else "/"


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/"):
    return templates.TemplateResponse(request, "login.html", {"next": _safe_next(next), "csrf": csrf_token(request)})


LOCKED_MESSAGE = ("Too many failed sign-ins for this account or from this computer's address. Wait {minutes} and "
                  "try again. If you have forgotten your password, ask an admin of your organisation to set a new one.")


def _login_form(request: Request, next: str, email: str, error: str, status: int, headers=None):
    return templates.TemplateResponse(
        request, "login.html", {"next": _safe_next(next), "csrf": csrf_token(request), "email": email,
                                "error": error}, status_code=status, headers=headers)


@router.post("/login", response_class=HTMLResponse)
def login(request: Request, email: str = Form(""), password: str = Form(""), next: str = Form("/"),
          _csrf: None = Depends(verify_csrf)):
    """Sign in. Every refusal looks and takes the same whether or not the email has an account: a wrong
    password and an unknown email both cost one scrypt check and answer 401; a locked account or address answers
    429 with Retry-After before any check. Each refusal is written to the audit file."""
    from engine.store import Store

    settings = request.app.state.settings
    throttle: LoginThrottle = request.app.state.login_throttle
    account = sha256(email.strip().lower())
    wait = throttle.locked_for(account, client_address(request))
    if wait:
        audit_event(request, "login_locked", f"email:sha256:{account}", None, 429, "locked out")
        minutes = max(1, (wait + 59) // 60)
        return _login_form(request, next, email, LOCKED_MESSAGE.format(
            minutes=f"{minutes} minute{'s' if minutes != 1 else ''}"), 429, {"Retry-After": str(wait)})
    store = Store(settings.db_path)
    try:
        user = store.user_by_email(email) if email.strip() else None
        stored = user["password_hash"] if user and user["password_hash"] else dummy_hash(settings.password_scrypt_n)
        if not (check_password(password, stored) and user and user["password_hash"]):
            throttle.failed(account, client_address(request))
            who = f"user:{user['email']}" if user else f"unknown-email:sha256:{account}"
            audit_event(request, "login_failed", who, user["org_id"] if user else None, 401,
                        "wrong password" if user else "no such account")
            return _login_form(request, next, email, "That email address and password do not match an account.",
                               401)
        throttle.succeeded(account)
        if needs_rehash(user["password_hash"], settings.password_scrypt_n):
            store.set_password_hash(user["id"], hash_password(password, settings.password_scrypt_n))
        session = new_secret()
        store.add_session(sha256(session), user["id"], settings.session_hours)
    finally:
        store.close()
    response = RedirectResponse(_safe_next(next), status_code=303)
    _set_cookie(response, request, SESSION_COOKIE, session, max_age=settings.session_hours * 3600)
    request.state.csrf = new_secret()  # a fresh CSRF token for the new session
    return response


@router.post("/logout")
def logout(request: Request, _csrf: None = Depends(verify_csrf)):
    from engine.store import Store

    session = request.cookies.get(SESSION_COOKIE)
    if session:
        store = Store(request.app.state.settings.db_path)
        try:
            store.end_session(sha256(session))
        finally:
            store.close()
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
