"""Golden cases for `paralint check` (tests/cases/check/*/, format in its README.md):
paralint's diagnostics must match expected.txt, and every claim a rule makes about
pytest is confirmed by running Debian's pytest on the same tree (the case's "pytest"
block) or is a recorded observation of a newer release ("observed").

Needs PARALINT=/path/to/paralint; skipped otherwise.
"""

from __future__ import annotations

import json
import os
import selectors
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from conftest import REPO_ROOT, clean_env
from debian_pytest import run_pytest

CHECK_CASES = REPO_ROOT / "tests" / "cases" / "check"
PYTEST_PYTHON = "/usr/bin/python3"
RUN_TIMEOUT_S = 120


def load():
    if not CHECK_CASES.is_dir():
        return []
    return sorted(p for p in CHECK_CASES.iterdir() if (p / "case.json").is_file())


CASES = load()


def meta(case: Path) -> dict:
    return json.loads((case / "case.json").read_text(encoding="utf-8"))


def materialize(case: Path, dest: Path) -> Path:
    shutil.copytree(case / "tree", dest, symlinks=True)
    return dest


def run_check(paralint: str, root: Path, info: dict):
    cmd = [paralint, "check", "--format", "concise", "--quiet", *info.get("args", []), info.get("path", ".")]
    env = clean_env()
    env.pop("NO_COLOR", None)
    return subprocess.run(cmd, cwd=root, capture_output=True, timeout=60, env=env)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_check_case(case, tmp_path, paralint):
    info = meta(case)
    root = materialize(case, tmp_path / "tree")
    proc = run_check(paralint, root, info)
    out = proc.stdout.decode("utf-8", "replace")
    err = proc.stderr.decode("utf-8", "replace")
    expected_file = case / "expected.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        expected_file.write_text(out, encoding="utf-8")
    expected = expected_file.read_text(encoding="utf-8") if expected_file.exists() else ""
    assert out == expected, f"{case.name}: {info['description']}\nstderr: {err}"
    failing = any(" [error] " in line or " [warning] " in line for line in expected.splitlines())
    want_exit = info.get("exit_code", 1 if failing else 0)
    assert proc.returncode == want_exit, f"{case.name}: exit {proc.returncode}, stderr: {err}"
    codes = [line.split(": ", 1)[1].split(" ", 1)[0] for line in out.splitlines() if ": " in line]
    if "rule" not in info:
        return
    if info["triggers"]:
        assert info["rule"] in codes, f"{case.name}: {info['rule']} must report here"
    else:
        assert info["rule"] not in codes, f"{case.name}: {info['rule']} must not report here"


def debian_pythonpath(packages, cache: Path) -> list[str]:
    """Unpack Debian packages (apt-get download + dpkg -x) into a temp folder, once."""
    paths = []
    for package in packages:
        dest = cache / package
        if not dest.is_dir():
            work = cache / (package + ".download")
            work.mkdir(parents=True, exist_ok=True)
            subprocess.run(["apt-get", "download", package], cwd=work, check=True, capture_output=True, timeout=300)
            deb = next(work.glob("*.deb"))
            subprocess.run(["dpkg", "-x", str(deb), str(dest)], check=True, capture_output=True, timeout=300)
        paths.append(str(dest / "usr" / "lib" / "python3" / "dist-packages"))
    return paths


BEHAVIOUR_CASES = [c for c in CASES if "pytest" in meta(c)]

# How long a pytest that printed what it waits for must go on waiting to count as waiting for
# good: it has nothing left to do but poll.
STILL_WAITING_S = 2


def assert_it_waits(cmd, cwd, env, marker: str, where: str) -> None:
    """pytest prints `marker` and then, instead of exiting, goes on running: it waits."""
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True)
    output = b""
    try:
        deadline = time.monotonic() + RUN_TIMEOUT_S
        with selectors.DefaultSelector() as selector:
            selector.register(proc.stdout, selectors.EVENT_READ)
            while marker.encode() not in output:
                assert time.monotonic() < deadline, f"{where}: {marker!r} never printed\n{output[-3000:]!r}"
                if selector.select(timeout=1):
                    chunk = os.read(proc.stdout.fileno(), 65536)
                    assert chunk, f"{where}: exited with {proc.wait()} before {marker!r}\n{output[-3000:]!r}"
                    output += chunk
        time.sleep(STILL_WAITING_S)
        assert proc.poll() is None, f"{where}: exited with {proc.returncode} after {marker!r}: it does not wait"
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)  # xdist's looponfail runs the tests in a child
        proc.wait()
        proc.stdout.close()


@pytest.mark.pytest_only
@pytest.mark.parametrize("case", BEHAVIOUR_CASES, ids=[c.name for c in BEHAVIOUR_CASES])
def test_pytest_confirms(case, tmp_path, tmp_path_factory):
    """The rule's claim, run: Debian's pytest on the same tree behaves as the case says."""
    info = meta(case)
    spec = info["pytest"]
    root = materialize(case, tmp_path / "tree")
    env = clean_env()
    extra = [p for p in spec.get("pythonpath", []) if not p.startswith("debian:")]
    packages = [p[len("debian:"):] for p in spec.get("pythonpath", []) if p.startswith("debian:")]
    if packages:
        cache = Path(os.environ.get("PARALINT_DEB_CACHE") or tmp_path_factory.getbasetemp() / "debs")
        try:
            extra += debian_pythonpath(packages, cache)
        except (subprocess.CalledProcessError, StopIteration) as error:
            pytest.skip(f"cannot unpack {packages}: {error}")
    if extra:
        env["PYTHONPATH"] = os.pathsep.join(extra)
    args = ["-p", "no:cacheprovider", *spec.get("args", [])]
    cmd = [PYTEST_PYTHON, "-m", "pytest", *args]
    cwd = root / spec.get("cwd", ".")
    if "waits_after" in spec:
        assert_it_waits(cmd, cwd, env, spec["waits_after"], f"{case.name}: {' '.join(cmd)}")
        return
    # A claim about a race ("in most runs") holds when one of `attempts` runs shows it.
    attempts = spec.get("attempts", 1)
    for attempt in range(1, attempts + 1):
        proc = run_pytest(args, cwd, env, timeout=spec.get("timeout", RUN_TIMEOUT_S))
        output = proc.stdout.decode("utf-8", "replace") + proc.stderr.decode("utf-8", "replace")
        # The tree's own path (under pytest-xdist it holds "popen-gw1") is not pytest's output.
        for spelling in sorted({str(root), os.path.realpath(root)}, key=len, reverse=True):
            output = output.replace(spelling, "<tree>")
        where = f"{case.name}: {' '.join(cmd)} (run {attempt} of {attempts})\n{output[-3000:]}"
        problems = []
        if "exit_code" in spec and proc.returncode != spec["exit_code"]:
            problems.append(f"exit {proc.returncode}, not {spec['exit_code']}")
        problems += [f"missing {text!r}" for text in spec.get("output_contains", []) if text not in output]
        problems += [f"unexpected {text!r}" for text in spec.get("output_excludes", []) if text in output]
        if not problems:
            return
    pytest.fail("\n".join(problems) + "\n" + where)


def test_every_rule_has_cases_and_evidence(paralint):
    """Each rule: a case where it reports, one where it must not, and its claim
    confirmed by a run of Debian's pytest or a recorded observation."""
    rules = json.loads(subprocess.run([paralint, "rules", "--format", "json"], capture_output=True, check=True).stdout)
    infos = [meta(c) for c in CASES]
    problems = []
    for rule in rules:
        code = rule["code"]
        mine = [i for i in infos if i.get("rule") == code]
        if not any(i["triggers"] for i in mine):
            problems.append(f"{code}: no case where it reports")
        if not any(not i["triggers"] for i in mine):
            problems.append(f"{code}: no case where it must stay silent")
        if not any(i["triggers"] and ("pytest" in i or i.get("observed")) for i in mine):
            problems.append(f"{code}: no triggering case confirmed by pytest or a recorded observation")
    assert not problems, "\n".join(problems)
