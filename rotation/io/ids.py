"""Matching the ids a table refers to (a teacher's school, a pin's teacher) with the known ones.

Offices type codes by hand: ``ｓ００１`` (full-width), ``s001`` or ``S001 `` all mean the school
``S001``. A reference is taken as written when it is a known id, else as the one known id it
equals once width, case and spaces are folded. When it matches none, the closest known id is
offered in the message ("did you mean 'S001'?").
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable

from rotation.messages import Text


def fold_id(text: str) -> str:
    """An id with width, case and spaces folded: ``fold_id("ｓ ００１") == "S001"``.

    Parameters
    ----------
    text
        An identifier as typed.

    Returns
    -------
    str
        The identifier in half-width upper case, without spaces.
    """
    return "".join(unicodedata.normalize("NFKC", text).split()).upper()


def clean_id(text: str) -> str:
    """An id as a table states its own: full-width letters and digits made half-width, the
    surrounding spaces removed; case is kept (a roster's own ids are its own)."""
    return unicodedata.normalize("NFKC", text).strip()


class IdIndex:
    """The known ids of one kind, for resolving references to them.

    Parameters
    ----------
    known
        The ids a reference may name (the school_ids of the schools table, say).
    """

    def __init__(self, known: Iterable[str]) -> None:
        self.known: frozenset[str] = frozenset(known)
        folded: dict[str, list[str]] = {}
        for key in sorted(self.known):
            folded.setdefault(fold_id(key), []).append(key)
        self._folded = folded

    def __contains__(self, value: object) -> bool:
        return isinstance(value, str) and self.resolve(value) is not None

    def resolve(self, value: str) -> str | None:
        """The known id `value` names, or None.

        Parameters
        ----------
        value
            A reference as written.

        Returns
        -------
        str or None
            `value` itself when known; else the single known id equal to it once folded
            (``ｓ００１`` → ``S001``); None when there is none, or several (``s1`` when both
            ``S1`` and ``s1 `` are known is not guessed).
        """
        if value in self.known:
            return value
        same = self._folded.get(fold_id(value), [])
        return same[0] if len(same) == 1 else None

    def suggestion(self, value: str) -> str | None:
        """The known id closest to an unknown `value`, if one is close enough to be a typo."""
        folded = fold_id(value)
        close = difflib.get_close_matches(folded, list(self._folded), n=1, cutoff=0.6)
        if not close:
            return None
        return sorted(self._folded[close[0]])[0]

    def hint(self, value: str) -> str:
        """``; did you mean 'S001'?`` for a near miss, else an empty string (it follows what
        a message says was expected)."""
        near = self.suggestion(value)
        return Text("io.did_you_mean", near=near) if near else ""
