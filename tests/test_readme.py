"""The README's commands, run as written, print what the README shows: they cannot drift from Nashra.

Commands run with the installed ``nashra`` (``.venv/bin/`` in the README is this test's environment).
The Quick start's install steps are the ones CI runs on a clean clone (``.ci/run``), so CI runs them.
"""

from __future__ import annotations

import re
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.nashra_process import clean_env, free_port, quiet_config, run_nashra

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def section(title: str) -> str:
    start = README.index(f"\n{title}\n")
    end = README.find("\n## ", start + 1)
    return README[start : end if end > 0 else None]


def blocks(text: str, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", text, re.DOTALL)


def commands(block: str) -> list[str]:
    return [line for line in block.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def appears_in_order(expected: list[str], output: str) -> None:
    """Each README line shows in the output in order; "…" abridges: a line ending in it is a prefix, a
    line of it alone skips lines; a date stands for any date."""
    lines = output.splitlines()
    position = 0
    for wanted in expected:
        if wanted.strip() in ("", "…"):
            continue
        pattern = re.escape(wanted.removesuffix("…").rstrip()).replace(r"2026\-05\-12", r"\d{4}-\d\d-\d\d")
        pattern = pattern if wanted.endswith("…") else pattern + "$"
        for index in range(position, len(lines)):
            if re.match(pattern, lines[index].strip().lstrip("\u200f")):
                position = index + 1
                break
        else:
            raise AssertionError(
                f"README line {wanted!r} is not in the output (after line {position}):\n{output}"
            )


def test_quick_start_installs_as_ci_does_and_tests_as_ci_does() -> None:
    demo, tests = commands(blocks(section("## Quick start"), "sh")[0])
    ci = commands(CI)[-1]

    assert tests == ci
    install = ci.rsplit(" && ", 1)[0]
    assert demo.startswith(install + " && ")


def test_quick_start_demo_prints_what_the_readme_shows(tmp_path: Path) -> None:
    quick_start = section("## Quick start")
    demo = commands(blocks(quick_start, "sh")[0])[0].rsplit(" && ", 1)[-1]
    assert demo.startswith(".venv/bin/nashra ")

    result = run_nashra(*demo.split()[1:], cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    appears_in_order(blocks(quick_start, "text")[0].splitlines(), across_midnight(result.stdout))


def across_midnight(output: str) -> str:
    """The demo's output as on a day without a midnight in the middle of the run.

    The sample articles carry no date, so each is published when the demo ingests it, and a story
    published on another day than its digest's shows that date after its sources ("— source · date").
    A demo that ingests before midnight and delivers after it shows the day before on its items: that
    date, and only that one, is taken off here.
    """
    days = {date.fromisoformat(day) for day in re.findall(r"📰 نشرة (\d{4}-\d\d-\d\d)", output)}
    for day in days:
        output = output.replace(f" · {day - timedelta(days=1)}\n", "\n")
    return output


def test_sandbox_curl_example_gets_the_bots_answers(tmp_path: Path) -> None:
    (example,) = [b for b in blocks(section("## Running for real"), "sh") if "sandbox --no-prompt" in b]
    script = example.replace("8081", str(free_port())) + "\nkill %1\nwait\n"

    result = subprocess.run(
        ["bash", "-c", script],
        cwd=tmp_path,
        env=clean_env(NASHRA_CONFIG=str(quiet_config(tmp_path))),
        capture_output=True,
        text=True,
        timeout=120,
    )

    answers = [line for line in result.stdout.splitlines() if line.startswith('{"ok"')]
    assert len(answers) == 3, result.stdout + result.stderr
    welcome, subscribed, listing = answers
    assert '"ok": true' in welcome and "أهلاً بك في نشرة" in welcome
    assert "اشتركت في: درعا" in subscribed
    assert "أهلاً بك في نشرة" in listing and "اشتركت في: درعا" in listing


CONFIG_FOR_ERROR = {
    "unknown key 'digest_time'": '[schedule]\ndigest_time = ["08:00"]\n',
    "telegram.admins[0]": '[telegram]\nadmins = ["@me"]\n',
    "schedule.timezone 'Damascus'": '[schedule]\ntimezone = "Damascus"\n',
}


@pytest.mark.parametrize("shown", [k for k in CONFIG_FOR_ERROR], ids=["unknown-key", "admins", "timezone"])
def test_configuration_error_examples_are_what_nashra_prints(shown: str, tmp_path: Path) -> None:
    (example,) = [b for b in blocks(section("## Configuration"), "text") if "configuration error" in b]
    (line,) = [line for line in example.splitlines() if shown in line]
    (tmp_path / "nashra.toml").write_text(CONFIG_FOR_ERROR[shown], encoding="utf-8")

    result = run_nashra("doctor", cwd=tmp_path)
    sections = run_nashra("sections", "x.txt", cwd=tmp_path)

    assert sections.stderr.strip() == line
    assert f"✗ config: {line.removeprefix('nashra: configuration error: ')}" in result.stdout


def test_doctor_example_is_what_the_doctor_prints(tmp_path: Path) -> None:
    (example,) = [b for b in blocks(section("## Running for real"), "text") if "✓ config" in b]
    # Step 3 of "Running for real" puts the admin's id in nashra.toml; no token is set yet.
    (tmp_path / "nashra.toml").write_text("[telegram]\nadmins = [123456789]\n", encoding="utf-8")

    result = run_nashra("doctor", cwd=tmp_path)

    assert result.returncode == 1
    appears_in_order([line.strip() for line in example.splitlines()], result.stdout)


def test_readme_commands_name_only_existing_options() -> None:
    """Every `nashra COMMAND --option` the README shows is an option of that command."""
    help_of: dict[str, str] = {}
    for command, options in re.findall(r"nashra ([a-z]+)((?: [^`\n|]*?)?)(?:`|\n|$)", README):
        for option in re.findall(r"(?<![\w-])(--[a-z][a-z-]*)", options):
            if command not in help_of:
                help_of[command] = run_nashra(command, "--help", cwd=ROOT).stdout
            assert option in help_of[command], f"`nashra {command} … {option}` in the README"
