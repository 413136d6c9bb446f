"""`paralint fix --unsafe-fixes` over every folder of the real corpus (../shared/corpus/real,
read-only; each folder is fixed in a copy): fixing twice is fixing once, every comment the
user wrote survives, `paralint dump` of the fixed config differs from the input's only in
what the fixes applied say they change (`fix_changes` in rules/CODE.toml), and Debian's
pytest never refuses a fixed config that it accepted before unless paralint says why it
will (an option of a plugin it was not told about).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from conftest import CORPUS, REPO_ROOT, clean_env
from debian_pytest import run_pytest
from test_fix_cases import comments, snapshot

FOLDERS = sorted(p.name for p in CORPUS.iterdir() if p.is_dir()) if CORPUS.is_dir() else []


FIX_CHANGES = {path.stem: tomllib.loads(path.read_text())["fix_changes"]
               for path in (REPO_ROOT / "rules").glob("*.toml") if "fix_changes" in path.read_text()}
APPLIED = re.compile(r"^(.+):(\d+): ([A-Z]+\d{3}) ", re.MULTILINE)


def fixed_copy(paralint, folder: str, dest: Path, *model: str) -> tuple[dict, dict, subprocess.CompletedProcess]:
    shutil.copytree(CORPUS / folder, dest)
    for path in [dest, *dest.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)  # the corpus is read-only
    before = snapshot(dest)
    fixed = subprocess.run([paralint, "fix", *model, "--unsafe-fixes", "--show-fixes", "-q", "."], cwd=dest,
                           capture_output=True, timeout=60, env=clean_env(NO_COLOR="1"))
    return before, snapshot(dest), fixed


def dump(paralint, root: Path) -> dict:
    proc = subprocess.run([paralint, "dump", "."], cwd=root, capture_output=True, timeout=60, env=clean_env())
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def key_on_line(text: str, line: int) -> str | None:
    """The key whose value holds line `line` (1-based) of an INI or TOML file."""
    for candidate in reversed(text.splitlines()[:line]):
        if match := re.match(r"\s*([\"']?)([A-Za-z_][\w.-]*)\1\s*[=:]", candidate):
            return match.group(2)
    return None


def allowed_changes(paralint, root: Path, applied: list[tuple[str, int, str]]) -> set[str]:
    """What the applied fixes say they may change, "the reported key" resolved to the keys the
    rule's diagnostics are on in the input."""
    allowed = set()
    reported = None
    for _, _, code in applied:
        for change in FIX_CHANGES[code]:
            if change != "the reported key":
                allowed.add(change)
                continue
            if reported is None:
                proc = subprocess.run([paralint, "check", "--format", "json", "."], cwd=root, capture_output=True,
                                      timeout=60, env=clean_env(NO_COLOR="1"))
                reported = json.loads(proc.stdout)
            for diagnostic in reported:
                if diagnostic["code"] == code:
                    text = (root / diagnostic["file"]).read_text(errors="surrogateescape")
                    allowed.add(key_on_line(text, diagnostic["line"]))
    return allowed


def changed_settings(before: dict, after: dict) -> set[str]:
    changed = {field for field in ("configfile", "section") if before[field] != after[field]}
    keys = set(before["ini"]) | set(after["ini"])
    changed |= {key for key in keys if before["ini"].get(key) != after["ini"].get(key)}
    return changed


def collect_exit(root: Path) -> int:
    # With the cache plugin on, as a user runs pytest: -p no:cacheprovider would make cache_dir
    # an unknown key, an error under --strict-config. --collect-only writes no cache.
    return run_pytest(["--collect-only", "-q"], root, clean_env()).returncode


@pytest.mark.not_sanitized  # 143 trees: the fix cases run the same code under the sanitizers
@pytest.mark.parametrize("folder", FOLDERS)
def test_fixing_a_real_config_is_lossless_and_settles(paralint, folder, tmp_path):
    shutil.copytree(CORPUS / folder, tmp_path / "input")
    dump_before = dump(paralint, tmp_path / "input")
    before, after, fixed = fixed_copy(paralint, folder, tmp_path / "tree")
    assert fixed.returncode in (0, 1), fixed.stderr
    applied = [(m.group(1), int(m.group(2)), m.group(3)) for m in APPLIED.finditer(fixed.stderr.decode())]
    allowed = allowed_changes(paralint, tmp_path / "input", applied)
    changed = changed_settings(dump_before, dump(paralint, tmp_path / "tree"))
    if "every key" not in allowed:
        new_keys = {key for key in changed if key not in dump_before["ini"]}
        unexplained = changed - allowed - (new_keys if "new keys" in allowed else set())
        assert not unexplained, f"the fixes {sorted({a[2] for a in applied})} changed {sorted(unexplained)}"
    assert b"internal error" not in fixed.stderr and b"still changed the file" not in fixed.stderr
    for name in after:
        if after[name] == before[name]:
            continue
        text = after[name].decode("utf-8", "surrogateescape")
        for comment in comments(before[name].decode("utf-8", "surrogateescape")):
            assert comment in text, f"{name}: the comment {comment!r} was lost"
    subprocess.run([paralint, "fix", "--unsafe-fixes", "-q", "."], cwd=tmp_path / "tree", capture_output=True,
                   timeout=60, env=clean_env(NO_COLOR="1"))
    assert snapshot(tmp_path / "tree") == after, "fixing twice changed more than fixing once"


@pytest.mark.pytest_only  # asks Debian's pytest
@pytest.mark.parametrize("folder", FOLDERS)
def test_pytest_accepts_a_fixed_real_config_it_accepted(paralint, folder, tmp_path):
    # Fixed for the pytest that runs it: a fix writes what the modelled releases accept.
    before, after, _ = fixed_copy(paralint, folder, tmp_path / "tree", "--python", "/usr/bin/python3")
    if after == before:
        pytest.skip("nothing to fix")
    shutil.copytree(CORPUS / folder, tmp_path / "original")
    exit_before = collect_exit(tmp_path / "original")
    exit_after = collect_exit(tmp_path / "tree")
    # 0, 2 (a collection error) and 5: pytest loaded the config; 1 there is a start-up traceback.
    if exit_before in (0, 2, 5) and exit_after == 4:
        left = subprocess.run([paralint, "check", "--python", "/usr/bin/python3", "--format", "json", "."],
                              cwd=tmp_path / "tree", capture_output=True,
                              timeout=60, env=clean_env(NO_COLOR="1"))
        said = [d["code"] for d in json.loads(left.stdout) if "(exit 4)" in d["message"]]
        assert said, f"pytest exits {exit_before} before the fix and 4 after, and paralint does not say why"
