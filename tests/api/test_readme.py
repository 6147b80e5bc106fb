"""README works literally: its command block, read from README.md itself, run in order in a fresh
folder (a fresh demo database, nothing set but what README says), each line exiting 0 and
printing the text README puts in 「」.

`make demo` is run as the Makefile's recipe (`kehou demo`), `kehou` as `python -m api.cli` from
this checkout, `source .venv/bin/activate` is skipped, and `kehou serve … &` gets a free port
(the following curl line follows it). Slow: the demo embeds the catalogue with the default model.
"""

from __future__ import annotations

import os
import re
import shlex
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
START, END = "<!-- readme-commands:start -->", "<!-- readme-commands:end -->"

pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class Line:
    command: str
    expect: str | None


def readme_lines(text: str) -> list[Line]:
    """The commands between README's markers, each with the text in 「」 of its comment."""
    block = text.split(START, 1)[1].split(END, 1)[0]
    out = []
    for raw in block.splitlines():
        if not raw.strip() or raw.startswith("```"):
            continue
        command, _, comment = raw.partition("  #")
        found = re.search(r"「(.+?)」", comment)
        out.append(Line(command.strip(), found.group(1) if found else None))
    return out


def test_readme_block_is_found_and_names_every_command() -> None:
    lines = readme_lines(README.read_text(encoding="utf-8"))
    commands = " ".join(line.command for line in lines)
    assert lines[0].command == "make demo"
    for word in ("stats", "check", "search", "recommend", "allocate", "batch", "serve", "token"):
        assert f"kehou {word}" in commands, word
    assert all(line.expect for line in lines if line.command.startswith("kehou "))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def folder(tmp_path: Path) -> Iterator[Path]:
    """A fresh working folder that sees the repository's files README names."""
    for name in ("catalog", "docs"):
        (tmp_path / name).symlink_to(ROOT / name)
    yield tmp_path


def _kehou(command: str) -> list[str]:
    words = shlex.split(command)
    return [sys.executable, "-m", "api.cli", *words[1:]] if words[0] == "kehou" else words


def test_readme_commands_run_in_order_on_a_fresh_demo(folder: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KEHOU_")}
    env |= {"PYTHONPATH": str(ROOT), "COLUMNS": "200", "HF_HUB_OFFLINE": "1"}
    port, server = _free_port(), None
    try:
        for line in readme_lines(README.read_text(encoding="utf-8")):
            command = line.command.replace("8000", str(port))
            if command.startswith("source "):
                continue
            if command.startswith("export "):
                key, _, value = command.removeprefix("export ").partition("=")
                env[key] = value
                continue
            if command.endswith("&"):
                server = _start(_kehou(command.rstrip("& ")), folder, env, port)
                continue
            output = _run(command, folder, env)
            if line.expect:
                assert line.expect in output, f"{line.command}: 「{line.expect}」 not in\n{output}"
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=20)
    assert server is not None, "README starts the server"
    assert (folder / "demo-out" / "kehou-demo.db").is_file()
    assert not (folder / "kehou.db").exists()  # nothing fell back to an empty ./kehou.db


def _run(command: str, folder: Path, env: dict[str, str]) -> str:
    """One README line; `VAR=$(kehou …)` keeps the output in env, curl runs as itself."""
    assigned = re.fullmatch(r"(\w+)=\$\((.+)\)", command)
    if command == "make demo":
        argv = [sys.executable, "-m", "api.cli", "demo"]
    elif assigned:
        argv = _kehou(assigned.group(2))
    elif command.startswith("curl "):
        argv = [w.replace("$TOKEN", env.get("TOKEN", "")) for w in shlex.split(command)]
    else:
        argv = _kehou(command)
    done = subprocess.run(argv, cwd=folder, env=env, capture_output=True, text=True, timeout=900)
    output = done.stdout + done.stderr
    assert done.returncode == 0, f"{command} exited {done.returncode}:\n{output}"
    if assigned:
        env[assigned.group(1)] = done.stdout.strip()
    return output


def _start(argv: list[str], folder: Path, env: dict[str, str], port: int) -> subprocess.Popen[str]:
    log = open(folder / "serve.log", "w", encoding="utf-8")  # noqa: SIM115 (closed by the OS)
    proc = subprocess.Popen(argv, cwd=folder, env=env, stdout=log, stderr=log, text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert proc.poll() is None, (folder / "serve.log").read_text(encoding="utf-8")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/web/login", timeout=2).status_code == 200:
                assert "serving on" in (folder / "serve.log").read_text(encoding="utf-8")
                return proc
        except httpx.HTTPError:
            time.sleep(0.3)
    proc.terminate()
    raise AssertionError("kehou serve did not start within 120 s")
