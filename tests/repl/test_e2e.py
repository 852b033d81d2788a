"""End-to-end: the installed `gradbook` command in a real pseudo-terminal (pexpect) and in pipes, with the
real Session: the seed tutorial typed line by line, errors, Ctrl-C during a long computation, Ctrl-D,
`:save` then `gradbook run`, piped sessions against `gradbook run`, and `gradbook tutorial --no-pause`."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

import pexpect  # noqa: E402 - a declared test dependency: missing means failing, not skipping

pytestmark = pytest.mark.slow

GRADBOOK = Path(sys.executable).with_name("gradbook")
PROMPT = "gradbook> "
TIMEOUT = 60  # generous: the first line waits for Numba on a loaded CI machine
ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78]")
HERE = Path(__file__).resolve().parent
GOLDEN = HERE.parents[1].parent / "shared" / "golden" / "autograd-tutorial.out"

# The seed tutorial's `haskell do` / `haskell eval` lines, in order, and what they print
# (the same text as ../shared/golden/autograd-tutorial.out, kept here so the test runs on a fresh clone).
SEED_LINES = [
    "let x = asTensor ([1, 2, 3] :: [Float])",
    "y <- makeIndependent (asTensor ([4, 5, 6] :: [Float]))",
    "let y' = toDependent y",
    "let z = x + y'",
    "requiresGrad x",
    "requiresGrad y'",
    "requiresGrad z",
    "a <- makeIndependent (ones' [2, 2])",
    "let a' = toDependent a",
    "a'",
    "let b = a' + 2",
    "b",
    "requiresGrad b",
    "let c = b * b * 3",
    "let out = mean c",
    "c",
    "grad out [a]",
]
SEED_OUTPUT = """\
False
True
True
Tensor Float [2,2] [[ 1.0000   ,  1.0000   ],
                    [ 1.0000   ,  1.0000   ]]
Tensor Float [2,2] [[ 3.0000   ,  3.0000   ],
                    [ 3.0000   ,  3.0000   ]]
True
Tensor Float [2,2] [[ 27.0000   ,  27.0000   ],
                    [ 27.0000   ,  27.0000   ]]
[Tensor Float [2,2] [[ 4.5000   ,  4.5000   ],
                    [ 4.5000   ,  4.5000   ]]]
"""


def clean(text: str) -> str:
    return ANSI.sub("", text).replace("\r", "")


def wait_for_line_mode(child, raw: bool, timeout: float = TIMEOUT) -> None:
    """Wait until prompt_toolkit reads keys (raw mode: no signals from Ctrl-C) or a line runs (Ctrl-C is
    SIGINT again). Only the full-terminal tests use it, to know a computation is running before Ctrl-C."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        signals = bool(termios.tcgetattr(child.child_fd)[3] & termios.ISIG)
        if signals != raw:
            return
        time.sleep(0.01)
    raise AssertionError(f"terminal never went {'raw' if raw else 'back to line mode'}")


def wait_for_key_mode(child, timeout: float = TIMEOUT) -> None:
    """Until the tutorial waits for a single key (line mode off)."""
    deadline = time.monotonic() + timeout
    while termios.tcgetattr(child.child_fd)[3] & termios.ICANON:
        assert time.monotonic() < deadline, "the tutorial never waited for a key"
        time.sleep(0.01)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "home"
    home.mkdir()
    return dict(os.environ, HOME=str(home), GRADBOOK_HISTORY=str(home / "history"), TERM="dumb",
                PROMPT_TOOLKIT_NO_CPR="1", COLUMNS="250", LINES="50")


class Terminal:
    """`gradbook` in a dumb pseudo-terminal (TERM=dumb, as a simple harness or Emacs' shell would be);
    `enter(line)` types a line and returns what it printed. No syncing on terminal modes is needed there."""

    def __init__(self, env: dict[str, str], cwd: Path) -> None:
        self.child = pexpect.spawn(str(GRADBOOK), env=env, cwd=str(cwd), dimensions=(50, 250),
                                   encoding="utf-8", timeout=TIMEOUT)
        self.prompt()

    def prompt(self, timeout: float = TIMEOUT) -> None:
        self.child.expect_exact(PROMPT, timeout=timeout)

    def type(self, line: str) -> None:
        self.child.send(line + "\r")

    def enter(self, line: str) -> str:
        """The text between the echoed input and the next prompt."""
        self.type(line)
        self.prompt()
        shown = clean(self.child.before)
        echo = shown.find(line)
        assert echo >= 0, (line, shown)
        after = shown[echo + len(line):]
        return after[1:] if after.startswith("\n") else after

    def quit(self) -> int:
        self.child.sendcontrol("d")
        self.child.expect(pexpect.EOF)
        self.child.close()
        return self.child.exitstatus

    def kill(self) -> None:
        if self.child.isalive():
            self.child.terminate(force=True)


@pytest.fixture
def terminal(env, tmp_path):
    term = Terminal(env, tmp_path)
    yield term
    term.kill()


def test_seed_tutorial_typed_line_by_line(terminal) -> None:
    terminal.enter(":set annotations off")
    shown = "".join(terminal.enter(line) for line in SEED_LINES)
    assert shown == SEED_OUTPUT
    if GOLDEN.exists():
        assert shown == GOLDEN.read_text()
    assert terminal.quit() == 0


def test_annotation_is_shown_under_a_value_on_its_own_line(terminal) -> None:
    terminal.enter("a <- makeIndependent (ones' [2, 2])")
    shown = terminal.enter("toDependent a + 2")
    lines = shown.rstrip("\n").split("\n")
    assert lines[0].startswith("Tensor Float [2,2]") and len(lines) == 3
    assert "requires_grad" in lines[2]
    assert "requires_grad" not in terminal.enter("1 + 2")


def test_an_error_then_a_line_using_earlier_bindings(terminal) -> None:
    terminal.enter("let w = asTensor ([1, 2] :: [Float])")
    error = terminal.enter("w + nosuchname")
    assert "error" in error and "nosuchname" in error and "^" in error
    assert "Traceback" not in error
    assert terminal.enter("w * 2").startswith("Tensor Float [2]")
    assert terminal.quit() == 0


def test_multiline_input_continues_when_incomplete(terminal) -> None:
    terminal.type("let f t = (t")  # incomplete: Enter continues the input instead of running it
    terminal.child.expect_exact("gradbook| ")
    assert terminal.enter("* 3)") == ""  # no error: both lines ran as one statement
    assert terminal.enter("f 7") == "21\n"
    terminal.type("let g t =")  # the layout rule: the continuation is indented for the user
    terminal.child.expect_exact("gradbook| ")
    terminal.enter("t + 1")
    assert terminal.enter("g 1") == "2\n"


def test_ctrl_c_interrupts_a_long_computation_and_keeps_bindings(terminal) -> None:
    terminal.enter("let kept = 42")
    terminal.type("foldLoop 0 100000000 (\\acc i -> acc + i)")
    time.sleep(1.5)  # let it get going
    started = time.monotonic()
    terminal.child.sendintr()
    terminal.prompt(timeout=30)
    assert time.monotonic() - started < 30
    assert "interrupt" in clean(terminal.child.before).lower()
    assert terminal.enter("kept") == "42\n"
    assert terminal.quit() == 0


def test_ctrl_c_clears_the_line_being_typed(terminal) -> None:
    terminal.child.send("let lost = 1")
    terminal.child.expect_exact("let lost = 1")
    terminal.child.sendcontrol("c")
    terminal.prompt()
    assert "error" in terminal.enter("lost")
    assert terminal.quit() == 0


def test_ctrl_d_on_an_empty_line_exits_zero(terminal) -> None:
    assert terminal.quit() == 0


def test_ctrl_d_right_after_output_exits_zero(terminal) -> None:
    terminal.type("1 + 2")
    terminal.child.expect_exact("3")
    assert terminal.quit() == 0


# --- the full prompt_toolkit terminal (colours, redraws): fewer, looser checks on the visible text -------
@pytest.fixture
def xterm(env, tmp_path):
    child = pexpect.spawn(str(GRADBOOK), env=dict(env, TERM="xterm-256color", PROMPT_TOOLKIT_NO_CPR="1"),
                          cwd=str(tmp_path), dimensions=(50, 250), encoding="utf-8", timeout=TIMEOUT)
    yield child
    if child.isalive():
        child.terminate(force=True)


def ready(child) -> None:
    child.expect_exact(PROMPT)


def expect_text(child, text: str, timeout: float = TIMEOUT) -> str:
    """Read until `text` shows on screen once colours and cursor moves are stripped (highlighting puts
    escape codes between the words of an input line)."""
    seen = ""
    deadline = time.monotonic() + timeout
    while text not in clean(seen):
        assert time.monotonic() < deadline, f"{text!r} never appeared in {clean(seen)[-300:]!r}"
        try:
            seen += child.read_nonblocking(65536, timeout=0.2)
        except pexpect.TIMEOUT:
            pass
    return seen


def test_full_terminal_session(xterm) -> None:
    ready(xterm)
    for line in SEED_LINES[:-1]:
        xterm.send(line + "\r")
        ready(xterm)
    xterm.send("grad out [a]\r")
    xterm.expect_exact("[Tensor Float [2,2] [[ 4.5000   ,  4.5000   ],")
    ready(xterm)
    xterm.send("nosuchname\r")
    xterm.expect("\x1b\\[[0-9;]*31m<interactive>:1:1: error")  # errors in red
    ready(xterm)
    xterm.send("foldLoop 0 100000000 (\\acc i -> acc + i)\r")
    wait_for_line_mode(xterm, raw=False)
    time.sleep(1.0)
    xterm.sendintr()
    xterm.expect("interrupt")
    ready(xterm)
    xterm.send("requiresGrad b\r")
    xterm.expect_exact("True")
    xterm.sendcontrol("d")  # at once, even before the next prompt: the key waits for it
    xterm.expect(pexpect.EOF)
    xterm.close()
    assert xterm.exitstatus == 0
    assert "WARNING" not in clean(xterm.before)


def test_history_is_kept_in_the_history_file(env, tmp_path) -> None:
    term = Terminal(env, tmp_path)
    try:
        term.enter("let remembered = 7")
        assert term.quit() == 0
    finally:
        term.kill()
    assert "let remembered = 7" in Path(env["GRADBOOK_HISTORY"]).read_text()


def test_save_then_gradbook_run_reproduces_the_outputs(terminal, tmp_path) -> None:
    shown = []
    for line in ["a <- makeIndependent (ones' [2, 2])", "let b = toDependent a * 3", "b",
                 "nosuchname", "grad (sumAll b) [a]"]:
        shown.append(terminal.enter(line))
    terminal.enter(":save lesson.gb")
    assert terminal.quit() == 0
    saved = tmp_path / "lesson.gb"
    assert "nosuchname" not in saved.read_text()  # only the successful lines are saved
    run = subprocess.run([str(GRADBOOK), "run", str(saved)], capture_output=True, text=True, timeout=TIMEOUT)
    assert run.returncode == 0, run.stderr
    expected = [text for text in shown if "error" not in text]
    annotation_free = "".join(
        "".join(line + "\n" for line in text.rstrip("\n").split("\n") if not line.startswith("requires_grad"))
        for text in expected if text)
    assert run.stdout == annotation_free


def script(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "lesson.gb"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_piped_session_equals_gradbook_run(tmp_path, env) -> None:
    lesson = script(tmp_path, ["-- the seed tutorial as a script", *SEED_LINES[:4], "",
                               "let f t = t", "        * 2", *SEED_LINES[4:], "f 21", "print (f 1)"])
    piped = subprocess.run([str(GRADBOOK)], stdin=lesson.open(), capture_output=True, text=True,
                           timeout=TIMEOUT, env=env)
    batch = subprocess.run([str(GRADBOOK), "run", str(lesson)], capture_output=True, text=True,
                           timeout=TIMEOUT, env=env)
    assert batch.returncode == 0 and piped.returncode == 0, (batch.stderr, piped.stderr)
    assert piped.stdout == batch.stdout == SEED_OUTPUT + "42\n2\n"
    assert "\x1b" not in piped.stdout and piped.stderr == ""


def test_piped_session_goes_on_after_an_error(tmp_path, env) -> None:
    lesson = script(tmp_path, ["let x = 2", "x + nosuchname", "x * 5"])
    piped = subprocess.run([str(GRADBOOK)], stdin=lesson.open(), capture_output=True, text=True,
                           timeout=TIMEOUT, env=env)
    assert piped.returncode == 1
    assert piped.stdout == "10\n"
    assert piped.stderr.startswith("<stdin>:2:") and "nosuchname" in piped.stderr


def test_tutorial_no_pause_plays_everything(env, tmp_path) -> None:
    played = subprocess.run([str(GRADBOOK), "tutorial", "--no-pause"], capture_output=True, text=True,
                            timeout=TIMEOUT, env=env, stdin=subprocess.DEVNULL)
    assert played.returncode == 0, played.stderr
    out = played.stdout
    assert "\x1b" not in out
    position = 0
    for line in SEED_LINES:  # every input line, in order, each after the prompt
        position = out.index(PROMPT + line + "\n", position)
    assert out.index(SEED_OUTPUT.split("\n")[0]) > out.index(PROMPT + "requiresGrad x")
    outputs = [chunk for chunk in SEED_OUTPUT.split("\n") if chunk]
    position = 0
    for chunk in outputs:
        position = out.index(chunk, position)
    assert "Automatic Differentiation" in out


def test_tutorial_waits_for_a_key_on_a_terminal(env, tmp_path) -> None:
    child = pexpect.spawn(str(GRADBOOK), ["tutorial"], env=env, cwd=str(tmp_path), dimensions=(50, 250),
                          encoding="utf-8", timeout=TIMEOUT)
    try:
        child.expect_exact("press Enter")
        assert "requiresGrad z" in clean(child.before)
        assert "grad out [a]" not in clean(child.before)
        wait_for_key_mode(child)
        child.send("\r")
        child.expect_exact("press Enter")
        wait_for_key_mode(child)
        child.send("q")
        child.expect(pexpect.EOF)
        child.close()
        assert child.exitstatus == 0
    finally:
        if child.isalive():
            child.terminate(force=True)


def test_version_and_help() -> None:
    version = subprocess.run([str(GRADBOOK), "--version"], capture_output=True, text=True, timeout=TIMEOUT)
    assert version.returncode == 0 and version.stdout.startswith("gradbook ")
    usage = subprocess.run([str(GRADBOOK), "--help"], capture_output=True, text=True, timeout=TIMEOUT)
    assert usage.returncode == 0 and "gradbook tutorial" in usage.stdout


def test_full_terminal_tab_completion_history_and_it(env, tmp_path) -> None:
    def spawn():
        child = pexpect.spawn(str(GRADBOOK), env=dict(env, TERM="xterm-256color", PROMPT_TOOLKIT_NO_CPR="1"),
                              cwd=str(tmp_path), dimensions=(50, 250), encoding="utf-8", timeout=TIMEOUT)
        ready(child)
        return child

    first = spawn()
    try:
        first.send("let remembered = asTensor ([2, 4] :: [Float])\r")
        ready(first)
        first.send("makeIndep")
        first.send("\t")  # the only match: completed in place
        first.expect_exact("makeIndependent")
        first.send("\x03")  # Ctrl-C clears the line
        ready(first)
        first.send("1 + 2\r")
        first.expect_exact("3")
        ready(first)
        first.send("it * 10\r")  # `it` is the last shown value
        first.expect_exact("30")
        first.sendcontrol("d")
        first.expect(pexpect.EOF)
    finally:
        first.terminate(force=True)
    second = spawn()  # a new process: Up brings back lines from the history file
    try:
        second.send("\x1b[A\x1b[A\x1b[A")
        expect_text(second, "let remembered = asTensor")
        second.send("\r")  # run the recalled line
        ready(second)
        second.send("remembered\r")
        expect_text(second, "Tensor Float [2] [ 2.0000   ,  4.0000   ]")
        second.sendcontrol("d")
        second.expect(pexpect.EOF)
        second.close()
        assert second.exitstatus == 0
    finally:
        second.terminate(force=True)


def test_a_closed_pipe_or_no_stdin_ends_quietly(tmp_path, env) -> None:
    lesson = script(tmp_path, ["1 + 1", "2 + 2", "3 + 3"])
    for command in (f"'{GRADBOOK}' < '{lesson}' | head -1", f"'{GRADBOOK}' tutorial --no-pause | head -1"):
        done = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=TIMEOUT, env=env)
        assert done.stderr == "" and done.stdout.strip(), (command, done.stderr)
    closed = subprocess.run(["bash", "-c", f"'{GRADBOOK}' <&-"], capture_output=True, text=True,
                            timeout=TIMEOUT, env=env)
    assert (closed.returncode, closed.stdout, closed.stderr) == (0, "", "")


def test_graph_with_gradients_as_text_then_as_an_svg_file(terminal, tmp_path) -> None:
    for line in ("a <- makeIndependent (ones' [2, 2])", "let b = toDependent a + 2", "let out = mean (b * b)"):
        terminal.enter(line)
    shown = terminal.enter(":graph out wrt [a]").rstrip("\n").split("\n")
    assert shown[0].startswith("#1 mean out ") and shown[0].endswith("grad 1.0000")
    assert any(line.startswith("│     │  ├─ #5 leaf a ") and line.endswith("grad [[1.5000, 1.5000], [1.5000, 1.5000]]")
               for line in shown)
    assert "│     └─ (see #4 b)" in shown and not list(tmp_path.glob("*.svg"))
    assert terminal.enter(":set graph svg") == "graph svg\n"
    shown = terminal.enter(":graph out")
    path = tmp_path / "graph-1.svg"
    assert f"picture written to {path} (open it in a web browser)" in shown
    assert path.read_text(encoding="utf-8").startswith("<svg ") and "#1 mean out" in shown
    terminal.enter(":graph b")
    assert (tmp_path / "graph-2.svg").exists()
    assert terminal.quit() == 0


def test_backprop_prints_numbered_steps(terminal) -> None:
    for line in ("a <- makeIndependent (ones' [2, 2])", "let b = toDependent a + 2", "let out = mean (b * b)"):
        terminal.enter(line)
    shown = terminal.enter(":backprop out [a]").rstrip("\n").split("\n")
    assert shown[0].startswith("Backward pass of out with respect to [a]")
    assert [line.split()[0] for line in shown if re.match(r"\d+\. ", line)] == ["1.", "2.", "3.", "4.", "5."]
    assert "   to #4 add b:  d(b*b)/db = 2b" in shown
    assert shown[-2:] == ["   gradient  [[1.5000, 1.5000], [1.5000, 1.5000]]  (from #4)", "   = grad out [a]"]
    assert terminal.quit() == 0


def test_load_main_and_reload_a_program_as_ghci_does(env, tmp_path) -> None:
    program = Path(__file__).resolve().parents[1] / "programs" / "sibling_module"
    for name in ("Main.hs", "Stats.hs"):
        (tmp_path / name).write_text((program / name).read_text())
    term = Terminal(env, tmp_path)
    try:
        assert term.enter(":load Main.hs") == ""  # definitions become bindings; main does not run
        assert term.enter(":main") == (program / "expected.out").read_text()
        assert term.enter("St.mean' [10, 20]") == "15\n"  # the qualified import is in scope
        (tmp_path / "Stats.hs").write_text((program / "Stats.hs").read_text().replace("countdown 0 = [0]",
                                                                                      "countdown 0 = []"))
        assert term.enter(":reload") == ""
        assert term.enter(":main").endswith("tick 1\n")  # the sibling module was loaded again
        assert term.quit() == 0
    finally:
        term.kill()


def test_load_and_reload_replace_the_sessions_bindings_as_ghci_does(env, tmp_path) -> None:
    """ghci 9.0: after `x = 1` and `:load A.hs`, `x` is `Variable not in scope`; `:reload` drops a binding typed
    since the load; a file that fails to load keeps the bindings (ghci would drop them: Gradbook's errors never
    cost a binding)."""
    (tmp_path / "A.hs").write_text("module Main where\n\ndata P = P Int deriving Show\n\nhelper :: Int -> Int\n"
                                   "helper n = n + 1\n\nmain :: IO ()\nmain = print (P (helper 1))\n")
    (tmp_path / "B.hs").write_text("main :: IO ()\nmain = putStrLn \"b\"\n")
    (tmp_path / "Bad.hs").write_text("main = print (\n")
    term = Terminal(env, tmp_path)
    try:
        assert term.enter("x = 1") == ""
        assert term.enter(":load A.hs") == ""
        assert term.enter(":main") == "P 2\n"
        assert "unknown name `x`" in term.enter("x")
        assert term.enter("y = 5") == ""
        assert term.enter(":reload") == ""
        assert "unknown name `y`" in term.enter("y")
        assert "Bad.hs:1:15: error" in term.enter(":load Bad.hs")
        assert term.enter("helper 2") == "3\n"
        assert term.enter(":load B.hs") == ""
        assert "unknown name `helper`" in term.enter("helper 2")
        assert "unknown constructor `P`" in term.enter("P 1")
        assert term.enter(":main") == "b\n"
        assert term.quit() == 0
    finally:
        term.kill()


PROGRAMS = Path(__file__).resolve().parents[1] / "programs"


@pytest.mark.parametrize("name", sorted(p.name for p in PROGRAMS.iterdir() if (p / "Main.hs").is_file()))
def test_programs_load_and_run_with_main(env, tmp_path, name) -> None:
    for source in (PROGRAMS / name).glob("*.hs"):
        (tmp_path / source.name).write_text(source.read_text())
    term = Terminal(env, tmp_path)
    try:
        assert term.enter(":load Main.hs") == ""
        assert term.enter(":main") == (PROGRAMS / name / "expected.out").read_text()
        assert term.quit() == 0
    finally:
        term.kill()


def test_a_literate_lesson_loads_in_the_repl(env, tmp_path) -> None:
    lesson = PROGRAMS / "literate_lesson"
    (tmp_path / "lesson.md").write_text((lesson / "lesson.md").read_text())
    term = Terminal(env, tmp_path)
    try:
        assert term.enter(":set annotations off") == "annotations off\n"
        assert term.enter(":load lesson.md") == (lesson / "expected.out").read_text()
        assert term.enter("halves 12") == "[12,6]\n"  # the top blocks' definitions stay bound
        assert term.quit() == 0
    finally:
        term.kill()
