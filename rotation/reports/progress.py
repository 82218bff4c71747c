"""A solve's progress as one live line per optimisation phase (tqdm: a widget in a notebook, a
line on stderr in a script).

`ProgressLines` is the hook `rotation.plan` passes to the model by default. It stays silent for
a solve that ends within `delay` seconds; once a solve runs longer, it writes a line for each
phase already ended and keeps the running phase's line up to date: the phase, the time since
the call started, the teachers rotated, the CVs failing and the gap of the best plan so far.
CP-SAT's own log is never shown.
"""

from __future__ import annotations

import math
import sys
import warnings
from typing import IO, Any, Protocol

from tqdm import TqdmWarning
from tqdm import tqdm as plain_tqdm

with warnings.catch_warnings():
    # tqdm.auto warns on import in a notebook without ipywidgets; _open then writes to stderr
    warnings.simplefilter("ignore", TqdmWarning)
    from tqdm.auto import tqdm as auto_tqdm

from rotation.messages import Lang, has, text

#: A solve shorter than this shows nothing.
DELAY_SECONDS = 2.0


class PhaseProgressLike(Protocol):
    """What the lines read of an event (see `rotation.model.PhaseProgress`)."""

    @property
    def event(self) -> str: ...
    @property
    def phase(self) -> str: ...
    @property
    def number(self) -> int: ...
    @property
    def total(self) -> int: ...
    @property
    def elapsed(self) -> float: ...
    @property
    def moves(self) -> int | None: ...
    @property
    def failing_cvs(self) -> int | None: ...
    @property
    def gap(self) -> float: ...
    @property
    def status(self) -> str: ...


def progress_text(event: PhaseProgressLike, lang: Lang) -> tuple[str, str]:
    """The line's two parts for an event: the phase, and its figures."""
    name = text(f"progress.phase.{event.phase}", lang)
    phase = text("progress.phase", lang, number=event.number, total=event.total, name=name)
    figures = [text("progress.elapsed", lang, seconds=f"{event.elapsed:.1f}")]
    if event.moves is not None:
        figures.append(text("progress.moves", lang, n=event.moves))
    if event.failing_cvs is not None:
        figures.append(text("progress.failing", lang, n=event.failing_cvs))
    if not math.isnan(event.gap):
        figures.append(text("progress.gap", lang, gap=f"{100 * event.gap:.1f}%"))
    key = f"progress.status.{event.status}"
    if event.event == "end" and has(key):
        figures.append(text(key, lang))
    return phase, text("misc.list_sep", lang).join(figures)


class ProgressLines:
    """A progress hook showing one line per phase once a solve has run `delay` seconds.

    Parameters
    ----------
    lang : {"zh", "en"}
        The language of the lines.
    delay : float
        Seconds of silence before anything is shown.
    file : file-like, optional
        Where plain lines go (default: a notebook widget when one can be shown, else stderr).
    """

    def __init__(
        self, lang: Lang = "zh", delay: float = DELAY_SECONDS, file: IO[str] | None = None
    ):
        self.lang = lang
        self.delay = delay
        self.file = file
        self.shown = False
        self.ended: list[PhaseProgressLike] = []  # phases ended before the lines were shown
        self.bar: Any = None
        self.phase = ""

    def __call__(self, event: PhaseProgressLike) -> None:
        if not self.shown:
            if event.elapsed < self.delay:
                if event.event == "end":
                    self.ended.append(event)
                return
            self.shown = True
            for done in self.ended:
                self._line(done)
            self.ended = []
        self._line(event)

    def _line(self, event: PhaseProgressLike) -> None:
        if self.bar is not None and self.phase != event.phase:
            self.close()
        if self.bar is None:
            self.bar = self._open()
            self.phase = event.phase
        phase, figures = progress_text(event, self.lang)
        self.bar.set_description_str(f"{phase}: {figures}", refresh=True)
        if event.event == "end":
            self.close()

    def _open(self) -> Any:
        fmt = "{desc}"
        if self.file is not None:
            return plain_tqdm(total=None, bar_format=fmt, file=self.file, leave=True)
        try:
            return auto_tqdm(total=None, bar_format=fmt, leave=True)
        except ImportError:  # a notebook without ipywidgets: a plain line on stderr
            return plain_tqdm(total=None, bar_format=fmt, file=sys.stderr, leave=True)

    def close(self) -> None:
        """End the running phase's line (the solve ended or failed)."""
        if self.bar is not None:
            self.bar.close()
            self.bar = None
            self.phase = ""
