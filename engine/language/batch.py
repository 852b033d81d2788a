"""`gradbook run FILE [--annotate] [--no-files]`: run a Haskell program (`.hs`: load the module and the sibling
modules it imports, then run `main`, as runghc does), a `.gb` script or a literate `.md` lesson, printing as
it goes.

Standard output gets each shown value's text and what `print`/`putStrLn` wrote, nothing else; the first
error goes to standard error, rendered with its place in the file, and the exit status is 1. The lesson
may read and write files in the current folder and its own (never `:save`); `--no-files` allows none.
"""
from __future__ import annotations

import os
import sys

USAGE = ("usage: gradbook run FILE [--annotate] [--no-files]   (FILE: a .hs program, a .gb script, a .md "
         "lesson, or - for stdin; --no-files: no file access at all)")


def _write(stream, text: str) -> None:
    from gradbook.engine.language.results import write_text  # the engine loads only once a file is read

    write_text(stream, text)


def main(argv: list[str]) -> int:
    args = [arg for arg in argv if arg not in ("--annotate", "--no-files")]
    annotate = "--annotate" in argv
    allow_files = "--no-files" not in argv
    if len(args) != 1 or args[0] in ("-h", "--help"):
        print(USAGE, file=sys.stderr if len(args) != 1 else sys.stdout)
        return 0 if args and args[0] in ("-h", "--help") else 2
    path = args[0]
    from gradbook.engine.language import files

    try:
        if path == "-":
            text, name, real = files.read_stream(sys.stdin, "<stdin>", "gradbook run"), "<stdin>", None
        else:
            files.check_name(path, "gradbook run")
            files.require_source(path, "gradbook run")
            real = os.path.realpath(path)
            text, name = files.read_regular(real, path, "gradbook run", files.MAX_SOURCE_BYTES), path
    except files.FileAccessError as error:
        print(error, file=sys.stderr)
        return 1

    from gradbook.engine.language.session import Session

    session = Session(name=name, allow_files=allow_files)
    if allow_files and real is not None:
        session.sandbox.lesson_folders.append(os.path.dirname(real))  # a lesson: neighbours readable, no :save
    elif allow_files:
        session.sandbox.lesson_folders.append(session.sandbox.root)
    out = sys.stdout
    write_failed: list[OSError] = []

    def show(output) -> None:  # each output as it is produced: a long program prints as it goes
        try:
            if output.kind == "stdout":
                _write(out, output.text)
            else:
                _write(out, output.text + "\n")
                if annotate and output.annotation:
                    _write(out, f"-- {output.annotation}\n")
            if output.kind != "stdout" or output.text.endswith("\n"):
                out.flush()
        except OSError as error:  # a closed pipe, a full disk: stop the run, then let the CLI end quietly
            write_failed.append(error)
            raise KeyboardInterrupt from None

    result = session.run_file(name, text, run_main=True, on_output=show)
    if write_failed:
        raise write_failed[0]
    out.flush()
    if result.error is not None:
        _write(sys.stderr, result.error.rendered + "\n")
        return 130 if result.error.kind == "interrupt" else 1  # 128 + SIGINT, the shell's convention
    return 0
