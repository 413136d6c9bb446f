"""`paralint migrate --to pyproject`: the settings pytest reads from pytest.ini, .pytest.ini,
tox.ini or setup.cfg move into [tool.pytest.ini_options] of pyproject.toml, and pytest then
reads the same settings: `paralint dump` before and after agree (over every corpus folder
whose config is INI), and Debian's pytest collects the same way."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import CORPUS, clean_env
from debian_pytest import run_pytest

MODEL = ["--pytest-version", "7.2.1", "--iniconfig-version", "1.1.1"]
INI_NAMES = {"pytest.ini", ".pytest.ini", "tox.ini", "setup.cfg"}


def paralint_run(paralint, cwd, *args):
    return subprocess.run([paralint, *args], cwd=cwd, capture_output=True, timeout=120, env=clean_env(NO_COLOR="1"))


def dump(paralint, root: Path) -> dict:
    proc = paralint_run(paralint, root, "dump", *MODEL, ".")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def copy_of(folder: Path, dest: Path) -> Path:
    shutil.copytree(folder, dest, symlinks=True)
    for path in [dest, *dest.rglob("*")]:
        if not path.is_symlink():
            path.chmod(0o755 if path.is_dir() else 0o644)  # the corpus is read-only
    return dest


def corpus_folders():
    if not CORPUS.is_dir():
        return []
    return sorted(p.name for p in CORPUS.iterdir() if p.is_dir())


FOLDERS = corpus_folders()


@pytest.mark.not_sanitized  # 143 trees; the targeted cases below run the same code under the sanitizers
@pytest.mark.parametrize("folder", FOLDERS)
def test_a_migrated_real_config_reads_the_same(paralint, folder, tmp_path):
    root = copy_of(CORPUS / folder, tmp_path / "tree")
    before = dump(paralint, root)
    if before["configfile"] not in INI_NAMES or before["parse_error"] or before["section"] is None:
        pytest.skip(f"pytest reads {before['configfile']}: nothing to move")
    moved = paralint_run(paralint, root, "migrate", *MODEL, "--remove-old", ".")
    if moved.returncode == 2 and b"already holds pytest settings" in moved.stderr:
        pytest.skip("pyproject.toml holds pytest settings too: refused")
    assert moved.returncode == 0, moved.stderr
    after = dump(paralint, root)
    assert after["configfile"] == "pyproject.toml" and after["section"] == "tool.pytest.ini_options", after
    for field in ("ini", "addopts", "markers", "parse_error"):
        assert after[field] == before[field], field
    # Moving again: pytest reads TOML now, and nothing is moved twice.
    again = paralint_run(paralint, root, "migrate", *MODEL, ".")
    assert again.returncode == 2 and b"TOML already" in again.stderr, again.stderr
    # Debian's pytest collects the moved tree as it collected the original.
    original = copy_of(CORPUS / folder, tmp_path / "original")
    assert run_pytest(["--collect-only", "-q"], root, clean_env()).returncode == \
        run_pytest(["--collect-only", "-q"], original, clean_env()).returncode


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode())


def test_tox_ini_keeps_its_other_sections_and_the_moved_text_as_a_comment(paralint, tmp_path):
    write(tmp_path / "tox.ini", "[tox]\r\nenvlist = py311\r\n\r\n[pytest]\r\n# why\r\naddopts = -ra\r\n  -q\r\n"
                                "markers =\r\n  slow: slow tests\r\n\r\n[flake8]\r\nmax-line-length = 99\r\n")
    write(tmp_path / "pyproject.toml", "[project]\r\nname = \"demo\"\r\n")
    before = dump(paralint, tmp_path)
    moved = paralint_run(paralint, tmp_path, "migrate", *MODEL, "--remove-old", ".")
    assert moved.returncode == 0, moved.stderr
    assert b"now reads pyproject.toml" in moved.stderr
    tox = (tmp_path / "tox.ini").read_bytes()
    assert tox == b"[tox]\r\nenvlist = py311\r\n\r\n[flake8]\r\nmax-line-length = 99\r\n"
    pyproject = (tmp_path / "pyproject.toml").read_bytes().decode()
    assert pyproject.startswith("[project]\r\nname = \"demo\"\r\n\r\n# Moved by `paralint migrate` from tox.ini")
    assert "# # why\r\n" in pyproject and "\n" not in pyproject.replace("\r\n", "")
    after = dump(paralint, tmp_path)
    assert (after["ini"], after["addopts"], after["markers"]) == (before["ini"], before["addopts"], before["markers"])
    assert run_pytest(["--collect-only", "-q", "--strict-markers"], tmp_path, clean_env()).returncode == 5


def test_without_remove_old_a_pytest_ini_still_wins_and_is_said(paralint, tmp_path):
    write(tmp_path / "pytest.ini", "[pytest]\naddopts = -ra\n")
    moved = paralint_run(paralint, tmp_path, "migrate", *MODEL, ".")
    assert moved.returncode == 0, moved.stderr
    assert b"now reads pytest.ini, not pyproject.toml: it comes first; pass --remove-old" in moved.stderr
    assert (tmp_path / "pytest.ini").read_text() == "[pytest]\naddopts = -ra\n"
    assert 'addopts = "-ra"' in (tmp_path / "pyproject.toml").read_text()


def test_a_pyproject_holding_pytest_settings_is_refused_and_left_alone(paralint, tmp_path):
    write(tmp_path / "pytest.ini", "[pytest]\naddopts = -ra\n")
    write(tmp_path / "pyproject.toml", "[tool.pytest.ini_options]\nminversion = \"7.0\"\n")
    moved = paralint_run(paralint, tmp_path, "migrate", *MODEL, "--remove-old", ".")
    assert moved.returncode == 2 and b"already holds pytest settings" in moved.stderr
    assert (tmp_path / "pytest.ini").read_text() == "[pytest]\naddopts = -ra\n"


def test_values_pytest_reads_verbatim_survive_quoting(paralint, tmp_path):
    # Backslashes, quotes, a tab and an inline comment that iniconfig 1.1.1 keeps in the value.
    write(tmp_path / "pytest.ini", "[pytest]\naddopts = -k \"not slow\"  # comment\n"
                                   "python_files = \\\\test_*.py\tcheck_*.py\n")
    before = dump(paralint, tmp_path)
    diff = paralint_run(paralint, tmp_path, "migrate", *MODEL, "--remove-old", "--diff", ".")
    assert diff.returncode == 1 and b"would delete pytest.ini" in diff.stdout
    assert (tmp_path / "pytest.ini").exists() and not (tmp_path / "pyproject.toml").exists()
    assert paralint_run(paralint, tmp_path, "migrate", *MODEL, "--remove-old", ".").returncode == 0
    after = dump(paralint, tmp_path)
    assert after["ini"] == before["ini"] and after["addopts"] == before["addopts"]
