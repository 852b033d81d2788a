"""The Jupyter project's conformance suite (`jupyter_kernel_test`) run against the installed `gradbook`
kernel, with real samples in the session language for every check the suite offers that Gradbook has."""
from __future__ import annotations

import jupyter_kernel_test
import pytest

pytestmark = pytest.mark.slow


class GradbookKernelConformance(jupyter_kernel_test.KernelTests):
    kernel_name = "gradbook"
    language_name = "gradbook"
    file_extension = ".gb"

    code_hello_world = 'putStrLn "hello, world"'
    # The language has no way to write to stderr; the kernel's own warning about `:quit` goes there.
    code_stderr = ":quit"

    completion_samples = [
        {"text": "makeIndep", "matches": {"makeIndependent"}},
        {"text": "let y = sumA", "matches": {"sumAll"}},
        {"text": ":bro", "matches": {":browse"}},
    ]

    complete_code_samples = ["1 + 2", "let x = ones' [2, 2]", "let f x = x * 2", "requiresGrad (ones' [2])"]
    incomplete_code_samples = ["let x = (1 +", "[1, 2,", "let y ="]
    invalid_code_samples = ["1 + )", "let = 3"]

    code_page_something = ":doc grad"

    code_generate_error = "notABuiltin 3"

    code_execute_result = [
        {"code": "1 + 2", "result": "3"},
        {"code": "requiresGrad (ones' [2])", "result": "False"},
        {"code": "sumAll (ones' [2, 3])", "result": "Tensor Float []  6.0000   "},
        {"code": "ones' [2, 2]", "mime": "text/html"},
        {"code": "ones' [2, 2]", "mime": "text/latex"},
    ]

    code_display_data = [
        {"code": "ones' [1]\nzeros' [1]", "mime": "text/plain"},
        {"code": "ones' [1]\nzeros' [1]", "mime": "text/html"},
    ]

    code_history_pattern = "sumAll*"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "makeIndependent"
