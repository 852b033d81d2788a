"""Resources through jupyter_client: the file setting (off by default, tested in test_end_to_end.py; with
GRADBOOK_FILES=on, cells use files inside the kernel's folder, the notebook's, and nothing outside it) and
bounded displays (a huge tensor sends a small message)."""
from __future__ import annotations

import json

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


def test_save_from_a_notebook_keeps_a_markdown_lesson(files_kernel):
    kernel, folder = files_kernel
    (folder / "notes.md").write_text("# Notes\n\n```haskell do\nlet q = 1\n```\n")
    assert kernel.execute(":load notes.md").reply["status"] == "ok"
    run = kernel.execute(":save notes.md")
    assert run.reply["status"] == "error" and "only .gb scripts and .ipynb notebooks" in run.reply["evalue"]
    assert (folder / "notes.md").read_text() == "# Notes\n\n```haskell do\nlet q = 1\n```\n"


def test_a_huge_empty_tensor_sends_a_small_message(kernel):
    run = kernel.execute("transpose2D (zeros' [0, 5000000])")  # 155 MB of text before
    assert run.reply["status"] == "ok"
    size = sum(len(json.dumps(message["content"])) for message in run.messages)
    assert size < 5000, size
    text = run.plain[0]
    assert text.startswith("Tensor Float [5000000,0] [[],\n") and "(5000000 empty rows:" in text
    assert "(no elements)" in run.of_type("execute_result", "display_data")[0]["content"]["data"]["text/html"]


def test_a_long_tensor_is_summarised_in_text_and_html(kernel):
    run = kernel.execute("zeros' [3000000]")
    data = run.of_type("execute_result", "display_data")[0]["content"]["data"]
    assert data["text/plain"].startswith("Tensor Float [3000000] [ 0.0000,  0.0000,  0.0000, ..., ")
    assert "3000000 elements, summarised" in data["text/html"] and ":set summarise off" in data["text/html"]
