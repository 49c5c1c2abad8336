"""The ``nashra`` command's entry point (``[project.scripts]`` and ``python -m nashra``).

Loading the program and its commands, and reading the config, take a noticeable part of a second
before a command runs; Ctrl-C pressed then (at once after Enter, a mistyped command) met no handler
of ours and printed Python's KeyboardInterrupt traceback through whatever module was being
imported. It ends here as an interrupted command does (:func:`nashra.cli.main`): one line, exit
status 130.
"""

from __future__ import annotations

import sys


def main() -> int:
    try:
        from nashra.cli import main as run_command

        return run_command()
    except KeyboardInterrupt:
        print("nashra: interrupted", file=sys.stderr)
        return 130
