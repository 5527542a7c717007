"""``python -m kg``: the same CLI as the ``kg`` command (useful from a checkout that is not installed)."""

from kg.cli import app

app()
