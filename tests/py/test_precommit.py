"""The pre-commit hook (.pre-commit-hooks.yaml) run by Debian's real pre-commit on a
temporary git repository, as a user's commit runs it: a hook repository holding only a copy
of the hooks file, a project that uses it by path and commit, and paralint on PATH behind a
wrapper that logs each call. No network: pre-commit clones the hook repository from disk and
`language: system` installs nothing."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO_ROOT, paralint_path

PRE_COMMIT = "/usr/bin/pre-commit"
BROKEN_INI = "[pytest]\naddopts = -q\naddopts = -x\n"
FIXED_INI = "[pytest]\naddopts = -q\n"
NO_CONFIG_FILE = "(no files to check)Skipped"


class Project:
    def __init__(self, root: Path, env: dict, calls: Path):
        self.root = root
        self.env = env
        self.calls = calls

    def git(self, *args, check=True) -> subprocess.CompletedProcess:
        proc = subprocess.run(["git", *args], cwd=self.root, env=self.env, capture_output=True, text=True,
                              timeout=120)
        if check:
            assert proc.returncode == 0, f"git {args}: {proc.stdout}{proc.stderr}"
        return proc

    def commit(self, files: dict[str, str], message: str) -> subprocess.CompletedProcess:
        """Writes and stages files, then `git commit`, which runs the installed pre-commit hook."""
        for name, text in files.items():
            path = self.root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            self.git("add", name)
        return self.git("commit", "-m", message, check=False)

    def paralint_calls(self) -> list[str]:
        return self.calls.read_text(encoding="utf-8").splitlines() if self.calls.exists() else []


def git_env(home: Path, path: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT", "PYTEST_"))}
    env.update(HOME=str(home), PATH=path, PRE_COMMIT_HOME=str(home / "pre-commit-cache"), PRE_COMMIT_COLOR="never",
               GIT_CONFIG_NOSYSTEM="1", LC_ALL="C.UTF-8")
    return env


def init_repo(root: Path, env: dict) -> None:
    root.mkdir()
    for args in (["init", "-q", "-b", "main"], ["config", "user.name", "paralint tests"],
                 ["config", "user.email", "tests@paralint.invalid"], ["config", "commit.gpgsign", "false"]):
        subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True, timeout=60)


def make_project(tmp_path, hook_id: str) -> Project:
    if not os.access(PRE_COMMIT, os.X_OK):
        pytest.skip(f"{PRE_COMMIT} is not installed (Debian's pre-commit; scripts/setup-deps installs it)")
    paralint = paralint_path()

    # paralint on PATH as an installed binary would be, behind a wrapper that logs its arguments
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    calls = tmp_path / "paralint-calls"
    wrapper = bin_dir / "paralint"
    wrapper.write_text(f'#!/bin/sh\necho "$*" >> "{calls}"\nexec "{paralint}" "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    env = git_env(tmp_path, f"{bin_dir}:/usr/bin:/bin")

    hooks = tmp_path / "hooks"
    init_repo(hooks, env)
    shutil.copy(REPO_ROOT / ".pre-commit-hooks.yaml", hooks)
    subprocess.run(["git", "add", ".pre-commit-hooks.yaml"], cwd=hooks, env=env, check=True, timeout=60)
    subprocess.run(["git", "commit", "-q", "-m", "hooks"], cwd=hooks, env=env, check=True, timeout=60)
    rev = subprocess.run(["git", "rev-parse", "HEAD"], cwd=hooks, env=env, check=True, capture_output=True,
                         text=True, timeout=60).stdout.strip()

    root = tmp_path / "project"
    init_repo(root, env)
    (root / ".pre-commit-config.yaml").write_text(
        f"repos:\n- repo: {hooks}\n  rev: {rev}\n  hooks:\n  - id: {hook_id}\n", encoding="utf-8")
    project = Project(root, env, calls)
    project.git("add", ".pre-commit-config.yaml")
    project.git("commit", "-q", "-m", "pre-commit config")  # before the hook is installed
    subprocess.run([PRE_COMMIT, "install"], cwd=root, env=env, check=True, capture_output=True, timeout=120)
    return project


@pytest.fixture
def project(tmp_path) -> Project:
    return make_project(tmp_path, "paralint")


@pytest.fixture
def fixing_project(tmp_path) -> Project:
    return make_project(tmp_path, "paralint-fix")


def test_a_commit_with_a_broken_pytest_ini_is_refused_with_the_diagnostic(project):
    proc = project.commit({"pytest.ini": BROKEN_INI}, "broken")
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0, output
    assert "paralint (pytest configuration)" in output and "Failed" in output
    assert "pytest.ini:3:1: D001 [error] pytest cannot read this file and stops: duplicate name 'addopts'" in output
    assert project.git("rev-list", "--count", "HEAD").stdout.strip() == "1"  # nothing was committed
    assert project.paralint_calls() == ["check pytest.ini"]


def test_a_commit_with_the_fixed_file_passes(project):
    assert project.commit({"pytest.ini": BROKEN_INI}, "broken").returncode != 0
    proc = project.commit({"pytest.ini": FIXED_INI}, "fixed")
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    assert "paralint (pytest configuration)" in output and "Passed" in output
    assert project.git("rev-list", "--count", "HEAD").stdout.strip() == "2"


def test_the_hook_sees_every_config_file_pytest_reads_in_any_directory_and_nothing_else(project):
    files = {"pytest.ini": FIXED_INI, ".pytest.ini": FIXED_INI, "pytest.toml": "[pytest]\n",
             ".pytest.toml": "[pytest]\n", "pyproject.toml": "[project]\nname = 'x'\n", "tox.ini": "[tox]\n",
             "setup.cfg": "[metadata]\nname = x\n", "pkg/sub/tox.ini": "[pytest]\n",
             "pkg/sub/setup.cfg": "[tool:pytest]\n",
             # not config files pytest reads
             "notpytest.ini": BROKEN_INI, "pytest.ini.bak": BROKEN_INI, "docs/conf.cfg": BROKEN_INI,
             "my-pyproject.toml": "", "README.md": ""}
    project.commit(files, "many files")  # refused or not: files beside each other shadow each other
    [call] = project.paralint_calls()  # require_serial: one process for all the files
    command, *passed = call.split()
    assert command == "check"
    assert sorted(passed) == sorted(name for name in files if not name.startswith(("not", "pytest.ini.", "docs",
                                                                                   "my-", "README")))


def test_a_commit_touching_no_config_file_does_not_run_paralint(project):
    proc = project.commit({"README.md": "hello\n", "src/app.py": "print('hi')\n"}, "no config")
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    assert NO_CONFIG_FILE in output
    assert project.paralint_calls() == []


def test_the_fixing_hook_fixes_the_file_and_pre_commit_asks_to_stage_it(fixing_project):
    project = fixing_project
    proc = project.commit({"pytest.ini": "[pytest]\naddopts = -q  # quiet\n"}, "inline comment")
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0, output  # pre-commit fails a hook that changed files
    assert "paralint (pytest configuration, fixing)" in output and "files were modified by this hook" in output
    assert "Fixed 1 problem in 1 file." in output
    assert (project.root / "pytest.ini").read_text(encoding="utf-8") == "[pytest]\n# quiet\naddopts = -q\n"
    assert project.git("rev-list", "--count", "HEAD").stdout.strip() == "1"
    assert project.paralint_calls() == ["fix pytest.ini"]

    project.git("add", "pytest.ini")  # what the user does next
    proc = project.commit({}, "inline comment, fixed")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert project.git("rev-list", "--count", "HEAD").stdout.strip() == "2"


def readme_yaml_blocks() -> list:
    yaml = pytest.importorskip("yaml")
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## pre-commit\n", 1)[1].split("\n## ", 1)[0]
    return [yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", section, re.S)]


def test_the_readme_local_hook_is_the_published_hook_with_a_path(project):
    """The README's `repo: local` block must select the same files, the same way."""
    yaml = pytest.importorskip("yaml")
    hooks = yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    [published] = [hook for hook in hooks if hook["id"] == "paralint"]
    [fixing] = [hook for hook in hooks if hook["id"] == "paralint-fix"]
    for key in ("language", "files", "pass_filenames", "require_serial"):  # the fixing hook sees the same files
        assert fixing[key] == published[key], key
    [local] = [repo for block in readme_yaml_blocks() for repo in block["repos"] if repo["repo"] == "local"]
    [hook] = local["hooks"]
    assert hook["entry"].endswith("/paralint check") and published["entry"] == "paralint check"
    for key in ("id", "language", "files", "require_serial"):
        assert hook[key] == published[key], key
    # and pre-commit accepts it: run with the binary at its path, no PATH lookup
    hook["entry"] = f"{paralint_path()} check"
    (project.root / ".pre-commit-config.yaml").write_text(yaml.safe_dump({"repos": [local]}), encoding="utf-8")
    project.git("add", ".pre-commit-config.yaml")
    proc = project.commit({"sub/tox.ini": "[pytest]\naddopts = -q\naddopts = -x\n"}, "local hook")
    assert proc.returncode != 0
    assert "sub/tox.ini:3:1: D001 [error]" in proc.stdout + proc.stderr
