"""The footer of keys, redrawn only when the keys it shows change."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.widgets import Footer

if TYPE_CHECKING:
    from textual.screen import Screen

Shown = tuple[tuple[object, ...], ...]


class KeyFooter(Footer):
    """Textual's Footer, recomposed only when what it would show has changed.

    Textual's Footer shows no keys in the screen's first frame, then rebuilds all its key
    widgets after every change of focus or of the screen stack, whether or not the keys
    shown changed. Opening a meeting rebuilt the main screen's ten keys three times
    (about 25 ms each), and each rebuild cost frames before the screen settled. Here the
    keys are composed with the screen, the requests made before a refresh come to one,
    and it rebuilds the keys only if the screen's shown bindings (or whether they are
    enabled, or their tooltips) differ from those last composed.
    """

    _composed: Shown | None = None
    _pending = False

    def _shown(self) -> Shown:
        """What compose would show: the screen's shown bindings, and the palette's key."""
        palette = self.app.COMMAND_PALETTE_BINDING
        return tuple(
            (key, binding.action, binding.description, binding.group, enabled, tooltip)
            for key, (_node, binding, enabled, tooltip) in self.screen.active_bindings.items()
            if binding.show or key == palette
        ) + ((self.show_command_palette, self.app.ENABLE_COMMAND_PALETTE),)

    def compose(self) -> ComposeResult:
        # The screen's keys are its class's bindings, known when it is composed: shown in
        # its first frame (Textual's Footer waits for a first change, a frame later).
        self.set_reactive(Footer._bindings_ready, True)
        self._composed = self._shown()
        yield from super().compose()

    def bindings_changed(self, screen: Screen[object]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus or self._pending:
            return
        if self.is_attached and screen is self.screen:
            self._pending = True
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        self._pending = False
        if self.is_attached and self._shown() != self._composed:
            await self.recompose()
