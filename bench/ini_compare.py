"""Compares Debian's inih (through bench/inih_vs_iniconfig) with iniconfig.

Run by bench/measure-inih with /usr/bin/python3 (which has iniconfig):

    ini_compare.py --inih BIN --cases DIR --corpus DIR --md OUT.md

Writes 37 small INI cases into --cases, reads each with iniconfig
(`iniconfig.IniConfig(path).sections`, or the ParseError) and with inih,
then does the same for every .ini/.cfg file under --corpus. Prints the
Markdown report to stdout and writes it to --md.

A result matches when both parsers accept the file and give the same
sections, keys, values and order, or when both reject it (inih reports only
the line number of the first bad line, never a message; the lines are shown).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import iniconfig

LONG300 = "addopts = " + " ".join(f"--deselect=tests/test_mod.py::test_{i:03d}" for i in range(8))
LONG300 = LONG300[:300]
LONG10K = "filterwarnings =\n    " + " ".join(
    f"ignore:message {i}:DeprecationWarning:pkg.mod{i}" for i in range(400))[:10000]

# (name, feature, content). Content is str (written as UTF-8) or bytes.
CASES: list[tuple[str, str, str | bytes]] = [
    ("plain", "plain key = value", "[pytest]\naddopts = -ra\nxfail_strict = true\n"),
    ("colon", "key: value", "[pytest]\naddopts: -ra\ntestpaths: tests\n"),
    ("inline-hash", "inline `#` comment (iniconfig keeps it)", "[pytest]\naddopts = -ra  # -n auto\n"),
    ("inline-semicolon", "inline `;` comment (iniconfig keeps it)", "[pytest]\naddopts = -ra ; -n auto\n"),
    ("semicolon-no-space", "`;` inside a value, no space before", "[pytest]\naddopts = -k a;b\n"),
    ("comment-lines", "full-line `#`/`;` comments, also indented",
     "# top\n; top\n[pytest]\n# c\naddopts = -ra\n  # indented\n; c\nxfail_strict = true\n"),
    ("continuation", "indented continuation lines",
     "[pytest]\naddopts =\n    -ra\n    --strict-markers\ntestpaths = tests\n    docs\n"),
    ("comment-in-continuation", "comment lines inside a multi-line value",
     "[pytest]\nmarkers =\n    slow: slow tests\n    # fast: gone\n    ; net: gone\n    db: database\n"),
    ("semicolon-in-continuation", "` ;` inside a continuation line", "[pytest]\naddopts =\n    -ra ; -n auto\n"),
    ("blank-in-value", "blank line inside a value", "[pytest]\nmarkers =\n    slow\n\n    net\n"),
    ("tab-continuation", "tab-indented continuation", "[pytest]\naddopts = -ra\n\t--strict-markers\n"),
    ("dup-key-adjacent", "duplicate key, adjacent (iniconfig: error)", "[pytest]\naddopts = -ra\naddopts = -q\n"),
    ("dup-key-apart", "duplicate key, another key between",
     "[pytest]\naddopts = -ra\nmarkers = a\naddopts = -q\n"),
    ("dup-section-adjacent", "duplicate section, adjacent (iniconfig: error)", "[pytest]\na = 1\n[pytest]\nb = 2\n"),
    ("dup-section-apart", "duplicate section, another between",
     "[pytest]\na = 1\n[flake8]\nx = 1\n[pytest]\nb = 2\n"),
    ("key-before-section", "key before any section (iniconfig: error)", "a = 1\n[pytest]\nb = 2\n"),
    ("empty-section", "section without keys (`[pytest]` alone, as in tox.ini)", "[tox]\nenvlist = py3\n[pytest]\n"),
    ("empty-section-name", "`[]`", "[]\na = 1\n"),
    ("bom", "UTF-8 BOM", "\ufeff[pytest]\naddopts = -ra\n"),
    ("crlf", "CRLF line ends", "[pytest]\r\naddopts =\r\n    -ra\r\n    -q\r\n"),
    ("lone-cr", "lone CR line ends (old Mac)", "[pytest]\raddopts = -ra\rxfail_strict = true\r"),
    ("line-300", "a 300-char line", "[pytest]\n" + LONG300 + "\n"),
    ("line-10k", "a 10 kB continuation line", "[pytest]\n" + LONG10K + "\n"),
    ("section-comment", "`[section] # comment` and `; comment`", "[pytest] # c\na = 1\n[flake8] ; c\nx = 1\n"),
    ("section-trailing", "`[section] text`", "[pytest] extra\naddopts = -ra\n"),
    ("section-double-bracket", "`]` inside a section name (`[[mypy-x]]`, seen in setup.cfg)",
     "[[mypy-x]]\nstrict = true\n"),
    ("bracket-no-close", "`[` line without `]` after a value", "[pytest]\naddopts = -ra\n[oops\n"),
    ("empty-value", "empty value", "[pytest]\naddopts =\nxfail_strict = true\n"),
    ("eq-in-value", "`=` inside the value", "[pytest]\nfilterwarnings = ignore:a=b:UserWarning\n"),
    ("colon-and-eq", "`:` and `=` both on a line", "[pytest]\nmarkers: slow=1\nkey = a:b\n"),
    ("no-separator", "line without `=` or `:`", "[pytest]\naddopts\n"),
    ("non-utf8", "non-UTF-8 byte (Latin-1 é)", b"[pytest]\naddopts = -k caf\xe9\n"),
    ("key-whitespace", "whitespace around key and value", "[pytest]\naddopts\t =   -ra   \n"),
    ("key-indented", "indented key line right after `[section]`", "[pytest]\n  addopts = -ra\n"),
    ("nbsp", "U+00A0 (no-break space) after a value", "[pytest]\naddopts = -ra\u00a0\n"),
    ("long-section-name", "60-char section name", "[" + "s" * 60 + "]\na = 1\n"),
    ("long-key-continued", "60-char key with a continuation line", "[pytest]\n" + "k" * 60 + " = a\n    b\n"),
]


def iniconfig_read(path: Path) -> dict:
    try:
        cfg = iniconfig.IniConfig(str(path))
    except iniconfig.ParseError as e:
        return {"ok": False, "line": e.lineno + 1, "msg": e.msg}
    except UnicodeDecodeError as e:
        return {"ok": False, "line": None, "msg": f"UnicodeDecodeError: {e.reason} at byte {e.start}"}
    return {"ok": True, "sections": [[s, list(map(list, kv.items()))] for s, kv in cfg.sections.items()]}


def inih_read(binary: str, paths: list[Path], tuned: bool = False) -> list[dict]:
    out: list[dict] = []
    for i in range(0, len(paths), 200):
        chunk = [str(p) for p in paths[i:i + 200]]
        args = [binary] + (["--tuned"] if tuned else []) + chunk
        text = subprocess.run(args, check=True, capture_output=True).stdout.decode("utf-8", "surrogatepass")
        out += [json.loads(line) for line in text.splitlines()]
    return out


def same(ic: dict, ih: dict, checked: bool) -> bool:
    ih_rejects = ih["rc"] != 0 or (checked and ih["checked_error"] is not None)
    if not ic["ok"]:
        return ih_rejects
    return not ih_rejects and ic["sections"] == ih["sections"]


def short(obj, limit: int = 70) -> str:
    s = json.dumps(obj, ensure_ascii=True)
    return s if len(s) <= limit else s[:limit - 3] + "..."


def summarize(sections: list, vlimit: int = 22, limit: int = 110) -> str:
    """Sections as JSON with each value and name cut, so every key stays visible."""
    def cut(x: str, n: int) -> str:
        return x if len(x) <= n else x[:n - 8] + f"...({len(x)})"
    return short({cut(s, 30): {cut(k, 22): cut(v, vlimit) for k, v in kv} for s, kv in sections}, limit)


def show_iniconfig(ic: dict) -> str:
    if not ic["ok"]:
        return f"error L{ic['line']}: {ic['msg']}" if ic["line"] else f"error: {ic['msg']}"
    return summarize(ic["sections"])


def show_inih(ih: dict) -> str:
    body = summarize(ih["sections"])
    return body if ih["rc"] == 0 else f"rc {ih['rc']} (bad line {ih['rc']}), got {body}"


def cell(s: str) -> str:
    return "`" + s.replace("|", "\\|").replace("`", "'") + "`"


def yes(b: bool) -> str:
    return "yes" if b else "**no**"


def classify(path: Path, ic: dict, ih: dict) -> str:
    """Why a real file differs (corpus only)."""
    lines = path.read_bytes().split(b"\n")
    long_lines = sum(len(l) >= 200 for l in lines)  # fgets into a 200-byte buffer reads 199 bytes
    if not ic["ok"]:
        return "iniconfig rejects, inih accepts" + (f" ({ic['msg']})" if ic["msg"] else "")
    if ih["rc"] != 0:
        bad = lines[ih["rc"] - 1] if ih["rc"] - 1 < len(lines) else b""
        if long_lines:
            return f"inih rejects: {long_lines} line(s) of 200+ bytes, split by INI_MAX_LINE=200 (first bad line {ih['rc']})"
        return f"inih rejects line {ih['rc']}: {bad[:60]!r}"
    ic_s = {s: dict(kv) for s, kv in ic["sections"]}
    ih_s = {s: dict(kv) for s, kv in ih["sections"]}
    reasons = []
    empty = [s for s in ic_s if s not in ih_s and not ic_s[s]]
    only_ic = [s for s in ic_s if s not in ih_s and ic_s[s]]
    only_ih = [s for s in ih_s if s not in ic_s]
    if empty:
        reasons.append("empty section(s) invisible to inih: " + ", ".join(f"`[{s}]`" for s in empty))
    if only_ic or only_ih:
        reasons.append("section names differ: iniconfig " + ", ".join(f"`{s!r}`" for s in only_ic)
                       + " vs inih " + ", ".join(f"`{s!r}`" for s in only_ih))
    for s, kv in ic_s.items():
        if s not in ih_s:
            continue
        for k, v in kv.items():
            w = ih_s[s].get(k)
            if w == v:
                continue
            if w is not None and (" ;" in v or "\t;" in v):
                reasons.append(f"inline `;` comment cut: [{s}] {k}")
            elif long_lines:
                reasons.append(f"200+ byte line split, the rest read as a continuation line: [{s}] {k}")
            else:
                reasons.append(f"[{s}] {k}: {short(v, 30)} vs {short(w, 30)}")
        extra = [k for k in ih_s[s] if k not in kv]
        if extra:
            reasons.append(f"[{s}]: extra keys in inih {short(extra, 60)}")
        if [k for k in kv if k in ih_s[s]] != [k for k in ih_s[s] if k in kv]:
            reasons.append(f"[{s}]: key order differs")
    if [s for s in ic_s if s in ih_s] != [s for s in ih_s if s in ic_s]:
        reasons.append("section order differs")
    return "; ".join(reasons) or "?"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--inih", required=True)
    ap.add_argument("--cases", type=Path, required=True)
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--md", type=Path, required=True)
    ap.add_argument("--options", required=True, help="JSON printed by inih_vs_iniconfig --options")
    a = ap.parse_args()
    out: list[str] = []
    p = out.append

    opts = json.loads(a.options)
    hm, rg = opts["header_macros"], opts["runtime_globals"]

    # --- synthetic cases
    a.cases.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, (name, _, content) in enumerate(CASES, 1):
        path = a.cases / f"{i:02d}-{name}.ini"
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        paths.append(path)
    ics = [iniconfig_read(x) for x in paths]
    ihs = inih_read(a.inih, paths)
    tus = inih_read(a.inih, paths, tuned=True)

    p("# Does Debian's inih read INI files the way iniconfig does?\n")
    p(f"Measured by `bench/measure-inih` ({Path(__file__).name} + inih_vs_iniconfig.cpp) with "
      f"libinih {opts.get('version', '55')} (Debian `libinih-dev`) and iniconfig {iniconfig_version()} "
      f"(Debian `python3-iniconfig`, the parser pytest 7.2.1 uses).\n")
    p("inih settings. `/usr/include/ini.h` macros: "
      + ", ".join(f"`{k}={json.dumps(v) if isinstance(v, str) else v}`" for k, v in hm.items()) + ".")
    p("Debian's build makes these run-time settings (its `ini.h` declares them `extern` and `libinih.so` exports "
      "them as writable data), so the library's behaviour comes from globals, which ship as: "
      + ", ".join(f"`{k}={json.dumps(v) if isinstance(v, str) else v}`" for k, v in rg.items())
      + ". They equal the header defaults. Fixed in the code: section names and the remembered key name "
      "for continuation lines are cut to 49 bytes (`MAX_SECTION`/`MAX_NAME` 50).\n")
    p("Columns: **inih** is Debian's defaults with an INIReader-style caller (every call for the same "
      "section+key joined with `\\n`, as iniconfig joins continuation lines). **+checks** adds what a caller "
      "can check from the callbacks alone (key before any section, a key or section repeated non-adjacently). "
      "**tuned** also sets the runtime globals `ini_allow_inline_comments=0`, `ini_allow_bom=0`, "
      "`ini_use_stack=0`, `ini_allow_realloc=1`, `ini_max_line=1 MiB` (with +checks). "
      "Both rejecting counts as a match (inih gives only the line number, no message).\n")
    p("| # | input | iniconfig | inih (Debian defaults) | match | +checks | tuned |")
    p("|---:|:---|:---|:---|:---:|:---:|:---:|")
    n_raw = n_chk = n_tun = 0
    differ_raw, differ_chk, differ_tun = [], [], []
    for i, ((name, feature, _), ic, ih, tu) in enumerate(zip(CASES, ics, ihs, tus), 1):
        m_raw, m_chk, m_tun = same(ic, ih, False), same(ic, ih, True), same(ic, tu, True)
        n_raw += m_raw
        n_chk += m_chk
        n_tun += m_tun
        if not m_raw:
            differ_raw.append(feature)
        if not m_chk:
            differ_chk.append(feature)
        if not m_tun:
            differ_tun.append(feature)
        ih_show = show_inih(ih)
        if ih["rc"] == 0 and ih["checked_error"]:
            ih_show += f" [check: {ih['checked_error']}]"
        p(f"| {i} | {feature} | {cell(show_iniconfig(ic))} | {cell(ih_show)} | {yes(m_raw)} | {yes(m_chk)} | {yes(m_tun)} |")
    n = len(CASES)
    p("")

    # --- corpus
    files = sorted(x for x in a.corpus.rglob("*") if x.is_file() and x.suffix in (".ini", ".cfg"))
    c_ic = [iniconfig_read(x) for x in files]
    c_ih = inih_read(a.inih, files)
    c_tu = inih_read(a.inih, files, tuned=True)
    c_raw = [same(x, y, False) for x, y in zip(c_ic, c_ih)]
    c_chk = [same(x, y, True) for x, y in zip(c_ic, c_ih)]
    c_tun = [same(x, y, True) for x, y in zip(c_ic, c_tu)]

    def pytest_section(path: Path) -> str:
        return "tool:pytest" if path.name == "setup.cfg" else "pytest"

    def section_same(f: Path, ic: dict, ih: dict, checked: bool) -> bool:
        if not ic["ok"]:
            return ih["rc"] != 0 or (checked and ih["checked_error"] is not None)
        sec = pytest_section(f)
        a_ = dict(ic["sections"]).get(sec)
        b_ = dict(ih["sections"]).get(sec)
        return ih["rc"] == 0 and (not checked or ih["checked_error"] is None) and a_ == b_

    c_sec = [section_same(f, x, y, False) for f, x, y in zip(files, c_ic, c_ih)]
    c_sec_chk = [section_same(f, x, y, True) for f, x, y in zip(files, c_ic, c_ih)]
    c_sec_tu = [section_same(f, x, y, True) for f, x, y in zip(files, c_ic, c_tu)]
    ic_rejects = sum(not x["ok"] for x in c_ic)
    p(f"## Real corpus: {len(files)} .ini/.cfg files under `{a.corpus}`\n")
    p(f"iniconfig rejects {ic_rejects} of them.\n")
    m = len(files)
    p("| same result as iniconfig | inih (Debian defaults) | +checks | tuned (+checks) |")
    p("|:---|---:|---:|---:|")
    p(f"| whole file (all sections, keys, values, order; or both reject) | {sum(c_raw)} of {m} | "
      f"{sum(c_chk)} of {m} | {sum(c_tun)} of {m} |")
    p(f"| the section pytest reads (`[pytest]`, or `[tool:pytest]` in setup.cfg) | "
      f"{sum(c_sec)} of {m} | {sum(c_sec_chk)} of {m} | {sum(c_sec_tu)} of {m} |")
    p("")
    bad = [(f, x, y) for f, x, y, m in zip(files, c_ic, c_ih, c_raw) if not m]
    if bad:
        p("Files where inih (Debian defaults) differs from iniconfig:\n")
        for f, x, y in bad:
            p(f"- `{f.relative_to(a.corpus)}`: {classify(f, x, y)}")
        p("")
    bad_tu = [(f, x, y) for f, x, y, m in zip(files, c_ic, c_tu, c_tun) if not m]
    if bad_tu:
        p("Files where tuned inih differs:\n")
        for f, x, y in bad_tu:
            p(f"- `{f.relative_to(a.corpus)}`: {classify(f, x, y)}")
        p("")

    total, exact = n + len(files), n_raw + sum(c_raw)
    p("## Summary\n")
    p(f"exact on {exact} of {total} inputs ({n_raw} of {n} synthetic cases, {sum(c_raw)} of {len(files)} corpus files; "
      f"Debian defaults, INIReader-style caller). With caller checks: {n_chk + sum(c_chk)} of {total}. "
      f"Tuned runtime globals + checks: {n_tun + sum(c_tun)} of {total}.\n")
    p("Features that differ (Debian defaults): " + "; ".join(differ_raw) + ".\n")
    p("Still differ with caller checks: " + "; ".join(differ_chk) + ".\n")
    p("Still differ when tuned + checks: " + "; ".join(differ_tun) + ".\n")

    sec_ok, sec_tu = sum(c_sec), sum(c_sec_tu)
    p("## Conclusions (libinih 55-1, iniconfig 1.1.1)\n")
    p(f"1. **Exact on the everyday syntax** ({n_raw} of {n} synthetic cases, {sum(c_raw)} of {m} real files, "
      f"the pytest section of {sec_ok} of {m}): `key = value`, `key: value`, the split at the first `=` or `:`, "
      "full-line `#`/`;` comments (also inside multi-line values), space/tab continuation lines, blank lines "
      "inside a value, CRLF, empty values, inline `#` (kept), ASCII whitespace trimming, `[section] # comment`. "
      "With an INIReader-style caller (join repeated calls with `\\n`, no separator after an empty first "
      "line, the same rule iniconfig applies) multi-line values come out identical.")
    p("2. **Not exact with Debian's defaults**: `INI_ALLOW_INLINE_COMMENTS=1` with `INI_INLINE_COMMENT_PREFIXES=\";\"` "
      "cuts ` ;` comments that pytest keeps in the value; `INI_MAX_LINE=200` (stack buffer) splits any line of "
      "200+ bytes and reads the rest as a new line: the file is rejected, or, when the rest starts with a space "
      "or holds a `:`/`=`, the value is silently cut and joined or a bogus key appears (real corpus: "
      "qutebrowser's pytest.ini `qt_log_ignore`, redis-py and sqlalchemy tox.ini); `INI_ALLOW_BOM=1` accepts "
      "a BOM that iniconfig 1.1.1 rejects.")
    p("3. **Errors inih cannot show through its API**: duplicate keys and sections are merged (`INI_HANDLER_LINENO=0`, "
      "so an adjacent repeat looks exactly like a continuation line; a caller catches only non-adjacent ones), "
      "keys before any section and `[]` come back in section `\"\"`, an indented key right after `[section]` "
      "is read as a key, text after `]` is ignored, non-UTF-8 bytes are passed through (iniconfig raises "
      "`UnicodeDecodeError`, which crashes pytest). inih gives only the first bad line number, never a message, "
      "so pytest's `parse_error` text cannot be rebuilt from it.")
    p("4. **Data inih cannot report**: sections without keys (`INI_CALL_HANDLER_ON_NEW_SECTION=0` and not a "
      "runtime global), so a bare `[pytest]` in tox.ini, which makes pytest choose tox.ini, is invisible; "
      "section names end at the first `]` (`[[mypy-x]]` is `[mypy-x`, seen in beets' setup.cfg) and are cut "
      "at 49 bytes, and so is the key name a continuation line is reported under; a lone-CR file is one line; "
      "Unicode whitespace such as U+00A0 is not stripped; a `[` line without `]` is an error, not a "
      "continuation.")
    p(f"5. **Tuning the runtime globals** Debian exports (no inline comments, no BOM skip, growing heap buffer) "
      f"fixes inline `;`, BOM and long lines: {n_tun + sum(c_tun)} of {total} inputs, the pytest section of "
      f"{sec_tu} of {m} real files. The structural gaps in 3 and 4 remain; closing them needs a pre-pass over "
      "the raw lines, which is a second INI parser.")
    p("6. **Verdict**: inih is a faithful reader of ordinary, valid pytest INI files, but not an exact model of "
      "iniconfig: without caller checks it accepts every file iniconfig rejects here except a line without "
      "`=`/`:`, and it differs silently on "
      "long lines, inline `;`, `]` in section names and empty sections. A hand-written iniconfig clone is "
      "required for \"exactly as pytest\".")
    p("")

    text = "\n".join(out) + "\n"
    sys.stdout.write(text)
    a.md.write_text(text)
    return 0


def iniconfig_version() -> str:
    try:
        from importlib.metadata import version
        return version("iniconfig")
    except Exception:  # noqa: BLE001
        return getattr(iniconfig, "__version__", "?")


if __name__ == "__main__":
    sys.exit(main())
