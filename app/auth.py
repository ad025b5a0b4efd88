"""HTTP basic authentication for the app when it is reachable beyond loopback.

Positions under negotiation are confidential. :func:`read_password` takes the
secret from the environment (``ARTICLE6_APP_PASSWORD``) or from a file
(``--password-file`` or ``ARTICLE6_APP_PASSWORD_FILE``), never from the
command line; :class:`BasicAuth` is a WSGI middleware that checks it on every
request with a constant-time comparison.
"""

from __future__ import annotations

import base64
import hmac
import ipaddress
import os

from article6.errors import OptionError
from article6.schema.reading import read_bounded

PASSWORD_ENV = "ARTICLE6_APP_PASSWORD"
PASSWORD_FILE_ENV = "ARTICLE6_APP_PASSWORD_FILE"
USER_ENV = "ARTICLE6_APP_USER"
DEFAULT_USER = "article6"
REALM = "article6"
#: Largest password file read (a regular file only: never a FIFO or a device).
MAX_PASSWORD_FILE_BYTES = 4096
#: Headers of the 401 answer, which no page of the app sees (mirrors the app's own).
_REFUSAL_HEADERS = [
    ("WWW-Authenticate", f'Basic realm="{REALM}", charset="UTF-8"'),
    ("Content-Type", "text/plain; charset=utf-8"),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "no-referrer"),
    ("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"),
]


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (127.0.0.0/8, ::1)."""
    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve anywhere


def read_password(password_file: str | None = None, environ=None) -> str | None:
    """The secret from ``--password-file``, ``ARTICLE6_APP_PASSWORD_FILE`` or the env variable.

    A file's trailing newline is dropped. Returns ``None`` when none is given.

    Raises
    ------
    OptionError
        When a password file is named but unreadable or empty.
    """
    env = os.environ if environ is None else environ
    path = password_file or env.get(PASSWORD_FILE_ENV)
    if path:
        label = "--password-file" if password_file else PASSWORD_FILE_ENV
        try:
            data = read_bounded(path, MAX_PASSWORD_FILE_BYTES, "password file", OptionError)
        except OptionError as exc:
            raise OptionError(label, "password file", f"{exc.expected}: {path}") from None
        try:
            secret = data.decode("utf-8").rstrip("\r\n")
        except UnicodeDecodeError:
            raise OptionError(label, "password file", "a UTF-8 file") from None
        if not secret.strip():
            raise OptionError(label, "password file", "a password that is not empty or only spaces")
        return secret
    secret = env.get(PASSWORD_ENV)
    if secret and not secret.strip():
        raise OptionError(PASSWORD_ENV, "password", "a password that is not only spaces")
    return secret or None


class BasicAuth:
    """WSGI middleware: every request needs ``Authorization: Basic`` with the right secret."""

    def __init__(self, app, password: str, user: str = DEFAULT_USER):
        if not password.strip():
            raise OptionError("password", "password", "a password that is not empty or only spaces")
        self.app = app
        self._user = user.encode("utf-8")
        self._password = password.encode("utf-8")

    def _ok(self, header: str) -> bool:
        scheme, _, token = header.strip().partition(" ")
        if scheme.lower() != "basic":  # the scheme is case-insensitive (RFC 7235)
            return False
        try:
            user, _, pw = base64.b64decode(token.strip(), validate=True).partition(b":")
        except ValueError:
            return False
        # both compared, always, in constant time
        good_user = hmac.compare_digest(user, self._user)
        good_pw = hmac.compare_digest(pw, self._password)
        return good_user and good_pw

    def __call__(self, environ, start_response):
        """Serve the request when it carries the secret; otherwise answer 401."""
        if self._ok(environ.get("HTTP_AUTHORIZATION", "")):
            return self.app(environ, start_response)
        start_response("401 Unauthorized", list(_REFUSAL_HEADERS))
        return [b"authentication required\n"]


def protect(flask_app, password: str, user: str | None = None) -> None:
    """Wrap ``flask_app.wsgi_app`` in :class:`BasicAuth`."""
    flask_app.wsgi_app = BasicAuth(
        flask_app.wsgi_app, password, user or os.environ.get(USER_ENV, DEFAULT_USER)
    )
