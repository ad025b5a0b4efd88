"""Confidentiality: loopback by default, basic auth off loopback, no secret on the command line."""

from __future__ import annotations

import base64
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from article6.app.auth import PASSWORD_ENV, PASSWORD_FILE_ENV, BasicAuth, is_loopback, read_password

from article6.errors import OptionError


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def clean_env(**extra) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ARTICLE6_APP_")}
    env.update(extra)
    return env


@pytest.mark.parametrize(
    "host, local",
    [
        ("127.0.0.1", True),
        ("127.0.0.2", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.5", False),
        ("example.org", False),
    ],
)
def test_is_loopback(host, local):
    assert is_loopback(host) is local


def test_password_from_env_or_file(tmp_path):
    assert read_password(environ={}) is None
    assert read_password(environ={PASSWORD_ENV: "s3cret"}) == "s3cret"
    f = tmp_path / "pw"
    f.write_text("from-file\n", encoding="utf-8")
    assert read_password(environ={PASSWORD_FILE_ENV: str(f), PASSWORD_ENV: "env"}) == "from-file"
    assert read_password(str(f), environ={}) == "from-file"
    (tmp_path / "empty").write_text("\n")
    with pytest.raises(OptionError):
        read_password(str(tmp_path / "empty"), environ={})
    with pytest.raises(OptionError) as info:
        read_password(str(tmp_path / "missing"), environ={})
    assert "--password-file" in str(info.value)


def _call(mw, header=None):
    seen = {}

    def start_response(status, headers):
        seen["status"] = status
        seen["headers"] = dict(headers)

    environ = {} if header is None else {"HTTP_AUTHORIZATION": header}
    body = b"".join(mw(environ, start_response))
    return seen["status"], seen["headers"], body


def _basic(user, pw):
    return "Basic " + base64.b64encode(f"{user}:{pw}".encode()).decode()


def test_basic_auth_middleware():
    def inner(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"secret position"]

    mw = BasicAuth(inner, "pässword", user="neg")
    for header in (
        None,
        "Bearer x",
        "Basic !!!",
        _basic("neg", "wrong"),
        _basic("other", "pässword"),
    ):
        status, headers, body = _call(mw, header)
        assert status.startswith("401") and b"secret" not in body
        assert headers["WWW-Authenticate"].startswith("Basic")
    assert _call(mw, _basic("neg", "pässword"))[0] == "200 OK"


def run_cli(*args, env=None, timeout=60):
    return subprocess.run(
        [sys.executable, "-m", "article6.cli", "app", *args],
        capture_output=True,
        text=True,
        env=env or clean_env(),
        timeout=timeout,
    )


def test_refuses_to_start_off_loopback_without_a_password():
    done = run_cli("--host", "0.0.0.0", "--port", str(free_port()))
    assert done.returncode == 2
    assert "ARTICLE6_APP_PASSWORD" in done.stderr and "Traceback" not in done.stderr


def test_no_password_option_on_the_command_line():
    done = run_cli("--host", "0.0.0.0", "--password", "oops")
    assert done.returncode == 2 and "unrecognized arguments" in done.stderr


def test_unreadable_password_file_exit_2(tmp_path):
    done = run_cli("--host", "0.0.0.0", "--password-file", str(tmp_path / "none"))
    assert done.returncode == 2 and "--password-file" in done.stderr


def test_debug_refused_off_loopback():
    done = run_cli("--host", "0.0.0.0", "--debug", env=clean_env(ARTICLE6_APP_PASSWORD="x"))
    assert done.returncode == 2 and "--debug" in done.stderr


def _wait(url, headers=None, timeout=30.0):
    deadline = time.monotonic() + timeout
    while True:
        req = urllib.request.Request(url, headers=headers or {})
        try:
            with urllib.request.urlopen(req, timeout=5) as r:
                return r.status, r.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def test_served_off_loopback_requires_the_password(tmp_path):
    port = free_port()
    pw = tmp_path / "pw"
    pw.write_text("correct horse\n", encoding="utf-8")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "article6.cli",
            "app",
            "--host",
            "0.0.0.0",
            "--port",
            str(port),
            "--password-file",
            str(pw),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=clean_env(),
    )
    try:
        url = f"http://127.0.0.1:{port}/_dash-layout"
        status, body = _wait(url)
        assert status == 401 and b"Table" not in body
        status, _ = _wait(url, {"Authorization": _basic("article6", "wrong")})
        assert status == 401
        status, body = _wait(url, {"Authorization": _basic("article6", "correct horse")})
        assert status == 200 and b"table4" in body
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_loopback_serves_without_password_by_default():
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "article6.cli", "app", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=clean_env(),
    )
    try:
        status, body = _wait(f"http://127.0.0.1:{port}/")
        assert status == 200 and b"_dash-config" in body
    finally:
        proc.terminate()
        proc.wait(timeout=10)
