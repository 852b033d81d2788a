"""A Gradbook kernel whose `sin` has a deliberately wrong gradient rule (it forgets to multiply by the
upstream gradient), for the test that `gradCheck` catches such a rule through the kernel. Test-only: the
kernelspec that runs it is written into the test's Jupyter sandbox, never installed."""
import sys

from gradbook.engine.tensors.ops_base import PRIMITIVES
from gradbook.engine.tensors.primitives import cos

PRIMITIVES["sin"].vjp = lambda g, y, x: (cos(x),)

from gradbook.kernel.__main__ import main  # noqa: E402

sys.exit(main())
