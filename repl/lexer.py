"""The Pygments lexer for Gradbook's Hasktorch-flavoured language, registered as `gradbook`.

The REPL highlights input with it, and Jupyter/nbconvert find it through the `pygments.lexers` entry point.
It imports nothing from the engine so that highlighting never waits for Numba.
"""
from __future__ import annotations

from pygments.lexer import RegexLexer, bygroups, words
from pygments.token import (
    Comment,
    Keyword,
    Name,
    Number,
    Operator,
    Punctuation,
    String,
    Text,
    Whitespace,
)

__all__ = ["GradbookLexer", "BUILTIN_NAMES", "KEYWORDS", "COLON_COMMANDS"]

# Hasktorch's names, as the session language provides them (issue 3). Kept here rather than read from the
# engine so the lexer stays import-cheap; tests/repl/test_lexer.py checks it against the real Session.
BUILTIN_NAMES: tuple[str, ...] = (
    # tensors
    "asTensor", "asValue", "shape", "dim", "numel", "dtype", "select", "reshape", "view", "sliceDim",
    "indexSelect", "toDouble", "toInt", "toDType",
    # factories
    "ones'", "zeros'", "full'", "eye'", "eyeSquare'", "arange'", "linspace'", "onesLike", "zerosLike",
    "randIO'", "randnIO'", "randintIO'", "manualSeed",
    # options and generators (Torch.TensorOptions, Torch.Device, Torch.Random)
    "zeros", "ones", "full", "eye", "eyeSquare", "arange", "linspace", "defaultOpts", "withDType", "withDevice",
    "device", "deviceType", "deviceIndex", "toDevice", "toType", "randIO", "randnIO", "randintIO",
    "randLikeIO'", "randnLikeIO", "bernoulliIO'", "manual_seed_L", "mkGenerator", "rand", "rand'", "randn",
    "randn'", "randint", "randint'", "normal", "normal'",
    "argmin", "nonzero", "dot", "mv", "bmm", "inverse", "cholesky", "size",
    # Torch.NN, Torch.Initializers, Torch.Optim
    "flattenParameters", "_replaceParameters", "replaceParameters", "nextParameter", "sample", "forward",
    "linear", "weight", "bias", "in_features", "out_features", "calculateGain", "kaimingUniform",
    "kaimingNormal", "xavierUniform", "xavierNormal", "step", "runStep", "runStep'", "mkAdam", "mkAdamW",
    "grad'", "sgd", "beta", "momentum", "beta1", "beta2", "m1", "m2", "iter", "beta1W", "beta2W", "m1W", "m2W",
    "iterW", "weightDecayW", "gsum", "saveParams", "loadParams", "mse_loss", "initOptimizer", "adamLr",
    "adamBetas", "adamEps", "adamWeightDecay", "adamAmsgrad", "adamwLr", "adamwBetas", "adamwEps",
    "adamwWeightDecay", "adamwAmsgrad", "sgdLr", "sgdMomentum", "sgdDampening", "sgdWeightDecay", "sgdNesterov",
    "adagradLr", "adagradLrDecay", "adagradWeightDecay", "adagradInitialAccumulatorValue", "adagradEps",
    # functional
    "add", "sub", "mul", "div", "matmul", "pow", "powt", "addScalar", "subScalar", "mulScalar",
    "divScalar", "relu", "sigmoid", "erf", "tanh", "exp", "log", "sqrt", "abs", "sin", "cos", "clamp", "gelu",
    "sumAll", "sumDim", "mean", "meanDim", "max", "min", "argmax", "std", "var", "transpose",
    "transpose2D", "squeezeAll", "flattenAll", "unsqueeze", "cat", "stack", "softmax", "logSoftmax",
    "mseLoss", "binaryCrossEntropyLoss'", "nllLoss'", "gt", "lt", "eq", "all", "any", "detach",
    # autograd
    "makeIndependent", "toDependent", "requiresGrad", "setRequiresGrad", "grad", "gradWithOptions",
    # lists and plumbing
    "head", "tail", "length", "map", "zip", "zipWith", "sum", "foldl", "take", "drop", "reverse", "fst",
    "snd", "id", "const", "print", "putStrLn", "show", "pure", "return", "mapM_", "forM_", "foldLoop",
    "concat", "elem", "filter", "foldr", "fromIntegral", "init", "last", "maximum", "minimum", "negate",
    "not", "null", "product", "putStr", "realToFrac", "replicate", "sequence_", "subtract", "unzip", "when",
    "ge", "le", "ne", "even", "odd", "mod", "rem", "mapM", "forM", "clampMax", "clampMin", "expand",
    "leakyRelu", "logSigmoid", "maxDim", "minDim", "permute", "sign", "squeezeDim",
    # class methods of their own (Inliterate.Import)
    "askInliterate",
    # files
    "readFile", "writeFile", "appendFile", "save", "load",
    # Prelude, base and mtl
    "acos", "and", "asTypeOf", "asin", "atan", "atan2", "break", "catMaybes", "ceiling", "chr", "compare",
    "comparing", "concatMap", "cosh", "curry", "cycle", "delete", "digitToInt", "divMod", "dropWhile",
    "either", "elemIndex", "elemIndices", "error", "find", "findIndex", "flip", "floor", "foldl'", "foldl1",
    "foldr1", "fromEnum", "fromInteger", "fromJust", "fromMaybe", "gcd", "group", "groupBy", "inits",
    "insert", "intToDigit", "intercalate", "intersperse", "isAlpha", "isAlphaNum", "isDigit", "isInfinite",
    "isInfixOf", "isJust", "isLower", "isNaN", "isNothing", "isPrefixOf", "isPunctuation", "isSpace",
    "isSuffixOf", "isUpper", "iterate", "lcm", "lefts", "lines", "logBase", "lookup", "mapMaybe", "maxBound",
    "maybe", "minBound", "notElem", "nub", "or", "ord", "partition", "pi", "pred", "quot", "quotRem", "read",
    "recip", "repeat", "rights", "round", "scanl", "scanl1", "scanr", "scanr1", "seq", "signum", "sinh",
    "sort", "sortBy", "sortOn", "span", "splitAt", "succ", "tails", "takeWhile", "tan", "toEnum", "toInteger",
    "toLower", "toUpper", "truncate", "uncurry", "unlines", "until", "unwords", "unzip3", "words", "zip3",
    "zipWith3",
    "evalState", "evalStateT", "execState", "execStateT", "fmap", "foldM", "foldM_", "forever", "get", "gets",
    "guard", "hPrintf", "hPutStrLn", "join", "lift", "liftA2", "liftIO", "modify", "modify'", "printf", "put",
    "replicateM", "replicateM_", "runState", "runStateT", "sequence", "state", "stderr", "stdout", "traverse",
    "traverse_", "unless", "void", "zipWithM", "zipWithM_",
    # derivatives and checks (beyond Hasktorch)
    "gradCheck", "checkGrad", "jacobian", "hessian", "jvp", "vjp",
    # plots
    "plot", "scatter", "plotWith", "line", "points", "title", "xlabel", "ylabel", "logY",
    "undefined",
    "it",
)

KEYWORDS: tuple[str, ...] = (
    "let", "in", "if", "then", "else", "case", "of", "where", "do", "import", "qualified", "as", "hiding",
    "data", "newtype", "type", "class", "instance", "deriving",
)

COLON_COMMANDS: tuple[str, ...] = (
    "help", "type", "doc", "browse", "graph", "load", "reload", "save", "reset", "set", "quit",
)

_SYMBOL = r"[!#$%&*+./<=>?@\\^|~:-]"


class GradbookLexer(RegexLexer):
    """Highlights Gradbook source: Hasktorch-style statements, comments, literals and `:commands`."""

    name = "Gradbook"
    aliases = ["gradbook", "gb"]
    filenames = ["*.gb"]
    mimetypes = ["text/x-gradbook"]
    url = "https://hasktorch.github.io"

    tokens = {
        "root": [
            # A colon command only makes sense at the start of a line; its argument (a path, a name, an
            # expression) is lexed as text or as code accordingly.
            (r"^([ \t]*)(:\{|:\})([ \t]*)$", bygroups(Whitespace, Keyword.Pseudo, Whitespace)),
            (
                r"^([ \t]*)(:(?:l|lo|loa|load|sa|sav|save))([ \t]+)([^\n]*)",
                bygroups(Whitespace, Keyword.Pseudo, Whitespace, String.Other),
            ),
            (r"^([ \t]*)(:[a-zA-Z]+)", bygroups(Whitespace, Keyword.Pseudo)),
            (r"^([ \t]*)(import)(\b[^\n]*)", bygroups(Whitespace, Keyword.Reserved, Name.Namespace)),
            (r"\n", Whitespace),
            (r"[ \t\r\f]+", Whitespace),
            (r"\{-", Comment.Multiline, "comment"),
            (r"--+(?!" + _SYMBOL + r")[^\n]*", Comment.Single),
            (r"\b(True|False)\b", Keyword.Constant),
            (words(KEYWORDS, prefix=r"\b", suffix=r"\b(?!')"), Keyword.Reserved),
            # Builtins may end in a prime (`ones'`), so the end is "no identifier character follows".
            (words(BUILTIN_NAMES, prefix=r"(?<![\w'])", suffix=r"(?![\w'])"), Name.Builtin),
            (r"[A-Z][\w']*(\.[A-Z][\w']*)*", Keyword.Type),
            (r"_\b|[a-z_][\w']*", Name),
            (r"`[a-zA-Z_][\w']*`", Operator.Word),
            (r"\d+\.\d+([eE][+-]?\d+)?|\d+[eE][+-]?\d+", Number.Float),
            (r"0[xX][0-9a-fA-F]+", Number.Hex),
            (r"\d+", Number.Integer),
            (r"'(\\.|[^\\'\n])'", String.Char),
            (r'"', String, "string"),
            (r"(::|->|<-|=>|=|\\|\|)(?!" + _SYMBOL + r")", Operator.Word),
            (_SYMBOL + r"+", Operator),
            (r"[(),;\[\]{}]", Punctuation),
            (r".", Text),
        ],
        "comment": [
            (r"[^{}-]+", Comment.Multiline),
            (r"\{-", Comment.Multiline, "#push"),
            (r"-\}", Comment.Multiline, "#pop"),
            (r"[{}-]", Comment.Multiline),
        ],
        "string": [
            (r'[^\\"\n]+', String),
            (r"\\.", String.Escape),
            (r'"', String, "#pop"),
            (r"\n", String, "#pop"),  # an unclosed string ends at the line's end; the parser reports it
        ],
    }
