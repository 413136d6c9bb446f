"""`paralint fix --profile parallel --unsafe-fixes` on the seed report's config, modelled on
Debian's interpreter: Debian's pytest refused the config before (exit 4) and runs the sample
suite under `-n 2` after; each change is said with its rule; nothing above info is left but
the markers no fix can decide (M004); a second run changes nothing."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from conftest import REPO_ROOT, clean_env
from debian_pytest import run_pytest

SEED = REPO_ROOT / "examples" / "seed-report"
PYTHON = ["--python", "/usr/bin/python3"]


def paralint_run(paralint, cwd, *args):
    return subprocess.run([paralint, *args], cwd=cwd, capture_output=True, timeout=120, env=clean_env(NO_COLOR="1"))


@pytest.fixture
def seed(tmp_path):
    return shutil.copytree(SEED, tmp_path / "seed")


def test_the_fixed_seed_config_runs_in_parallel_in_real_pytest(paralint, seed):
    before = run_pytest(["-p", "no:cacheprovider", "-n", "2", "-q"], seed, clean_env())
    assert before.returncode == 4, before.stderr
    fixed = paralint_run(paralint, seed, "fix", "--profile", "parallel", "--unsafe-fixes", *PYTHON, ".")
    assert fixed.returncode in (0, 1), fixed.stderr
    said = fixed.stderr.decode()
    for change in ("A002 take out `--worker-restart-delay=1`", "A003 take out `--reuse-db`",
                   "A009 take out `--cache-clear`", "A001 move the comment", "G002 add --strict-config",
                   "D005 write `worker_timeout` as `timeout = 300` and comment out"):
        assert change in said, said
    after = run_pytest(["-p", "no:cacheprovider", "-n", "2", "-v"], seed, clean_env())
    assert after.returncode == 0, after.stdout.decode() + after.stderr.decode()
    assert b"[gw" in after.stdout and b"1 passed" in after.stdout
    assert b"timeout: 300.0s" in after.stdout  # the invented worker_timeout, now pytest-timeout's
    text = (seed / "pytest.ini").read_text()
    for kept in ("--worker-restart-delay=1", "--reuse-db", "--cache-clear", "max_workers", "# Auto-detect CPU cores"):
        assert kept in text, f"{kept} was dropped"
    # worker_timeout had a real equivalent (pytest-timeout is installed); now pytest reads it.
    required = next(line for line in text.splitlines() if line.startswith("required_plugins"))
    assert "\ntimeout = 300\n" in text and "pytest-timeout" in required, text
    left = paralint_run(paralint, seed, "check", "--profile", "parallel", *PYTHON, "--format", "json", "-q", ".")
    above_info = {d["code"] for d in json.loads(left.stdout) if d["severity"] != "info"}
    assert above_info == {"M004"}, above_info
    again = paralint_run(paralint, seed, "fix", "--profile", "parallel", "--unsafe-fixes", *PYTHON, "--diff", ".")
    assert again.returncode == 0 and again.stdout == b"", again.stdout


def test_the_profile_starts_workers_and_chooses_loadgroup_for_groups(paralint, tmp_path):
    (tmp_path / "pytest.ini").write_text("[pytest]\naddopts = -ra\n")
    (tmp_path / "test_a.py").write_text(
        "import pytest\n\n@pytest.mark.xdist_group(name='db')\ndef test_a():\n    pass\n\n"
        "@pytest.mark.xdist_group(name='db')\ndef test_b():\n    pass\n")
    fixed = paralint_run(paralint, tmp_path, "fix", "--profile", "parallel", *PYTHON, ".")
    assert fixed.returncode in (0, 1), fixed.stderr
    addopts = (tmp_path / "pytest.ini").read_text()
    assert "-n auto" in addopts and "--dist loadgroup" in addopts, addopts
    run = run_pytest(["-p", "no:cacheprovider", "-v"], tmp_path, clean_env())
    assert run.returncode == 0 and b"test_a.py::test_a@db" in run.stdout, run.stdout


def test_without_the_profile_the_p_rules_stay_off(paralint, tmp_path):
    (tmp_path / "pytest.ini").write_text("[pytest]\naddopts = -ra\n")
    plain = paralint_run(paralint, tmp_path, "check", *PYTHON, "--format", "json", "-q", ".")
    assert not [d for d in json.loads(plain.stdout) if d["code"].startswith("P")]
    selected = paralint_run(paralint, tmp_path, "check", *PYTHON, "--select", "P", "--format", "json", "-q", ".")
    assert [d["code"] for d in json.loads(selected.stdout)] == ["P001"]
