"""``python -m sar_forms.cli``: the command, as ``sar-forms``."""

import sys

from . import main

sys.exit(main())
