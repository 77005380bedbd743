"""Preview the referat in the app: one item as it will read, or the whole document.

Worded as the export words it: the body file's wording choices (`export.house`), the
reference's where the agenda has no body file. A body file that cannot be read any more
(changed on disk since the agenda was loaded) is said in one line, and the preview falls
back on the reference's wording; the export would refuse with the same line.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Label, Static

from meetingtui import wording
from meetingtui.errors import ExportError
from meetingtui.export import house
from meetingtui.meeting import MeetingState
from meetingtui.minutes import build
from meetingtui.minutes.build import item_blocks
from meetingtui.minutes.model import Minutes
from meetingtui.minutes.terminal import renderable
from meetingtui.terminal_text import Printable
from meetingtui.ui.literal import literal
from meetingtui.ui.screens.base import MeetingDialog


class PreviewScreen(MeetingDialog[None]):
    BINDINGS = [
        Binding("escape,w,q", "dismiss", "Luk"),
        Binding("o", "variant(False)", "Offentlig udgave"),
        Binding("f", "variant(True)", "Fuld udgave"),
    ]

    def __init__(self, state: MeetingState, item_id: str | None):
        super().__init__()
        self.state = state
        self.item_id = item_id
        self.choices = wording.REFERENCE  # the body's, read on mount

    def compose(self) -> ComposeResult:
        yield Label(id="preview-title", classes="dialog-title")
        with VerticalScroll(id="preview"):
            yield Static(id="preview-body")
        yield Label("o offentlig · f fuld udgave · ↑↓ PgUp PgDn rul · Esc luk", classes="hint")

    def on_mount(self) -> None:
        try:
            self.choices = house(self.state.agenda)[1]
        except ExportError as error:
            self.choices = wording.REFERENCE
            self.notify(
                f"{error} (forhåndsvisningen bruger referencens ordvalg)",
                severity="warning",
                markup=False,
            )
        self.action_variant(False)
        self.query_one("#preview").focus()

    def action_variant(self, full: bool) -> None:
        if self.item_id is None:
            minutes = build(self.state, full=full, choices=self.choices)
            title = "Hele referatet"
        else:
            minutes = Minutes("", "", "", full)
            item = self.state.item(self.item_id)
            minutes.add(*item_blocks(self.state, item, full, choices=self.choices))
            title = f"Punkt {self.state.number(self.item_id)} som i referatet"
        variant = "fuld udgave (fortrolig)" if full else "offentlig udgave"
        self.query_one("#preview-title", Label).update(literal(f"{title}, {variant}"))
        # The referat's renderable shows text literally (rich Text); Printable keeps the
        # control characters an old record may hold from the terminal.
        self.query_one("#preview-body", Static).update(Printable(renderable(minutes)))
