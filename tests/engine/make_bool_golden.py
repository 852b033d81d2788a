"""Records what PyTorch does with Bool tensors and with the variance of an empty tensor, into
bool_golden.json (run with /work/venvs/torch/bin/python; pytest does not run this file)."""
import json
import warnings
from pathlib import Path

import torch

warnings.simplefilter("ignore")
a, b = torch.tensor([True, False, True, False]), torch.tensor([True, True, False, False])
cases = {}
for name, op in (("add", torch.add), ("mul", torch.mul), ("maximum", torch.maximum), ("minimum", torch.minimum)):
    out = op(a, b)
    cases[name] = {"dtype": str(out.dtype), "values": out.tolist()}
try:
    torch.sub(a, b)
    cases["sub"] = {"refused": False}
except RuntimeError:
    cases["sub"] = {"refused": True}
cases["std_empty"] = str(torch.zeros(0).std().item())
cases["var_empty"] = str(torch.zeros(0).var().item())
Path(__file__).with_name("bool_golden.json").write_text(json.dumps(cases, indent=1) + "\n")
