"""Hostile scenario files: each refused in one line naming the file and the key, or read right.

``tests/hostile_inputs/`` holds one file per failure class found by trying the
commands as a hostile user would (deep keys, huge numbers, look-alike years,
units that pint would misread, control characters, magnitudes that overflow).
Files too large to keep in the repository (more keys or array items than the
limits allow, a megabyte of comments) are written by the tests. A property
test feeds the loader random TOML and random bytes: only one-line input
errors may come out.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from article6 import errors as E
from article6.analyses.compare import compare
from article6.io import jsonout
from article6.model.evaluate import evaluate_bounds
from article6.schema import checks as input_checks
from article6.schema import reading, units
from article6.schema.scenario import MAX_FILE_BYTES, load_scenario, parse_scenario

HOSTILE = Path(__file__).parent / "hostile_inputs"
CLI = [sys.executable, "-m", "article6.cli"]

# file stem -> (error class, text the message must name as its key)
CASES = {
    "deep_dotted_key": (E.TomlSyntaxError, "line 9"),
    "deep_table_header": (E.TomlSyntaxError, "line 8"),
    "deep_arrays": (E.TomlSyntaxError, "line 9"),
    "deep_inline_tables": (E.TomlSyntaxError, "line 9"),
    "huge_integer": (E.TomlSyntaxError, "line 9 (share"),
    "long_float": (E.TomlSyntaxError, "line 9 (sink"),
    "superscript_year": (E.YearError, "trajectory.values.²"),
    "leading_zero_year": (E.YearError, "trajectory.values.02022"),
    "arabic_indic_year": (E.YearError, "trajectory.values.٢٠٢٢"),
    "leading_zero_year_in_share": (E.YearError, "ets.share.02022"),
    "unit_lowercase_mt": (E.UnitError, "scenario.unit"),
    "unit_short_ton": (E.UnitError, "scenario.unit"),
    "unit_percent": (E.UnitError, "scenario.unit"),
    "unit_emoji": (E.UnitError, "scenario.unit"),
    "id_trailing_newline": (E.TypeMismatchError, "scenario.id"),
    "party_trailing_newline": (E.TypeMismatchError, "scenario.party"),
    "title_escape_codes": (E.TypeMismatchError, "scenario.title"),
    "title_nul": (E.TypeMismatchError, "scenario.title"),
    "title_bidi_override": (E.TypeMismatchError, "scenario.title"),
    "source_escape_codes": (E.TypeMismatchError, "scenario.sources[1]"),
    "assumption_escape_codes": (E.TypeMismatchError, "assumptions.note"),
    "net_overseas_1e308": (E.PlausibilityError, "ndc.net_overseas"),
    "net_overseas_negative_1e308": (E.PlausibilityError, "ndc.net_overseas"),
    "trajectory_1e308": (E.PlausibilityError, "trajectory.values.2021"),
    "trajectory_2_pow_70": (E.PlausibilityError, "trajectory.values.2021"),
    "sink_1e300": (E.PlausibilityError, "ndc.sink"),
}

SUGGESTIONS = {"unit_lowercase_mt": "Mt CO2e", "unit_short_ton": "t CO2e", "unit_percent": "Mt CO2e",
               "unit_emoji": "Mt CO2e"}

SMALL = """\
schema = 1
[scenario]
id = "small"
unit = "Mt CO2e"
period = [2021, 2023]
[trajectory]
values = { 2021 = 100, 2022 = 90, 2023 = 80 }
"""


def one_line(proc) -> str:
    assert proc.returncode == 2, (proc.stdout, proc.stderr)
    assert proc.stdout == "" and "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    return lines[0]


def test_corpus_is_complete():
    assert {p.stem for p in HOSTILE.glob("*.toml")} == set(CASES)


@pytest.mark.parametrize("stem", sorted(CASES))
def test_each_hostile_file_is_refused_naming_the_key(stem):
    cls, key = CASES[stem]
    path = HOSTILE / f"{stem}.toml"
    with pytest.raises(cls) as info:
        load_scenario(path)
    assert type(info.value) is cls
    msg = str(info.value)
    assert msg.startswith(f"{path}: {key}") and "expected" in msg and "\n" not in msg
    if stem in SUGGESTIONS:
        assert f"closest: '{SUGGESTIONS[stem]}'" in msg


@pytest.mark.parametrize("command", [["compare", "--json"], ["sweep", "--samples", "10", "--json"],
                                     ["export", "--iamc"]])
@pytest.mark.parametrize("stem", ["deep_dotted_key", "leading_zero_year", "title_escape_codes",
                                  "net_overseas_1e308", "unit_lowercase_mt"])
def test_commands_refuse_in_one_line(stem, command, tmp_path):
    path = HOSTILE / f"{stem}.toml"
    cmd = [*CLI, command[0], str(path), *command[1:]]
    if command[0] == "export":
        cmd += [str(tmp_path / "x.csv")]
    line = one_line(subprocess.run(cmd, capture_output=True, text=True, timeout=120, cwd=tmp_path))
    assert str(path) in line and CASES[stem][1] in line
    assert "\x1b" not in line  # a refused title's escape codes are never printed raw
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- bounded reading


def test_fifo_is_refused_without_waiting(tmp_path):
    fifo = tmp_path / "scenario.toml"
    os.mkfifo(fifo)
    line = one_line(subprocess.run([*CLI, "compare", str(fifo)], capture_output=True, text=True,
                                   timeout=60))
    assert "regular file" in line and str(fifo) in line


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_symlink_to_a_device_is_refused_before_reading(tmp_path, device):
    link = tmp_path / "scenario.toml"
    link.symlink_to(device)
    with pytest.raises(E.TomlSyntaxError, match="regular file"):
        load_scenario(link)


def test_directory_and_oversized_file(tmp_path):
    with pytest.raises(E.ScenarioError, match="not a directory"):
        load_scenario(tmp_path)
    big = tmp_path / "big.toml"
    big.write_bytes(SMALL.encode() + b"#" * MAX_FILE_BYTES)
    with pytest.raises(E.TomlSyntaxError, match="at most 1,000,000 bytes"):
        load_scenario(big)


def _generated() -> dict[str, tuple[str, str | None]]:
    """Files at the size limit that break one limit each (or none): name -> (text, message)."""
    keys = "".join(f"k{i} = {i}\n" for i in range(reading.MAX_KEYS + 1))
    items = "x = [" + "0," * (reading.MAX_ITEMS + 1) + "]\n"
    fill = MAX_FILE_BYTES - len(SMALL) - 100
    return {
        "too_many_keys": (SMALL + "[assumptions]\n" + keys, "keys in the file"),
        "too_many_items": (SMALL + "[assumptions]\n" + items, "array items"),
        "dotted_keys_at_the_limit": (SMALL + "[assumptions]\n" + "a." * (fill // 2) + "a = 1\n",
                                     "dotted parts"),
        "arrays_at_the_limit": (SMALL + "[assumptions]\nx = " + "[" * (fill // 2) + "]" * (fill // 2)
                                + "\n", "nested at most"),
        "comments_at_the_limit": (SMALL + "#\n" * (fill // 2), None),
        "string_at_the_limit": (SMALL + '[assumptions]\nnote = """' + "a\\n" * (fill // 3) + '"""\n',
                                None),
    }


@pytest.mark.parametrize("via", ["file", "upload"])
@pytest.mark.parametrize("name", sorted(_generated()))
def test_files_at_the_size_limit_are_answered_in_bounded_memory(name, via, tmp_path):
    """From the command line (a file) and the app (an upload): refused or read, in little memory."""
    text, message = _generated()[name]
    path = tmp_path / f"{name}.toml"
    path.write_text(text)
    assert path.stat().st_size <= MAX_FILE_BYTES
    load = (f"load_scenario({str(path)!r})" if via == "file" else
            f"uploads.doc_from_upload('data:;base64,' + base64.b64encode(open({str(path)!r}, 'rb')"
            f".read()).decode(), {path.name!r}, scenarios.builtin_doc(scenarios.PAPER_ID))")
    script = textwrap.dedent(f"""
        import base64, resource, sys
        from article6.app import scenarios, uploads
        from article6.schema.scenario import load_scenario
        from article6 import errors as E
        load_scenario("kor-2018-roadmap")  # warm up: imports, the unit registry
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        try:
            {load}; print("loaded")
        except E.InputError as exc:
            print(exc)
        print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024)
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    outcome, grown_mb = proc.stdout.strip().splitlines()
    if message is None:
        assert outcome == "loaded"
    else:
        assert (str(path) if via == "file" else path.name) in outcome and message in outcome
    assert int(grown_mb) < 60  # a few tens of MB at most, whatever the file holds


# --------------------------------------------------------------------------- valid edge cases


def _scenario(**ndc) -> str:
    return SMALL + "[ndc]\n" + "".join(f"{k} = {v}\n" for k, v in ndc.items())


def test_negative_net_overseas_is_valid_for_a_transferring_party():
    sc = parse_scenario(_scenario(net_overseas=-12.5, sink=5))
    assert sc.net_overseas.low[-1] == -12.5
    doc = json.loads(jsonout.dumps(compare(sc).document))
    itmo = doc["bounds"]["low"]["rows"]["itmo_total"]
    plain = compare(parse_scenario(_scenario(net_overseas=0, sink=5))).document
    assert itmo[-1] == pytest.approx(plain["bounds"]["low"]["rows"]["itmo_total"][-1] - 12.5)


def test_net_negative_emissions_stay_valid():
    sc = parse_scenario(_scenario(sink=150))  # a net sink: removals above emissions
    res = evaluate_bounds(sc)
    assert np.all(res.rows.national_net < 0)
    assert all(np.isfinite(m.gap).all() for m in res.methods.values())


@pytest.mark.parametrize("unit", units.ACCEPTED_UNITS)
def test_every_listed_unit_is_accepted_and_the_bound_follows_it(unit):
    t = units.conversion_factor(unit, "t CO2e")
    at_bound = input_checks.MAX_EMISSION_T / t
    sc = parse_scenario(SMALL.replace("Mt CO2e", unit) + f"[ndc]\nsink = {at_bound!r}\n")
    assert sc.sink.low[0] == at_bound
    with pytest.raises(E.PlausibilityError, match="ndc.sink"):
        parse_scenario(SMALL.replace("Mt CO2e", unit) + f"[ndc]\nsink = {at_bound * 1.000001!r}\n")


def test_a_byte_order_mark_is_accepted():
    a = parse_scenario(SMALL.encode("utf-8"))
    b = parse_scenario(b"\xef\xbb\xbf" + SMALL.encode("utf-8"))
    assert a.trajectory.low.tolist() == b.trajectory.low.tolist()


def test_multi_line_notes_and_space_separated_datetimes_are_plain_toml():
    text = SMALL + '[assumptions]\nnote = """two\n\tlines"""\nwhen = 2024-05-27 07:32:00\n'
    assert parse_scenario(text).raw["assumptions"]["note"] == "two\n\tlines"


def test_strict_json_names_the_key_of_a_non_finite_number():
    with pytest.raises(E.OutputError, match=r"bounds\.low\.rows\[2\]"):
        jsonout.dumps({"bounds": {"low": {"rows": [1.0, 2.0, float("inf")]}}})
    assert json.loads(jsonout.dumps({"a": [1.5, -2.0]})) == {"a": [1.5, -2.0]}


# --------------------------------------------------------------------------- fuzz

_keys = st.text(st.characters(codec="utf-8"), min_size=1, max_size=12)
_leaves = (st.integers(-2**80, 2**80) | st.floats(allow_nan=False) | st.booleans()
           | st.text(max_size=20) | st.dates())
_docs = st.recursive(_leaves, lambda inner: st.lists(inner, max_size=4)
                     | st.dictionaries(_keys, inner, max_size=4), max_leaves=30)
_years = st.sampled_from(["2021", "2022", "2023", "02022", "٢٠٢٢", "²", "20221", "-2022", "low"])
_numbers = st.integers(-2**70, 2**70) | st.floats() | st.text(max_size=5)


@st.composite
def scenario_docs(draw):
    """Scenario-shaped documents with hostile holes: keys, years, numbers, units, text."""
    doc = tomllib_safe(draw(st.dictionaries(_keys, _docs, max_size=3)))
    doc.update({"schema": draw(st.sampled_from([1, 1, 2, "1"])),
                "scenario": {"id": draw(st.sampled_from(["ok", "t\n", "", "OK"])),
                             "unit": draw(st.sampled_from(["Mt CO2e", "mt CO2e", "ktCO2e", "", "m"])),
                             "period": draw(st.sampled_from([[2021, 2023], [2023, 2021], [0, 9999]])),
                             "title": draw(st.text(max_size=10))},
                "trajectory": {"values": draw(st.dictionaries(_years, _numbers, max_size=5))},
                "ets": {"share": draw(_numbers | st.dictionaries(_years, _numbers, max_size=4))},
                "ndc": {"net_overseas": draw(_numbers), "sink": draw(_numbers)}})
    return doc


def tomllib_safe(doc):
    return {k: v for k, v in doc.items() if isinstance(v, dict)}


def _load_or_refuse(data: bytes | str) -> None:
    try:
        parse_scenario(data, source="fuzz.toml")
    except E.InputError as exc:
        assert "\n" not in str(exc)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario_docs())
def test_fuzz_scenario_documents_never_give_a_traceback(doc):
    try:
        text = tomli_w.dumps(doc)
    except (TypeError, ValueError):
        return
    _load_or_refuse(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400) | st.text(st.sampled_from('[]{}=."\'#,\n ab12-_\\x\t'), max_size=400))
def test_fuzz_random_bytes_never_give_a_traceback(data):
    _load_or_refuse(data)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(_keys, _docs, max_size=5))
def test_the_shape_scan_follows_all_plain_toml(doc):
    """Any TOML a writer produces within the limits is followed to the end by the scan."""
    try:
        text = tomli_w.dumps(doc)
    except (TypeError, ValueError):
        return
    assert reading._Shape(text, "fuzz", E.TomlSyntaxError).scan()


# --------------------------------------------------------------------------- other input files


@pytest.mark.parametrize("flag, suffix", [("--price", ".toml"), ("--import-iamc", ".csv")])
def test_price_and_iamc_files_are_read_with_bounds(tmp_path, flag, suffix):
    fifo = tmp_path / f"fifo{suffix}"
    os.mkfifo(fifo)
    deep = tmp_path / f"deep{suffix}"
    deep.write_text("[price]\n" + "a." * 5000 + "a = 1\n" if suffix == ".toml" else "x" * 10)
    base = ["compare", "kor-2018-roadmap"] if flag == "--price" else ["export", "--out",
                                                                       str(tmp_path / "n.toml")]
    refused = "price TOML file or a preset" if flag == "--price" else None  # not a file at all
    for path, expected in ((fifo, refused or "regular file"), (tmp_path, refused or "not a directory"),
                           *([(deep, "dotted parts")] if suffix == ".toml" else [])):
        line = one_line(subprocess.run([*CLI, *base, flag, str(path)], capture_output=True,
                                       text=True, timeout=60))
        assert str(path) in line and expected in line
