"""Each differentiable primitive's derivative rule as text, for `:backprop`: one row per primitive of
the op table (engine/tensors), one text per input position. `{0}`, `{1}`, ... are the inputs' short
names (a binding's name, a scalar constant's value, or `#3`), `{y}` the output's; `{lo}`, `{hi}`, `{n}`
the row's parameters. A test fails when a differentiable primitive has no row here."""
from __future__ import annotations

from typing import Any

# prim name -> (texts per input position; a lone text serves every position of a variadic op like cat)
RULES: dict[str, tuple[str | None, ...]] = {
    # ------------------------------------------------------------------ unary
    "neg": ("d(-{0})/d{0} = -1",),
    "exp": ("d(exp {0})/d{0} = exp {0}",),
    "log": ("d(log {0})/d{0} = 1/{0}",),
    "sqrt": ("d(sqrt {0})/d{0} = 1/(2 sqrt {0})",),
    "abs": ("d|{0}|/d{0} = sign {0}",),
    "sin": ("d(sin {0})/d{0} = cos {0}",),
    "cos": ("d(cos {0})/d{0} = -sin {0}",),
    "tanh": ("d(tanh {0})/d{0} = 1 - tanh² {0}",),
    "erf": ("d(erf {0})/d{0} = 2/√π · exp(-{0}²)",),
    "sigmoid": ("d(sigmoid {0})/d{0} = sigmoid {0} · (1 - sigmoid {0})",),
    "clamp": ("d(clamp {0})/d{0} = 1 inside [{lo}, {hi}], else 0",),
    # ------------------------------------------------------------------ binary
    "add": ("d({0}+{1})/d{0} = 1", "d({0}+{1})/d{1} = 1"),
    "sub": ("d({0}-{1})/d{0} = 1", "d({0}-{1})/d{1} = -1"),
    "mul": ("d({0}*{1})/d{0} = {1}", "d({0}*{1})/d{1} = {0}"),
    "div": ("d({0}/{1})/d{0} = 1/{1}", "d({0}/{1})/d{1} = -{0}/{1}²"),
    "pow": ("d({0}^{1})/d{0} = {1}·{0}^({1}-1)", "d({0}^{1})/d{1} = {0}^{1} · log {0}"),
    "maximum": ("d max({0},{1})/d{0} = 1 where {0} > {1}, 1/2 on ties, else 0",
                "d max({0},{1})/d{1} = 1 where {1} > {0}, 1/2 on ties, else 0"),
    "minimum": ("d min({0},{1})/d{0} = 1 where {0} < {1}, 1/2 on ties, else 0",
                "d min({0},{1})/d{1} = 1 where {1} < {0}, 1/2 on ties, else 0"),
    "tanh_backward": ("d({0}·(1-{1}²))/d{0} = 1 - {1}²", "d({0}·(1-{1}²))/d{1} = -2·{0}·{1}"),
    "sigmoid_backward": ("d({0}·{1}·(1-{1}))/d{0} = {1}·(1-{1})", "d({0}·{1}·(1-{1}))/d{1} = {0}·(1-2{1})"),
    "where": (None, "d where({0},{1},{2})/d{1} = 1 where {0}, else 0",
              "d where({0},{1},{2})/d{2} = 0 where {0}, else 1"),
    # ------------------------------------------------------------------ reductions
    "sum": ("d(sum {0})/d{0} = 1 for every summed element",),
    "max_all": ("d(max {0})/d{0} = 1 at the largest element (shared on ties), else 0",),
    "min_all": ("d(min {0})/d{0} = 1 at the smallest element (shared on ties), else 0",),
    "log_softmax": ("d(log_softmax {0})/d{0}: g - softmax {0} · (sum of g along the dim)",),
    "binary_cross_entropy": ("d bce({0},{1})/d{0} = ({0} - {1}) / ({0}·(1-{0})) / {n}",
                             "d bce({0},{1})/d{1} = (log(1-{0}) - log {0}) / {n}"),
    # ------------------------------------------------------------------ shape and linear algebra
    "reshape": ("d(reshape {0})/d{0} = 1 per element: g, reshaped back to {0}'s shape",),
    "permute": ("d(permute {0})/d{0} = 1 per element: g, permuted back",),
    "expand": ("d(expand {0})/d{0} = 1 per copy: g summed over the expanded dims",),
    "to_dtype": ("d(toDType {0})/d{0} = 1: g, converted back to {0}'s dtype",),
    "index": ("d({0}[i])/d{0} = 1 at the indexed places, else 0",),
    "index_put": ("d(put g at i)/d{0} = 1 at the indexed places: g read there",),
    "index_select": ("d(indexSelect {0} i)/d{0} = 1 at each selected row: g added back there", None),
    "index_add": ("d(indexAdd {0} i {2})/d{0} = 1", None, "d(indexAdd {0} i {2})/d{2} = 1: g read at rows i"),
    "take_along_dim": ("d(gather {0} i)/d{0} = 1 at each gathered place: g scattered back", None),
    "scatter_add": ("d(scatterAdd {0} i {2})/d{0} = 1", None, "d(scatterAdd {0} i {2})/d{2} = 1: g gathered at i"),
    "cat": ("d(cat ...)/d{x} = 1 on {x}'s slice: g cut to that slice",),
    "matmul": ("d({0}@{1})/d{0}: g @ {1}ᵀ", "d({0}@{1})/d{1}: {0}ᵀ @ g"),
    "inverse": ("d(inverse {0})/d{0}: -{y}ᵀ @ g @ {y}ᵀ",),
    "cholesky": ("d(cholesky {0})/d{0}: sym(L⁻ᵀ · Φ(Lᵀ g) · L⁻¹), L = {y}, Φ keeps the lower triangle, "
                 "diagonal halved",),
}

# Rules whose local derivative is a number per element of the output (so `:backprop` shows it and the
# product g × local); the others are written with g itself, as the formula says.
POINTWISE = frozenset({
    "neg", "exp", "log", "sqrt", "abs", "sin", "cos", "tanh", "erf", "sigmoid", "clamp", "add", "sub",
    "mul", "div", "pow", "maximum", "minimum", "tanh_backward", "sigmoid_backward", "where", "to_dtype",
})
# A rule for x * x (one input used twice: one gradient, 2x, as the op table computes it).
SQUARE = "d({0}*{0})/d{0} = 2{0}"


def scalar_text(x: Any) -> str:
    """A constant inside a rule: short (`4`, `0.05`, `1e-05`)."""
    return f"{float(x):g}" if not isinstance(x, bool) else str(x)


def rule_text(prim: str, position: int, names: list[str], output: str, params: dict | None) -> str:
    """The rule of `prim` for input `position`, with the inputs' names filled in."""
    texts = RULES[prim]
    text = texts[position] if position < len(texts) else texts[0]
    if text is None:  # pragma: no cover - a non-differentiable position never receives a gradient
        return f"d {prim}/d{names[position]}: not differentiable"
    if prim == "mul" and len(names) == 2 and names[0] == names[1]:
        text = SQUARE
    values = {str(i): name for i, name in enumerate(names)}
    params = params or {}
    values.update(y=output, x=names[position], n=str(params.get("n", "n")),
                  lo="-∞" if params.get("lo") is None else scalar_text(params["lo"]),
                  hi="∞" if params.get("hi") is None else scalar_text(params["hi"]))
    return text.format(*names, **{k: v for k, v in values.items() if not k.isdigit()})
