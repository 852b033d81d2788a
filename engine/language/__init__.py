"""The session language: lexer, parser, syntax tree, evaluator, builtins, display and the `Session`
that the REPL, the kernel and `gradbook run` adapt. It stands on the tensor engine, never the reverse.
"""
