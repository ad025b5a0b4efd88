"""Serving the app: one process (waitress) or several (gunicorn), and the shared background manager.

* ``workers == 1``: waitress, one process with ``threads`` threads (as ever).
* ``workers > 1``: gunicorn's pre-fork server: the app is built once in the
  master (``preload_app``) and ``workers`` processes are forked from it, each
  with ``threads`` threads (the ``gthread`` worker, which keeps connections
  alive). Each process has its own caches (:mod:`app.answers`,
  :mod:`app.memo`); a request may reach any of them.

Background callbacks (the distribution's full sample) must be visible to every
worker: on one machine the DiskcacheManager's folder is created in the master
before the fork, so all workers share it; across machines,
:func:`celery_manager` runs them on Celery workers through Redis
(``--celery-broker`` or :data:`BROKER_ENV`), started with
``celery -A article6.app.worker:celery_app worker``.
"""

from __future__ import annotations

import os

from article6.errors import OptionError

#: Environment variable naming the Celery broker (a ``redis://`` URL), read when no flag gives one.
BROKER_ENV = "ARTICLE6_CELERY_BROKER"
#: Seconds a gunicorn worker may spend on one request before it is restarted.
WORKER_TIMEOUT = 120
#: Open connections one process holds (a browser keeps up to 6 open; waitress's default is 100).
CONNECTIONS = 1000


def broker_url(given: str | None = None, environ=None) -> str | None:
    """The Celery broker: ``given``, else :data:`BROKER_ENV`, else None (no Celery).

    Raises :class:`article6.errors.OptionError` for anything but a ``redis://``,
    ``rediss://`` or ``unix://`` URL.
    """
    env = os.environ if environ is None else environ
    url = given or env.get(BROKER_ENV) or None
    if url is not None and not url.startswith(("redis://", "rediss://", "unix://")):
        raise OptionError("--celery-broker", "Celery broker", "a redis:// URL", url)
    return url


def celery_manager(url: str):
    """Dash's CeleryManager on the Redis at ``url`` (broker and result store alike)."""
    from celery import Celery
    from dash import CeleryManager

    celery_app = Celery("article6", broker=url, backend=url)
    celery_app.conf.update(broker_connection_retry_on_startup=True)
    return CeleryManager(celery_app)


def _bind(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def serve(wsgi, host: str, port: int, workers: int = 1, threads: int = 8) -> None:
    """Serve ``wsgi`` until interrupted: waitress for one worker, gunicorn for more."""
    if workers <= 1:
        from waitress import serve as waitress_serve

        waitress_serve(wsgi, host=host, port=port, threads=threads, ident="article6",
                       connection_limit=CONNECTIONS)
        return
    _gunicorn(wsgi, _bind(host, port), workers, threads).run()


def _gunicorn(wsgi, bind: str, workers: int, threads: int):
    from gunicorn.app.base import BaseApplication

    class Prefork(BaseApplication):
        """gunicorn serving an already built WSGI app (no configuration file read)."""

        def load_config(self):
            for key, value in {
                "bind": bind,
                "workers": workers,
                "worker_class": "gthread",
                "threads": threads,
                "worker_connections": CONNECTIONS,
                "preload_app": True,
                "timeout": WORKER_TIMEOUT,
                "graceful_timeout": 10,
                "keepalive": 30,
                "backlog": 2048,
                "accesslog": None,
                "errorlog": "-",
                "loglevel": "warning",
                "proc_name": "article6",
            }.items():
                self.cfg.set(key, value)

        def load(self):
            return wsgi

    return Prefork()
