"""Numba kernels: plain functions over NumPy arrays that never see a Tensor, compiled lazily per dtype on
first call and cached on disk (`cache=True`); nothing compiles at import.

The op table (engine/primitives*.py) calls: elementwise.py (unary/binary loops, operands of out's length
or 1), tile.py (binary loops with a bias-like operand repeating along the leading dims), reduce.py (row and
middle-axis reductions, arg-extremes), linalg.py (matmul, batched and 2-d), index.py (scatter-adds, the
backward of index_select and take_along_dim). Each module's docstring states its array contract.
"""
