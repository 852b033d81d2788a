"""Every lesson in notebooks/ runs top to bottom with nbclient against the installed kernel, and every cell
shows exactly the text/plain (and stream text) saved in the notebook, so the lessons never go stale."""
from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))


def shown_text(cell: dict) -> list[tuple[str, str]]:
    """What a reader sees of a code cell, as (kind, text): values' text/plain, streams, error messages.

    Consecutive stream outputs of one stream are joined, as Jupyter shows them: the kernel streams a cell's
    prints in bursts while it runs, so how the same text is split into messages depends on timing."""
    shown: list[tuple[str, str]] = []
    for output in cell.get("outputs", []):
        kind = output["output_type"]
        if kind in ("execute_result", "display_data"):
            shown.append(("value", "".join(output["data"]["text/plain"])))
        elif kind == "stream":
            text = "".join(output["text"])
            if shown and shown[-1][0] == output["name"]:
                shown[-1] = (output["name"], shown[-1][1] + text)
            else:
                shown.append((output["name"], text))
        elif kind == "error":  # cells tagged `raises-exception` show a mistake on purpose
            shown.append(("error", "\n".join(output["traceback"])))
    return shown


def test_the_four_lessons_exist():
    names = {path.name for path in NOTEBOOKS}
    assert {
        "01-automatic-differentiation.ipynb",
        "02-tensors.ipynb",
        "03-gradient-descent.ipynb",
        "04-xor-mlp.ipynb",
        "05-chain-rule.ipynb",
    } <= names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_reproduces_its_saved_outputs(path: Path, jupyter_sandbox):
    import nbformat
    from nbclient import NotebookClient

    saved = nbformat.read(path, as_version=4)
    assert saved.metadata.kernelspec.name == "gradbook"
    fresh = nbformat.read(path, as_version=4)
    NotebookClient(fresh, kernel_name="gradbook", timeout=120, allow_errors=False).execute()
    code_cells = [(s, f) for s, f in zip(saved.cells, fresh.cells) if s.cell_type == "code"]
    assert code_cells, "a lesson without code"
    assert any(shown_text(cell) for cell, _ in code_cells), "saved without outputs"
    for saved_cell, fresh_cell in code_cells:
        assert shown_text(fresh_cell) == shown_text(saved_cell), saved_cell.source
