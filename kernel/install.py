"""Install the `gradbook` kernelspec so Jupyter lists "Gradbook":
`gradbook kernel install [--user | --sys-prefix | --prefix P]` or `python -m gradbook.kernel install ...`.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

KERNEL_NAME = "gradbook"
RESOURCES = Path(__file__).parent / "resources"
LOGOS = ("logo-32x32.png", "logo-64x64.png")


def kernel_spec(python: str | None = None) -> dict[str, Any]:
    """The kernel.json contents. The interpreter is the one installing, so the kernel runs in the same
    environment as the `gradbook` package it needs."""
    return {
        "argv": [python or sys.executable, "-m", "gradbook.kernel", "-f", "{connection_file}"],
        "display_name": "Gradbook",
        "language": "gradbook",
        "interrupt_mode": "signal",
        "env": {},
        "metadata": {"debugger": False},
    }


def install(user: bool = False, prefix: str | None = None, name: str = KERNEL_NAME) -> str:
    """Write the kernelspec (kernel.json and logos) and return the directory Jupyter will read it from.

    With neither `user` nor `prefix`, installs system-wide, as `jupyter kernelspec install` does."""
    from jupyter_client.kernelspec import KernelSpecManager

    with tempfile.TemporaryDirectory() as tmp:
        spec_dir = Path(tmp) / name
        spec_dir.mkdir()
        (spec_dir / "kernel.json").write_text(json.dumps(kernel_spec(), indent=1) + "\n", encoding="utf-8")
        for logo in LOGOS:
            shutil.copy(RESOURCES / logo, spec_dir / logo)
        return KernelSpecManager().install_kernel_spec(str(spec_dir), name, user=user, prefix=prefix)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gradbook kernel", description="Manage Gradbook's Jupyter kernel."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    inst = commands.add_parser("install", help="install the `gradbook` kernelspec")
    where = inst.add_mutually_exclusive_group()
    where.add_argument("--user", action="store_true", help="for the current user (the default)")
    where.add_argument(
        "--sys-prefix", action="store_true", help=f"into this Python environment ({sys.prefix})"
    )
    where.add_argument("--prefix", metavar="P", help="under prefix P (P/share/jupyter/kernels)")
    where.add_argument("--system", action="store_true", help="system-wide (may need administrator rights)")
    inst.add_argument("--name", default=KERNEL_NAME, help="kernelspec name (default: %(default)s)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point for `gradbook kernel ...`; returns the exit status."""
    args = _parser().parse_args(sys.argv[1:] if argv is None else argv)
    if args.sys_prefix:
        prefix, user = sys.prefix, False
    elif args.prefix:
        prefix, user = args.prefix, False
    elif args.system:
        prefix, user = None, False
    else:  # a teacher's laptop: installing for the user needs no rights and every Jupyter finds it
        prefix, user = None, True
    try:
        path = install(user=user, prefix=prefix, name=args.name)
    except OSError as err:
        print(f"gradbook kernel install: {err}", file=sys.stderr)
        return 1
    print(f"Installed the Gradbook kernelspec `{args.name}` in {path}")
    return 0
