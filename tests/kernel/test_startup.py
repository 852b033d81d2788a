"""The kernel answers `kernel_info` before the engine has loaded: importing the kernel module must not pull
in the engine (and with it Numba); the engine loads in a background thread instead."""
from __future__ import annotations

import subprocess
import sys


def test_kernel_module_does_not_import_the_engine():
    code = (
        "import sys, gradbook.kernel.kernel, gradbook.kernel.rich, gradbook.kernel.install; "
        "print(sorted(m for m in sys.modules if m.startswith(('numba', 'gradbook.engine'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "[]"
