"""Output files behave like files: never replaced without --overwrite, never a device,
written whole with the permissions the umask gives."""

from __future__ import annotations

import os
import stat

import pytest

from article6.cli import main
from article6.ledger import load_parties
from article6.resources import data_dir

LEDGER = data_dir("ledgers", "example-actions.csv")

# (argv before the output option, the option, a file name); every command that writes a file
WRITERS = [
    (["export", "kor-2018-roadmap"], "--iamc", "out.csv"),
    (["export", "kor-2018-roadmap"], "--excel", "out.xlsx"),
    (["sensitivity", "kor-2018-roadmap"], "--html", "out.html"),
]


def _balance_writers():
    parties = load_parties(data_dir("ledgers", "example-actions.parties.toml"))
    party = sorted(parties.parties)[0]
    return [(["balance", str(LEDGER), "--party", party], opt, name)
            for opt, name in (("--csv", "b.csv"), ("--excel", "b.xlsx"))]


@pytest.mark.parametrize("argv, opt, name", WRITERS + _balance_writers(), ids=lambda x: str(x))
def test_existing_output_is_kept_without_overwrite(argv, opt, name, tmp_path, capsys):
    target = tmp_path / name
    target.write_bytes(b"precious")
    status = main([*argv, opt, str(target)])
    _, err = capsys.readouterr()
    assert status == 2 and "--overwrite" in err and "Traceback" not in err
    assert target.read_bytes() == b"precious"
    status = main([*argv, opt, str(target), "--overwrite"])
    _, err = capsys.readouterr()
    assert status == 0, err
    assert target.read_bytes() != b"precious" and target.stat().st_size > 0
    assert [p.name for p in tmp_path.iterdir()] == [name]  # no temporary file left behind


@pytest.mark.parametrize("argv, opt, name", WRITERS[:3], ids=lambda x: str(x))
def test_a_device_is_never_an_output(argv, opt, name, capsys):
    before = os.stat("/dev/null")
    status = main([*argv, opt, "/dev/null", "--overwrite"])
    _, err = capsys.readouterr()
    assert status == 2 and "regular file" in err
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev


@pytest.mark.parametrize("mask", [0o022, 0o077])
def test_permissions_follow_the_umask(mask, tmp_path, capsys):
    old = os.umask(mask)
    try:
        out = tmp_path / "x.csv"
        assert main(["export", "kor-2018-roadmap", "--iamc", str(out)]) == 0
    finally:
        os.umask(old)
    capsys.readouterr()
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~mask
