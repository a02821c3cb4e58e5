"""``python -m jixiao`` runs the command line, for machines where the ``jixiao`` script is not on PATH."""

import sys

from jixiao.cli import main

sys.exit(main())
