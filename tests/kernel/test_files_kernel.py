"""The kernel's file setting through jupyter_client: off by default (tested in test_end_to_end.py); with
GRADBOOK_FILES=on, cells use files inside the kernel's folder (the notebook's) and nothing outside it."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture
def files_kernel(request, monkeypatch, tmp_path):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    monkeypatch.setenv("GRADBOOK_FILES", "on")
    monkeypatch.chdir(folder)  # Jupyter starts a kernel in its notebook's folder
    return request.getfixturevalue("fresh_kernel"), folder


def test_files_on_stay_inside_the_notebook_folder(files_kernel, tmp_path):
    kernel, folder = files_kernel
    run = kernel.execute('writeFile "notes.txt" "from a cell"')
    assert run.reply["status"] == "ok", run.reply
    assert (folder / "notes.txt").read_text() == "from a cell"
    assert kernel.execute('readFile "notes.txt"').plain == ['"from a cell"']
    run = kernel.execute(":load /etc/passwd")
    assert run.reply["status"] == "error" and "outside the working folder" in run.reply["evalue"]
    assert "root:x:0" not in str(run.messages)
    run = kernel.execute('save [ones\' [2]] "../w.npz"')
    assert run.reply["status"] == "error" and not (tmp_path / "w.npz").exists()
