"""The forked runner (debian_pytest.run_pytest) behaves as `/usr/bin/python3 -m pytest`:
same exit status, same output, same recursion depth, for the kinds of run the suite makes."""

from __future__ import annotations

import re
import subprocess

import pytest

from conftest import clean_env
from debian_pytest import PYTHON, run_pytest

TREES = {
    "usage-error": {"pytest.ini": "[pytest]\naddopts = --no-such-option\n"},
    "collects": {"pytest.ini": "[pytest]\nmarkers =\n    slow: slow\n",
                 "test_a.py": "import pytest, sys\n@pytest.mark.slow\ndef test_a():\n    print(sys.path[0])\n"},
    "fails-with-output": {"test_b.py": "import sys\ndef test_b():\n    sys.stderr.write('err')\n    assert 0\n"},
    # How deep a test can recurse: configs nested to the limit are among the cases. (The limit
    # itself reads one higher in the fork, which makes up for the server's own frame.)
    "recursion-depth": {"test_c.py": "def deeper(n):\n    try:\n        return deeper(n + 1)\n    except RecursionError:\n"
                                     "        return n\ndef test_c():\n    print('DEPTH', deeper(0))\n"},
}


def without_timings(text: bytes) -> str:
    return re.sub(r"in \d+\.\d+s", "in Ns", text.decode())


@pytest.mark.pytest_only
@pytest.mark.parametrize("name", sorted(TREES))
@pytest.mark.parametrize("args", [["-p", "no:cacheprovider", "-s"], ["-p", "no:cacheprovider", "-rA", "--co"]])
def test_the_forked_run_is_the_plain_run(name, args, tmp_path):
    for file, text in TREES[name].items():
        (tmp_path / file).write_text(text)
    env = clean_env()
    plain = subprocess.run([PYTHON, "-m", "pytest", *args], cwd=tmp_path, env=env, capture_output=True, timeout=120)
    forked = run_pytest(args, tmp_path, env)
    assert forked.returncode == plain.returncode
    assert without_timings(forked.stdout) == without_timings(plain.stdout)
    assert without_timings(forked.stderr) == without_timings(plain.stderr)
