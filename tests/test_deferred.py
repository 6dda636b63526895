"""Stand-ins that load their module on the first call (sar_forms._deferred)."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys
from sar_forms._deferred import on_first_call
hsv = on_first_call("colorsys", "rgb_to_hsv")
assert "colorsys" not in sys.modules, "loaded before the call"
assert hsv(1.0, 0.0, 0.0) == (0.0, 1.0, 1.0)
assert "colorsys" in sys.modules and hsv.__name__ == "rgb_to_hsv"
print("ok")
"""


def test_the_module_loads_at_the_first_call_and_the_call_is_the_functions():
    """This test ensures that a stand-in does not import its module when made, imports it when
    first called, and returns what the real function returns."""
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
