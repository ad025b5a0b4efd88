"""Sweep integrity: nothing on disk is trusted, nothing finished is lost, nothing is replaced.

Each test leaves an interrupted or finished sweep in a hostile state (a flipped
byte, a part from another chunk or seed, a truncated part, an edited manifest,
a second run, a full disk, ...) and checks that the command either gives the
bytes of the uninterrupted run or exits 2 with one line naming what is wrong.
"""

from __future__ import annotations

import errno
import json
import os
import resource
import shutil
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from article6 import sweep as S
from article6.errors import OutputError, SweepError
from article6.sweep import run as R
from article6.sweep import store

ARTICLE6 = [sys.executable, "-m", "article6.cli"]
N, CHUNK, SEED = 5_000, 1_000, 4
ARGS = ["--samples", N, "--seed", SEED, "--chunk-size", CHUNK]


def run_cli(*args, **kw):
    return subprocess.run([*ARTICLE6, "sweep", *map(str, args)], capture_output=True, text=True,
                          timeout=kw.pop("timeout", 300), **kw)


def one_line_refusal(r) -> str:
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert "Traceback" not in r.stderr
    lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, r.stderr
    return lines[0]


@pytest.fixture
def plan(paper):
    return S.make_plan(paper, N, seed=SEED)


@pytest.fixture
def reference(plan, tmp_path) -> bytes:
    """Bytes of the uninterrupted run (any chunk size gives the same bytes)."""
    ref = tmp_path / "ref" / "ref.parquet"
    ref.parent.mkdir()
    S.run_sweep(plan, ref, log=lambda m: None)
    return ref.read_bytes()


def interrupted(plan, out: Path, done=(0, 1, 2), chunk=CHUNK) -> Path:
    """Leave ``out``.parts/ as a run killed after finishing chunks ``done`` would."""
    parts = store.parts_dir(out)
    parts.mkdir()
    store.write_json_atomic(parts / "manifest.json", {
        "format": S.MANIFEST_FORMAT, "identity": plan.identity(), "chunk_size": chunk,
        "chunks": -(-plan.samples // chunk), "token": "test"})
    for i in done:
        S.write_part(plan, parts, i, i * chunk, min(plan.samples, (i + 1) * chunk))
    return parts


def resume(paper_path, out, *extra):
    return run_cli(paper_path, *ARGS, "--out", out, "--resume", *extra)


# --------------------------------------------------------------------------- damaged or foreign parts


def flip_byte(p: Path) -> None:
    data = bytearray(p.read_bytes())
    data[len(data) // 2] ^= 0x01
    p.write_bytes(bytes(data))


def truncate(p: Path) -> None:
    p.write_bytes(p.read_bytes()[: p.stat().st_size // 2])


def copy_other_chunk(p: Path) -> None:  # chunk 0's bytes over chunk 1 (the record of 1 stays)
    shutil.copyfile(p.with_name("part-00000000.arrow"), p)


def copy_other_chunk_with_record(p: Path) -> None:  # chunk 0's part and record over chunk 1
    shutil.copyfile(p.with_name("part-00000000.arrow"), p)
    shutil.copyfile(p.with_name("part-00000000.json"), p.with_suffix(".json"))


def drop_record(p: Path) -> None:  # a run killed between the part and its record
    p.with_suffix(".json").unlink()


def edit_record_rows(p: Path) -> None:  # the record claims another row count
    rec = json.loads(p.with_suffix(".json").read_text())
    rec["rows"] += 1
    p.with_suffix(".json").write_text(json.dumps(rec))


def record_not_json(p: Path) -> None:
    p.with_suffix(".json").write_text('{"sha256": NaN')


@pytest.mark.parametrize("damage", [flip_byte, truncate, copy_other_chunk, copy_other_chunk_with_record,
                                    drop_record, edit_record_rows, record_not_json])
def test_damaged_part_is_computed_again(paper_path, plan, reference, tmp_path, damage):
    out = tmp_path / "s.parquet"
    parts = interrupted(plan, out)
    damage(store.part_path(parts, 1))
    r = resume(paper_path, out)
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    if damage is not drop_record:
        assert "part-00000001.arrow" in r.stderr and "again" in r.stderr
    assert out.read_bytes() == reference
    assert not parts.exists()


@pytest.mark.parametrize("other", [{"seed": SEED + 1}, {"design": "lhs"}, {"vary": "year"}])
def test_part_of_another_sweep_is_computed_again(paper, paper_path, plan, reference, tmp_path, other):
    out = tmp_path / "s.parquet"
    parts = interrupted(plan, out, done=(0,))
    foreign = tmp_path / "other.parquet"
    fparts = interrupted(S.make_plan(paper, N, **{"seed": SEED, **other}), foreign, done=(1,))
    for suffix in (".arrow", ".json"):
        shutil.copyfile(fparts / f"part-00000001{suffix}", parts / f"part-00000001{suffix}")
    r = resume(paper_path, out)
    assert r.returncode == 0, r.stderr
    assert "part-00000001.arrow" in r.stderr and "another sweep" in r.stderr
    assert out.read_bytes() == reference


def test_resume_uses_the_verified_parts(paper_path, plan, reference, tmp_path):
    out = tmp_path / "s.parquet"
    interrupted(plan, out, done=(0, 1, 2))
    r = resume(paper_path, out)
    assert r.returncode == 0, r.stderr
    assert "3 of 5 chunks already done" in r.stderr
    assert out.read_bytes() == reference


# --------------------------------------------------------------------------- the manifest


def edit_manifest(parts: Path, **changes) -> None:
    m = json.loads((parts / "manifest.json").read_text())
    m.update(changes)
    (parts / "manifest.json").write_text(json.dumps(m))


@pytest.mark.parametrize("changes, key", [
    ({"chunk_size": -5}, "chunk_size"),
    ({"chunk_size": 0}, "chunk_size"),
    ({"chunk_size": 1.5}, "chunk_size"),
    ({"chunk_size": True}, "chunk_size"),
    ({"chunk_size": 10 ** 30}, "chunk_size"),
    ({"chunk_size": 700}, "chunk_size"),  # valid on its own, but the finished parts say 1000
    ({"chunks": 3}, "chunks"),
    ({"format": 99}, "format"),
    ({"identity": "x"}, "identity"),
    ({"token": None}, "token"),
])
def test_edited_manifest_is_refused_and_deletes_nothing(paper_path, plan, tmp_path, changes, key):
    out = tmp_path / "s.parquet"
    parts = interrupted(plan, out)
    edit_manifest(parts, **changes)
    before = {p.name: p.read_bytes() for p in parts.iterdir()}
    line = one_line_refusal(resume(paper_path, out))
    assert "manifest.json" in line and key in line
    assert {p.name: p.read_bytes() for p in parts.iterdir()} == before
    assert not out.exists()


@pytest.mark.parametrize("text", ["", "not json", "[1, 2]", '{"format": NaN}', "{" * 100_000])
def test_unreadable_manifest_is_refused(paper_path, plan, tmp_path, text):
    out = tmp_path / "s.parquet"
    parts = interrupted(plan, out)
    (parts / "manifest.json").write_text(text)
    line = one_line_refusal(resume(paper_path, out))
    assert "manifest.json" in line
    assert len(list(parts.glob("part-*.arrow"))) == 3


# --------------------------------------------------------------------------- finished files


def test_resume_against_a_finished_file_with_other_parameters_is_refused(paper_path, tmp_path):
    out = tmp_path / "s.parquet"
    assert run_cli(paper_path, *ARGS, "--out", out).returncode == 0
    before = out.read_bytes()
    line = one_line_refusal(run_cli(paper_path, "--samples", N, "--seed", SEED + 1, "--out", out,
                                    "--resume"))
    assert "seed" in line and "--overwrite" in line
    assert out.read_bytes() == before
    r = run_cli(paper_path, *ARGS, "--out", out, "--resume")  # the same parameters: nothing to do
    assert r.returncode == 0 and "already complete" in r.stderr
    assert out.read_bytes() == before


def test_a_finished_file_is_replaced_only_with_overwrite(paper_path, tmp_path):
    out = tmp_path / "s.parquet"
    assert run_cli(paper_path, *ARGS, "--out", out).returncode == 0
    first = out.read_bytes()
    line = one_line_refusal(run_cli(paper_path, "--samples", N, "--seed", 9, "--out", out))
    assert "--overwrite" in line and str(out) in line
    assert out.read_bytes() == first
    r = run_cli(paper_path, "--samples", N, "--seed", 9, "--out", out, "--overwrite")
    assert r.returncode == 0, r.stderr
    assert S.read_identity(out)["seed"] == 9


def test_out_is_never_the_input(paper, tmp_path):
    scenario = tmp_path / "in.toml"
    shutil.copyfile(paper.path, scenario)
    before = scenario.read_bytes()
    for extra in ([], ["--overwrite"], ["--resume", "--overwrite"]):
        line = one_line_refusal(run_cli(scenario, "--samples", 100, "--out", scenario, *extra))
        assert "--out" in line and "input" in line or "overwrite" in line
        assert scenario.read_bytes() == before
    link = tmp_path / "link.parquet"
    link.symlink_to(scenario)
    line = one_line_refusal(run_cli(scenario, "--samples", 100, "--out", link, "--overwrite"))
    assert "input" in line and scenario.read_bytes() == before
    line = one_line_refusal(run_cli(scenario, "--samples", 100, "--plot", scenario))
    assert "--plot" in line and scenario.read_bytes() == before


def test_out_must_be_a_regular_file(paper_path, tmp_path):
    fifo = tmp_path / "fifo.parquet"
    os.mkfifo(fifo)
    for extra in ([], ["--overwrite"]):
        line = one_line_refusal(run_cli(paper_path, "--samples", 100, "--out", fifo, *extra))
        assert "regular file" in line
        assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    line = one_line_refusal(run_cli(paper_path, "--samples", 100, "--out", "/dev/null", "--overwrite"))
    assert "regular file" in line and stat.S_ISCHR(os.stat("/dev/null").st_mode)
    line = one_line_refusal(run_cli(paper_path, "--samples", 100, "--out", tmp_path, "--overwrite"))
    assert "directory" in line


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_final_file_gets_the_umask_permissions(plan, tmp_path, umask):
    old = os.umask(umask)
    try:
        S.run_sweep(plan, tmp_path / "s.parquet", log=lambda m: None)
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "s.parquet").stat().st_mode) == 0o666 & ~umask


# --------------------------------------------------------------------------- one run per --out


def test_a_second_run_on_the_same_out_is_refused(paper_path, plan, tmp_path):
    out = tmp_path / "s.parquet"
    with store.OutputLock(out):
        line = one_line_refusal(run_cli(paper_path, *ARGS, "--out", out))
        assert str(store.lock_path(out)) in line and "another run" in line
        line = one_line_refusal(run_cli(paper_path, *ARGS, "--out", out, "--resume"))
        assert "lock" in line
        with pytest.raises(SweepError, match="lock"):
            S.run_sweep(plan, out, log=lambda m: None)
    assert not out.exists() and not store.lock_path(out).exists()
    r = run_cli(paper_path, *ARGS, "--out", out)  # the lock released: the run goes ahead
    assert r.returncode == 0, r.stderr
    assert not store.lock_path(out).exists()


def test_a_stale_lock_file_of_a_killed_run_does_not_block(paper_path, tmp_path):
    out = tmp_path / "s.parquet"
    store.lock_path(out).write_text("")  # left by kill -9: no process holds it
    r = run_cli(paper_path, *ARGS, "--out", out)
    assert r.returncode == 0, r.stderr


def test_two_runs_at_once_never_mix(paper_path, tmp_path):
    out = tmp_path / "s.parquet"
    cmds = [[*ARTICLE6, "sweep", str(paper_path), "--samples", "200000", "--seed", str(s),
             "--chunk-size", "20000", "--out", str(out)] for s in (1, 2)]
    procs = [subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for c in cmds]
    results = [(p.wait(timeout=300), p.stderr.read()) for p in procs]
    for p in procs:
        p.stdout.close()
        p.stderr.close()
    ok = [i for i, (rc, _) in enumerate(results) if rc == 0]
    for rc, err in results:
        assert rc in (0, 2) and "Traceback" not in err
    assert len(ok) >= 1
    seed = S.read_identity(out)["seed"]
    assert seed in {1 + i for i in ok}
    ref = tmp_path / "ref.parquet"
    assert run_cli(paper_path, "--samples", 200000, "--seed", seed, "--out", ref).returncode == 0
    assert out.read_bytes() == ref.read_bytes()


# --------------------------------------------------------------------------- the disk


def test_a_sweep_larger_than_the_free_disk_is_refused_up_front(paper_path, tmp_path):
    r = run_cli(paper_path, "--samples", 10 ** 12, "--out", tmp_path / "big.parquet", timeout=60)
    line = one_line_refusal(r)
    assert "--samples" in line and "free" in line and "TB" in line
    assert list(tmp_path.iterdir()) == []
    line = one_line_refusal(run_cli(paper_path, "--samples", 10 ** 12, timeout=60))  # summary only
    assert "free" in line


def test_free_space_estimate_counts_parts_and_final_file(plan, tmp_path, monkeypatch):
    cols = len(plan.schema())
    need = N * 2 * cols * store.VALUE_BYTES

    def usage(free):
        return lambda path: shutil._ntuple_diskusage(10 ** 12, 10 ** 12 - free, free)

    monkeypatch.setattr(store.shutil, "disk_usage", usage(need))  # no slack left: refused
    with pytest.raises(SweepError, match="free disk space"):
        S.run_sweep(plan, tmp_path / "s.parquet", log=lambda m: None)
    monkeypatch.setattr(store.shutil, "disk_usage", usage(2 * need))
    S.run_sweep(plan, tmp_path / "s.parquet", log=lambda m: None)


def _no_temporaries(tmp_path: Path) -> None:
    hidden = [p for p in tmp_path.rglob(".*")]
    assert hidden == [], hidden


@pytest.mark.parametrize("when", ["part", "final", "manifest"])
def test_full_disk_gives_one_line_no_final_file_no_temporaries(plan, reference, tmp_path,
                                                                monkeypatch, when):
    out = tmp_path / "s.parquet"
    calls = {"n": 0}

    def full(*a, **k):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    if when == "part":
        real = store.save_part

        def save(*a, **k):
            calls["n"] += 1
            if calls["n"] == 3:
                Path(a[0], ".part-00000002.arrow.999.tmp").write_bytes(b"half")
                full()
            return real(*a, **k)

        monkeypatch.setattr(store, "save_part", save)
    elif when == "final":
        monkeypatch.setattr(R._RowGroupWriter, "close", full)
    else:
        monkeypatch.setattr(store, "write_json_atomic", full)
    with pytest.raises(OutputError) as info:
        S.run_sweep(plan, out, chunk_size=CHUNK, log=lambda m: None)
    assert "No space left on device" in str(info.value) and "\n" not in str(info.value)
    assert not out.exists()
    _no_temporaries(tmp_path)
    monkeypatch.undo()
    parts = store.parts_dir(out)
    if when == "part":  # the finished parts are kept and the resume completes the file
        assert {"part-00000000.arrow", "part-00000001.arrow"} <= {p.name for p in parts.iterdir()}
        assert "--resume" in str(info.value)
        S.run_sweep(plan, out, chunk_size=CHUNK, resume=True, log=lambda m: None)
        assert out.read_bytes() == reference


def _limit_file_size(limit: int):
    def pre():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return pre


def test_a_real_write_error_from_the_os_gives_one_line(paper_path, tmp_path):
    """A file-size limit makes the OS refuse writes mid-run, as a full disk does."""
    out = tmp_path / "s.parquet"
    r = subprocess.run([*ARTICLE6, "sweep", str(paper_path), "--samples", "200000",
                        "--chunk-size", "20000", "--out", str(out)], capture_output=True, text=True,
                       timeout=300, preexec_fn=_limit_file_size(2_000_000))
    line = one_line_refusal(r)
    assert "--out" in line and "File too large" in line
    assert not out.exists()
    _no_temporaries(tmp_path)
