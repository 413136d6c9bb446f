"""The manual page and shell completions that `paralint man` and `paralint completion SHELL`
generate from the command-line definition: rendered by groff and man, driven by bash itself,
parsed by zsh. What they must cover is read from `--help`, so an option added to the CLI
without reaching the page or the completions fails here."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import clean_env

pytestmark = pytest.mark.not_sanitized


def run(*args, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, timeout=60, check=True, **kwargs)


def help_sections(paralint: str, *command: str) -> dict[str, list[str]]:
    """CLI11's --help, section by section: the first word of each entry."""
    sections: dict[str, list[str]] = {}
    current = None
    for line in run(paralint, *command, "--help").stdout.splitlines():
        if re.match(r"^\w[\w ]*:$", line):
            current = sections.setdefault(line[:-1], [])
        elif current is not None and re.match(r"^  \S", line):
            current.append(line.split()[0])
    return sections


def commands(paralint: str) -> list[str]:
    return help_sections(paralint)["Subcommands"]


def options(paralint: str, *command: str) -> list[str]:
    """Every option name --help lists ("-c,--config-file" gives both), in "Options" or in a
    group of its own."""
    return [name for section, entries in help_sections(paralint, *command).items()
            if section not in ("Subcommands", "Positionals") for entry in entries for name in entry.split(",")]


def choices(paralint: str, command: str, option: str) -> list[str]:
    """The values --help shows for an option restricted to a set: "--format TEXT:{text,json}"."""
    text = run(paralint, command, "--help").stdout
    match = re.search(rf"^  {re.escape(option)} \w+:\{{([^}}]*)\}}", text, re.M)
    assert match, f"{command} {option} shows no choices in --help"
    return match.group(1).split(",")


# --------------------------------------------------------------------------
# man page
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def man_page(paralint, tmp_path_factory) -> Path:
    page = tmp_path_factory.mktemp("man") / "paralint.1"
    page.write_text(run(paralint, "man").stdout, encoding="utf-8")
    return page


def render_man(page: Path) -> str:
    """The page as `man` shows it, checking that neither man nor groff warns."""
    env = clean_env(MANWIDTH="100", MANPAGER="cat", PAGER="cat", LC_ALL="C.UTF-8")
    proc = subprocess.run(["man", "--warnings=w", "-l", str(page)], capture_output=True, text=True, timeout=60,
                          env=env)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == "", proc.stderr
    return proc.stdout


def test_groff_reads_the_man_page_without_a_warning(man_page):
    proc = subprocess.run(["groff", "-man", "-Tutf8", "-ww", "-z", str(man_page)], capture_output=True, text=True,
                          timeout=60)
    assert (proc.returncode, proc.stderr) == (0, "")


def test_the_man_page_has_the_sections_of_a_man_page(man_page):
    shown = render_man(man_page)
    for heading in ("NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "COMMANDS", "EXIT STATUS", "ENVIRONMENT",
                    "SEE ALSO"):
        assert re.search(rf"^{heading}$", shown, re.M), heading
    assert re.search(r"^NAME\n +paralint - reads pytest configuration", shown, re.M)
    assert re.search(r"^ +NO_COLOR$", shown, re.M)
    assert re.search(r"^ +PYTEST_ADDOPTS\n.*--env", shown, re.M)
    for status in ("0", "1", "2"):
        assert re.search(rf"^ +{status} +\S", shown, re.M)


def test_the_man_page_documents_every_command_and_option_help_lists(paralint, man_page):
    shown = render_man(man_page)
    sections = re.split(r"^   paralint ", shown.split("\nCOMMANDS\n")[1].split("\nEXIT STATUS\n")[0], flags=re.M)
    documented = {section.split("\n", 1)[0]: section for section in sections[1:]}
    assert {command.split()[0] for command in documented} == set(commands(paralint))
    for command, section in documented.items():
        for option in options(paralint, *command.split()):
            if option in ("-h", "--help"):
                continue  # said once, under OPTIONS
            # an option is shown bold at the start of its entry; '-' must stay ASCII to be copied
            assert re.search(rf"^ +(\S+, )?{re.escape(option)}\b", section, re.M), f"{command} {option}"


# --------------------------------------------------------------------------
# bash
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bash_completion(paralint, tmp_path_factory) -> Path:
    script = tmp_path_factory.mktemp("bash") / "paralint"
    script.write_text(run(paralint, "completion", "bash").stdout, encoding="utf-8")
    return script


def complete(script: Path, *words: str, cwd=None) -> list[str]:
    """COMPREPLY after bash calls the completion function as it would for `words` (already
    split at COMP_WORDBREAKS), the last being the word under the cursor."""
    program = (f"source {shlex.quote(str(script))}\n"
               "COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1))\n"
               "_paralint\n"
               "printf '%s\\n' \"${COMPREPLY[@]}\"\n")
    proc = subprocess.run(["bash", "--norc", "--noprofile", "-c", program, "bash", "paralint", *words],
                          capture_output=True, text=True, timeout=60, cwd=cwd)
    assert (proc.returncode, proc.stderr) == (0, "")
    return [line for line in proc.stdout.split("\n") if line]


def test_bash_completes_the_commands(paralint, bash_completion):
    assert complete(bash_completion, "") == commands(paralint)
    assert complete(bash_completion, "ch") == ["check"]
    assert set(complete(bash_completion, "-")) == set(options(paralint))


def test_bash_completes_every_option_of_each_command(paralint, bash_completion):
    for command in commands(paralint):
        assert set(complete(bash_completion, command, "-")) == set(options(paralint, command)), command
    assert complete(bash_completion, "check", "--fa") == ["--fail-on"]


def test_bash_completes_the_choices_of_an_option_in_each_spelling(paralint, bash_completion):
    fail_on = choices(paralint, "check", "--fail-on")
    formats = choices(paralint, "check", "--format")
    assert complete(bash_completion, "check", "--fail-on", "") == fail_on
    assert complete(bash_completion, "check", "--format", "j") == ["json", "junit"]
    assert complete(bash_completion, "check", "--format", "js") == ["json"]
    # `--format=` with '=' in COMP_WORDBREAKS (bash's default): the words are --format, =, ...
    assert complete(bash_completion, "check", "--format", "=") == formats
    assert complete(bash_completion, "check", "--format", "=", "co") == ["concise"]
    # and when '=' was taken out of COMP_WORDBREAKS, inside the word
    assert complete(bash_completion, "check", "--format=co") == ["--format=concise"]
    assert complete(bash_completion, "completion", "") == ["bash", "zsh"]
    assert complete(bash_completion, "rules", "--format", "m") == ["markdown"]


def test_bash_completes_paths_past_options_and_their_values(bash_completion, tmp_path):
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text("", encoding="utf-8")
    (tmp_path / "packages").mkdir()
    assert sorted(complete(bash_completion, "check", "", cwd=tmp_path)) == ["packages", "pyproject.toml",
                                                                            "pytest.ini"]
    assert complete(bash_completion, "check", "pyt", cwd=tmp_path) == ["pytest.ini"]
    # the value of --select is not taken for a command or a path; the next word is a path again
    assert complete(bash_completion, "check", "--select", "rule", "--format=json", "-q", "pa",
                    cwd=tmp_path) == ["packages"]
    assert complete(bash_completion, "check", "-c", "pyp", cwd=tmp_path) == ["pyproject.toml"]


# --------------------------------------------------------------------------
# zsh
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def zsh(tmp_path_factory) -> str:
    zsh = shutil.which("zsh")
    if zsh is None:
        pytest.skip("zsh is not installed (scripts/setup-deps installs it)")
    return zsh


# Completes each LINE in an interactive zsh (on a pseudo-terminal, as a user's) and writes
# the matches offered for the Nth line to OUT_DIR/N: compadd is wrapped to record them.
ZSH_DRIVER = r"""
zmodload zsh/zpty || exit 1
fpath_dir=$1 out_dir=$2; shift 2
zpty completer zsh -f -i
# no listing of the matches: a long list would ask "do you wish to see all ...?"
zpty -w completer "PROMPT='> '; RPROMPT=; unsetopt AUTO_LIST; fpath=(${(q)fpath_dir} \$fpath); autoload -Uz compinit; compinit -u -D"
zpty -w completer 'compadd () {
  if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "$@"; return; fi
  local -a hits
  builtin compadd -A hits "$@"
  (( $#hits )) && print -rl -- $hits >> $__out
  builtin compadd "$@"
}'
# Tab completes, then leaves a mark: nothing more is typed before completion is over, as
# zsh may cut a completion short when keys are already waiting.
zpty -w completer 'complete-and-mark() { zle complete-word; : > $__out.done }; zle -N complete-and-mark'
zpty -w completer "bindkey '^I' complete-and-mark"
integer n=0
for line in "$@"; do
  (( n++ ))
  : > $out_dir/$n
  zpty -w completer "__out=${(q)out_dir}/$n; print RE''ADY$n"
  zpty -r completer _ "*READY$n*"
  zpty -w -n completer "$line"$'\t'
  while [[ ! -e $out_dir/$n.done ]]; do sleep 0.02; done
  zpty -w completer $'\x15'"print DO''NE$n"
  zpty -r completer _ "*DONE$n*"
done
zpty -d completer
"""


def zsh_complete(zsh: str, completion: Path, cwd: Path, *lines: str) -> list[list[str]]:
    out = cwd.parent / "matches"
    out.mkdir()
    driver = cwd.parent / "driver.zsh"
    driver.write_text(ZSH_DRIVER, encoding="utf-8")
    subprocess.run([zsh, "-f", str(driver), str(completion.parent), str(out), *lines], cwd=cwd, timeout=60,
                   check=True, env=dict(os.environ, HOME=str(cwd.parent), TERM="xterm"))
    return [(out / str(n)).read_text(encoding="utf-8").split() for n in range(1, len(lines) + 1)]


@pytest.fixture
def zsh_completion(paralint, tmp_path) -> Path:
    site_functions = tmp_path / "site-functions"
    site_functions.mkdir()
    script = site_functions / "_paralint"
    script.write_text(run(paralint, "completion", "zsh").stdout, encoding="utf-8")
    return script


def test_zsh_completes_commands_options_choices_and_paths(paralint, zsh, zsh_completion, tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    (project / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    (project / "pyproject.toml").write_text("", encoding="utf-8")
    offered = zsh_complete(zsh, zsh_completion, project,
                           "paralint ",
                           "paralint check -",
                           "paralint check --format=",
                           "paralint check --fail-on ",
                           "paralint completion ",
                           "paralint check --select A pyt",
                           "paralint check -c pyp")
    assert offered[0] == commands(paralint)
    assert sorted(offered[1]) == sorted(options(paralint, "check"))
    assert offered[2] == choices(paralint, "check", "--format")
    assert offered[3] == choices(paralint, "check", "--fail-on")
    assert offered[4] == ["bash", "zsh"]
    assert offered[5] == ["pytest.ini"]
    assert offered[6] == ["pyproject.toml"]


def test_zsh_parses_the_completion_and_registers_it_when_sourced(paralint, zsh, tmp_path):
    script = tmp_path / "_paralint"
    script.write_text(run(paralint, "completion", "zsh").stdout, encoding="utf-8")
    assert script.read_text(encoding="utf-8").startswith("#compdef paralint\n")
    subprocess.run([zsh, "-n", str(script)], check=True, timeout=60)
    # sourced after compinit, it registers _paralint for paralint and defines a function per command
    program = (f"autoload -Uz compinit && compinit -u -d {shlex.quote(str(tmp_path / 'zcompdump'))}\n"
               f"source {shlex.quote(str(script))}\n"
               "print -r -- $_comps[paralint]\n"
               "print -rl -- ${(ok)functions[(I)_paralint*]}\n")
    out = subprocess.run([zsh, "-f", "-c", program], capture_output=True, text=True, timeout=60, check=True,
                         env=dict(os.environ, HOME=str(tmp_path))).stdout.split()
    assert out[0] == "_paralint"
    assert {"_paralint"} | {f"_paralint_{c}" for c in commands(paralint)} <= set(out[1:])
