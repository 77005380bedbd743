"""The command palette: every action bound on the current screen, by its Danish name."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from meetingtui.ui.screens.help import bindings_of


class ActionCommands(Provider):
    def _commands(self) -> Iterator[tuple[str, Callable[[], object]]]:
        screen = self.screen
        seen = set()
        for binding in bindings_of(screen):
            key, action, description = binding.key, binding.action, binding.description
            if not description or action in seen:
                continue
            seen.add(action)
            keys = key.split(",")[0]
            yield f"{description} ({keys})", partial(screen.run_action, action)

    async def discover(self) -> Hits:
        for title, run in self._commands():
            yield DiscoveryHit(Content(title), run)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, run in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), run)
