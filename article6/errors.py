"""Errors for bad input: one class per kind, each with one clear message.

Every error names the file, the key and what was expected. The command line
turns any :class:`Article6Error` into that message on standard error and exit
status 2, without a traceback.
"""

from __future__ import annotations


def printable(text: str) -> str:
    r"""``text`` with every character that does not print written as its escape.

    Control, format, line- and paragraph-separator characters become ``\\x1b``,
    ``\\u202e``, ...: a message stays one line and cannot drive a terminal.
    """
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii")
                   for ch in text)


class Article6Error(Exception):
    """Base class of every error the user can cause; exit status 2."""

    exit_status = 2


class InputError(Article6Error):
    """Bad input in a named file (or option) at a named key.

    Parameters
    ----------
    source
        The file path, or a label such as ``--unit`` for a command-line option.
    key
        The dotted key inside the file, e.g. ``trajectory.blocks[2].low``.
    expected
        What was expected there, in words.
    got
        What was found (optional), shown after the expectation.
    """

    def __init__(self, source: object, key: str, expected: str, got: object = None):
        self.source = str(source)
        self.key = key
        self.expected = expected
        self.got = got
        msg = f"{self.source}: {key}: expected {expected}"
        if got is not None:
            msg += f", got {got!r}"
        super().__init__(printable(msg))


class ScenarioError(InputError):
    """A scenario file breaks the format of docs/scenario-format.md."""


class TomlSyntaxError(ScenarioError):
    """The file is not valid TOML (or not UTF-8)."""


class MissingKeyError(ScenarioError):
    """A required key is absent."""


class UnknownKeyError(ScenarioError):
    """A key the format does not know (usually a typo)."""


class TypeMismatchError(ScenarioError):
    """A value of the wrong type (text where a number belongs, ...)."""


class YearError(ScenarioError):
    """A year outside the period, missing from it, or a malformed period."""


class NegativeEmissionError(ScenarioError):
    """An emission quantity below zero."""


class ShareRangeError(ScenarioError):
    """A share outside [0, 1]."""


class RangeOrderError(ScenarioError):
    """A range with low > high."""


class NonFiniteError(ScenarioError):
    """NaN or infinity."""


class PlausibilityError(ScenarioError):
    """A magnitude beyond the documented plausibility bound (article6/schema/checks.py)."""


class UnitError(InputError):
    """A unit the registry cannot parse, or one that is not a CO2e mass."""


class OptionError(InputError):
    """A command-line option with a bad value."""


class OutputError(InputError):
    """An output path that cannot be written."""


class PriceError(InputError):
    """A bad price path: negative price, missing year, bad currency or currency mismatch."""


class IamcError(InputError):
    """An IAMC-format file with an unknown variable, a missing column or bad data."""


class SweepError(OptionError):
    """A sweep that cannot run as asked (bad size, grid too large, unreachable scheduler...)."""


class ChoiceError(OptionError):
    """A choice with a bad value, named by its keyword as the engine takes it (``discount_rate``).

    The engine does not know how a choice was made: the command line names it
    by its flag (``--discount-rate``), the app by its control.
    :meth:`message` gives the one-line message under either name.
    """

    def __init__(self, choice: str, expected: str, got: object = None):
        self.choice = choice
        self.source = self.key = choice
        self.expected = expected
        self.got = got
        Exception.__init__(self, self.message(choice))

    def message(self, name: str) -> str:
        """The message with the choice called ``name``."""
        msg = f"{name}: expected {self.expected}"
        if self.got is not None:
            msg += f", got {self.got!r}"
        return printable(msg)


class SweepChoiceError(ChoiceError, SweepError):
    """A sweep option with a bad value (design, samples, grid size, path choices...)."""
