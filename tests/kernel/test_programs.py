"""Programs in the kernel: a cell may hold a whole module or top-level declarations (nothing runs until
`main` is called), and a cell's prints reach the notebook while it runs, not when it ends."""
from __future__ import annotations

from pathlib import Path

import pytest

PROGRAMS = Path(__file__).resolve().parents[1] / "programs"


def test_prints_are_streamed_while_the_cell_runs(kernel):
    run = kernel.execute('putStrLn "first"\nprint (length [x | x <- [1 .. 400000], even x])\nputStrLn "last"')
    assert run.reply["status"] == "ok"
    texts = [m["content"]["text"] for m in run.of_type("stream")]
    # "first" was sent on its own while the long line still ran; the two fast prints at the end form one
    # burst (ipykernel ties each stream to the cell: both arrived with the request's parent header).
    assert texts == ["first\n", "200000\nlast\n"]


def test_a_cell_holding_a_module_defines_main_without_running_it(kernel):
    module = (PROGRAMS / "sibling_module" / "Stats.hs").read_text()
    run = kernel.execute(module)
    assert run.reply["status"] == "ok" and run.messages == []
    cell = ("module Main (main) where\n\nimport Control.Monad (forM_)\n\nmain :: IO ()\nmain = do\n"
            "  print (mean' [1, 2, 6])\n  forM_ (countdown 2) $ \\n ->\n    print n\n")
    run = kernel.execute(cell)
    assert run.reply["status"] == "ok" and run.of_type("stream") == []
    assert kernel.execute(":main").stdout == "3\n2\n1\n0\n"
    assert kernel.execute("main").stdout == "3\n2\n1\n0\n"


def test_declarations_with_signatures_over_several_lines(kernel):
    cell = ("quad :: Int -> Int\nquad = double . double\n\ndouble :: Int -> Int\ndouble x =\n  x + x\n\n"
            "isEven, isOdd :: Int -> Bool\nisEven 0 = True\nisEven n = isOdd (n - 1)\n"
            "isOdd 0 = False\nisOdd n = isEven (n - 1)")
    assert kernel.execute(cell).reply["status"] == "ok"
    assert kernel.execute("(quad 3, isOdd 7)").plain == ["(12,True)"]


@pytest.mark.parametrize("name", [p.name for p in sorted(PROGRAMS.iterdir())
                                  if [f.name for f in p.glob("*.hs")] == ["Main.hs"]])
def test_a_program_as_one_cell_then_main(kernel, name):
    folder = PROGRAMS / name
    run = kernel.execute((folder / "Main.hs").read_text())
    assert run.reply["status"] == "ok" and run.messages == []
    assert kernel.execute(":main").stdout == (folder / "expected.out").read_text()


def test_a_literate_lesson_as_cells(kernel):
    from gradbook.engine.language.literate import blocks_of, top_blocks

    lesson = PROGRAMS / "literate_lesson"
    text = (lesson / "lesson.md").read_text()
    top = kernel.execute("\n".join(block.code for block in top_blocks(text)))
    assert top.reply["status"] == "ok"
    shown = []
    for block in blocks_of(text):
        run = kernel.execute(block.code)
        shown.append(run.stdout + "".join(line + "\n" for line in run.plain))
    assert "".join(shown) == (lesson / "expected.out").read_text()
