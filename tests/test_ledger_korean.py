"""The ledger view in Korean: every refusal of a ledger or parties file, every row, the check.

Each bad ledger of ``tests/bad_ledgers`` (found by listing the folder) and a
set of broken parties files are refused by the engine; the Korean message
keeps the file's names and values as written and has no English word left
in the rest. The view's rows, status and check line for every Party of the
shipped example are Korean too.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
import tomli_w
from article6.app import errors_ko
from article6.app import ledger_view as V
from korean_check import untranslated

from article6 import errors as E
from article6 import ledger as L
from article6.resources import data_dir

BAD = sorted((Path(__file__).parent / "bad_ledgers").glob("*.csv"))
PARTIES_PATH = data_dir("ledgers", "example.parties.toml")
PARTIES = L.load_parties(PARTIES_PATH)


def _korean_words(exc: Exception) -> list[str]:
    """The pieces of the Korean message that are not the file's own names."""
    return [text for text, name in errors_ko.parts(exc) if not name]


def _assert_korean(exc: Exception) -> None:
    assert errors_ko.expected_parts(exc.expected) is not None, exc.expected
    words = _korean_words(exc)
    assert untranslated(words) == [], (str(exc), words)
    # nothing is lost: every name of the English message is in the Korean one
    assert exc.source in errors_ko.korean(exc) or exc.source in errors_ko.SOURCES


def test_the_check_can_fail():
    exc = E.InputError("f.csv", "line 3", "an expectation nobody translated")
    assert errors_ko.expected_parts(exc.expected) is None
    with pytest.raises(AssertionError):
        _assert_korean(exc)


@pytest.mark.parametrize("path", BAD, ids=lambda p: p.name)
def test_every_bad_ledger_is_refused_in_korean(path):
    assert BAD, "no bad ledgers found"
    with pytest.raises(E.InputError) as info:
        L.load_ledger(path, PARTIES)
    _assert_korean(info.value)
    # the place in the file is in Korean: the line number stays, the word "line" does not
    if info.value.key.startswith("line "):
        text = errors_ko.korean(info.value)
        assert "행" in text and "line " not in text.split(": ", 1)[1]


def _parties_variants():
    """Broken copies of the shipped parties file, one fault each."""
    doc = tomllib.loads(PARTIES_PATH.read_text(encoding="utf-8"))
    iso = next(iter(doc["parties"]))

    def with_party(**change):
        d = tomllib.loads(tomli_w.dumps(doc))
        d["parties"][iso].update(change)
        return d

    def without(key):
        d = tomllib.loads(tomli_w.dumps(doc))
        del d["parties"][iso][key]
        return d

    yield "unknown top key", doc | {"colour": "red"}
    yield "schema", doc | {"schema": 2}
    yield "no unit", {k: v for k, v in doc.items() if k != "unit"}
    yield "no parties", {k: v for k, v in doc.items() if k != "parties"}
    yield "bad iso", doc | {"parties": {"korea": doc["parties"][iso]}}
    yield "party not a table", doc | {"parties": {iso: 3}}
    yield "unknown party key", with_party(colour="red")
    yield "no method", without("method")
    yield "method not adopted", with_party(method="cumulative")
    yield "ndc type", with_party(ndc_type="weekly")
    yield "method for another ndc type", with_party(method="multi_year", ndc_type="single_year")
    yield "period", with_party(period=[2030, 2021])
    yield "emissions not a table", with_party(emissions=5)
    yield "emissions year", with_party(emissions={"1850": 1.0})
    yield "emissions text", with_party(emissions={"2021": "many"})
    yield "latest inventory year", with_party(latest_inventory_year=1800)
    yield "name too long", with_party(name="x" * 300)


@pytest.mark.parametrize("case", list(_parties_variants()), ids=lambda c: c[0])
def test_every_bad_parties_file_is_refused_in_korean(case):
    _, doc = case
    with pytest.raises(E.InputError) as info:
        L.parse_parties(tomli_w.dumps(doc).encode("utf-8"), "mine.parties.toml")
    _assert_korean(info.value)


@pytest.mark.parametrize("as_of", ["2026-02-30", "someday", "2300-01-01"])
def test_a_bad_as_of_date_is_refused_in_korean(as_of):
    with pytest.raises(E.InputError) as info:
        V.views({"source": "example"}, PARTIES.codes[0], as_of, "ko")
    _assert_korean(info.value)


def test_a_missing_upload_is_refused_in_korean():
    with pytest.raises(E.InputError) as info:
        V.views({"source": "upload"}, None, None, "ko")
    _assert_korean(info.value)


@pytest.mark.parametrize("iso3", PARTIES.codes)
def test_rows_status_and_check_of_every_party_in_korean(iso3):
    v = V.views({"source": "example"}, iso3, None, "ko")
    texts = [row["item"] for row in v["table"]]
    texts.append(V.check_text(v["check"], v["report"].unit, "ko"))
    texts += [c for c in V.status_children(v, "ko")[1:] if isinstance(c, str)]
    fig = V.figure(v)
    texts += [tr.name for tr in fig.data] + [fig.layout.title.text]
    assert untranslated(texts) == [], texts
    # the English view keeps the engine's own labels, the same rows in the same order
    en = V.views({"source": "example"}, iso3, None, "en")
    assert [r["item"] for r in en["table"]] == list(en["report"].labels().values())
    assert [{k: x for k, x in r.items() if k != "item"} for r in en["table"]] == [
        {k: x for k, x in r.items() if k != "item"} for r in v["table"]]
    assert untranslated([r["item"] for r in en["table"]]) != []
