"""`paralint bench` with the real pytest and pytest-xdist (Debian's): the sample suite's
measured speed-ups against what its design implies, parallel hazards, the budget, the
per-run timeout, Ctrl-C, and nothing written into the project."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from conftest import REPO_ROOT, clean_env

SAMPLE = REPO_ROOT / "examples" / "parallel-suite"
PYTHON = "/usr/bin/python3"


def tree_listing(root: Path) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*"))


def bench(paralint, project, *args, env=None, timeout=300):
    proc = subprocess.run([paralint, "bench", "--python", PYTHON, "--format", "json", *args, str(project)],
                          capture_output=True, text=True, timeout=timeout, env=env or clean_env())
    report = json.loads(proc.stdout) if proc.stdout.startswith("{") else None
    return proc, report


def profile(report, name):
    [found] = [p for p in report["profiles"] if p["name"] == name]
    return found


def write_suite(root: Path, body: str) -> Path:
    root.mkdir()
    (root / "pytest.ini").write_text("[pytest]\naddopts = -n 2 --dist loadscope\n", encoding="utf-8")
    (root / "test_suite.py").write_text(body, encoding="utf-8")
    return root


@pytest.mark.not_sanitized
def test_sample_suite_speedups_match_its_design(paralint, tmp_path):
    # examples/parallel-suite/README.md: 58 units of work (0.05 s each at scale 0.5); four
    # modules of 11 units (a 3-unit module fixture and four 2-unit tests), an 8-unit compute
    # module and a 6-unit xdist_group. Serially the session runs all 58; --dist loadfile on
    # 2 workers keeps each file on one worker, so the best split finishes at 30 units.
    project = tmp_path / "suite"
    shutil.copytree(SAMPLE, project)
    before = tree_listing(project)
    svg = tmp_path / "speedup.svg"
    proc, report = bench(paralint, project, "--runs", "1", "--workers", "2", "--dist", "loadfile,loadgroup",
                         "--svg", str(svg), env=clean_env(PARALINT_SAMPLE_SCALE="0.5"))
    assert proc.returncode == 0, proc.stderr + proc.stdout
    unit = 0.05
    serial = profile(report, "serial")
    [serial_run] = serial["runs"]
    assert serial_run["exit_status"] == 0 and serial_run["collected"] == 23
    assert 58 * unit <= serial_run["run_seconds"] <= 58 * unit * 1.3 + 0.5
    # Per-test durations: a test's own pause, plus the module fixture for the first test of a module.
    tests = serial_run["tests"]
    assert 2 * unit <= tests["test_orders.py::test_orders_read"]["seconds"] <= 2 * unit * 1.5 + 0.05
    assert 5 * unit <= tests["test_orders.py::test_orders_create"]["seconds"] <= 5 * unit * 1.5 + 0.05

    loadfile = profile(report, "-n 2 --dist loadfile")
    [loadfile_run] = loadfile["runs"]
    assert loadfile_run["workers_started"] == 2 and loadfile["workers"] == 2
    assert 30 * unit <= loadfile_run["run_seconds"] <= 30 * unit * 1.3 + 0.5
    assert serial_run["run_seconds"] / loadfile_run["run_seconds"] >= 1.5
    # loadfile never splits a file: each module's tests ran on one worker.
    workers_of = {}
    for node_id, test in loadfile_run["tests"].items():
        workers_of.setdefault(node_id.split("::")[0], set()).add(test["worker"])
    assert all(len(workers) == 1 for workers in workers_of.values()), workers_of

    [group_run] = profile(report, "-n 2 --dist loadgroup")["runs"]
    ledger = {test["worker"] for node_id, test in group_run["tests"].items() if node_id.startswith("test_ledger.py")}
    assert len(ledger) == 1 and len([n for n in group_run["tests"] if n.startswith("test_ledger.py")]) == 3

    assert report["hazards"] == []
    # The ledger tests are marked xdist_group, all in one file: loadfile and loadgroup keep them on
    # one worker, -n auto (--dist load) may split them and is not recommended.
    assert serial_run["groups"] == {"ledger": ["test_ledger.py::test_ledger_open", "test_ledger.py::test_ledger_post",
                                               "test_ledger.py::test_ledger_close"]}
    assert report["recommendation"]["profile"] in ("-n 2 --dist loadfile", "-n 2 --dist loadgroup"), report["recommendation"]
    assert report["recommendation"]["config_file"] == "pytest.ini"
    assert tree_listing(project) == before  # no cache, no bytecode, no report in the project

    plot = ElementTree.parse(svg).getroot()
    lines = plot.findall("{http://www.w3.org/2000/svg}polyline")
    assert len(lines) == 2  # one per --dist mode


def test_a_test_that_fails_only_in_parallel_is_named_and_fails_the_gate(paralint, tmp_path):
    project = write_suite(tmp_path / "suite", "import os\n\n"
                                              "def test_alone():\n    assert 'PYTEST_XDIST_WORKER' not in os.environ\n\n"
                                              "def test_anywhere():\n    pass\n")
    # A module that cannot be imported on a worker: under -n none of its tests run, and the
    # run ends sooner (Debian's pytest 7.2.1 + xdist 3.1.0 report the collection error).
    (project / "test_workers_only.py").write_text(
        "import os\n\nif 'PYTEST_XDIST_WORKER' in os.environ:\n    raise ImportError('serial only')\n\n"
        "def test_skipped_in_parallel():\n    pass\n", encoding="utf-8")
    proc, report = bench(paralint, project, "--runs", "1", "--workers", "1", "--dist", "load")
    assert proc.returncode == 1, proc.stderr
    assert report["hazards"] == [
        {"test": "test_suite.py::test_alone", "outcome": "failed", "profiles": ["-n auto", "-n 1 --dist load"]},
        {"test": "test_workers_only.py::test_skipped_in_parallel", "outcome": "not run",
         "profiles": ["-n auto", "-n 1 --dist load"]},
    ]
    [auto_run] = profile(report, "-n auto")["runs"]
    assert auto_run["collect_errors"] == ["test_workers_only.py"]
    assert report["recommendation"]["profile"] == "serial"
    # The config's `-n 2 --dist loadscope` never reached a run: addopts are cleared, and said so.
    assert all(p["command"][3:5] == ["-o", "addopts="] for p in report["profiles"])
    [serial_run] = profile(report, "serial")["runs"]
    assert serial_run["workers_started"] == 0 and serial_run["exit_status"] == 0


def test_the_budget_starts_no_run_that_would_end_after_it(paralint, tmp_path):
    project = write_suite(tmp_path / "suite", "import time\n\ndef test_slow():\n    time.sleep(1.0)\n")
    started = time.monotonic()
    proc, report = bench(paralint, project, "--runs", "3", "--workers", "1", "--dist", "load", "--budget", "2")
    assert time.monotonic() - started < 6
    assert proc.returncode == 0, proc.stderr
    assert report["stopped"] == "budget"
    assert len(profile(report, "serial")["runs"]) == 1
    assert profile(report, "-n 1 --dist load")["runs"] == []


def test_a_run_past_its_timeout_is_killed_with_what_it_started(paralint, tmp_path):
    marker = tmp_path / "pids"
    project = write_suite(tmp_path / "suite",
                          "import os, subprocess, time\n\n"
                          "def test_hangs():\n"
                          f"    child = subprocess.Popen(['sleep', '60'])\n"
                          f"    with open({str(marker)!r}, 'a') as out:\n"
                          "        out.write(f'{os.getpid()} {child.pid}\\n')\n"
                          "    time.sleep(60)\n")
    proc, report = bench(paralint, project, "--runs", "1", "--workers", "1", "--dist", "load", "--timeout", "2")
    assert proc.returncode == 1, proc.stderr  # the serial run measured nothing
    for entry in report["profiles"]:
        [run] = entry["runs"]
        assert run["failure"] == "timed out after 2 s (--timeout)"
        assert 2 <= run["wall_seconds"] < 5
    time.sleep(0.2)
    pids = marker.read_text().split()
    assert pids  # the hanging test did start
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().split()[2]
        except FileNotFoundError:
            continue  # gone
        assert state == "Z", f"{pid} still running"


def test_ctrl_c_stops_the_run_and_reports_what_was_measured(paralint, tmp_path):
    started = tmp_path / "started"
    project = write_suite(tmp_path / "suite", "import time\n\ndef test_slow():\n"
                                              f"    with open({str(started)!r}, 'a') as out:\n"
                                              "        out.write('run\\n')\n"
                                              "    time.sleep(2)\n")
    bench_process = subprocess.Popen([paralint, "bench", "--python", PYTHON, "--runs", "3", "--workers", "1", "--dist",
                                      "load", str(project)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                     env=clean_env())
    deadline = time.monotonic() + 60
    # The second profile's test is running: the serial run is measured, the second is not.
    while time.monotonic() < deadline and (not started.exists() or started.read_text().count("run") < 2):
        time.sleep(0.05)
    bench_process.send_signal(signal.SIGINT)
    out, err = bench_process.communicate(timeout=30)
    assert bench_process.returncode == 130, err
    assert "interrupted: what was measured before is above" in out
    serial_line = next(line for line in out.splitlines() if line.startswith("serial"))
    assert int(serial_line.split()[2]) >= 1  # profile, workers, runs measured
    assert list(project.iterdir()) != [] and sorted(p.name for p in project.iterdir()) == ["pytest.ini", "test_suite.py"]


def test_usage_errors_exit_2(paralint, tmp_path):
    proc = subprocess.run([paralint, "bench", "--python", PYTHON, str(tmp_path / "missing")], capture_output=True,
                          text=True, timeout=60, env=clean_env())
    assert proc.returncode == 2 and "not a directory" in proc.stderr
    proc = subprocess.run([paralint, "bench", "--python", str(tmp_path / "nope"), str(tmp_path)], capture_output=True,
                          text=True, timeout=60, env=clean_env())
    assert proc.returncode == 2 and "cannot import pytest" in proc.stderr
    proc = subprocess.run([paralint, "bench", "--python", PYTHON, "--dist", "worksteal", str(tmp_path)],
                          capture_output=True, text=True, timeout=60, env=clean_env())
    assert proc.returncode == 2 and "pytest-xdist 3.1.0 has no --dist worksteal" in proc.stderr


def test_fix_profile_measured_applies_what_bench_measured(paralint, tmp_path):
    project = tmp_path / "suite"
    project.mkdir()
    (project / "pytest.ini").write_text("[pytest]\naddopts = -ra -n 1 --dist load\n", encoding="utf-8")
    for name in ("test_one.py", "test_two.py"):
        (project / name).write_text("import time\n\ndef test_a():\n    time.sleep(0.5)\n\n"
                                    "def test_b():\n    time.sleep(0.5)\n", encoding="utf-8")
    report = tmp_path / "bench.json"
    proc, _ = bench(paralint, project, "--runs", "1", "--workers", "2", "--dist", "loadfile", "-o", str(report))
    assert proc.returncode == 0, proc.stderr
    recommended = json.loads(report.read_text())["recommendation"]["arguments"]
    # -n auto (2 workers here, --dist load) or -n 2 --dist loadfile: both spread the four tests.
    assert recommended in (["-n", "auto", "--dist", "load"], ["-n", "2", "--dist", "loadfile"]), recommended
    expected = "-ra " + " ".join(recommended)

    refused = subprocess.run([paralint, "fix", "--profile", "measured", str(project)], capture_output=True, text=True,
                             timeout=60, env=clean_env())
    assert refused.returncode == 2 and "--bench-report FILE" in refused.stderr

    fixed = subprocess.run([paralint, "fix", "--profile", "measured", "--bench-report", str(report), "--python", PYTHON,
                            str(project)], capture_output=True, text=True, timeout=60, env=clean_env())
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    # `fix` also applies the default selection's safe fixes (here G005, required_plugins).
    assert f"\naddopts = {expected}\n" in (project / "pytest.ini").read_text()
    run = subprocess.run([PYTHON, "-m", "pytest", "-v", "-p", "no:cacheprovider"], cwd=project, capture_output=True,
                         text=True, timeout=120, env=clean_env())
    assert run.returncode == 0, run.stdout
    scheduling = "LoadFileScheduling" if "loadfile" in expected else "LoadScheduling"
    assert "gw0 [4] / gw1 [4]" in run.stdout and f"scheduling tests via {scheduling}" in run.stdout
    again = subprocess.run([paralint, "fix", "--profile", "measured", "--bench-report", str(report), "--python", PYTHON,
                            "--diff", str(project)], capture_output=True, text=True, timeout=60, env=clean_env())
    assert again.returncode == 0 and again.stdout == ""


def test_the_configs_other_addopts_are_kept_and_its_xdist_options_left_to_each_profile(paralint, tmp_path):
    # Two test files with one basename and no __init__.py: pytest collects them only with
    # --import-mode=importlib, which addopts holds beside its own -n.
    project = tmp_path / "suite"
    for folder in ("a", "b"):
        (project / folder).mkdir(parents=True)
        (project / folder / "test_same.py").write_text(f"def test_{folder}():\n    pass\n", encoding="utf-8")
    (project / "pytest.ini").write_text("[pytest]\naddopts = -ra --import-mode=importlib -n 2 --dist=loadscope\n",
                                        encoding="utf-8")
    proc, report = bench(paralint, project, "--runs", "1", "--workers", "1", "--dist", "load")
    assert proc.returncode == 0, proc.stderr + proc.stdout
    assert report["addopts_kept"] == "-ra --import-mode=importlib"
    assert report["addopts_dropped"] == ["-n", "2", "--dist=loadscope"]
    for entry in report["profiles"]:
        assert entry["command"][3:5] == ["-o", "addopts=-ra --import-mode=importlib"]
        [run] = entry["runs"]
        assert run["failure"] is None and run["exit_status"] == 0 and len(run["tests"]) == 2
    [serial_run] = profile(report, "serial")["runs"]
    assert serial_run["workers_started"] == 0  # the config's -n 2 did not reach the serial run
