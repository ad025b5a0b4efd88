"""Excel workbooks are zip archives: one that would unpack beyond the bound is refused unread.

Both readers of ``.xlsx`` files (the IAMC import and the Gold Standard + Verra
import) check the archive's directory before the spreadsheet reader sees it.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest

from article6.errors import IamcError
from article6.io.iamc import read_iamc
from article6.ledger.gs_verra import GsVerraError, import_gs_verra
from article6.schema import reading


def _bomb(path, unpacked: int) -> None:
    """A small .xlsx-named zip whose one member unpacks to ``unpacked`` zero bytes."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            block = b"\0" * 2**20
            for _ in range(unpacked // len(block)):
                f.write(block)


@pytest.fixture(scope="module")
def bomb(tmp_path_factory):
    path = tmp_path_factory.mktemp("xlsx") / "bomb.xlsx"
    _bomb(path, reading.MAX_WORKBOOK_UNPACKED + 2**20)
    assert path.stat().st_size < 2 * 2**20  # small on disk, large unpacked
    return path


def test_check_workbook_refuses_beyond_the_bound_and_accepts_below(bomb, tmp_path):
    with pytest.raises(IamcError, match="unpacked"):
        reading.check_workbook(bomb.read_bytes(), str(bomb), IamcError)
    small = tmp_path / "small.xlsx"
    _bomb(small, 2**20)
    reading.check_workbook(small.read_bytes(), str(small), IamcError)
    with pytest.raises(IamcError, match="zip archive"):
        reading.check_workbook(b"not a zip", "x.xlsx", IamcError)


def test_iamc_import_refuses_the_bomb(bomb):
    with pytest.raises(IamcError, match="bytes unpacked") as info:
        read_iamc(bomb)
    assert str(bomb) in str(info.value)


def test_gs_verra_import_refuses_the_bomb(bomb, tmp_path):
    with pytest.raises(GsVerraError, match="bytes unpacked"):
        import_gs_verra(bomb)


@pytest.mark.parametrize("argv", [
    ["export", "--import-iamc", "{bomb}", "--out", "{out}/n.toml"],
    ["ledger", "import", "--from", "gs-verra", "{bomb}", "--out", "{out}/l.csv"],
])
def test_commands_refuse_the_bomb_in_one_line_and_write_nothing(bomb, tmp_path, argv):
    args = [a.format(bomb=bomb, out=tmp_path) for a in argv]
    r = subprocess.run([sys.executable, "-m", "article6.cli", *args], capture_output=True, text=True)
    assert r.returncode == 2, r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and "unpacked" in r.stderr
    assert list(tmp_path.iterdir()) == []
