"""The base of every screen and dialog: `self.app` typed as the meeting app's contract."""

from __future__ import annotations

from typing import TypeVar

from textual import getters
from textual.screen import ModalScreen, Screen

from meetingtui.secretary import Secretary
from meetingtui.ui.contract import MeetingAppBase

ResultT = TypeVar("ResultT")


class MeetingScreen(Screen[ResultT]):
    """A full screen of the meeting app."""

    app = getters.app(MeetingAppBase)

    @property
    def secretary(self) -> Secretary:
        return self.app.secretary


class MeetingDialog(ModalScreen[ResultT]):
    """A modal screen of the meeting app; dismissed with a ResultT (or None)."""

    app = getters.app(MeetingAppBase)

    @property
    def secretary(self) -> Secretary:
        return self.app.secretary
