"""A locked record at the keys: once the referat is approved, every ordinary edit (the
decision, quick decisions, attendance, votes, dissent, undo, a break, the close, a
correction of a time or a removal in `r`) is refused at its key with the core's one line
(`Secretary.refuse_if_locked`, shown as every refusal is), before any dialog opens, and
nothing is recorded. Reading, previews, the chair's views and the export go on; a change
is a dated correction (R)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Concatenate, ParamSpec, TypeVar

from meetingtui.ui.screens.base import HoldsKeys

P = ParamSpec("P")
R = TypeVar("R")
S = TypeVar("S", bound=HoldsKeys)


def ordinary_edit(method: Callable[Concatenate[S, P], R]) -> Callable[Concatenate[S, P], R | None]:
    """An action that changes the record other than by a correction: once the referat is
    approved it is refused at its key, with the core's line, and opens no dialog (the keys
    typed after it are not kept for one)."""

    @functools.wraps(method)
    def action(self: S, *args: P.args, **kwargs: P.kwargs) -> R | None:
        if self.secretary.locked:
            self.app.act(self.secretary.refuse_if_locked)  # the refusal, as every one is shown
            return None
        return method(self, *args, **kwargs)

    opens = getattr(method, "opens_dialog", False)
    if opens:  # a dialog comes only while the record is not locked

        def opens_now(screen: HoldsKeys) -> bool:
            return not screen.secretary.locked and (opens(screen) if callable(opens) else True)

        action.opens_dialog = opens_now  # type: ignore[attr-defined]
    return action
