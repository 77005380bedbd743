"""What the screens may ask of the app: the typed contract between the UI and the core.

Screens and dialogs depend on this module, never on `ui.app`, so `ui.app` can import the
screens at its top. `MeetingAppBase` declares what every screen reaches through
`self.app` (the Secretary, the redraw counter, the save status, `act`); `ui.app.MeetingApp`
implements it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, Literal, ParamSpec, Protocol, TypeVar, runtime_checkable

from textual.app import App
from textual.reactive import var

from meetingtui.secretary import Secretary
from meetingtui.ui.save_status import SaveStatus

T = TypeVar("T")
P = ParamSpec("P")


@dataclass(frozen=True)
class Done(Generic[T]):
    """The Secretary did it; `value` is what the action returned."""

    value: T
    ok: Literal[True] = True


@dataclass(frozen=True)
class Refused:
    """The Secretary refused (the reason, in Danish, was shown as a notification)."""

    reason: str
    ok: Literal[False] = False


ActResult = Done[T] | Refused
"""What `act` gives back: test `.ok`; on success `.value` is the action's return value."""


@runtime_checkable
class HoldsTypedText(Protocol):
    """A screen with text typed but perhaps not yet recorded (the decision editor).

    The app asks every such screen on its stack to record it before quitting or on a
    closed terminal.
    """

    def save_typed_text(self) -> None: ...


class MeetingAppBase(App[None]):
    """The app as the screens see it. `ui.app.MeetingApp` is the one implementation."""

    # `var`, not `reactive`: a change calls the watchers, which redraw the widgets that
    # show it; a reactive would also repaint the whole screen, before the new item's
    # layout, so a jump took one to three more refreshes (bench/README.md).
    revision: var[int] = var(0)
    """Bumped after every change to the meeting; screens watch it to redraw."""
    save_status: var[SaveStatus] = var(SaveStatus.SAVED)
    """Watched by the status line; FAILED while the disk refuses."""

    secretary: Secretary
    """The only way a screen changes the meeting (through `act`), and what it reads."""

    def act(self, action: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> ActResult[T]:
        """Run a Secretary action: show a refusal, redraw; Done(value) or Refused(reason)."""
        raise NotImplementedError

    def retry_save(self) -> None:
        """Try again to write what the disk refused."""
        raise NotImplementedError

    def quit_losing_unsaved(self) -> None:
        """Quit although the disk refuses: what is not saved is lost (exit code 1)."""
        raise NotImplementedError
