"""Sub-commands of the ``nashra`` command line, one module each (discovered by :mod:`nashra.cli`)."""
