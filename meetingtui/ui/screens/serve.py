"""The chair's page in a browser: pick the network, start the server, show its address.

The server is `meetingtui serve`, a process of its own (web/launch.py) that follows the
record read-only: it outlives the app, so the chair's tablet keeps the page while the app
restarts, and this screen finds it again. The address carries the page's token; the QR
code is the same address, for the tablet's camera.
"""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from meetingtui import paths
from meetingtui.errors import MeetingtuiError
from meetingtui.ui.literal import literal
from meetingtui.ui.screens.base import MeetingDialog
from meetingtui.web import launch
from meetingtui.web.address import qr_text
from meetingtui.web.interfaces import interfaces

INTRO = (
    "Formanden kan følge fremmøde og beslutningsdygtighed på en tablet (kun læsning). "
    "Vælg den netværksforbindelse, tabletten er på, og tryk Enter."
)
RUNNING = "Åbn adressen på formandens tablet, eller scan QR-koden. Den gælder kun denne side."
WARNING = "Adressen er en nøgle: vis den kun for formanden."


class ServeScreen(MeetingDialog[None]):
    CSS_PATH = "serve.tcss"
    BINDINGS = [
        Binding("escape,q", "dismiss", "Luk"),
        Binding("s", "stop", "Stop siden"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="serve-box"):
            yield Label("Formandens skærm i en browser", classes="dialog-title")
            yield Static(INTRO, id="serve-intro")
            yield OptionList(
                *(Option(literal(i.label), id=i.address) for i in interfaces()),
                id="serve-interfaces",
            )
            yield Static(id="serve-problem")
            yield Static(id="serve-address")
            yield Static(id="serve-qr")
            yield Label("Enter start · s stop · Esc luk (siden kører videre)", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#serve-qr").display = False
        self.query_one(OptionList).focus()
        self.find_running()

    def _record(self) -> Path:
        return Path(self.secretary.record.path)

    def _agenda(self) -> Path:
        return self.secretary.agenda.path or paths.DEMO_AGENDA

    @work(thread=True, exclusive=True, group="serve")
    def find_running(self) -> None:
        found = launch.running(self._record())
        if found is not None:
            self.app.call_from_thread(self.show, found)

    @on(OptionList.OptionSelected, "#serve-interfaces")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.query_one("#serve-problem", Static).update(literal("Starter …"))
            self.start(event.option.id)

    @work(thread=True, exclusive=True, group="serve")
    def start(self, host: str) -> None:
        try:
            found = launch.start(self._agenda(), self._record(), host)
        except (MeetingtuiError, OSError) as error:
            self.app.call_from_thread(self.problem, f"Siden kunne ikke starte: {error}")
            return
        self.app.call_from_thread(self.show, found)

    def show(self, found: launch.Running) -> None:
        self.query_one("#serve-problem", Static).update("")
        self.query_one("#serve-intro", Static).update(literal(f"{RUNNING} {WARNING}"))
        self.query_one("#serve-address", Static).update(literal(found.url))
        qr = self.query_one("#serve-qr", Static)
        qr.update(literal(qr_text(found.url).rstrip("\n"), multiline=True))
        qr.display = True

    def problem(self, text: str) -> None:
        self.query_one("#serve-problem", Static).update(literal(text))

    def action_stop(self) -> None:
        self.stop_server()

    @work(thread=True, exclusive=True, group="serve")
    def stop_server(self) -> None:
        stopped = launch.stop(self._record())
        self.app.call_from_thread(self.stopped, stopped)

    def stopped(self, stopped: bool) -> None:
        self.query_one("#serve-intro", Static).update(literal(INTRO))
        self.query_one("#serve-address", Static).update("")
        self.query_one("#serve-qr").display = False
        self.problem("Siden er stoppet." if stopped else "Siden kørte ikke.")
