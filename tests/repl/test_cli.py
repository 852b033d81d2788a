"""The `gradbook` command's own options (the REPL, run and tutorial have their own tests)."""
from __future__ import annotations

from gradbook.repl.cli import USAGE, main


def test_help(capsys) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert out == USAGE
    for word in ("gradbook run FILE", "gradbook tutorial [--no-pause]", "kernel install", "GRADBOOK_HISTORY"):
        assert word in out


def test_version(capsys) -> None:
    from gradbook.engine import __version__

    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"gradbook {__version__}\n"


def test_unknown_argument_is_a_usage_error(capsys) -> None:
    assert main(["--frobnicate"]) == 2
    err = capsys.readouterr().err
    assert "unknown argument '--frobnicate'" in err and "usage:" in err
