"""``python -m pipeline`` is the ``newsclaims`` command."""

from pipeline.cli import main

main()
