"""The footer of keys: the screen's keys on one line, drawn by one widget."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from rich.style import Style
from rich.text import Text
from textual import events
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.screen import Screen


class Key(NamedTuple):
    """One key as the footer shows it."""

    key: str
    display: str
    description: str
    enabled: bool


class KeyFooter(Widget, can_focus=False):
    """The screen's keys at the bottom, as Textual's Footer shows them: each key, then
    what it does, and the command palette's key on the right.

    Textual's Footer makes a widget per key (and a container), mounts them a frame after
    the screen's first, and rebuilds them at every change of focus: with the main screen's
    ten keys, about 50 ms of a start-up went to mounting, styling and laying them out.
    Here the line is rendered by this one widget from the screen's active bindings, in
    the screen's first frame, and rendered again when the bindings change. The look is
    Footer's (its colours, its spacing; tests/test_ui_snapshots.py compares the screens),
    and a click on a key presses it, as in Footer. Not kept: Footer's hover highlight and
    tooltips (the app is run from the keyboard; F1 lists every key).
    """

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"key-footer--key", "key-footer--description", "key-footer--border"}
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        .key-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .key-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .key-footer--border {
            color: $foreground 20%;
        }
    }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if screen is self.screen:
            self.refresh()

    # -- what is shown ----------------------------------------------------------------------
    def keys(self) -> list[Key]:
        """The shown keys, in the screen's order: one per action (its first key), as Footer."""
        found: dict[str, Key] = {}
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if binding.show and binding.action not in found:
                display = self.app.get_key_display(binding)
                found[binding.action] = Key(binding.key, display, binding.description, enabled)
        return list(found.values())

    def palette_key(self) -> Key | None:
        """The command palette's key, shown on the right (None: no palette)."""
        if not self.app.ENABLE_COMMAND_PALETTE:
            return None
        active = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
        if active is None:
            return None
        _node, binding, enabled, _tooltip = active
        return Key(binding.key, self.app.get_key_display(binding), binding.description, enabled)

    def render(self) -> Text:
        width = self.size.width
        right = self._palette_text()
        line = Text(no_wrap=True, end="")
        for key in self.keys():
            line.append_text(self._key_text(key))
        line.truncate(max(width - right.cell_len, 0), pad=True)
        line.append_text(right)
        return line

    def _palette_text(self) -> Text:
        palette = self.palette_key()
        if palette is None:
            return Text()
        border = Text("▏", self.get_component_rich_style("key-footer--border"))
        return border + self._key_text(palette, compact=True) + " "

    def _key_text(self, key: Key, compact: bool = False) -> Text:
        """A key as Footer draws it: ' n ' then 'Næste ', or compact (the palette's):
        '^k' then ' palette'; a disabled key dimmed."""
        if compact:
            shown_key, shown_description = key.display, f" {key.description}"
        else:
            shown_key, shown_description = f" {key.display} ", f"{key.description} "
        dim = Style(dim=not key.enabled)
        key_style = self.get_component_rich_style("key-footer--key") + dim
        if not key.description:
            return Text(key.display, key_style)
        description_style = self.get_component_rich_style("key-footer--description") + dim
        return Text.assemble((shown_key, key_style), (shown_description, description_style))

    # -- a click presses the key ------------------------------------------------------------
    def on_mouse_down(self, event: events.MouseDown) -> None:
        key = self.key_at(event.x)
        if key is None:
            return
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()

    def key_at(self, x: int) -> Key | None:
        """The key drawn at column `x`, if any."""
        start = 0
        for key in self.keys():
            end = start + self._key_text(key).cell_len
            if start <= x < end:
                return key
            start = end
        palette = self.palette_key()
        if palette is not None and x >= self.size.width - self._palette_text().cell_len:
            return palette
        return None
