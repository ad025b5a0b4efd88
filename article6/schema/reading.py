"""Bounded reading of input files: regular files only, a size limit, a TOML shape limit.

Every input file (a scenario, a parties file, an upload in the app) is read
through :func:`read_bounded` and, when it is TOML, parsed through
:func:`loads_toml`, so that any file under the size limit is answered quickly
and in little memory, whatever it holds:

* :func:`read_bounded` opens without blocking, checks with ``fstat`` that the
  path is a regular file (not a FIFO, a device, a socket or a directory) of at
  most ``limit`` bytes, and never reads more than ``limit + 1`` bytes;
* :func:`check_toml_shape` scans the TOML text once, before the parser sees
  it, and refuses what would make the parser slow, deep or large: nesting of
  arrays and inline tables deeper than :data:`MAX_NESTING`, keys of more than
  :data:`MAX_KEY_PARTS` dotted parts, a table nested deeper than
  :data:`MAX_TABLE_DEPTH` in all, more than :data:`MAX_KEYS` keys or
  :data:`MAX_ITEMS` array items, and unquoted values (numbers, dates) longer
  than :data:`MAX_BARE_CHARS` characters (so no integer has thousands of digits).

The limits are far above what any scenario needs (a scenario has well under a
hundred keys and three levels of tables) and are documented in SECURITY.md.
"""

from __future__ import annotations

import io
import os
import re
import stat
import tomllib
import zipfile
from pathlib import Path
from typing import Any

from article6 import errors as E

#: Deepest nesting of arrays and inline tables inside one value.
MAX_NESTING = 8
#: Most parts in one dotted key or table header (``a.b.c`` has three).
MAX_KEY_PARTS = 8
#: Deepest table in all: header parts + dotted key parts + inline tables.
MAX_TABLE_DEPTH = 16
#: Most keys in one file (a scenario needs well under a hundred).
MAX_KEYS = 10_000
#: Most array items in one file.
MAX_ITEMS = 100_000
#: Longest unquoted value (a number, a date, ``true``).
MAX_BARE_CHARS = 64
#: Most bytes an Excel workbook (a zip archive) may unpack to, summed over its members.
MAX_WORKBOOK_UNPACKED = 256 * 2**20


def check_workbook(data: bytes, source: str, error: type[E.InputError],
                   limit: int = MAX_WORKBOOK_UNPACKED) -> None:
    """Refuse a ``.xlsx`` that is not a zip archive or would unpack to more than ``limit`` bytes.

    A workbook is compressed XML: a few megabytes can unpack to gigabytes
    inside the spreadsheet reader. The sizes are read from the archive's
    directory before anything is unpacked; :mod:`zipfile` never unpacks a
    member beyond the size its directory declares.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            unpacked = sum(i.file_size for i in z.infolist())
    except (zipfile.BadZipFile, ValueError):
        raise error(source, "(file)", "an Excel workbook (.xlsx, a zip archive)") from None
    if unpacked > limit:
        raise error(source, "(file)", f"a workbook of at most {limit:,} bytes unpacked", unpacked)


def read_bounded(path: str | Path, limit: int, what: str,
                 error: type[E.InputError] = E.ScenarioError) -> bytes:
    """Read a regular file of at most ``limit`` bytes; refuse FIFOs, devices, directories.

    The file is opened without blocking and checked with ``fstat`` before a
    byte is read, and at most ``limit + 1`` bytes are ever read.

    Raises
    ------
    error
        Naming the file: missing, unreadable, not a regular file, too large.
    """
    src = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise error(src, "(file)", f"an existing {what}") from None
    except OSError as exc:
        raise error(src, "(file)", f"a readable {what} ({exc.strerror})") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise error(src, "(file)", f"a {what}, not a directory")
        if not stat.S_ISREG(st.st_mode):
            raise error(src, "(file)", f"a regular file ({what}), not a FIFO, socket or device")
        if st.st_size > limit:
            raise error(src, "(file)", f"a {what} of at most {limit:,} bytes", f"{st.st_size:,} bytes")
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise error(src, "(file)", f"a readable {what} ({exc.strerror})") from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise error(src, "(file)", f"a {what} of at most {limit:,} bytes")
    return data


# --------------------------------------------------------------------------- TOML shape

# One token of TOML at a time; whitespace, newlines and comments are skipped in one match.
_SKIP = re.compile(r"(?:[ \t\r]++|#[^\n]*+)*+")
_SKIP_NL = re.compile(r"(?:[ \t\r\n]++|#[^\n]*+)*+")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]++")
# possessive quantifiers: a long string or comment run is matched without a backtracking stack
_STRINGS = (
    ('"""', re.compile(r'"""(?:[^"\\]++|\\.|"(?!""))*+"""(?:"{0,2})', re.S)),
    ("'''", re.compile(r"'''(?:[^']++|'(?!''))*+'''(?:'{0,2})", re.S)),
    ('"', re.compile(r'"(?:[^"\\\n]++|\\.)*+"')),
    ("'", re.compile(r"'[^'\n]*+'")),
)
_BARE_VALUE = re.compile(r"[^\s,\]\}#\[\{\"']+")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_SPACE_TIME = re.compile(r" [0-9]{2}:[0-9]{2}[^\s,\]\}#]{0,40}")


class _Shape:
    """A single pass over TOML text that refuses shapes the parser would be slow or deep on."""

    def __init__(self, text: str, source: str, error: type[E.InputError]):
        self.text, self.source, self.error = text, source, error
        self.pos = 0
        self.key_start = 0
        self.keys = 0
        self.items = 0

    def fail(self, expected: str) -> None:
        line = self.text.count("\n", 0, self.pos) + 1
        key = self.text[self.key_start:self.key_start + 40].split("=")[0].strip()
        where = f"line {line}" + (f" ({key}...)" if key else "")
        raise self.error(self.source, where, expected)

    def skip(self, newlines: bool) -> None:
        self.pos = (_SKIP_NL if newlines else _SKIP).match(self.text, self.pos).end()

    def string(self) -> bool:
        for opener, pattern in _STRINGS:
            if self.text.startswith(opener, self.pos):
                m = pattern.match(self.text, self.pos)
                if m is None:
                    return False  # unterminated: the parser names the error
                self.pos = m.end()
                return True
        return False

    def key(self) -> int | None:
        """A (dotted) key; returns its number of parts, or None where no key can be read."""
        parts = 0
        self.skip(False)
        self.key_start = self.pos
        while True:
            self.skip(False)
            if self.pos < len(self.text) and self.text[self.pos] in "\"'":
                if not self.string():
                    return None
            else:
                m = _BARE_KEY.match(self.text, self.pos)
                if m is None:
                    return None
                self.pos = m.end()
            parts += 1
            if parts > MAX_KEY_PARTS:
                self.fail(f"keys of at most {MAX_KEY_PARTS} dotted parts")
            self.skip(False)
            if not self.text.startswith(".", self.pos):
                return parts
            self.pos += 1

    def count_key(self) -> None:
        self.keys += 1
        if self.keys > MAX_KEYS:
            self.fail(f"at most {MAX_KEYS:,} keys in the file")

    def scan(self) -> bool:
        """Scan the whole text; False where the scan cannot follow it (not TOML there)."""
        text = self.text
        table_depth = 0
        while True:
            self.skip(True)
            if self.pos >= len(text):
                return True
            if text[self.pos] == "[":  # a table header [a.b] or [[a.b]]
                array = text.startswith("[[", self.pos)
                self.pos += 2 if array else 1
                parts = self.key()
                if parts is None or not text.startswith("]]" if array else "]", self.pos):
                    return False
                self.count_key()
                table_depth = parts
                self.pos += 2 if array else 1
                self.skip(False)
                if self.pos < len(text) and text[self.pos] != "\n":
                    return False
                continue
            parts = self.key()
            if parts is None or not text.startswith("=", self.pos):
                return False
            self.count_key()
            if table_depth + parts > MAX_TABLE_DEPTH:
                self.fail(f"tables nested at most {MAX_TABLE_DEPTH} deep")
            self.pos += 1
            if not self.value(table_depth + parts):
                return False

    def value(self, depth: int) -> bool:
        """One value after ``=``; ``depth``: tables above it. False where the scan stops."""
        text = self.text
        stack: list[tuple[str, int]] = []  # open '[' or '{', with the table depth inside
        while True:
            self.skip(bool(stack) and stack[-1][0] == "[")
            if self.pos >= len(text):
                return False
            c = text[self.pos]
            if c in "[{":
                if len(stack) >= MAX_NESTING:
                    self.fail(f"arrays and inline tables nested at most {MAX_NESTING} deep")
                self.pos += 1
                here = stack[-1][1] if stack else depth
                if c == "{":
                    stack.append(("{", here))
                    if not self.inline_key(stack):
                        return False
                    continue
                stack.append(("[", here))
                self.items += 1
                if self.items > MAX_ITEMS:
                    self.fail(f"at most {MAX_ITEMS:,} array items in the file")
                continue
            if c in "]}":
                if not stack:
                    return False
                stack.pop()
                self.pos += 1
            elif c in "\"'":
                if not self.string():
                    return False
            elif c == ",":
                self.pos += 1
                if stack and stack[-1][0] == "{":
                    if not self.inline_key(stack):
                        return False
                    continue
                self.items += 1
                if self.items > MAX_ITEMS:
                    self.fail(f"at most {MAX_ITEMS:,} array items in the file")
                continue
            elif c == "\n":
                return not stack
            else:
                m = _BARE_VALUE.match(text, self.pos)
                if m is None:
                    return False
                if m.end() - m.start() > MAX_BARE_CHARS:
                    self.fail(f"numbers and dates of at most {MAX_BARE_CHARS} characters")
                self.pos = m.end()
                if _DATE.fullmatch(m.group()) and _SPACE_TIME.match(text, self.pos):
                    self.pos = _SPACE_TIME.match(text, self.pos).end()  # 1979-05-27 07:32:00
            if not stack:
                self.skip(False)
                return self.pos >= len(text) or text[self.pos] == "\n"

    def inline_key(self, stack: list[tuple[str, int]]) -> bool:
        """``key =`` inside an inline table (or its closing brace)."""
        self.skip(False)
        if self.text.startswith("}", self.pos):
            return True
        parts = self.key()
        if parts is None or not self.text.startswith("=", self.pos):
            return False
        self.count_key()
        depth = stack[-1][1] + parts
        if depth > MAX_TABLE_DEPTH:
            self.fail(f"tables nested at most {MAX_TABLE_DEPTH} deep")
        stack[-1] = ("{", depth)
        self.pos += 1
        return True


def check_toml_shape(text: str, source: str, error: type[E.InputError] = E.TomlSyntaxError) -> None:
    """Refuse TOML whose shape exceeds the module's limits, before any parsing.

    Text the scan cannot follow is left to the parser, which refuses it.

    Raises
    ------
    error
        Naming the file, the line and the limit.
    """
    _Shape(text, source, error).scan()


def loads_toml(text: str, source: str, error: type[E.InputError] = E.TomlSyntaxError) -> dict[str, Any]:
    """Parse TOML text after :func:`check_toml_shape`; every parse error is ``error``.

    Raises
    ------
    error
        One line naming the file: a shape limit, or the parser's message.
    """
    shape = _Shape(text, source, error)
    followed = shape.scan()
    try:
        doc = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, ValueError, RecursionError, MemoryError) as exc:
        raise error(source, "(file)", f"valid TOML ({str(exc).splitlines()[0][:200]})") from None
    if not followed:  # valid TOML the shape scan could not follow: refused rather than unchecked
        shape.fail("TOML in the plain form this reader checks (see SECURITY.md)")
    return doc
