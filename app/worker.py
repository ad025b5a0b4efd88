"""The Celery worker of the app's background callbacks: ``celery -A article6.app.worker:celery_app worker``.

It builds the same app as ``article6 app --celery-broker URL`` (so the same
background callbacks are registered as Celery tasks) on the broker named by
``ARTICLE6_CELERY_BROKER``, and exposes the Celery application as
``celery_app``. Start one or more on any machine that reaches the Redis.
"""

from __future__ import annotations

from article6.errors import OptionError

from .main import create_app
from .serve import BROKER_ENV, broker_url, celery_manager

_url = broker_url()
if _url is None:
    raise OptionError(BROKER_ENV, "Celery broker", f"a redis:// URL in {BROKER_ENV}", None)
manager = celery_manager(_url)
dash_app = create_app(manager=manager, remember=False)
celery_app = manager.handle
