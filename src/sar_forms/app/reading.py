"""Reading inputs for a use case, with what reading warned of collected as data for the face to show.

The library warns through Python's ``warnings`` (a :class:`~sar_forms.errors.SarFormsWarning`:
characters removed, a name cut short); a use case catches them around the step that raised them
and hands them to the caller as text, each naming its input, so a CLI prints them as lines and a
web page shows them beside the form, and neither has to install a warnings filter.
"""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Callable, Iterable, Iterator

from ..errors import SarFormsWarning
from ..inputs.tables import Record

__all__ = ["OnWarning", "collected", "reading"]

#: Told of each warning: the input it concerns (file, and record where there is one) and the message.
OnWarning = Callable[[str, str], None]


@contextlib.contextmanager
def collected(source: str, on_warning: OnWarning | None) -> Iterator[None]:
    """Run the block catching our warnings; tell ``on_warning`` of each (others go on as they are)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", SarFormsWarning)
        yield
    for w in caught:
        if issubclass(w.category, SarFormsWarning):
            if on_warning is not None:  # the message itself: a catalogue message renders in the reader's language
                args = w.message.args if isinstance(w.message, Warning) else ()
                on_warning(source, args[0] if args and isinstance(args[0], str) else str(w.message))
        else:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)


def reading(records: Iterable[Record], source: str, on_warning: OnWarning | None) -> Iterator[Record]:
    """``records`` read one at a time as a batch asks for them, each one's warnings told as it is read."""
    it = iter(records)
    while True:
        with collected(source, on_warning):
            rec = next(it, None)
        if rec is None:
            return
        yield rec
