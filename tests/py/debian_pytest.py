"""Runs Debian's real pytest (`/usr/bin/python3 -m pytest`) in a folder, as a test would with
subprocess.run, but from an interpreter that has already imported pytest: a server process
per test worker forks a fresh child for each run. `import pytest` is two thirds of a small
run's cost here (0.13 of 0.21 s), and the suite runs pytest some 400 times.

The child is the same pytest: it imports every plugin itself (entry points, conftest files,
assertion rewriting), runs with the same environment, working directory, sys.path[0] and
argv as `python -m pytest`, and exits through the interpreter's normal shutdown. A run whose
environment differs from the server's (PYTHONPATH, say) starts a new interpreter instead.
"""

from __future__ import annotations

import json
import os
import selectors
import signal
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

PYTHON = "/usr/bin/python3"

# The server: imports pytest, then for each request line forks a child that runs pytest as
# `python -m pytest` would and replies with the child's exit status.
SERVER = r"""
import json, os, runpy, sys
import pytest

for line in sys.stdin:
    request = json.loads(line)
    child = os.fork()
    if child == 0:
        os.chdir(request["cwd"])
        sys.path[0] = os.getcwd()  # what `python -m` puts first
        os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
        for fd, path in ((1, request["stdout"]), (2, request["stderr"])):
            os.dup2(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), fd)
        sys.argv = ["-m", *request["args"]]
        # `python -m` calls this from C, with no Python frame below it; this loop's frame is
        # one more, given back to the recursion limit so that a RecursionError comes at the
        # same depth (configs nested to the limit are among the cases).
        sys.setrecursionlimit(sys.getrecursionlimit() + 1)
        runpy._run_module_as_main("pytest")  # ends in SystemExit: the interpreter shuts down as usual
    _, status = os.waitpid(child, 0)
    sys.stdout.write(json.dumps({"status": os.waitstatus_to_exitcode(status)}) + "\n")
    sys.stdout.flush()
"""


@dataclass
class Completed:
    args: list
    returncode: int
    stdout: bytes
    stderr: bytes


class TimeoutExpired(Exception):
    pass


class _Server:
    def __init__(self, env: dict):
        self.env = dict(env)
        self.process = subprocess.Popen([PYTHON, "-c", SERVER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        env=self.env, start_new_session=True, cwd="/")

    def run(self, cwd: Path, args: list, timeout: float) -> Completed:
        with tempfile.TemporaryDirectory(prefix="pytest-run-") as scratch:
            stdout, stderr = Path(scratch) / "stdout", Path(scratch) / "stderr"
            request = {"cwd": str(cwd), "args": [str(a) for a in args], "stdout": str(stdout), "stderr": str(stderr)}
            self.process.stdin.write((json.dumps(request) + "\n").encode())
            self.process.stdin.flush()
            with selectors.DefaultSelector() as selector:
                selector.register(self.process.stdout, selectors.EVENT_READ)
                if not selector.select(timeout):
                    self.stop()
                    raise TimeoutExpired(f"pytest {args} in {cwd}: no exit after {timeout} s")
            reply = self.process.stdout.readline()
            if not reply:
                raise RuntimeError(f"the pytest server died running {args} in {cwd}")
            status = json.loads(reply)["status"]
            return Completed([PYTHON, "-m", "pytest", *args], status, stdout.read_bytes(), stderr.read_bytes())

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)  # the server, its child and what that started
        self.process.wait()
        self.process.stdin.close()
        self.process.stdout.close()


_server: _Server | None = None


def run_pytest(args: list, cwd: Path, env: dict, timeout: float = 120) -> Completed:
    """`/usr/bin/python3 -m pytest ARGS` in `cwd`; TimeoutExpired when it does not finish."""
    global _server
    if "PYTHONPATH" in env:  # sys.path is fixed when an interpreter starts
        try:
            proc = subprocess.run([PYTHON, "-m", "pytest", *args], cwd=cwd, env=env, capture_output=True,
                                  timeout=timeout)
        except subprocess.TimeoutExpired as error:
            raise TimeoutExpired(str(error)) from error
        return Completed(proc.args, proc.returncode, proc.stdout, proc.stderr)
    if _server is not None and (_server.env != env or _server.process.poll() is not None):
        _server.stop()
        _server = None
    if _server is None:
        _server = _Server(env)
    try:
        return _server.run(cwd, args, timeout)
    except TimeoutExpired:
        _server = None
        raise
