"""`python -m farense_studio` runs the same entry point as `farense-studio`."""

from farense_studio.cli import main

raise SystemExit(main())
