"""Answers to callback requests, kept per process: the same request body is answered once.

Every callback of the page is a pure function of the values the browser sends
(the stores, the controls, the language), so two delegates who put the page in
the same state send the same ``POST /_dash-update-component`` body and must
get the same reply. :func:`install` wraps Dash's dispatch view: a body seen
before is answered from a bounded least-recently-used store (:class:`Memo`)
without running the callback again; anything else goes to Dash and its reply is
kept. The wrap sits inside Flask's request handling, so the basic-auth check,
the security headers and the size limit apply to a remembered reply exactly as
to a fresh one.

Never remembered: background callbacks (their first reply starts a job and
names it), requests with a query string (the polling of a background job),
replies other than 200/204 and bodies or replies larger than
:data:`MAX_ITEM_BYTES`.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict

from flask import Response, request

#: Path of Dash's callback endpoint.
ENDPOINT = "/_dash-update-component"
#: Entries kept per process (least recently used dropped first).
MAX_ITEMS = 4096
#: Bytes of replies kept per process, at most.
MAX_BYTES = 64 * 1024 * 1024
#: Larger request bodies or replies are never kept (uploads, Excel downloads).
MAX_ITEM_BYTES = 512 * 1024


class Memo:
    """A thread-safe LRU of reply bodies keyed by the SHA-256 of the request body.

    ``hits`` and ``misses`` count lookups since the process started.
    """

    def __init__(self, max_items: int = MAX_ITEMS, max_bytes: int = MAX_BYTES):
        self.max_items = max_items
        self.max_bytes = max_bytes
        self._items: OrderedDict[bytes, tuple[int, bytes, str]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: bytes) -> tuple[int, bytes, str] | None:
        """The kept ``(status, body, mimetype)`` of ``key``, or None."""
        with self._lock:
            found = self._items.get(key)
            if found is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return found

    def put(self, key: bytes, status: int, body: bytes, mimetype: str) -> None:
        """Keep a reply, dropping the least recently used ones beyond the bounds."""
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._bytes -= len(old[1])
            self._items[key] = (status, body, mimetype)
            self._bytes += len(body)
            while self._items and (len(self._items) > self.max_items or self._bytes > self.max_bytes):
                _, dropped = self._items.popitem(last=False)
                self._bytes -= len(dropped[1])

    def clear(self) -> None:
        """Forget every reply."""
        with self._lock:
            self._items.clear()
            self._bytes = 0

    def __len__(self) -> int:
        return len(self._items)


def background_outputs(dash_app) -> frozenset[str]:
    """The ``output`` strings of the app's background callbacks (never remembered)."""
    return frozenset(k for k, v in dash_app.callback_map.items() if v.get("background"))


def install(dash_app, memo: Memo | None = None, salt=None) -> Memo:
    """Wrap the app's callback endpoint with ``memo`` (a new :class:`Memo` by default).

    Call after every callback is registered. ``salt``: a function whose text
    joins the request body in the key (what else, in the process, the replies
    depend on: the methods registered). Returns the memo (its counters tell how
    often a reply was reused).
    """
    memo = memo if memo is not None else Memo()
    server = dash_app.server
    endpoint = next(r.endpoint for r in server.url_map.iter_rules() if r.rule == ENDPOINT)
    dispatch = server.view_functions[endpoint]
    skip = background_outputs(dash_app)

    def remembered(*args, **kwargs):
        raw = request.get_data(cache=True)
        if request.query_string or len(raw) > MAX_ITEM_BYTES:
            return dispatch(*args, **kwargs)
        key = hashlib.sha256(raw + (salt().encode() if salt else b"")).digest()
        found = memo.get(key)  # only replies of callbacks that may be remembered are ever kept
        if found is not None:
            status, body, mimetype = found
            return Response(body, status=status, mimetype=mimetype)
        try:
            output = json.loads(raw).get("output")
        except (ValueError, AttributeError):
            return dispatch(*args, **kwargs)
        if output in skip:
            return dispatch(*args, **kwargs)
        reply = server.make_response(dispatch(*args, **kwargs))
        if reply.status_code in (200, 204) and not reply.direct_passthrough:
            body = reply.get_data()
            if len(body) <= MAX_ITEM_BYTES:
                memo.put(key, reply.status_code, body, reply.mimetype or "application/json")
        return reply

    server.view_functions[endpoint] = remembered
    return memo
