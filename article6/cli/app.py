"""``article6 app [--host H] [--port P] [--scenario FILE] [--debug]``: serve the Dash front end.

Served by waitress (a production WSGI server), debug off unless ``--debug``.
Bound to an address other than loopback, the app requires HTTP basic auth;
the secret comes from ``ARTICLE6_APP_PASSWORD``, or from a file named by
``--password-file`` or ``ARTICLE6_APP_PASSWORD_FILE``, never from the command
line. Without one it refuses to start (exit status 2).
"""

from __future__ import annotations

from article6.errors import OptionError
from article6.resources import resolve_scenario

#: The scenario shown when no ``--scenario`` is given: the paper's.
DEFAULT_SCENARIO = "kor-2018-roadmap"


def add_parser(sub) -> None:
    """Register the subcommand."""
    p = sub.add_parser(
        "app",
        help="serve the Dash front end",
        allow_abbrev=False,
        description="Serve the Dash front end with waitress. Off loopback, HTTP basic auth is "
        "required: set ARTICLE6_APP_PASSWORD, or give --password-file / "
        "ARTICLE6_APP_PASSWORD_FILE (user name 'article6', or ARTICLE6_APP_USER).",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8050, help="port (default 8050)")
    p.add_argument(
        "--scenario",
        default=DEFAULT_SCENARIO,
        help="scenario shown when the page opens: a TOML file or a built-in id "
        "(default: kor-2018-roadmap, the paper's)",
    )
    p.add_argument(
        "--public-url",
        help="address share links start with, e.g. https://ca.example.org/ (default: the address "
        "the browser reached the app by)",
    )
    p.add_argument("--password-file", help="file holding the HTTP basic auth password")
    p.add_argument("--threads", type=int, default=8, help="waitress worker threads (default 8)")
    p.add_argument(
        "--debug",
        action="store_true",
        help="Dash's development server with debug tools (loopback only)",
    )
    p.set_defaults(run=run)


def run(args) -> int:
    """Check the binding and the secret, build the app, serve it."""
    from article6.app.auth import is_loopback, protect, read_password

    if not 0 < args.port < 65536:
        raise OptionError("--port", "port", "a port number in 1-65535", args.port)
    if args.threads < 1:
        raise OptionError("--threads", "threads", "at least 1", args.threads)
    password = read_password(args.password_file)
    local = is_loopback(args.host)
    if not local and password is None:
        raise OptionError(
            "--host",
            "host",
            f"a password for a non-loopback address ({args.host}): set ARTICLE6_APP_PASSWORD "
            "or give --password-file",
        )
    if args.debug and not local:
        raise OptionError("--debug", "debug", "a loopback --host (debug tools run code)")

    from article6.app.main import create_app

    if args.public_url and not args.public_url.startswith(("http://", "https://")):
        raise OptionError("--public-url", "public URL", "an address starting http:// or https://",
                          args.public_url)
    app = create_app(str(resolve_scenario(args.scenario)), public_url=args.public_url)
    if password is not None:
        protect(app.server, password)
    where = f"http://{args.host}:{args.port}/"
    auth = " (HTTP basic auth)" if password is not None else ""
    if args.debug:
        print(f"article6 app (debug) on {where}", flush=True)
        app.run(host=args.host, port=args.port, debug=True)
        return 0
    from waitress import serve

    print(f"article6 app on {where}{auth}; Ctrl-C stops it", flush=True)
    serve(app.server, host=args.host, port=args.port, threads=args.threads, ident="article6")
    return 0
