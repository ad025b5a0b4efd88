"""``article6 app [--host 127.0.0.1] [--port 8050]``: serve the Dash front end."""

from __future__ import annotations

from pathlib import Path

DEFAULT_SCENARIO = Path(__file__).resolve().parents[2] / "data" / "scenarios" / "kor-2018-roadmap.toml"


def add_parser(sub) -> None:
    """Register the subcommand."""
    p = sub.add_parser("app", help="serve the Dash front end")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8050)
    p.add_argument("--scenario", default=str(DEFAULT_SCENARIO))
    p.set_defaults(run=run)


def run(args) -> int:
    """Serve with waitress."""
    from waitress import serve

    from app.main import create_app

    app = create_app(args.scenario)
    print(f"article6 app on http://{args.host}:{args.port}/", flush=True)
    serve(app.server, host=args.host, port=args.port, threads=8)
    return 0
