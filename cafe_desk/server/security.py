"""The phone pages' defences: CSRF tokens, the per-client rate limit, the request body limit, strict form reading,
security headers on every response, and a plain page for anything unexpected."""

from __future__ import annotations

import hmac
import logging
import math
import re
import secrets
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import parse_qsl

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from cafe_desk.server.visitors import keyed_hash

log = logging.getLogger("cafe_desk.server")

ALLOWED_METHODS = ("GET", "HEAD", "POST")
CSRF_COOKIE = "cd_form"
CSRF_FIELD = "csrf"
TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
MOST_CLIENTS = 100_000  # clients remembered at once by a rate limiter; past it the longest idle is forgotten
MAX_FIELDS = 64
SECURITY_HEADERS = (
    (b"content-security-policy", b"default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
                                 b"base-uri 'none'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
)


class FormError(Exception):
    """A form body that can't be read as text (invalid UTF-8, too many fields, not a plain form)."""


@dataclass(frozen=True)
class Limits:
    """How much one phone may send (body size in bytes, POSTs per client address per window), how long its request
    may take to arrive, and how many connections are held open per address and in all."""

    max_body: int = 16 * 1024
    posts_per_window: int = 10
    window_s: float = 60.0
    header_timeout_s: float = 10.0  # from connecting (or the last reply) to the end of the request's headers
    body_timeout_s: float = 20.0  # from the end of the headers to the end of the body
    connections_per_address: int = 24  # a phone's browser opens about six
    max_connections: int = 1000


class RateLimiter:
    """A sliding window of POST times per client; thread-safe. Clients are kept by a keyed hash of their address (a new
    key each time the server starts), never the address itself, and only while their last POST is inside the window:
    they are kept in the order they last posted, so the ones to forget are all at the front."""

    def __init__(self, limit: int, window_s: float, clock: Callable[[], float] = time.monotonic,
                 most: int = MOST_CLIENTS):
        self.limit = limit
        self.window_s = window_s
        self.clock = clock
        self.most = most
        self._key = secrets.token_bytes(16)
        self._hits: OrderedDict[bytes, deque[float]] = OrderedDict()  # least recently posting first
        self._lock = threading.Lock()

    def hit(self, address: str) -> int:
        """Count one POST from `address`; 0 if allowed, else the whole seconds to wait before the next one."""
        now = self.clock()
        key = keyed_hash(address, self._key)
        with self._lock:
            while self._hits and (len(self._hits) > self.most or self._idle(next(iter(self._hits.values())), now)):
                self._hits.popitem(last=False)
            hits = self._hits.setdefault(key, deque())
            while hits and hits[0] <= now - self.window_s:
                hits.popleft()
            if len(hits) >= self.limit:
                return max(1, math.ceil(hits[0] + self.window_s - now))
            hits.append(now)
            self._hits.move_to_end(key)
            return 0

    def _idle(self, hits: deque[float], now: float) -> bool:
        return not hits or hits[-1] <= now - self.window_s


# --- CSRF: a random per-visitor cookie repeated in a hidden field -------------------------------------------------

def csrf_token(request: Request) -> tuple[str, bool]:
    """The visitor's form token, and whether it is new (so the response must set the cookie)."""
    token = request.cookies.get(CSRF_COOKIE, "")
    if TOKEN_SHAPE.match(token):
        return token, False
    return secrets.token_urlsafe(16), True


def csrf_ok(request: Request, form: dict[str, str]) -> bool:
    """True when the hidden field matches the visitor's cookie (compared in constant time)."""
    cookie = request.cookies.get(CSRF_COOKIE, "")
    field = form.get(CSRF_FIELD, "")
    if not TOKEN_SHAPE.match(cookie) or not field:
        return False
    return hmac.compare_digest(cookie.encode(), field.encode())


def set_csrf_cookie(response: Response, token: str) -> None:
    """Set the form-token cookie on `response` (HTTP only, this site only)."""
    response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="lax", path="/")


# --- reading forms strictly ---------------------------------------------------------------------------------------

def parse_form(content_type: str, body: bytes) -> dict[str, str]:
    """A URL-encoded form body as {name: last value}; raises FormError for anything that isn't clean UTF-8 text."""
    if content_type.split(";")[0].strip().lower() != "application/x-www-form-urlencoded":
        raise FormError("not a plain form")
    try:
        text = body.decode("utf-8")
        pairs = parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict",
                          max_num_fields=MAX_FIELDS)
    except (UnicodeDecodeError, ValueError) as exc:
        raise FormError(str(exc)) from exc
    return dict(pairs)


# --- the middleware ---------------------------------------------------------------------------------------------

ErrorPage = Callable[..., Response]  # (status, kind, headers, **extra) -> the plain page


class GuardMiddleware:
    """Pure ASGI middleware around the whole app: methods, rate limit, body size, headers, and unexpected errors.

    `error_page(status, kind, headers)` draws the plain page for 405, 413, 429 and 500.
    """

    def __init__(self, app: ASGIApp, *, limits: Limits, error_page: ErrorPage,
                 limiter: RateLimiter | None = None):
        self.app = app
        self.limits = limits
        self.error_page = error_page
        self.limiter = limiter or RateLimiter(limits.posts_per_window, limits.window_s)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = _with_headers(send)
        method = scope["method"]
        if method not in ALLOWED_METHODS:
            await self._reply(405, "method", scope, receive, send, {"Allow": "GET, HEAD, POST"})
            return
        if method == "POST":
            client = (scope.get("client") or ("unknown", 0))[0]
            wait = self.limiter.hit(client)
            if wait:
                await self._reply(429, "busy", scope, receive, send, {"Retry-After": str(wait)}, wait=wait)
                return
            try:
                body = await _read_body(scope, receive, self.limits.max_body)
            except _Gone:
                return  # the phone left (or was too slow) before its form arrived: nothing to take in or answer
            if body is None:
                await self._reply(413, "too_large", scope, receive, send, {"Connection": "close"})
                return
            receive = _replay(body, receive)
        started = False

        async def track(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, track)
        except Exception:
            log.exception("Unexpected error on %s %s", method, scope.get("path", ""))
            if started:
                raise
            await self._reply(500, "error", scope, receive, send, {})

    async def _reply(self, status: int, kind: str, scope: Scope, receive: Receive, send: Send,
                     headers: dict[str, str], **extra) -> None:
        response = self.error_page(status, kind, headers, **extra)
        await response(scope, receive, send)


def _with_headers(send: Send) -> Send:
    """Add the security headers to every response start, and drop any server banner."""

    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"server"]
            present = {k.lower() for k, _ in headers}
            headers += [(k, v) for k, v in SECURITY_HEADERS if k not in present]
            message = {**message, "headers": headers}
        await send(message)

    return wrapped


class _Gone(Exception):
    """The connection closed before the whole body arrived."""


async def _read_body(scope: Scope, receive: Receive, limit: int) -> bytes | None:
    """The whole request body, or None as soon as it is larger than `limit` bytes; raises _Gone when the connection
    closes first (half a form is never taken in)."""
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                if int(value) > limit:
                    return None
            except ValueError:
                return None
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise _Gone
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replay(body: bytes, original: Receive) -> Callable[[], Awaitable[Message]]:
    """A `receive` that hands over the body already read, then waits on the real one (for a disconnect)."""
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await original()

    return receive
