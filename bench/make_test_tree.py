"""Writes a synthetic project for bench/scan: FILES test modules of ~4 KiB each (40 MB for
10,000), spread over packages of 100 modules, with a pytest.ini declaring the markers, a
conftest.py that registers an option and reads a marker, and marks in a fixed share of the
modules (one in 5 uses @pytest.mark.slow, one in 20 @pytest.mark.xdist_group, one in 10
parametrize); the rest is plain test code, as most test modules are. Deterministic: the same
FILES gives the same bytes.

    /usr/bin/python3 bench/make_test_tree.py DIR FILES
"""

import sys
from pathlib import Path

PLAIN = '''

def test_case_{i}_{j}(tmp_path):
    """Writes a file and reads it back, then checks what it holds."""
    data = {{"name": "case-{i}-{j}", "values": list(range({j} % 17 + 3))}}
    target = tmp_path / "data-{j}.txt"
    target.write_text(repr(data))
    loaded = eval(target.read_text())
    assert loaded["name"] == "case-{i}-{j}"
    assert sum(loaded["values"]) == sum(range({j} % 17 + 3))
    helper = [value * 2 for value in loaded["values"] if value % 2 == 0]
    assert all(value % 4 == 0 for value in helper)
'''

MARKED = {
    5: '\n\n@pytest.mark.slow\ndef test_slow_{i}():\n    assert sum(range(1000)) == 499500\n',
    20: '\n\n@pytest.mark.xdist_group(name="db")\ndef test_grouped_{i}():\n    assert True\n',
    10: '\n\n@pytest.mark.parametrize("n", [1, 2, 3])\ndef test_param_{i}(n):\n    assert n > 0\n',
}


def module(i: int) -> str:
    text = f'"""Generated test module {i} for bench/scan."""\nimport json\n\nimport pytest\n'
    for every, template in MARKED.items():
        if i % every == 0:
            text += template.format(i=i)
    j = 0
    while len(text) < 4000:
        text += PLAIN.format(i=i, j=j)
        j += 1
    return text


def main() -> None:
    root, files = Path(sys.argv[1]), int(sys.argv[2])
    root.mkdir(parents=True, exist_ok=True)
    (root / "pytest.ini").write_text(
        "[pytest]\naddopts = -ra --strict-markers\ntestpaths = tests\nmarkers =\n"
        "    slow: takes long\n    serial: runs alone\n")
    tests = root / "tests"
    tests.mkdir(exist_ok=True)
    (tests / "conftest.py").write_text(
        'import pytest\n\n\ndef pytest_addoption(parser):\n    parser.addoption("--run-slow", action="store_true")\n\n\n'
        'def pytest_collection_modifyitems(config, items):\n    for item in items:\n'
        '        if item.get_closest_marker("serial"):\n            item.add_marker(pytest.mark.slow)\n')
    for i in range(files):
        package = tests / f"pkg{i // 100:04d}"
        package.mkdir(exist_ok=True)
        (package / f"test_module_{i:06d}.py").write_text(module(i))


if __name__ == "__main__":
    main()
