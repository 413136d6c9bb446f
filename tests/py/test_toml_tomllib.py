"""paralint's TOML reader against CPython's tomllib, the parser pytest reads pyproject.toml
and pytest.toml with: the same value for every document tomllib reads (keys in the same
order, the same int, float, str and datetime), and the same error, word for word and at
the same line and column, for every document it refuses.

The documents: every TOML file of the golden cases and of the corpus, each of them mutated
a few dozen ways (bytes deleted, TOML's significant tokens inserted, lines repeated: what
finds the corners of a parser's error paths), and a list of hand-written corners. Each one
is read the way pytest reads it: Path.read_text(encoding="utf-8") (universal newlines),
then tomllib.loads.
"""

from __future__ import annotations

import datetime
import json
import os
import random
import subprocess
import tomllib
from pathlib import Path

import pytest

from conftest import CORPUS, REPO_ROOT

PARALINT = os.environ.get("PARALINT")
PROBE = os.environ.get("PARALINT_TOML_PROBE") or (
    str(Path(PARALINT).with_name("paralint_toml_probe")) if PARALINT else None)

pytestmark = pytest.mark.skipif(not PROBE or not Path(PROBE).exists(),
                                reason="PARALINT_TOML_PROBE (or paralint_toml_probe beside PARALINT) not built")

# Tokens that change how TOML reads what follows them.
TOKENS = ["[", "]", "[[", "]]", "=", ".", ",", "{", "}", '"', "'", '"""', "'''", "\\", "\\u00e9",
          "\\U0001F600", "\\UFFFFFFFF", "\\ud800", "\\x", "#", "\n", "\r\n", "\r", "\t", " ", "\x00",
          "\x7f", "\x1b", "é", "\u2028", "0x", "0o7", "0b2", "1_000", "1__0", "-0", "+1", "01", "1.", "1e",
          "1e400", "-1e-400", "99999999999999999999", "0xFFFFFFFFFFFFFFFFFF", "inf", "-nan", "+inf",
          "nan", "true", "false", "tru", "1979-05-27", "1979-05-27T07:32:00Z", "1979-05-27 07:32:00.123456789",
          "2023-02-29", "0000-01-01", "07:32:00", "24:00:00", "1979-05-27T07:32:00+05:30", "a.b", '"a.b"',
          "'k'", "x = 1", "[t]", "[[t]]", "a = {b = 1}", "a.b = 2", "[a.b]"]


def seed_documents() -> list[bytes]:
    files = sorted((REPO_ROOT / "tests" / "cases").rglob("*.toml"))
    if CORPUS.is_dir():
        files += sorted(CORPUS.glob("*/*.toml"))
    return [f.read_bytes() for f in files]


def mutations(document: bytes, rng: random.Random, count: int) -> list[bytes]:
    out = []
    for _ in range(count):
        data = bytearray(document)
        for _ in range(rng.randint(1, 3)):
            at = rng.randint(0, len(data))
            kind = rng.random()
            if kind < 0.3 and data:
                del data[at:at + rng.randint(1, 8)]
            elif kind < 0.8:
                data[at:at] = rng.choice(TOKENS).encode()
            else:
                lines = bytes(data).split(b"\n")
                i = rng.randrange(len(lines))
                lines.insert(rng.randrange(len(lines) + 1), lines[i])
                data = bytearray(b"\n".join(lines))
        out.append(bytes(data))
    return out


CORNERS = [
    # statements and keys
    "a = 1\nb", "= 1", "a = 1 b = 2", "a.b.c = 1\na.b.d = 2\n[a]", "[a]\nb.c = 1\n[a.b]", "a.b = 1\n[a.b.c]",
    "[a]\n[a]", "[a.b]\n[a]\n[a]", "[[a]]\n[a]", "[a]\n[[a]]", "a = [1]\n[[a]]", "a = {}\n[a.b]", "a = 1\n[a.b]",
    "[[a]]\nb.c = 1\n[[a]]\nb.c = 2", "[[a]]\n[a.b]\n[[a]]\n[a.b]", "[[a.b]]\n[a]\nc = 1", "a.b = 1\na.b = 2",
    "a = 1\na = 2", "[ a . b ]\n[ 'a' . \"b\" . c ]", "[a\n", "[[a]\n", "[[a] ]\n", "[a] x", "[]", "[[]]",
    "\"\" = 1\n'' = 2", "a.\"\".b = 1", "1.2 = 3", "a = 1 # c\x01", "# \x7f", "#\x00", "a\t=\t1\t#\t",
    # inline tables
    "t = {a = 1, a = 2}", "t = {a = [1], a = 2}", "t = {a = {}, a.b = 1}", "t = {a.b = 1, a.c = 2}",
    "t = {a = 1, a.b = 2}", "t = {a = [], a.b = 1}", "t = {a = 1,}", "t = {a = 1\n}", "t = {", "t = {}x",
    "t = {a.b = 1}\n[t.c]", "t = {a.b = 1}\nt.a.c = 2", "t = {'a' = 1, \"b\" = {c = [{d = 2}]}}",
    # arrays
    "a = [1,,2]", "a = [1 2]", "a = [\n1, # c\n2,\n# c\n]", "a = [", "a = [1,", "a = []]", "a = [[]]\n[[a]]",
    # strings
    's = "a\\tb\\n\\"\\\\\\b\\f\\r"', 's = "\\e"', 's = "\\u00"', 's = "\\uD800"', 's = "\\U00110000"',
    's = "\\U0001F600"', 's = "a', "s = 'a", 's = "a\nb"', "s = 'a\nb'", 's = """\na\\\n   b"""',
    's = """a\\   \n  b"""', 's = """a\\  x"""', 's = """a""""', 's = """a"""""', 's = """a""""""',
    "s = '''a''''", "s = '''a'''''", "s = '''\na\x01'''", 's = """\x01"""', 's = """', "s = '''",
    's = "\\', 's = """\\', 's = """a\\ ', "s = '\t'", 's = "\x7f"', 's = """\r\n"""', 's = "é\\u00e9"',
    # numbers, booleans, special floats
    "a = 0x_1", "a = 0xg", "a = 0b102", "a = 0o78", "a = 1__2", "a = 1_", "a = +0x1", "a = 00",
    "a = -0", "a = 1.e2", "a = 1.5e+_2", "a = 1e-400", "a = 1e400", "a = -1e400", "a = 9223372036854775808",
    "a = -9223372036854775809", "a = -9223372036854775808", "a = 0xFFFFFFFFFFFFFFFFFF", "a = 3.14159_26535",
    "a = inf", "a = -inf", "a = +nan", "a = nan1", "a = infinity", "a = truex", "a = t", "a = fals",
    # dates and times
    "d = 1979-05-27", "d = 1979-05-27T07:32:00", "d = 1979-05-27t07:32:00z", "d = 1979-05-27 07:32:00-07:00",
    "d = 1979-05-27T07:32:00.9999999", "d = 1979-05-27T07:32", "d = 1979-02-29", "d = 2000-02-29",
    "d = 1900-02-29", "d = 0000-01-01", "d = 1979-04-31", "d = 1979-13-01", "d = 1979-05-27T24:00:00",
    "d = 1979-05-27T07:32:00+24:00", "d = 1979-05-27T07:32:00+05", "t = 07:32:00.5", "t = 07:32",
    "t = 7:32:00", "d = 1979-05-27 # date", "d = 1979-05-27T", "d = 1979-05-27T07:32:60",
    # bytes and line breaks
    "\ufeffa = 1", "a = 1\r\nb = 2\r\n", "a = 1\rb = 2", "a = 1\r", "s = 'a\rb'", "a = 1\n\x00",
    "é = 1", "a = é", "a = 1 é", "[é]", "a = 'é' # é",
    # keys in messages go through repr(): str.isprintable() decides what it escapes
    *[f'["{c}"]\n["{c}"]' for c in ("\u0378", "\u0600", "\U000E0100", "\u2028", "\u00a0", "\U0001F600",
                                     "\u00e9", "\u200b", "\ufeff", "\U000F0000", "\u0085", "'", "\\\\")],
    't = {"\u0378" = 1, "\u0378" = 2}', "t = {'\u2029' = 1, '\u2029' = 2}",
]


def tomllib_answer(data: bytes) -> dict:
    """What pytest gets: read_text(encoding="utf-8") then tomllib.loads, in the probe's form."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return {"error": str(exc)}
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # universal newlines
    try:
        return {"value": tag(tomllib.loads(text))}
    except tomllib.TOMLDecodeError as exc:
        return {"error": str(exc)}
    except RecursionError:  # depends on this process's stack: tests/cases/dump calibrates it
        return {"skip": "recursion"}


def tag(value):
    if isinstance(value, bool):
        return {"b": value}
    if isinstance(value, int):
        return {"i": str(value)}
    if isinstance(value, float):
        return {"f": repr(value)}
    if isinstance(value, str):
        return {"s": value}
    if isinstance(value, list):
        return {"a": [tag(item) for item in value]}
    if isinstance(value, dict):
        return {"t": [[key, tag(item)] for key, item in value.items()]}
    if isinstance(value, datetime.datetime):
        offset = value.utcoffset()
        minutes = None if offset is None else int(offset.total_seconds() // 60)
        return {"dt": [value.year, value.month, value.day, value.hour, value.minute, value.second,
                       value.microsecond, minutes]}
    if isinstance(value, datetime.date):
        return {"dt": [value.year, value.month, value.day, None, None, None, 0, None]}
    if isinstance(value, datetime.time):
        return {"dt": [None, None, None, value.hour, value.minute, value.second, value.microsecond, None]}
    raise TypeError(type(value))


def probe(documents: list[bytes], tmp_path: Path) -> list[dict]:
    paths = []
    for i, data in enumerate(documents):
        path = tmp_path / f"{i}.toml"
        path.write_bytes(data)
        paths.append(str(path))
    answers = []
    for start in range(0, len(paths), 2000):  # well under the argument-size limit
        out = subprocess.run([PROBE, *paths[start:start + 2000]], capture_output=True, check=True).stdout
        answers += [json.loads(line) for line in out.decode().split("\n") if line]  # not splitlines: U+2028
    assert len(answers) == len(documents)
    return answers


def compare(documents: list[bytes], tmp_path: Path) -> tuple[int, list[str]]:
    differences = []
    compared = 0
    for data, ours in zip(documents, probe(documents, tmp_path)):
        theirs = tomllib_answer(data)
        if "skip" in ours or "skip" in theirs:
            continue
        compared += 1
        if ours != theirs:
            differences.append(f"{data[:300]!r}\n    tomllib:  {json.dumps(theirs)[:300]}\n"
                               f"    paralint: {json.dumps(ours)[:300]}")
    return compared, differences


def test_hand_written_corners_read_as_tomllib_reads_them(tmp_path):
    compared, differences = compare([c.encode() for c in CORNERS], tmp_path)
    assert compared == len(CORNERS)
    assert not differences, "\n".join(differences[:20])


def test_every_seed_and_its_mutations_read_as_tomllib_reads_them(tmp_path):
    rng = random.Random(20261207)  # fixed: a failure reproduces
    documents = []
    for seed in seed_documents():
        documents.append(seed)
        documents += mutations(seed, rng, int(os.environ.get("PARALINT_TOML_MUTATIONS", "12")))
    compared, differences = compare(documents, tmp_path)
    errors = sum(1 for d in documents if "error" in tomllib_answer(d))
    assert compared > 4000 and errors > 1000, (compared, errors)  # both paths well exercised
    assert not differences, f"{len(differences)} of {compared} differ:\n" + "\n".join(differences[:10])
