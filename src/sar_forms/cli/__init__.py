"""The ``sar-forms`` command: arguments in, a use case of :mod:`sar_forms.app` called, its result
printed, an exit code; nothing imports it.

Exit codes: 0 success; 1 bad input or a failed render/conversion (the message names the file,
the field and the problem); 2 wrong command-line usage.

Start-up: loading the commands makes some 50,000 objects (modules, classes, the models'
schemas) that live as long as the command. Python's cyclic collector would walk them over and
over while they load, a quarter of the command's start, and again at every full collection of
a batch; so it is paused while they load and they are then frozen (``gc.freeze``, CPython's
remedy for objects that live as long as the process). What the command makes later is
collected as usual.
"""

import gc

_collecting = gc.isenabled()
gc.disable()
try:
    from .entry import build_parser, main
finally:
    gc.freeze()
    if _collecting:
        gc.enable()

__all__ = ["build_parser", "main"]
