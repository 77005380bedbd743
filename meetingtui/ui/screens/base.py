"""The base of every screen and dialog: `self.app` typed as the meeting app's contract, and
keys typed ahead of a dialog kept for that dialog.

A fast typist presses `a` and the first letters of a name at once. The dialog `a` opens
comes up in a worker, a moment later: the letters typed meanwhile would reach the screen
beneath, where `m`, `o` or `g` are keys of their own. An action that opens dialogs is
declared with `dialog_flow` (in place of `@work(exclusive=True)`): from its key until its
dialog is up, and between its dialogs, the screen keeps the keys typed, acts on none of
them, and gives them to the dialog, in order, once it has its focus. Keys still on their
way to a screen when another screen is above it go to the one above.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

from textual import events, getters, work
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import Label
from textual.worker import Worker, WorkerState

from meetingtui.secretary import Secretary
from meetingtui.ui.contract import MeetingAppBase
from meetingtui.ui.literal import literal

ResultT = TypeVar("ResultT")
P = ParamSpec("P")
S = TypeVar("S", bound="HoldsKeys")

FINISHED = (WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED)


if TYPE_CHECKING:
    _Screen = Screen[Any]
else:
    _Screen = object  # a mixin of MeetingScreen and MeetingDialog, not a screen of its own


class KeysDrained(Message):
    """Sent through the widget that had the focus: the keys on their way through it have
    all reached the screen (each widget handles its messages in order)."""


class HoldsKeys(_Screen):
    """Keeps the keys typed while a dialog (or the text field) a key opens is on its way."""

    app = getters.app(MeetingAppBase)
    _holding = False  # keys are kept: a dialog flow was started, its dialog not yet up
    _flow: Worker[Any] | None = None  # the dialog flow under way, once started
    _passing = False  # a dialog of the flow is up and has taken the keys kept for it
    _held: list[tuple[str, str | None]]  # the keys kept (key, character), set by _hold
    _for_text = False  # the keys kept are for a text field (focus_move), not a dialog

    @property
    def secretary(self) -> Secretary:
        return self.app.secretary

    def on_key(self, event: events.Key) -> None:
        """Keys reach the screen in the order typed, before the app acts on the screen's
        bindings: a key bound to a dialog flow starts keeping the keys after it."""
        if self not in self.app.screen_stack:  # dismissed, and keys still on their way here
            if not event._stop_propagation:  # not the key that dismissed it (a digit picks)
                event.stop()
                _send(self, [(event.key, event.character)])  # for the screen now on top
            return
        if self.app.screen is self and not self._holding:
            if self._opens_dialog(event.key):
                self._hold()
                self._for_text = self._opens_dialog(event.key, "takes_text")
                self.set_timer(1.0, self._flow_never_came)
            return  # an ordinary key for this screen
        event.stop()
        event.prevent_default()  # no binding of this screen acts on it
        if self._holding and not (self._passing and self.app.screen is not self):
            self._held.append((event.key, event.character))
        else:  # on its way here when a screen was put above: it was meant for that one
            _send(self, [(event.key, event.character)])

    def _opens_dialog(self, key: str, mark: str = "opens_dialog") -> bool:
        for binding in self._bindings.key_to_bindings.get(key, ()):
            method = getattr(self, f"action_{binding.action.split('(')[0]}", None)
            opens = getattr(method, mark, False)  # or a test of the screen
            if opens(self) if callable(opens) else opens:
                return True
        return False

    def _hold(self) -> None:
        if not self._holding:
            self._holding, self._passing, self._flow = True, False, None
            self._held, self._for_text = [], False

    def take_text_kept(self) -> str:
        """The text typed for the field `d` put the focus in and still kept (not yet typed
        again), taken: what saving the typed text must not lose (SIGTERM, SIGHUP). Only
        the leading printable keys: whatever follows stays kept, in order."""
        if not (self._holding and self._for_text):
            return ""
        taken = 0
        for key, character in self._held:
            if not (character and (character.isprintable() or key == "enter")):
                break
            taken += 1
        text = "".join("\n" if k == "enter" else c or "" for k, c in self._held[:taken])
        del self._held[:taken]
        return text

    def _hold_for(self, flow: Worker[Any]) -> None:
        """The flow started (by a key, or by a priority key the app acted on at once)."""
        self._hold()
        self._flow = flow

    def _flow_never_came(self) -> None:
        if self._holding and self._flow is None:  # no dialog came (nothing to choose from)
            self._release()

    def _release(self) -> None:
        held = self._held if self._holding else []
        self._holding, self._flow, self._passing, self._held = False, None, False, []
        _send(self, held)  # the flow is over: what was typed after it is this screen's

    def pass_keys(self) -> None:
        """A dialog of the flow is up and focused: it gets the keys kept, in order."""
        if self._holding:
            self._passing = True
            held, self._held = self._held, []
            _send(self, held)

    def on_screen_resume(self) -> None:
        self._passing = False  # the dialog is gone; the flow may open another

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker is self._flow and event.state in FINISHED:
            self._release()

    def on_keys_drained(self, event: KeysDrained) -> None:
        event.stop()
        if self._flow is None:
            self._release()


def _send(screen: _Screen, keys: list[tuple[str, str | None]]) -> None:
    """Type the keys again, to whichever screen is on top now."""
    for key, character in keys:
        event = events.Key(key, character)
        event.set_sender(screen.app)  # as the terminal's keys come: bubbling up to the app
        screen.app.post_message(event)


def dialog_flow(
    method: Callable[Concatenate[S, P], Coroutine[Any, Any, Any]],
) -> Callable[Concatenate[S, P], Worker[Any]]:
    """`@work(exclusive=True)` for an action that opens dialogs: the keys typed from its key
    until its dialog is up go to that dialog, never to the screen beneath."""
    run = work(exclusive=True)(method)

    @functools.wraps(method)
    def action(self: S, *args: P.args, **kwargs: P.kwargs) -> Worker[Any]:
        flow: Worker[Any] = run(self, *args, **kwargs)
        self._hold_for(flow)
        return flow

    action.opens_dialog = True  # type: ignore[attr-defined]
    return action


def opens_dialog_when(
    test: Callable[[Any], bool],
) -> Callable[[Callable[Concatenate[S, P], None]], Callable[Concatenate[S, P], None]]:
    """For an action that opens a dialog only sometimes (`test(screen)` says when): then,
    as for `dialog_flow`, the keys typed right after its key go to that dialog."""

    def mark(method: Callable[Concatenate[S, P], None]) -> Callable[Concatenate[S, P], None]:
        method.opens_dialog = test  # type: ignore[attr-defined]
        return method

    return mark


def focus_move(method: Callable[Concatenate[S, P], None]) -> Callable[Concatenate[S, P], None]:
    """For an action that puts the focus in a text field at once (`d`, the decision): the
    keys typed right after its key go to that field, not to the widget that had the focus.
    Those already on their way through that widget are kept until a marker sent after
    them has come through, then typed again into the field."""

    @functools.wraps(method)
    def action(self: S, *args: P.args, **kwargs: P.kwargs) -> None:
        had_focus = self.focused
        method(self, *args, **kwargs)
        (had_focus or self).post_message(KeysDrained())

    action.opens_dialog = action.takes_text = True  # type: ignore[attr-defined]
    return action


class MeetingScreen(HoldsKeys, Screen[ResultT]):
    """A full screen of the meeting app."""


class MeetingDialog(HoldsKeys, ModalScreen[ResultT]):
    """A modal screen of the meeting app; dismissed with a ResultT (or None). Once up and
    focused, it takes the keys the screen beneath kept for it."""

    def on_screen_resume(self) -> None:
        self.call_after_refresh(self._take_keys)

    @staticmethod
    def refused_line() -> Label:
        """The `#refused` line show_refused writes in: hidden until the core refuses."""
        line = Label(id="refused", classes="refused")
        line.display = False
        return line

    def show_refused(self, reason: str) -> None:
        """Say in the dialog's `#refused` line why the core refused; the dialog stays open
        with what was typed, to be mended."""
        refused = self.query_one("#refused", Label)
        refused.update(literal(reason))
        refused.display = True

    def _take_keys(self) -> None:
        stack = self.app.screen_stack
        if len(stack) > 1 and stack[-1] is self and isinstance(stack[-2], HoldsKeys):
            stack[-2].pass_keys()
