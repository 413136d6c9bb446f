"""Bad input is reported, never a crash: paralint on randomly mutated real configs.

Each case copies the config files of one golden case or corpus folder, mutates some of them
(inserted TOML/INI syntax, NUL, CR, non-ASCII text, options, suppression comments; deleted
and repeated spans and lines) with a fixed seed, and runs `check --format json --select ALL`
and `dump`. Both must exit 0 or 1 with valid JSON on stdout and no internal error; under the
ASan+UBSan build any memory error or undefined behaviour fails the run too. paralint's own
settings files are copied unchanged: a broken one is a usage error (exit 2) by design.
"""

from __future__ import annotations

import json
import random
import subprocess
from pathlib import Path

import pytest

from conftest import CORPUS, REPO_ROOT, clean_env

CONFIG_NAMES = ("pytest.ini", ".pytest.ini", "pyproject.toml", "tox.ini", "setup.cfg", "pytest.toml", ".pytest.toml")
KEPT_NAMES = ("paralint.toml", ".paralint.toml", "conftest.py")
TOKENS = [b"-n", b" auto", b"--dist", b" loadgroup", b"-p no:xdist", b"[", b"]", b"=", b'"', b"'", b"#", b";", b"\\",
          b"\t", b"\r", b"\n", b"\x00", "\u00e9".encode(), "\U0001d11e".encode(), b"\xff", b"[pytest]\n",
          b"[tool.pytest.ini_options]\n", b"[tool.pytest]\n", b"addopts = ", b"markers =\n    ",
          b"filterwarnings =\n    error\n    ", b"minversion = ", b"required_plugins = ", b"-m", b" not (a or", b"-k",
          b"--timeout", b"-W", b"error::", b"::", b"{", b"}", b"[[", b"]]", b"1e999", b"0x", b"-",
          b"# paralint: ignore[", b"A001]", b"ignore-file", b"xdist_group", b"testpaths = ", b"..", b"*", b"**/"]
CHUNKS = 8
MUTANTS_PER_CHUNK = 20


def source_trees() -> list[Path]:
    roots = [REPO_ROOT / "tests" / "cases" / "check", CORPUS]
    trees = []
    for root in roots:
        if not root.is_dir():
            continue
        for folder in sorted(root.iterdir()):
            tree = folder / "tree" if (folder / "tree").is_dir() else folder
            if any((tree / name).is_file() for name in CONFIG_NAMES):
                trees.append(tree)
    return trees


def mutate(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        op = rng.random()
        at = rng.randint(0, len(out))
        if op < 0.4 or not out:
            out[at:at] = rng.choice(TOKENS)
        elif op < 0.6:
            del out[at:at + rng.randint(1, 40)]
        elif op < 0.8:
            lines = bytes(out).split(b"\n")
            lines.insert(rng.randrange(len(lines) + 1), lines[rng.randrange(len(lines))])
            out = bytearray(b"\n".join(lines))
        else:
            out[at:at] = bytes(out[max(0, at - 30):at])
    return bytes(out)


def run(paralint: str, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([paralint, *args], cwd=cwd, capture_output=True, timeout=60, env=clean_env())


@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_mutated_configs_are_reported_not_crashed_on(paralint, tmp_path, chunk):
    trees = source_trees()
    assert trees, "no config trees found"
    rng = random.Random(chunk)
    for mutant in range(MUTANTS_PER_CHUNK):
        tree = rng.choice(trees)
        work = tmp_path / str(mutant)
        work.mkdir()
        for name in CONFIG_NAMES + KEPT_NAMES:
            if not (tree / name).is_file():
                continue
            data = (tree / name).read_bytes()
            mutated = name in CONFIG_NAMES and rng.random() < 0.8
            (work / name).write_bytes(mutate(data, rng) if mutated else data)
        where = f"mutant {mutant} of chunk {chunk}, from {tree}, kept in {work}"
        for args in (["check", "--format", "json", "--select", "ALL", "."], ["dump", "."]):
            proc = run(paralint, work, *args)
            err = proc.stderr.decode("utf-8", "replace")
            assert proc.returncode in (0, 1), f"{where}: {args[0]} exit {proc.returncode}\n{err[-3000:]}"
            assert "internal error" not in err and "Sanitizer" not in err and "runtime error" not in err, \
                f"{where}: {args[0]}\n{err[-3000:]}"
            json.loads(proc.stdout)
