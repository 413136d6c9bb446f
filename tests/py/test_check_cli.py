"""`paralint check` as a CI gate sees it: output formats, where the summary goes,
exit codes, rule selection. Uses D001 (an unreadable config) as the known problem."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from conftest import clean_env

VERSIONS = ["--pytest-version", "7.2.1", "--iniconfig-version", "1.1.1"]


def check(paralint, cwd, *args, env=None):
    return subprocess.run([paralint, "check", *VERSIONS, *args], cwd=cwd, capture_output=True, timeout=60,
                          env=env or clean_env())


@pytest.fixture
def broken(tmp_path) -> Path:
    (tmp_path / "pytest.ini").write_text("[pytest]\naddopts = -q\naddopts = -x\n", encoding="utf-8")
    return tmp_path


def test_json_is_pure_and_complete(paralint, broken):
    proc = check(paralint, broken, "--format", "json")
    assert proc.returncode == 1
    diagnostics = json.loads(proc.stdout)  # stdout is only JSON; the summary went to stderr
    assert b"Found 1 problem" in proc.stderr
    assert b"pytest 7.2.1" in proc.stderr  # what was assumed is said
    [d] = [d for d in diagnostics if d["code"] == "D001"]
    assert d == {
        "code": "D001", "name": "config-unreadable", "severity": "error",
        "message": "pytest cannot read this file and stops: duplicate name 'addopts'",
        "help": d["help"], "file": "pytest.ini", "line": 3, "column": 1, "end_line": 3, "end_column": 13,
        "fix": None,
    }


def test_file_names_are_relative_to_the_current_directory_only_when_under_it(paralint, broken, tmp_path_factory):
    inside = json.loads(check(paralint, broken.parent, "--format", "json", broken.name).stdout)
    assert inside[0]["file"] == f"{broken.name}/pytest.ini"
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    outside = json.loads(check(paralint, elsewhere, "--format", "json", str(broken)).stdout)
    assert outside[0]["file"] == str(broken / "pytest.ini")


def test_text_shows_the_line_and_underlines_the_span(paralint, broken):
    out = check(paralint, broken).stdout.decode()
    assert out.startswith("pytest.ini:3:1: D001 [error] pytest cannot read this file")
    assert "3 | addopts = -x\n" in out
    assert "  | ^^^^^^^^^^^^ D001\n" in out
    assert "\x1b[" not in out  # not a terminal: no colour


@pytest.mark.parametrize("where", ["start", "middle", "end"])
def test_a_long_line_is_shown_as_a_window_around_the_span(paralint, tmp_path, where):
    before = {"start": 0, "middle": 60, "end": 120}[where]
    words = [f"-p no:plugin{i}" for i in range(before)] + ["--cache-clear"] + [f"-p no:later{i}" for i in range(120 - before)]
    (tmp_path / "pytest.ini").write_text("[pytest]\naddopts = " + " ".join(words) + "\n", encoding="utf-8")
    out = check(paralint, tmp_path, "--select", "A009").stdout.decode()
    [shown] = [line for line in out.splitlines() if line.startswith("2 | ")]
    [underline] = [line for line in out.splitlines() if line.endswith("^ A009")]
    assert len(shown) <= len("2 | ") + 122  # 120 columns and an ellipsis on each side
    assert shown.startswith("2 | addopts") == (where == "start")
    assert shown.endswith("\u2026") == (where != "end")
    column = underline.index("^")
    assert shown[column:column + len("--cache-clear")] == "--cache-clear"
    assert underline.count("^") == len("--cache-clear")


def test_concise_is_one_line_per_diagnostic(paralint, broken):
    out = check(paralint, broken, "--format", "concise", "--quiet").stdout.decode()
    assert out == "pytest.ini:3:1: D001 [error] pytest cannot read this file and stops: duplicate name 'addopts'\n"


def test_exit_codes_follow_fail_on_and_exit_zero(paralint, broken):
    assert check(paralint, broken, "--fail-on", "error").returncode == 1
    assert check(paralint, broken, "--exit-zero").returncode == 0
    assert check(paralint, broken, "--ignore", "D001").returncode == 0
    assert check(paralint, broken, "--select", "X").returncode == 0
    assert check(paralint, broken, "--select", "D", "--ignore", "D0").returncode == 0
    assert check(paralint, broken, "--select", "D00", "--ignore", "D").returncode == 1


def test_statistics_count_each_rule(paralint, broken):
    out = check(paralint, broken, "--statistics", "--format", "concise").stdout.decode()
    assert "    1  D001  [error]  config-unreadable" in out


def test_usage_errors_exit_2(paralint, tmp_path):
    assert check(paralint, tmp_path, "missing-dir").returncode == 2
    assert check(paralint, tmp_path, "--format", "xml").returncode == 2
    assert check(paralint, tmp_path, "--fail-on", "fatal").returncode == 2
    assert check(paralint, tmp_path, "--plugins", "pytest-xdist=three").returncode == 2
    proc = subprocess.run([paralint, "check", "--pytest-version", "6.0", str(tmp_path)], capture_output=True, timeout=60)
    assert proc.returncode == 2


def test_quiet_drops_the_summary(paralint, broken):
    proc = check(paralint, broken, "--quiet", "--format", "json")
    assert proc.stderr == b""


def test_plugins_stated_are_reported_as_assumed(paralint, tmp_path):
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    err = check(paralint, tmp_path, "--format", "json", "--plugins", "xdist=3.1").stderr.decode()
    assert "plugins: as stated with --plugins or the plugins setting" in err
    assert "pytest-xdist 3.1.0" in err


def test_a_path_after_select_is_a_path(paralint, broken, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    proc = check(paralint, elsewhere, "--select", "D", str(broken), "--format", "concise", "--quiet")
    assert proc.returncode == 1
    assert b"D001" in proc.stdout
