"""paralint's own settings as a user meets them on the command line: which settings file a
path uses, flags over settings, usage errors, `paralint config`, and suppression comments
together with per-file-ignores. The known problems are D001 (a config pytest cannot read, an
error) and K001 (an unknown ini key, a warning)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from conftest import clean_env

VERSIONS = ["--pytest-version", "7.2.1", "--iniconfig-version", "1.1.1"]
BROKEN_INI = "[pytest]\naddopts = -q\naddopts = -x\n"


def run(paralint, cwd, *args):
    return subprocess.run([paralint, *args], cwd=cwd, capture_output=True, timeout=60, env=clean_env())


def check(paralint, cwd, *args):
    return run(paralint, cwd, "check", *VERSIONS, "--format", "concise", "--quiet", *args)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_nearest_settings_file_applies_alone(paralint, tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.paralint]\nignore = ["D001"]\n')
    write(tmp_path / "pytest.ini", BROKEN_INI)
    write(tmp_path / "pkg" / "paralint.toml", 'fail-on = "error"\n')
    write(tmp_path / "pkg" / "pytest.ini", BROKEN_INI)
    # [tool.paralint] ignores D001 for the root package
    assert check(paralint, tmp_path, ".", "--exclude", "pkg").returncode == 0
    both = check(paralint, tmp_path, ".")  # the walk finds pkg, which has its own settings
    # pkg/paralint.toml is nearer and is not merged with the pyproject's table above it
    assert both.stdout.decode().splitlines() == [
        "pkg/pytest.ini:3:1: D001 [error] pytest cannot read this file and stops: duplicate name 'addopts'"]
    assert both.returncode == 1
    assert check(paralint, tmp_path, "--isolated", ".").returncode == 1


def test_flags_override_settings(paralint, tmp_path):
    write(tmp_path / "paralint.toml", 'select = ["X"]\nfail-on = "error"\n')
    write(tmp_path / "pytest.ini", "[pytest]\nmy_key = 1\n")
    assert check(paralint, tmp_path).stdout == b""  # only X selected
    assert check(paralint, tmp_path, "--select", "K").returncode == 0  # K001 is a warning; fail-on error
    proc = check(paralint, tmp_path, "--select", "K", "--fail-on", "warning")
    assert b"K001 [warning]" in proc.stdout
    assert proc.returncode == 1
    assert check(paralint, tmp_path, "--extend-select", "K", "--fail-on", "warning").returncode == 1
    assert check(paralint, tmp_path, "--select", "K", "--ignore", "K001", "--fail-on", "warning").returncode == 0


def test_bad_settings_are_usage_errors(paralint, tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.paralint]\nselect = ["A"]\nextend_select = ["K"]\n')
    proc = check(paralint, tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.decode().startswith(
        "paralint: pyproject.toml:3: unknown setting `extend_select` (did you mean `extend-select`?)")
    write(tmp_path / "pyproject.toml", '[tool.paralint]\nselect = ["Z1"]\n')
    assert check(paralint, tmp_path).returncode == 2
    assert check(paralint, tmp_path, "--isolated").returncode == 0
    assert b"`Q` is not a rule code" in check(paralint, tmp_path, "--isolated", "--select", "Q").stderr


def test_an_explicit_settings_file_is_used_for_every_path(paralint, tmp_path):
    write(tmp_path / "ci" / "paralint.toml", '[per-file-ignores]\n"legacy/*.ini" = ["D001"]\n')
    write(tmp_path / "legacy" / "pytest.ini", BROKEN_INI)
    write(tmp_path / "legacy" / "paralint.toml", 'select = ["X"]\n')  # passed over: --settings wins
    # globs in an explicit file are relative to the current directory, as ruff's --config
    assert check(paralint, tmp_path, "--settings", "ci/paralint.toml", "legacy").returncode == 0
    proc = check(paralint, tmp_path / "legacy", "--settings", "../ci/paralint.toml", ".")
    assert b"D001" in proc.stdout


def test_config_says_where_each_value_comes_from(paralint, tmp_path):
    write(tmp_path / "pyproject.toml",
          '[project]\nname = "x"\n\n[tool.paralint]\nselect = ["A", "K"]\nignore = ["A009"]\n'
          'plugins = { pytest-xdist = "3.1" }\n\n[tool.paralint.per-file-ignores]\n"legacy/*.ini" = ["A001"]\n')
    proc = run(paralint, tmp_path, "config", "--ignore", "K001", "--pytest-version", "7.2.1")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode() == (
        "# settings for .: pyproject.toml\n"
        'select = ["A", "K"]             # pyproject.toml:5\n'
        "extend-select = []              # default\n"
        'ignore = ["A009", "K001"]       # pyproject.toml:6, --ignore\n'
        'fail-on = "warning"             # default\n'
        'pytest-version = "7.2.1"        # --pytest-version\n'
        "# iniconfig-version: not set    # from --python, or the newest known release\n"
        'plugins = ["pytest-xdist=3.1"]  # pyproject.toml:7\n'
        "exclude = []                    # default\n"
        "\n"
        "[per-file-ignores]  # globs relative to .\n"
        '"legacy/*.ini" = ["A001"]       # pyproject.toml:10\n')
    shown = json.loads(run(paralint, tmp_path, "config", "--format", "json", "--isolated").stdout)
    assert shown["settings_file"] is None
    assert shown["settings"]["select"] == {"value": ["ALL"], "sources": []}
    shown = json.loads(run(paralint, tmp_path, "config", "--format", "json", "--select", "S").stdout)
    assert shown["settings_file"] == "pyproject.toml"
    assert shown["settings"]["select"] == {"value": ["S"], "sources": [{"flag": "--select"}]}
    assert shown["settings"]["ignore"]["sources"] == [{"file": "pyproject.toml", "line": 6}]
    assert shown["settings"]["per-file-ignores"] == [
        {"glob": "legacy/*.ini", "codes": ["A001"], "sources": [{"file": "pyproject.toml", "line": 10}]}]
    assert run(paralint, tmp_path, "config", "missing").returncode == 2


def test_a_suppression_silences_and_an_unused_one_is_reported(paralint, tmp_path):
    write(tmp_path / "pytest.ini", "[pytest]\n# paralint: ignore[K001]\nmy_key = 1\n# paralint: ignore[K001]\naddopts = -q\n")
    proc = check(paralint, tmp_path, "--select", "K,S")
    assert proc.stdout.decode() == (
        "pytest.ini:4:1: S001 [warning] `# paralint: ignore[K001]` silences nothing: K001 reports nothing on line 5\n")
    fix = json.loads(run(paralint, tmp_path, "check", *VERSIONS, "--select", "K,S", "--format", "json").stdout)[0]["fix"]
    assert fix["applicability"] == "safe"
    assert fix["edits"] == [{"file": "pytest.ini", "start": {"line": 4, "column": 1, "offset": 45},
                             "end": {"line": 5, "column": 1, "offset": 70}, "content": ""}]


def test_settings_exclude_skips_what_the_walk_finds_but_not_a_path_given_by_name(paralint, tmp_path):
    write(tmp_path / "paralint.toml", 'exclude = ["fixtures/"]\n')
    write(tmp_path / "pytest.ini", "[pytest]\n")
    write(tmp_path / "fixtures" / "broken" / "pytest.ini", BROKEN_INI)
    walked = check(paralint, tmp_path, ".")
    assert "fixtures" not in walked.stdout.decode() and walked.returncode == 0
    named = check(paralint, tmp_path, "fixtures/broken")
    assert "fixtures/broken/pytest.ini:3:1: D001" in named.stdout.decode()
    assert named.returncode == 1
