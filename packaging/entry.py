"""Entry script of the bundled app: the same as the ``farense-studio`` command."""

import sys

from farense_studio.cli import main

if __name__ == "__main__":
    sys.exit(main())
