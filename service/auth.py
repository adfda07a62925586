"""Who is calling, and what they may do: API tokens, browser sessions, roles, CSRF and per-caller rate limits.

    contributor   submit notes; list and read their own organisation's notes
    analyst       themes, emergent themes, areas, indicators, evidence (never note text beyond suppressed quotes)
    facilitator   everything an analyst may, plus reports
    admin         everything; notes still only of their own organisation

Deny by default: `install(app)` adds a middleware that refuses (401, or a redirect to /login for pages) every
path not in PUBLIC_PATHS unless the caller shows a valid token (`Authorization: Bearer ...`) or session
cookie. Each router then names the roles it allows with `require(...)` (403 for anyone else).

Secrets are stored hashed: tokens and session ids as sha256 of 32 random bytes (shown once), passwords with
scrypt. Browser sessions are opaque random ids in an HttpOnly, SameSite=Lax cookie, looked up (hashed) in the
store, so signing out ends them at once. Every form POST carries a CSRF token (`csrf_token(request)` in
templates, checked by the `verify_csrf` dependency); a browser session calling the JSON API with an unsafe
method sends it as the X-CSRF-Token header.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass
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

CONTRIBUTOR = ("contributor", "admin")
ANALYST = ("analyst", "facilitator", "admin")
FACILITATOR = ("facilitator", "admin")
ADMIN = ("admin",)
SESSION_COOKIE = "ci_session"
CSRF_COOKIE = "ci_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
PUBLIC_PATHS = {"/", "/login", "/logout", "/api/v1/health", "/docs", "/docs/oauth2-redirect", "/redoc",
                "/openapi.json", "/favicon.ico"}
PUBLIC_PREFIXES = ("/static/",)
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
_SCRYPT = {"n": 2 ** 14, "r": 8, "p": 1}

templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
router = APIRouter(include_in_schema=False)


# ---- secrets ---------------------------------------------------------------------------------------
def new_secret() -> str:
    return secrets.token_urlsafe(32)


def sha256(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def hash_password(password: str) -> str:
    if len(password) < 10:
        raise InputError("The password is too short.", fix="Use at least 10 characters, e.g. three random words.")
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, dklen=32, **_SCRYPT)
    return f"scrypt${_SCRYPT['n']}${_SCRYPT['r']}${_SCRYPT['p']}${salt.hex()}${digest.hex()}"


def check_password(password: str, stored: str | None) -> bool:
    try:
        scheme, n, r, p, salt, digest = (stored or "").split("$")
        if scheme != "scrypt":
            return False
        got = hashlib.scrypt(password.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p), dklen=32)
    except ValueError:
        return False
    return hmac.compare_digest(got.hex(), digest)


# ---- set-up (the CLI and tests call these) -----------------------------------------------------------
def _org_for(store, role: str, org: str | None) -> int | None:
    if role not in ROLES:
        raise InputError(f"Unknown role '{role}'.", fix=f"Choose one of: {', '.join(ROLES)}.")
    if role == "contributor" and not org:
        raise InputError("A contributor belongs to an organisation.", fix="Add --org with the organisation's name.")
    return store.ensure_org(org.strip()) if org and org.strip() else None


def create_user(store, email: str, role: str, org: str | None, password: str | None) -> int:
    """Add a user; with no password they cannot sign in until one is set."""
    org_id = _org_for(store, role, org)
    return store.add_user(email, org_id, role, hash_password(password) if password else None)


def create_token(store, role: str, org: str | None, name: str | None = None) -> tuple[int, str]:
    """A new API token: (id, token). Only its sha256 is stored, so the token can be shown once only."""
    org_id = _org_for(store, role, org)
    token = "ci_" + new_secret()
    return store.add_token(sha256(token), role, org_id, name), token


def demo_accounts(store, org: str) -> list[dict]:
    """One demo user per role (contributors and admins in `org`) with fresh random passwords, and one analyst
    API token. Re-running resets the passwords. For the demo only: the passwords are printed once."""
    accounts = []
    for role in ROLES:
        email = f"demo-{role}@example.org"
        password = new_secret()[:16]
        user = store.user_by_email(email)
        if user:
            store.set_password_hash(user["id"], hash_password(password))
        else:
            create_user(store, email, role, org if role in CONTRIBUTOR else None, password)
        accounts.append({"role": role, "email": email, "password": password})
    _, token = create_token(store, "analyst", None, "demo analyst token")
    accounts.append({"role": "analyst", "email": "(API token)", "password": token})
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


def _lookup(request: Request) -> Principal | None:
    from engine.store import Store

    header = request.headers.get("authorization", "")
    token = header[7:].strip() if header[:7].lower() == "bearer " else None
    session = request.cookies.get(SESSION_COOKIE)
    if not token and not session:
        return None
    state = request.app.state
    with state.auth_lock:   # one connection kept open for these lookups: every request makes one
        if getattr(state, "auth_store", None) is None:
            state.auth_store = Store(state.settings.db_path)
        store = state.auth_store
        if token:
            row = store.token_principal(sha256(token))
            return row and Principal("token", row["id"], row["role"], row["org_id"], row["org"],
                                     f"token:{row['id']}", f"token:{row['id']}")
        row = store.session_principal(sha256(session))
        return row and Principal("session", row["id"], row["role"], row["org_id"], row["org"],
                                 f"user:{row['email']}", f"session:{sha256(session)[:16]}")


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


class RateLimiter:
    """Requests per minute per caller, over a sliding 60-second window, in memory."""

    def __init__(self, per_minute: int):
        self.per_minute = per_minute
        self._hits: dict[str, deque] = {}
        self._lock = threading.Lock()

    def hit(self, key: str) -> None:
        now = time.monotonic()
        with self._lock:
            hits = self._hits.setdefault(key, deque())
            while hits and hits[0] <= now - 60:
                hits.popleft()
            if len(hits) >= self.per_minute:
                wait = max(1, int(hits[0] + 60 - now + 0.999))
                raise RateLimitedError(f"Too many requests: the limit is {self.per_minute} a minute.",
                                       retry_after=wait)
            hits.append(now)


def is_public(path: str) -> bool:
    return path in PUBLIC_PATHS or path.startswith(PUBLIC_PREFIXES)


def error_response(exc) -> JSONResponse:
    headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, RateLimitedError) else {}
    return JSONResponse(exc.to_dict(), status_code=exc.status, headers=headers)


def install(app) -> None:
    """Deny by default, rate limits and the CSRF cookie, for every route of `app`."""
    app.state.rate_limiter = RateLimiter(app.state.settings.rate_limit_per_minute)
    app.state.auth_lock = threading.Lock()
    app.state.auth_store = None
    app.add_middleware(AccessMiddleware)


class AccessMiddleware:
    """The access check as a plain ASGI middleware (Starlette's BaseHTTPMiddleware, behind
    `@app.middleware("http")`, runs every request through an extra task and stream, which cost the busy
    API routes about a third of their time). Sets `request.state.principal` and `request.state.csrf`, refuses
    anonymous callers off the public paths, applies the rate limit and the CSRF header check, and sets the
    CSRF cookie on the response when the browser does not have the current one."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        request = Request(scope)
        state = request.state
        sent_csrf = request.cookies.get(CSRF_COOKIE)
        state.csrf = sent_csrf or new_secret()
        principal = _lookup(request)
        state.principal = principal
        path = scope["path"]
        try:
            if principal is None and not is_public(path):
                if path.startswith("/api/"):
                    raise AuthRequiredError("You need to sign in or send an API token to use this.")
                return await RedirectResponse(f"/login?next={quote(path)}", status_code=303)(scope, receive, send)
            if principal is not None:
                request.app.state.rate_limiter.hit(principal.key)
                if principal.uses_cookie and scope["method"] in UNSAFE and path.startswith("/api/"):
                    if not _csrf_ok(request, request.headers.get(CSRF_HEADER)):
                        raise ForbiddenError("This request has no valid CSRF token.",
                                             fix="Send the page's csrf_token in the X-CSRF-Token header.")
        except (AuthRequiredError, ForbiddenError, RateLimitedError) as exc:
            return await error_response(exc)(scope, receive, send)

        async def send_with_cookie(message):
            if message["type"] == "http.response.start" and state.csrf != sent_csrf:
                carrier = Response()
                _set_cookie(carrier, request, CSRF_COOKIE, state.csrf)
                cookies = [(k, v) for k, v in carrier.raw_headers if k == b"set-cookie"]
                message = {**message, "headers": list(message.get("headers", [])) + cookies}
            await send(message)

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


@router.post("/login", response_class=HTMLResponse)
def login(request: Request, email: str = Form(""), password: str = Form(""), next: str = Form("/"),
          _csrf: None = Depends(verify_csrf)):
    from engine.store import Store

    settings = request.app.state.settings
    store = Store(settings.db_path)
    try:
        user = store.user_by_email(email) if email.strip() else None
        if not user or not check_password(password, user["password_hash"]):
            return templates.TemplateResponse(
                request, "login.html", {"next": _safe_next(next), "csrf": csrf_token(request), "email": email,
                                        "error": "That email address and password do not match an account."},
                status_code=401)
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
