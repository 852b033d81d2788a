"""`python -m gradbook.kernel -f CONNECTION_FILE` starts the kernel (Jupyter runs this);
`python -m gradbook.kernel install [--user | --sys-prefix | --prefix P]` installs its kernelspec."""
from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] == "install":
        from gradbook.kernel.install import main as install_main

        return install_main(args)
    from ipykernel.kernelapp import IPKernelApp

    from gradbook.kernel.kernel import GradbookKernel

    IPKernelApp.launch_instance(argv=args, kernel_class=GradbookKernel)
    return 0


if __name__ == "__main__":
    sys.exit(main())
