"""Fixtures of the library tests (Hasktorch's Torch.TensorOptions, Torch.Random, Torch.NN, Torch.Optim)."""
from __future__ import annotations

import pytest


@pytest.fixture
def run():
    """Run source lines in one fresh Session; returns (shown texts, error text or None)."""
    from gradbook.engine.language.session import Session

    session = Session()

    def go(source: str):
        result = session.run(source)
        texts = [output.text for output in result.outputs if output.kind in ("value", "stdout")]
        return texts, (result.error.rendered if result.error else None)

    return go
