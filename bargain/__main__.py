"""``python -m bargain``: the command line (:func:`bargain.cli.main`)."""

from __future__ import annotations

from bargain.cli import main

raise SystemExit(main())
