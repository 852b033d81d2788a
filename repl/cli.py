"""The `gradbook` command: dispatches to the REPL, batch mode, the tutorial player and the kernel installer.

Imports stay inside the branches so `gradbook --version` and the prompt appear without loading Numba.
Contract for the subcommands (each returns an exit status):
    gradbook run FILE [--annotate] [--no-files] -> gradbook.engine.language.batch.main(argv)
    gradbook kernel install [...]       -> gradbook.kernel.install.main(argv)
    gradbook tutorial [--no-pause]      -> gradbook.repl.tutorial.main(argv)
    gradbook                            -> the REPL (interactive on a terminal, plain lines from a pipe)
"""
from __future__ import annotations

import sys

USAGE = """\
usage: gradbook [--version] [--help]
       gradbook                       start the REPL
       gradbook run FILE [--annotate] [--no-files]
                                      run a .gb script or literate .md file ('-' reads stdin);
                                      --no-files: the lesson may not read or write files
       gradbook tutorial [--no-pause] play Hasktorch's automatic differentiation tutorial
       gradbook kernel install [--user | --sys-prefix | --prefix DIR]
                                      install the Jupyter kernel

Learn automatic differentiation one line at a time, in the language of Hasktorch's tutorials.

In the REPL: Enter runs a line (or continues one that is unfinished), Alt-Enter starts a new line,
Tab completes, Up recalls history, Ctrl-C clears the line or stops a computation, Ctrl-D quits.
:help lists the colon commands (:type :doc :browse :graph :backprop :load :reload :save :reset :set :quit, :{ :}).

When standard input is not a terminal (`gradbook < lesson.gb`), the REPL reads plain lines and prints
plain output: stdout is what `gradbook run lesson.gb` prints. Errors go to stderr and, as in any REPL,
the session goes on with its bindings; the exit status is 1 if any line failed.

History is kept in $GRADBOOK_HISTORY, else $XDG_DATA_HOME/gradbook/history
(default ~/.local/share/gradbook/history).
"""


def main(argv: list[str] | None = None) -> int:
    """The command, ending as a Unix tool does whatever happens (see `quietly`)."""
    return quietly(lambda: _dispatch(sys.argv[1:] if argv is None else argv))


def _dispatch(args: list[str]) -> int:
    quiet_warnings()
    if sys.stdout is None:  # started with stdout closed (`gradbook run f >&-`): writing fails, as it should
        sys.stdout = ClosedStream()
    if args and args[0] in ("--version", "-V"):
        print(f"gradbook {version()}")
        return 0
    if args and args[0] in ("--help", "-h", "help"):
        sys.stdout.write(USAGE)
        return 0
    if args and args[0] == "run":
        from gradbook.engine.language.batch import main as batch_main

        return batch_main(args[1:])
    if args and args[0] == "kernel":
        from gradbook.kernel.install import main as kernel_main

        return kernel_main(args[1:])
    if args and args[0] == "tutorial":
        from gradbook.repl.tutorial import main as tutorial_main

        return tutorial_main(args[1:])
    if args:
        sys.stderr.write(f"gradbook: unknown argument {args[0]!r}\n\n{USAGE}")
        return 2
    return repl_main()


def version() -> str:
    """The installed distribution's version: read from its metadata, not by importing the engine (which
    loads NumPy and Numba)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as dist_version

    try:
        return dist_version("gradbook")
    except PackageNotFoundError:  # running from a source tree that was never installed
        from gradbook.engine import __version__

        return __version__


def quiet_warnings() -> None:
    """No Python warning reaches a learner (this process's own setting, not the engine's): NumPy's
    RuntimeWarnings (a float overflowing to Infinity is silent, as in libtorch) and Numba's warnings."""
    import warnings

    warnings.filterwarnings("ignore", category=RuntimeWarning)
    warnings.filterwarnings("ignore", module=r"numba(\.|$)")


class ClosedStream:
    """Standard output when the process was started without one: every write fails as on a closed fd."""

    encoding = "utf-8"

    def write(self, text: str) -> int:
        import errno
        import os

        raise OSError(errno.EBADF, os.strerror(errno.EBADF))

    def flush(self) -> None:  # nothing was buffered: a program that prints nothing still succeeds
        pass


def quietly(run) -> int:
    """Run a subcommand; what would end in a Python traceback ends as Unix tools end instead:
    - the reader of stdout went away (`gradbook run f | head`): silently, status 141 (128 + SIGPIPE, what a
      shell reports for a tool a closed pipe killed);
    - stdout cannot be written (closed with `>&-`, `/dev/full`): one line on stderr, status 1;
    - Ctrl-C outside a computation (while Numba loads, say): silently, status 130 (128 + SIGINT);
    - MemoryError outside the Session's own handling: one line on stderr, status 1."""
    try:
        return run()
    except BrokenPipeError:
        _silence_stdout()
        return 141
    except KeyboardInterrupt:
        _silence_stdout()
        return 130
    except MemoryError:
        _say("gradbook: out of memory")
        return 1
    except OSError as error:
        _silence_stdout()
        _say(f"gradbook: cannot write the output: {error.strerror or error}")
        return 1


def _silence_stdout() -> None:
    """Python flushes stdout again at exit, and would complain of the same failure: point it at nothing."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        if sys.stdout is not None:
            sys.stdout = open(1, "w", closefd=False)
    except OSError:  # pragma: no cover - nothing more can be done
        pass


def _say(text: str) -> None:
    try:
        if sys.stderr is not None:
            sys.stderr.write(text + "\n")
            sys.stderr.flush()
    except OSError:  # stderr gone too: the exit status says it
        pass


def repl_main() -> int:
    """The REPL: prompt_toolkit when the user is at a terminal, plain lines when stdin is a pipe or file."""
    from gradbook.repl.loader import EngineLoader, default_factory

    if sys.stdin is None or not sys.stdin.isatty():
        from gradbook.repl.plain import SOURCE_NAME, run_plain

        loader = EngineLoader(default_factory(name=SOURCE_NAME)).start()
        return run_plain(loader, sys.stdin or [], sys.stdout, sys.stderr)

    from gradbook.repl.app import Repl
    from gradbook.repl.history import make_history

    loader = EngineLoader(default_factory(warm_up=True))
    if sys.stdout.isatty():
        return Repl(loader, history=make_history()).run()
    # `gradbook | tee log`: the prompt on the terminal (stderr), plain results into the pipe.
    from prompt_toolkit.output import create_output

    return Repl(loader, history=make_history(), output=create_output(stdout=sys.stderr), out=sys.stdout,
                color=False).run()


if __name__ == "__main__":
    sys.exit(main())
