"""libtorch's CPU random numbers: the mt19937 engine (ATen's MT19937RNGEngine.h) and ATen's transforms
(DistributionsHelper.h, cpu/DistributionTemplates.h) that turn its 32-bit words into uniform, normal,
integer, permutation and Bernoulli draws, in libtorch's order of draws.

A generator's state is three arrays the caller owns: `state` (uint32[624]), `pos` (int64[1]: the next
word's index, 624 meaning "twist first") and `cache` (float64[2]: a valid flag and the spare Box-Muller
sample libtorch keeps between scalar normal draws). Every kernel advances them in place."""
from __future__ import annotations

import math

import numpy as np
from numba import njit

N = 624
_M = 397
_MATRIX_A = np.uint32(0x9908B0DF)
_UPPER = np.uint32(0x80000000)
_LOWER = np.uint32(0x7FFFFFFF)
_TWO_PI = 2.0 * math.pi
_F24 = 1.0 / (1 << 24)
_F53 = 1.0 / (1 << 53)


@njit(cache=True)
def seed_state(seed, state, pos, cache):
    """init_genrand with the seed's low 32 bits (libtorch keeps the full seed only to report it)."""
    state[0] = np.uint32(seed & 0xFFFFFFFF)
    for j in range(1, N):
        prev = np.uint64(state[j - 1])
        state[j] = np.uint32((np.uint64(1812433253) * (prev ^ (prev >> np.uint64(30))) + np.uint64(j))
                             & np.uint64(0xFFFFFFFF))
    pos[0] = N
    cache[0] = 0.0
    cache[1] = 0.0


@njit(cache=True)
def _twist(state):
    for k in range(N):
        y = (state[k] & _UPPER) | (state[(k + 1) % N] & _LOWER)
        v = state[(k + _M) % N] ^ (y >> np.uint32(1))
        if y & np.uint32(1):
            v ^= _MATRIX_A
        state[k] = v


@njit(cache=True)
def _next32(state, pos):
    if pos[0] >= N:
        _twist(state)
        pos[0] = 0
    y = state[pos[0]]
    pos[0] += 1
    y ^= y >> np.uint32(11)
    y ^= (y << np.uint32(7)) & np.uint32(0x9D2C5680)
    y ^= (y << np.uint32(15)) & np.uint32(0xEFC60000)
    y ^= y >> np.uint32(18)
    return y


@njit(cache=True)
def _next64(state, pos):
    """CPUGeneratorImpl::random64: the first word is the high half."""
    hi = np.uint64(_next32(state, pos))
    lo = np.uint64(_next32(state, pos))
    return (hi << np.uint64(32)) | lo


@njit(cache=True)
def _uniform32(state, pos):
    return np.float32(np.float64(_next32(state, pos) & np.uint32(0xFFFFFF)) * _F24)


@njit(cache=True)
def _uniform64(state, pos):
    return np.float64(_next64(state, pos) & np.uint64(0x1FFFFFFFFFFFFF)) * _F53


@njit(cache=True)
def words(state, pos, out):
    """out[i] = the engine's next 32-bit word (uint32 out)."""
    for i in range(out.size):
        out[i] = _next32(state, pos)


@njit(cache=True)
def uniform32(state, pos, out, low, high):
    """uniform_real_distribution<float>: 24 bits of one word; a value that rounds up to `high`
    becomes `low`, as uniform_kernel does (out float32)."""
    lo, hi = np.float32(low), np.float32(high)
    for i in range(out.size):
        x = np.float32(_uniform32(state, pos) * (hi - lo) + lo)
        out[i] = lo if x == hi else x


@njit(cache=True)
def uniform64(state, pos, out, low, high):
    """uniform_real_distribution<double>: 53 bits of random64 (out float64)."""
    for i in range(out.size):
        x = _uniform64(state, pos) * (high - low) + low
        out[i] = low if x == high else x


@njit(cache=True)
def normal_scalar(state, pos, cache, out, mean, std):
    """normal_distribution<double> element by element (tensors under 16 elements, any float dtype):
    two random64 uniforms per pair, r = sqrt(-2 log1p(-u2)), the sine sample cached in the generator."""
    for i in range(out.size):
        if cache[0] != 0.0:
            z = cache[1]
            cache[0] = 0.0
        else:
            u1 = _uniform64(state, pos)
            u2 = _uniform64(state, pos)
            r = math.sqrt(-2.0 * math.log1p(-u2))
            theta = _TWO_PI * u1
            cache[0] = 1.0
            cache[1] = r * math.sin(theta)
            z = r * math.cos(theta)
        out[i] = z * std + mean


@njit(cache=True)
def normal_fill32(state, pos, data, mean, std):
    """normal_fill<float> (16 or more elements): every element a 24-bit uniform first, then Box-Muller
    in float32 on each 16-block (pairs j, j+8; u1 = 1 - u so the log sees (0, 1]); a ragged end redraws
    the last 16 elements and transforms them again."""
    size = data.size
    for i in range(size):
        data[i] = _uniform32(state, pos)
    i = 0
    while i < size - 15:
        _box_muller32(data, i, mean, std)
        i += 16
    if size % 16 != 0:
        for k in range(size - 16, size):
            data[k] = _uniform32(state, pos)
        _box_muller32(data, size - 16, mean, std)


@njit(cache=True)
def _box_muller32(data, start, mean, std):
    one, minus_two = np.float32(1.0), np.float32(-2.0)
    for j in range(8):
        u1 = one - data[start + j]
        u2 = data[start + j + 8]
        radius = np.float32(math.sqrt(np.float32(minus_two * np.float32(math.log(u1)))))
        theta = np.float32(_TWO_PI * np.float64(u2))
        a = np.float32(radius * np.float32(math.cos(theta)))
        b = np.float32(radius * np.float32(math.sin(theta)))
        # fmaf(a, std, mean): one rounding of the exact a*std + mean (exact in float64 for a*std)
        data[start + j] = np.float32(np.float64(a) * std + mean)
        data[start + j + 8] = np.float32(np.float64(b) * std + mean)


@njit(cache=True)
def normal_fill64(state, pos, data, mean, std):
    """normal_fill<double>: as normal_fill32 with 53-bit uniforms and double math."""
    size = data.size
    for i in range(size):
        data[i] = _uniform64(state, pos)
    i = 0
    while i < size - 15:
        _box_muller64(data, i, mean, std)
        i += 16
    if size % 16 != 0:
        for k in range(size - 16, size):
            data[k] = _uniform64(state, pos)
        _box_muller64(data, size - 16, mean, std)


@njit(cache=True)
def _box_muller64(data, start, mean, std):
    for j in range(8):
        u1 = 1.0 - data[start + j]
        u2 = data[start + j + 8]
        radius = math.sqrt(-2.0 * math.log(u1))
        theta = _TWO_PI * u2
        data[start + j] = radius * math.cos(theta) * std + mean
        data[start + j + 8] = radius * math.sin(theta) * std + mean


@njit(cache=True)
def randint(state, pos, out, span, base):
    """uniform_int_from_to_distribution: (word % span) + base, with random64 once span >= 2^28."""
    wide = span >= (1 << 28)
    uspan = np.uint64(span)
    for i in range(out.size):
        v = _next64(state, pos) if wide else np.uint64(_next32(state, pos))
        out[i] = np.int64(v % uspan) + base


@njit(cache=True)
def randperm(state, pos, out):
    """randperm_cpu: the identity, then for each i a swap with i + random() % (n - i)."""
    n = out.size
    for i in range(n):
        out[i] = i
    for i in range(n - 1):
        z = np.int64(np.uint64(_next32(state, pos)) % np.uint64(n - i))
        out[i], out[z + i] = out[z + i], out[i]


@njit(cache=True)
def bernoulli32(state, pos, p, out):
    """bernoulli_distribution<float>: a 24-bit uniform < p (p float32, 1-d like out)."""
    for i in range(out.size):
        out[i] = 1 if _uniform32(state, pos) < p[i] else 0


@njit(cache=True)
def bernoulli64(state, pos, p, out):
    """bernoulli_distribution<double>: a 53-bit uniform < p (p float64, 1-d like out)."""
    for i in range(out.size):
        out[i] = 1 if _uniform64(state, pos) < p[i] else 0


# ---- libtorch's AVX2 NormalFill16 (x86 hosts with AVX2 and FMA): avx_mathfun's log256_ps and sincos256_ps
# (Cephes polynomials in float32), with the multiply-adds GCC contracts into FMAs in libtorch's build.
# _fma is exact but for float64's double rounding, which differs from one rounding about once in 2^29.

@njit(cache=True)
def _fma(a, b, c):
    return np.float32(np.float64(a) * np.float64(b) + np.float64(c))


_LOG_P = (-1.1514610310E-1, 1.1676998740E-1, -1.2420140846E-1, 1.4249322787E-1, -1.6668057665E-1,
          2.0000714765E-1, -2.4999993993E-1, 3.3333331174E-1)


@njit(cache=True)
def _log_ps(x):
    if not x > 0:
        return np.float32(np.nan)
    one = np.float32(1.0)
    if x < np.float32(1.17549435e-38):
        x = np.float32(1.17549435e-38)
    bits = np.array([x], dtype=np.float32).view(np.int32)[0]
    e = np.float32(np.float32(((bits >> 23) & 0x1FF) - 0x7F) + one)
    x = np.array([(bits & ~0x7F800000) | 0x3F000000], dtype=np.int32).view(np.float32)[0]  # mantissa in [0.5, 1)
    small = x < np.float32(0.707106781186547524)
    tmp = x if small else np.float32(0.0)
    x = np.float32(x - one)
    if small:
        e = np.float32(e - one)
    x = np.float32(x + tmp)
    z = np.float32(x * x)
    y = np.float32(7.0376836292E-2)
    for p in _LOG_P:
        y = _fma(y, x, np.float32(p))
    y = np.float32(y * x)
    y = _fma(y, z, np.float32(e * np.float32(-2.12194440e-4)))
    y = _fma(z, np.float32(-0.5), y)
    x = np.float32(x + y)
    return _fma(e, np.float32(0.693359375), x)


@njit(cache=True)
def _sincos_ps(x):
    negative = x < 0
    x = abs(x)
    j = (np.int32(np.float32(x * np.float32(1.27323954473516))) + 1) & ~1
    y = np.float32(j)
    swap = (j & 4) != 0
    first_poly = (j & 2) == 0
    x = _fma(y, np.float32(-0.78515625), x)
    x = _fma(y, np.float32(-2.4187564849853515625e-4), x)
    x = _fma(y, np.float32(-3.77489497744594108e-8), x)
    cos_negative = ((~(j - 2)) & 4) != 0
    sin_negative = negative != swap
    z = np.float32(x * x)
    c = _fma(np.float32(2.443315711809948E-005), z, np.float32(-1.388731625493765E-003))
    c = _fma(c, z, np.float32(4.166664568298827E-002))
    c = np.float32(c * z)
    c = _fma(c, z, -np.float32(z * np.float32(0.5)))
    c = np.float32(c + np.float32(1.0))
    s = _fma(np.float32(-1.9515295891E-4), z, np.float32(8.3321608736E-3))
    s = _fma(s, z, np.float32(-1.6666654611E-1))
    s = np.float32(s * z)
    s = _fma(s, x, x)
    if not first_poly:
        s, c = c, s
    return (-s if sin_negative else s), (-c if cos_negative else c)


@njit(cache=True)
def _box_muller32_avx2(data, start, mean, std):
    two_pi = np.float32(2.0 * math.pi)
    m, sd = np.float32(mean), np.float32(std)
    for j in range(8):
        u1 = np.float32(np.float32(1.0) - data[start + j])
        radius = np.float32(math.sqrt(np.float32(np.float32(-2.0) * _log_ps(u1))))
        s, c = _sincos_ps(np.float32(two_pi * data[start + j + 8]))
        data[start + j] = _fma(np.float32(radius * c), sd, m)
        data[start + j + 8] = _fma(np.float32(radius * s), sd, m)


@njit(cache=True)
def normal_fill32_avx2(state, pos, data, mean, std):
    """normal_fill<float> as libtorch's AVX2/AVX-512 builds compute it (same draws as normal_fill32)."""
    size = data.size
    for i in range(size):
        data[i] = _uniform32(state, pos)
    i = 0
    while i < size - 15:
        _box_muller32_avx2(data, i, mean, std)
        i += 16
    if size % 16 != 0:
        for k in range(size - 16, size):
            data[k] = _uniform32(state, pos)
        _box_muller32_avx2(data, size - 16, mean, std)
