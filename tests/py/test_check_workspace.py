"""`paralint check DIR` on a monorepo: which directories it lints (each as pytest started
there sees it, confirmed with real pytest), in what order, what --exclude and .gitignore
files leave out (the latter compared with real git)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ORACLE, TREE_PREFIX, clean_env, run_determine_setup

VERSIONS = ["--pytest-version", "7.2.1", "--iniconfig-version", "1.1.1"]


def check(paralint, cwd, *args):
    return subprocess.run([paralint, "check", *VERSIONS, *args], cwd=cwd, capture_output=True, timeout=60,
                          env=clean_env())


def reported_files(paralint, cwd, *args) -> list[str]:
    """The files A001 reports on, in output order (each config below has an inline comment)."""
    proc = check(paralint, cwd, "--format", "json", "--select", "A001", "--quiet", *args)
    assert proc.returncode in (0, 1), proc.stderr.decode()
    return [d["file"] for d in json.loads(proc.stdout)]


def broken_ini(section: str = "pytest") -> str:
    return f"[{section}]\naddopts = -q  # quiet\n"


# A monorepo as pytest sees it: the root config, packages with their own, and packages whose
# config-named file holds no pytest section, so that pytest started there walks up.
MONOREPO = {
    "pyproject.toml": '[project]\nname = "monorepo"\n',  # no pytest table: pytest 7 takes tox.ini
    "tox.ini": broken_ini(),
    "packages/api/pytest.ini": broken_ini(),
    "packages/api/setup.cfg": broken_ini("tool:pytest"),  # shadowed by pytest.ini
    "packages/worker/setup.cfg": broken_ini("tool:pytest"),
    "packages/worker/plugins/tox.ini": "[tox]\nenvlist = py311\n",  # walks up to worker's setup.cfg
    "packages/shared/pyproject.toml": '[project]\nname = "shared"\n',  # walks up to the root
    "packages/web-ui/pytest.ini": broken_ini(),
}
TARGETS = [".", "packages/api", "packages/shared", "packages/web-ui", "packages/worker", "packages/worker/plugins"]


def in_output_order(files) -> list[str]:
    """Diagnostics come by start directory (sorted path by path, component by component),
    and each file from the start directory that holds it."""
    return sorted(files, key=lambda f: (Path(f).parent.parts, f))


def write_tree(root: Path, files: dict[str, str], order=None) -> Path:
    for name in order or files:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(files[name], encoding="utf-8")
    return root


def test_each_package_is_linted_with_the_config_real_pytest_uses_there(paralint, tmp_path):
    if not ORACLE.is_file():
        pytest.skip(f"oracle not found at {ORACLE} (set ORACLE)")
    root = write_tree(tmp_path / "repo", MONOREPO)
    truth = run_determine_setup([(root, root / target) for target in TARGETS])
    chosen = {}
    for target, parsed in zip(TARGETS, truth):
        configfile = parsed["configfile"]
        path = root / configfile[len(TREE_PREFIX):] if configfile.startswith(TREE_PREFIX) else root / target / configfile
        chosen[target] = path.relative_to(root).as_posix()
    assert chosen == {".": "tox.ini", "packages/api": "packages/api/pytest.ini", "packages/shared": "tox.ini",
                      "packages/web-ui": "packages/web-ui/pytest.ini", "packages/worker": "packages/worker/setup.cfg",
                      "packages/worker/plugins": "packages/worker/setup.cfg"}

    for target in TARGETS:
        # dump's reading of each package (checked against pytest case by case elsewhere)…
        dump = subprocess.run([paralint, "dump", *VERSIONS, target], cwd=root, capture_output=True, timeout=60,
                              env=clean_env())
        configfile = json.loads(dump.stdout)["configfile"]
        assert (root / target / configfile).resolve() == (root / chosen[target]).resolve(), target
        # …is the config check lints there.
        alone = reported_files(paralint, root, "--exclude", "*/", target)
        assert alone == [chosen[target]], target

    # The walk lints every package, and reports each chosen file once.
    assert reported_files(paralint, root) == ["tox.ini", "packages/api/pytest.ini", "packages/web-ui/pytest.ini",
                                              "packages/worker/setup.cfg"]


def test_output_is_sorted_by_path_whatever_the_filesystem_order(paralint, tmp_path):
    files = dict(MONOREPO, **{f"packages/p{i}/pytest.ini": broken_ini() for i in range(12)})
    forward = write_tree(tmp_path / "a", files)
    backward = write_tree(tmp_path / "b", files, order=list(reversed(files)))
    outputs = [check(paralint, tree, "--format", "concise", "--quiet").stdout for tree in (forward, backward)]
    assert outputs[0] == outputs[1]
    files_in_order = [line.split(":", 1)[0] for line in outputs[0].decode().splitlines()]
    assert files_in_order == in_output_order(files_in_order)
    assert "packages/p10/pytest.ini" in files_in_order


def test_exclude_globs_repeated_or_comma_separated(paralint, tmp_path):
    root = write_tree(tmp_path / "repo", MONOREPO)
    assert reported_files(paralint, root, "--exclude", "packages/api", "--exclude", "web-*/") == [
        "tox.ini", "packages/worker/setup.cfg"]
    assert reported_files(paralint, root, "--exclude", "packages/api,web-*/") == ["tox.ini", "packages/worker/setup.cfg"]
    # Files given by name are linted even when a glob matches them, as ruff does without --force-exclude.
    assert reported_files(paralint, root, "--exclude", "*.ini", "packages/api/pytest.ini") == ["packages/api/pytest.ini"]


def test_paths_given_twice_or_overlapping_are_linted_once(paralint, tmp_path):
    root = write_tree(tmp_path / "repo", MONOREPO)
    once = check(paralint, root, "--format", "concise", "--quiet").stdout
    assert check(paralint, root, "--format", "concise", "--quiet", ".", "packages", "packages/api", "./").stdout == once


def test_virtualenvs_and_build_folders_are_skipped(paralint, tmp_path):
    root = write_tree(tmp_path / "repo", {
        "pytest.ini": "[pytest]\n",
        "env/pyvenv.cfg": "home = /usr/bin\n",
        "env/src/editable/pytest.ini": broken_ini(),
        ".tox/py311/tox.ini": broken_ini(),
        "build/lib/pytest.ini": broken_ini(),
        "src/pkg.egg-info/setup.cfg": broken_ini("tool:pytest"),
        "node_modules/x/pytest.ini": broken_ini(),
    })
    assert reported_files(paralint, root) == []
    assert reported_files(paralint, root, "--exclude", "!build/") == ["build/lib/pytest.ini"]


# Patterns whose meaning depends on gitignore's finer points: anchoring by a leading or
# middle slash, directory-only patterns, negation, `**`, nested files overriding their
# parents, and a directory that cannot be brought back once its parent is ignored.
GITIGNORES = {
    ".gitignore": "top-only/\n*-generated/\n**/cache/\nvendor/**/fixtures\n*.ini\n!pytest.ini\nout/\n!out/keep/\n",
    "nested/.gitignore": "!/top-only/\n/local/\ndeep/**\n",
    "nested/more/.gitignore": "!cache/\n",
}
CANDIDATES = ["top-only", "nested/top-only", "a/top-only", "x-generated", "a/x-generated", "cache", "a/b/cache",
              "nested/more/cache", "vendor/fixtures", "vendor/a/b/fixtures", "a/vendor/fixtures", "local",
              "nested/local", "nested/deep/x", "nested/deeper", "out/keep", "kept", "tox-only", "a/b/c/d"]


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_gitignored_directories_are_skipped_as_git_skips_them(paralint, tmp_path):
    root = write_tree(tmp_path / "repo", GITIGNORES)
    for directory in CANDIDATES:
        name = "tox.ini" if directory == "tox-only" else "pytest.ini"
        write_tree(root, {f"{directory}/{name}": broken_ini()})
    env = clean_env(GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1", HOME=str(tmp_path))
    subprocess.run(["git", "init", "-q"], cwd=root, check=True, env=env)
    listed = subprocess.run(["git", "ls-files", "--others", "--exclude-standard"], cwd=root, check=True,
                            capture_output=True, text=True, env=env).stdout.split()
    not_ignored = in_output_order(f for f in listed if not f.endswith(".gitignore"))
    assert reported_files(paralint, root) == not_ignored
    assert "nested/top-only/pytest.ini" in not_ignored and "a/top-only/pytest.ini" not in not_ignored
    assert "nested/more/cache/pytest.ini" in not_ignored and "out/keep/pytest.ini" not in not_ignored
