"""The chair's page as a Starlette app: the page, its script and styles, and the event stream.

Routes (every one behind security.Guard, so every request needs the token):
`/` the page, `/app.js`, `/style.css`, `/state` the view as JSON, `/events` the view as
server-sent events: the whole view once on connecting, then again whenever it changes.
One background task polls the record (LiveView, in a worker thread: a fold of a long
record must not hold up the event loop) and wakes the streams.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
from collections.abc import AsyncIterator, Callable
from importlib import resources

import anyio.to_thread
from sse_starlette import EventSourceResponse, ServerSentEvent
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from meetingtui.web.live import LiveView
from meetingtui.web.security import Guard

POLL_SECONDS = 0.1  # a stat of the record (microseconds); reading it only when it changed
RETRY_MS = 1000  # how soon a page reconnects after losing the stream
PING_SECONDS = 15  # a comment line, so idle proxies and tablets keep the stream open


def asset(name: str) -> str:
    return (resources.files("meetingtui.web") / "static" / name).read_text(encoding="utf-8")


class Hub:
    """The latest view and a version number the streams wait on."""

    def __init__(self) -> None:
        self.text = ""
        self.version = 0
        self.changed = asyncio.Condition()

    async def publish(self, text: str) -> None:
        async with self.changed:
            self.text, self.version = text, self.version + 1
            self.changed.notify_all()

    def _newer_than(self, seen: int) -> Callable[[], bool]:
        return lambda: self.version != seen

    async def stream(self) -> AsyncIterator[ServerSentEvent]:
        seen = 0
        while True:
            async with self.changed:
                await self.changed.wait_for(self._newer_than(seen))
                seen, text = self.version, self.text
            yield ServerSentEvent(data=text, event="view", retry=RETRY_MS)


async def follow(live: LiveView, hub: Hub, poll: float = POLL_SECONDS) -> None:
    said = ""
    while True:
        try:
            text = await anyio.to_thread.run_sync(live.refresh) if live.due() else None
        except Exception as error:  # keep serving the last view; say it once
            line = f"meetingtui serve: {type(error).__name__}: {error}"
            if line != said:
                print(line, file=sys.stderr, flush=True)
                said = line
        else:
            if text is not None:
                await hub.publish(text)
        await asyncio.sleep(poll)


def create_app(live: LiveView, token: str, port: int, poll: float = POLL_SECONDS) -> Guard:
    hub = Hub()
    page = asset("index.html").replace("{{token}}", token)  # the token: URL-safe characters
    script, styles = asset("app.js"), asset("style.css")

    async def index(_request: Request) -> Response:
        return Response(page, media_type="text/html; charset=utf-8")

    async def app_js(_request: Request) -> Response:
        return Response(script, media_type="text/javascript; charset=utf-8")

    async def style_css(_request: Request) -> Response:
        return Response(styles, media_type="text/css; charset=utf-8")

    async def state(_request: Request) -> Response:
        return Response(hub.text or "{}", media_type="application/json; charset=utf-8")

    async def events(_request: Request) -> Response:
        return EventSourceResponse(hub.stream(), ping=PING_SECONDS)

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        first = await anyio.to_thread.run_sync(live.refresh)  # a view before the first page
        if first is not None:
            await hub.publish(first)
        task = asyncio.create_task(follow(live, hub, poll))
        try:
            yield
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    routes = [
        Route("/", index),
        Route("/app.js", app_js),
        Route("/style.css", style_css),
        Route("/state", state),
        Route("/events", events),
    ]
    return Guard(Starlette(routes=routes, lifespan=lifespan), token, port)
