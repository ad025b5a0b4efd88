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
from pathlib import Path

from article6.errors import OptionError

PASSWORD_ENV = "ARTICLE6_APP_PASSWORD"
PASSWORD_FILE_ENV = "ARTICLE6_APP_PASSWORD_FILE"
USER_ENV = "ARTICLE6_APP_USER"
DEFAULT_USER = "article6"
REALM = "article6"


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
            secret = Path(path).read_text(encoding="utf-8").rstrip("\r\n")
        except (OSError, UnicodeDecodeError) as exc:
            raise OptionError(
                label,
                "password file",
                "a readable UTF-8 file",
                getattr(exc, "strerror", None) or type(exc).__name__,
            ) from None
        if not secret:
            raise OptionError(label, "password file", "a non-empty password")
        return secret
    secret = env.get(PASSWORD_ENV)
    return secret or None


class BasicAuth:
    """WSGI middleware: every request needs ``Authorization: Basic`` with the right secret."""

    def __init__(self, app, password: str, user: str = DEFAULT_USER):
        self.app = app
        self._user = user.encode("utf-8")
        self._password = password.encode("utf-8")

    def _ok(self, header: str) -> bool:
        if not header.startswith("Basic "):
            return False
        try:
            user, _, pw = base64.b64decode(header[6:], validate=True).partition(b":")
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
        start_response(
            "401 Unauthorized",
            [
                ("WWW-Authenticate", f'Basic realm="{REALM}", charset="UTF-8"'),
                ("Content-Type", "text/plain; charset=utf-8"),
            ],
        )
        return [b"authentication required\n"]


def protect(flask_app, password: str, user: str | None = None) -> None:
    """Wrap ``flask_app.wsgi_app`` in :class:`BasicAuth`."""
    flask_app.wsgi_app = BasicAuth(
        flask_app.wsgi_app, password, user or os.environ.get(USER_ENV, DEFAULT_USER)
    )
