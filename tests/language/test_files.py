"""The file sandbox through Session.run: `:load`/`:save` stay in the working folder (or the loading lesson's),
read only regular Gradbook sources of bounded size, write atomically and never over a file they did not
write; the file builtins (`readFile`, `writeFile`, `appendFile`, `save`, `load`) share the same checks."""
from __future__ import annotations

import os
import zipfile

import numpy as np
import pytest

from gradbook.engine.language.session import Session


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "work"
    root.mkdir()
    return root


@pytest.fixture
def session(folder):
    return Session(allow_files=True, root=str(folder))


def shown(session, source):
    result = session.run(source)
    assert result.error is None, result.error.rendered
    return [output.text for output in result.outputs]


def error(session, source):
    result = session.run(source)
    assert result.error is not None, [output.text for output in result.outputs]
    return result.error


def test_load_refuses_paths_that_leave_the_folder(session, folder, tmp_path):
    outside = tmp_path / "outside.gb"
    outside.write_text("let secret = 1\n")
    (folder / "link.gb").symlink_to(outside)
    (folder / "sub").mkdir()
    for path in (str(outside), "../outside.gb", "sub/../../outside.gb", "link.gb"):
        report = error(session, f":load {path}")
        assert report.kind == "value" and "outside the working folder" in report.message, path
    assert "secret" not in session.bindings


def test_load_of_a_system_file_never_prints_its_content(session, folder):
    (folder / "passwd").symlink_to("/etc/passwd")
    for path in ("/etc/passwd", "passwd"):
        report = error(session, f":load {path}")
        assert "root:x:0" not in report.rendered
    (folder / "data.txt").write_text("first line of private notes\n")
    report = error(session, ":load data.txt")
    assert "not a Gradbook source" in report.message and "private" not in report.rendered


def test_load_reads_only_regular_files_of_bounded_size(session, folder):
    os.mkfifo(folder / "pipe.gb")  # opening a FIFO for reading would block without O_NONBLOCK
    assert "not a regular file" in error(session, ":load pipe.gb").message
    (folder / "dir.gb").mkdir()
    assert "a folder" in error(session, ":load dir.gb").message
    with open(folder / "huge.gb", "wb") as handle:  # sparse: 9 MB long, nothing on disk
        handle.truncate(9 << 20)
    assert "more than the limit of 8.0 MiB" in error(session, ":load huge.gb").message
    (folder / "latin1.gb").write_bytes(b"let a = 1\n-- caf\xe9\n")
    assert "is not UTF-8 text (byte 16" in error(session, ":load latin1.gb").message


def test_load_allows_the_folder_of_the_lesson_that_loads_it(session, folder, tmp_path):
    lessons = tmp_path / "work" / "lessons"
    lessons.mkdir()
    (lessons / "helper.gb").write_text("let helped = 41\n")
    (lessons / "main.gb").write_text(f":load {lessons / 'helper.gb'}\nhelped + 1\n")
    assert shown(session, ":load lessons/main.gb") == ["42"]


def test_a_nul_byte_in_a_path_is_a_clear_error(session):
    for command in (":load a\0b.gb", ":save a\0b.gb", 'writeFile "a\\0b" "x"'):
        report = error(session, command)
        assert report.kind == "value" and "NUL character" in report.message, command


def test_save_is_atomic_and_never_truncates_on_failure(session, folder):
    session.run("let a = 1\na + 1")
    assert shown(session, ":save lesson.gb") == ["saved 2 statements to lesson.gb"]
    before = (folder / "lesson.gb").read_bytes()
    session.history.append('putStrLn "\ud800"')  # a lone surrogate has no UTF-8 form
    report = error(session, ":save lesson.gb")
    assert "cannot be written as UTF-8; nothing was written" in report.message
    assert (folder / "lesson.gb").read_bytes() == before
    assert sorted(os.listdir(folder)) == ["lesson.gb"]  # no temporary file left behind
    error(session, ":save fresh.gb")
    assert not (folder / "fresh.gb").exists()


def test_save_keeps_other_files_unless_told(session, folder):
    (folder / "notes.md").write_text("# Notes\n\nProse.\n\n```haskell do\nlet q = 1\n```\n")
    markdown = (folder / "notes.md").read_bytes()
    shown(session, ":load notes.md")
    assert "only .gb scripts and .ipynb notebooks" in error(session, ":save notes.md").message
    assert (folder / "notes.md").read_bytes() == markdown
    (folder / "mine.gb").write_text("let mine = 1\n")
    report = error(session, ":save mine.gb")
    assert "was not written by this session; `:save! mine.gb` replaces it" in report.message
    assert (folder / "mine.gb").read_text() == "let mine = 1\n"
    assert shown(session, ":save! mine.gb") == ["saved 1 statement to mine.gb"]
    assert (folder / "mine.gb").read_text() == "let q = 1\n"
    assert shown(session, ":save mine.gb") == ["saved 1 statement to mine.gb"]  # its own file now
    assert "outside the working folder" in error(session, ":save ../elsewhere.gb").message


def test_a_lesson_cannot_save(session, folder):
    (folder / "lesson.gb").write_text("let a = 1\n:save planted.gb\n")
    report = error(session, ":load lesson.gb")
    assert "cannot be used by a lesson" in report.message and report.line == 2
    assert not (folder / "planted.gb").exists()
    assert shown(session, ":save mine.gb") == ["saved 1 statement to mine.gb"]  # the REPL itself still may


def test_text_file_builtins(session, folder):
    assert shown(session, 'writeFile "log.txt" "step 1\\n"') == []
    shown(session, 'appendFile "log.txt" "step 2\\n"')
    assert shown(session, 'readFile "log.txt" >>= putStr') == ["step 1\nstep 2\n"]
    assert (folder / "log.txt").read_text() == "step 1\nstep 2\n"
    shown(session, 'writeFile "log.txt" "fresh"')
    assert shown(session, 'readFile "log.txt"') == ['"fresh"']
    report = error(session, 'readFile "missing.txt"')
    assert report.message == "readFile: cannot read `missing.txt`: No such file or directory"
    for source in ('readFile "/etc/hostname"', 'writeFile "../x" "y"', 'appendFile "/tmp/x" "y"'):
        assert "outside the working folder" in error(session, source).message, source
    assert "cannot be written as UTF-8" in error(session, 'writeFile "log.txt" "\\55296"').message
    assert (folder / "log.txt").read_text() == "fresh"


def test_tensor_save_and_load_round_trip(session, folder):
    shown(session, 'let ts = [ones\' [2, 3], asTensor ([1, 2] :: [Int]), asTensor (2.5 :: Double), '
                   'asTensor [True, False], zeros\' [0, 4]]')
    shown(session, 'save ts "weights.npz"')
    back = shown(session, 'us <- load "weights.npz"\nus')
    assert back == shown(session, "ts")
    with np.load(folder / "weights.npz", allow_pickle=False) as data:  # plain NumPy reads it
        assert list(data.keys()) == [f"tensor{i}" for i in range(5)]
        assert data["tensor0"].dtype == np.float32 and data["tensor1"].tolist() == [1, 2]


def test_load_refuses_files_that_are_not_tensor_files(session, folder):
    (folder / "text.npz").write_text("hello")
    assert "not a tensor file" in error(session, 'load "text.npz"').message
    np.savez(folder / "objects.npz", tensor0=np.array([{"a": 1}], dtype=object))  # a pickle inside
    assert "not one of Bool, Int64, Float, Double" in error(session, 'load "objects.npz"').message
    with zipfile.ZipFile(folder / "odd.npz", "w") as archive:
        archive.writestr("other.npy", b"")
    assert "unexpected entry 'other.npy'" in error(session, 'load "odd.npz"').message


def test_without_file_access_nothing_is_reachable(folder):
    closed = Session(allow_files=False, root=str(folder))
    for source in ('readFile "a.txt"', 'writeFile "a.txt" "x"', 'save [ones\' [1]] "a.npz"', 'load "a.npz"'):
        assert "file access is off here" in error(closed, source).message, source
    assert os.listdir(folder) == []


def test_path_completion_shows_only_the_sandbox(session, folder):
    (folder / "lesson-one.gb").write_text("")
    (folder / "lessons").mkdir()
    (folder / "etc").symlink_to("/etc")
    assert session.complete(":load less", 10).matches == ["lesson-one.gb", "lessons/"]
    assert session.complete(":load /etc/pass", 15).matches == []
    assert session.complete(":load et", 8).matches == []
    assert Session(allow_files=False, root=str(folder)).complete(":load less", 10).matches == []


def test_load_of_a_tensor_file_beyond_the_budget_is_refused_before_reading(session, folder):
    from gradbook.engine.tensors import memory

    shown(session, "save [zeros' [1000000]] \"big.npz\"")
    try:
        shown(session, ":set memory 4M")
        report = error(session, 'load "big.npz"')
        assert report.kind == "limit" and report.message.startswith("load: reading `big.npz` needs 7.6 MiB")
    finally:
        memory.set_memory_budget(None)
