"""The tensor engine: immutable tensors, the op table, reverse-mode autograd and the Numba kernels.

It knows nothing of the session language; `gradbook.engine` re-exports its public names.
"""
