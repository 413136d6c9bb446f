"""Golden cases for `paralint fix` / `check --diff` (tests/cases/fix/*/, format in its README.md).

For each case: the diff paralint prints is the golden one; `paralint fix` writes exactly that
change (`diff -u` of the files agrees); fixing again changes nothing; every comment survives;
`paralint dump` of the fixed tree differs only in the settings the case lists; and real pytest
loads the fixed tree whenever it loaded the original.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO_ROOT, clean_env
from debian_pytest import run_pytest

FIX_CASES = REPO_ROOT / "tests" / "cases" / "fix"
CHECK_CASES = REPO_ROOT / "tests" / "cases" / "check"
UPDATE = bool(os.environ.get("UPDATE_GOLDEN"))

CASES = sorted(p for p in FIX_CASES.iterdir() if (p / "case.json").is_file()) if FIX_CASES.is_dir() else []
DIFF_HEADER = re.compile(r"^--- a/(.*)$", re.MULTILINE)


class Case:
    def __init__(self, folder: Path):
        self.folder = folder
        self.info = json.loads((folder / "case.json").read_text(encoding="utf-8"))
        source = self.info.get("check_case")
        if source:
            check = json.loads((CHECK_CASES / source / "case.json").read_text(encoding="utf-8"))
            self.tree = CHECK_CASES / source / "tree"
            self.args = check.get("args", [])
            self.path = check.get("path", ".")
        else:
            self.tree = folder / "tree"
            self.args = self.info.get("args", [])
            self.path = self.info.get("path", ".")
        self.args = [*self.args, *(["--unsafe-fixes"] if self.info.get("unsafe") else [])]

    def materialize(self, dest: Path) -> Path:
        shutil.copytree(self.tree, dest, symlinks=True)
        return dest

    def save(self):
        (self.folder / "case.json").write_text(json.dumps(self.info, indent=2) + "\n", encoding="utf-8")


def paralint_run(paralint, root: Path, *args) -> subprocess.CompletedProcess:
    return subprocess.run([paralint, *args], cwd=root, capture_output=True, timeout=60, env=clean_env(NO_COLOR="1"))


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file() and not p.is_symlink()}


def dump(paralint, root: Path, path: str) -> dict:
    directory = path if (root / path).is_dir() else str(Path(path).parent)
    result = paralint_run(paralint, root, "dump", directory)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.decode("utf-8").splitlines()[0])


def comments(text: str) -> list[str]:
    """The comments a user wrote: every `#` or `;` line and `# …` after a value, except
    paralint's own `# paralint: ignore[…]` directives, which the S rules' fixes edit."""
    found = []
    for line in text.splitlines():
        stripped = line.strip()
        at = stripped.find("#") if not stripped.startswith(";") else 0
        if at < 0:
            continue
        comment = stripped[at:]
        if "paralint:" not in comment:
            found.append(comment)
    return found


def diff_u(before: bytes, after: bytes, name: str, tmp: Path) -> str:
    (tmp / "before").write_bytes(before)
    (tmp / "after").write_bytes(after)
    result = subprocess.run(["diff", "-u", "--label", f"a/{name}", "--label", f"b/{name}", str(tmp / "before"),
                             str(tmp / "after")], capture_output=True)
    return result.stdout.decode("utf-8", "surrogateescape")


def pytest_exit(root: Path) -> int:
    # With the cache plugin on, as a user runs pytest: -p no:cacheprovider would make cache_dir
    # an unknown key, an error under --strict-config. --collect-only writes no cache.
    return run_pytest(["--collect-only", "-q"], root, clean_env()).returncode


@pytest.mark.parametrize("folder", CASES, ids=[c.name for c in CASES])
def test_fix_case(folder, tmp_path, paralint):
    case = Case(folder)
    root = case.materialize(tmp_path / "tree")
    before = snapshot(root)
    dump_before = dump(paralint, root, case.path)

    shown = paralint_run(paralint, root, "check", "--diff", *case.args, case.path)
    expected_file = folder / "expected.diff"
    if UPDATE:
        expected_file.write_bytes(shown.stdout)
    assert shown.stdout == expected_file.read_bytes()  # bytes: a CRLF file's diff keeps its CRs
    diff = shown.stdout.decode("utf-8", "surrogateescape")
    assert diff, "a fix case must fix something"
    assert shown.returncode == 1, shown.stderr
    assert snapshot(root) == before, "--diff wrote a file"

    fixed = paralint_run(paralint, root, "fix", *case.args, case.path)
    assert fixed.returncode in (0, 1), fixed.stderr
    assert b"Fixed " in fixed.stdout
    after = snapshot(root)
    changed = sorted(name for name in after if after[name] != before.get(name))
    assert changed == sorted(DIFF_HEADER.findall(diff))
    work = tmp_path / "diff"
    work.mkdir()
    assert "".join(diff_u(before[name], after[name], name, work) for name in changed) == diff

    again = paralint_run(paralint, root, "fix", *case.args, case.path)
    assert snapshot(root) == after, "fixing twice changed more than fixing once"
    assert b"Fixed " not in again.stdout

    for name in changed:
        text = after[name].decode("utf-8", "surrogateescape")
        for comment in comments(before[name].decode("utf-8", "surrogateescape")):
            assert comment in text, f"{name}: the comment {comment!r} was lost"

    dump_after = dump(paralint, root, case.path)
    meant = set(dump_before["ini"]) ^ set(dump_after["ini"]) | {
        key for key in dump_before["ini"] if dump_after["ini"].get(key) != dump_before["ini"][key]}
    for field in ("configfile", "section"):  # a fix of D003/D004 makes pytest read the section meant
        if dump_after[field] != dump_before[field]:
            meant.add(field)
    if UPDATE:
        case.info["changes"] = sorted(meant)
        case.save()
    assert sorted(meant) == case.info["changes"]
    if "addopts" not in meant:
        assert dump_after["addopts"] == dump_before["addopts"]
    if "markers" not in meant:
        assert dump_after["markers"] == dump_before["markers"]


def every_rule(args: list[str]) -> list[str]:
    """The case's arguments without --select/--ignore: a real `paralint fix` runs every rule."""
    kept, skip = [], False
    for arg in args:
        if skip:
            skip = False
        elif arg in ("--select", "--ignore", "--extend-select"):
            skip = True
        elif not arg.startswith(("--select=", "--ignore=", "--extend-select=")):
            kept.append(arg)
    return kept


@pytest.mark.pytest_only  # the paralint half ran above; this asks Debian's pytest about the result
@pytest.mark.parametrize("folder", CASES, ids=[c.name for c in CASES])
def test_fixed_config_loads_in_pytest(folder, tmp_path, paralint):
    case = Case(folder)
    root = case.materialize(tmp_path / "tree")
    exit_before = pytest_exit(root)
    assert paralint_run(paralint, root, "fix", *every_rule(case.args), case.path).returncode in (0, 1)
    exit_after = pytest_exit(root)
    if UPDATE:
        case.info["pytest_exit_code"] = {"before": exit_before, "after": exit_after}
        case.save()
    assert {"before": exit_before, "after": exit_after} == case.info["pytest_exit_code"]
    # Fixed, a config is never one pytest refuses (exit 4) unless it already was, or paralint
    # says why it will be (an option of a plugin it was not told about, now read: D004's
    # fix reads a section pytest skipped); with only safe fixes, a config that ran still runs
    # (0: tests collected, 5: none).
    if exit_after == 4 and exit_before != 4:
        left = paralint_run(paralint, root, "check", "--format", "json", *every_rule(case.args), case.path)
        said = [d["code"] for d in json.loads(left.stdout) if "(exit 4)" in d["message"]]
        assert said, "the fix made pytest refuse the config, and paralint does not say so"
    if exit_before in (0, 5) and not case.info.get("unsafe"):
        assert exit_after in (0, 5), "a safe fix broke a config pytest loaded"


def test_every_rule_with_a_fix_has_a_fix_case():
    fixable = []
    for doc in sorted((REPO_ROOT / "rules").glob("*.toml")):
        if re.search(r'^fix = "(safe|unsafe)"', doc.read_text(encoding="utf-8"), re.MULTILINE):
            fixable.append(doc.stem)
    covered = {case.name.split("-")[0] for case in CASES}
    assert [code for code in fixable if code not in covered] == []
