"""Methods of the built-in classes (classes.py) that are functions of their own rather than operators or
other builtins: Inliterate.Import's `askInliterate`, what a literate lesson's `eval` block calls, and its
`CodeType` constructors."""
from __future__ import annotations

from gradbook.engine.language.builtins.registry import Table
from gradbook.engine.language.classes import method
from gradbook.engine.language.datatypes import builtin_types, make

TABLE = Table()
builtin_types()
TABLE.value("askInliterate", method("askInliterate"), "AskInliterate a => String -> [CodeType] -> a -> IO ()",
            "Print a value as a literate lesson's `eval` block does (its instance may print it its own way).",
            'askInliterate "x" [Eval] (2.5 :: Double)', "print(x)")
for _name, _what in (("Top", "module-level code"), ("Eval", "an expression whose value is shown"),
                     ("Do", "statements run in order"), ("Hide", "code run but not shown"),
                     ("Fake", "code shown but not run"), ("Twocol", "code and answer side by side"),
                     ("Noq", "an answer without the question")):
    TABLE.value(_name, make(_name), "CodeType", f"Inliterate's code block kind `{_name}`: {_what}.",
                f"[{_name}]", "(no equivalent)")
