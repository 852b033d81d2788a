"""Bit casts between floats and same-width integers inside Numba kernels (one LLVM `bitcast`, vectorisable)."""
from __future__ import annotations

from llvmlite import ir
from numba import types
from numba.extending import intrinsic

# Why: the vectorisable exp/log in fast_math build 2**k from integer bits and read exponents out of
# floats; a bitcast compiles to nothing the loop vectoriser cannot handle (a memory round trip would).


def _bitcast(name, src, dst, llvm_dst):
    def typer(typingctx, x):
        if x != src:
            return None

        def codegen(context, builder, signature, args):
            return builder.bitcast(args[0], llvm_dst)

        return dst(src), codegen

    typer.__name__ = typer.__qualname__ = name  # Numba names the intrinsic after its typer
    return typer


# Each accepts exactly its source type: cast first (e.g. `i64_as_f64(np.int64(k) << 52)`).
f32_as_i32 = intrinsic(_bitcast("f32_as_i32", types.float32, types.int32, ir.IntType(32)))
i32_as_f32 = intrinsic(_bitcast("i32_as_f32", types.int32, types.float32, ir.FloatType()))
f64_as_i64 = intrinsic(_bitcast("f64_as_i64", types.float64, types.int64, ir.IntType(64)))
i64_as_f64 = intrinsic(_bitcast("i64_as_f64", types.int64, types.float64, ir.DoubleType()))
