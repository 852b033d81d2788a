"""The `gradbook` command: dispatches to the REPL, batch mode, the tutorial player and the kernel installer.

Imports stay inside the branches so `gradbook --version` and the prompt appear without loading Numba.
Contract for the subcommands (each returns an exit status):
    gradbook run FILE [--annotate]      -> gradbook.engine.batch.main(argv)
    gradbook kernel install [...]       -> gradbook.kernel.install.main(argv)
"""
from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] in ("--version", "-V"):
        from gradbook.engine import __version__

        print(f"gradbook {__version__}")
        return 0
    if args and args[0] == "run":
        from gradbook.engine.batch import main as batch_main

        return batch_main(args[1:])
    if args and args[0] == "kernel":
        from gradbook.kernel.install import main as kernel_main

        return kernel_main(args[1:])
    print("Gradbook: the REPL is coming.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
