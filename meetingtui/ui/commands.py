"""The command palette: every action bound on the current screen, by its Danish name."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


class ActionCommands(Provider):
    def _commands(self):
        screen = self.screen
        seen = set()
        for binding in getattr(screen, "BINDINGS", []):
            key, action, description = binding.key, binding.action, binding.description
            if not description or action in seen:
                continue
            seen.add(action)
            keys = key.split(",")[0]
            yield f"{description} ({keys})", partial(screen.run_action, action)

    async def discover(self) -> Hits:
        for title, run in self._commands():
            yield DiscoveryHit(title, run)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, run in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), run)
