"""Multi-step dialogs shared by the screens (run inside a worker: they await the dialogs)."""

from __future__ import annotations

from collections.abc import Callable

from meetingtui import wording
from meetingtui.ui.contract import MeetingAppBase
from meetingtui.ui.screens.pickers import ChoicePicker, TextPrompt

OTHER = "__other__"


async def ask_substitute(app: MeetingAppBase, member_id: str) -> tuple[str, str] | None:
    """A substitute for a member: one of the member's named ones, or a typed name and party."""
    member = app.secretary.agenda.member(member_id)
    choices = [
        (str(i), wording.member_label(p.name, p.party)) for i, p in enumerate(member.substitutes)
    ]
    choices.append((OTHER, "Anden stedfortræder (skriv navn og parti)…"))
    picked = await app.push_screen_wait(ChoicePicker(f"Stedfortræder for {member.name}", choices))
    if picked is None:
        return None
    if picked != OTHER:
        person = member.substitutes[int(picked)]
        return person.name, person.party
    name = await app.push_screen_wait(
        TextPrompt("Stedfortræderens navn", placeholder="Fornavn Efternavn")
    )
    if not name:
        return None
    party = await app.push_screen_wait(TextPrompt("Parti (bogstav eller løsgænger)", member.party))
    if party is None:
        return None
    return name, party.strip() or member.party


async def ask_time_until(app: MeetingAppBase, title: str, action: Callable[[str], object]) -> bool:
    """Ask for a time and run the action with it; on a refusal, ask again (Esc gives up)."""
    value = app.secretary.now_text()
    while True:
        typed = await ask_time(app, title, value)
        if typed is None:
            return False
        if app.act(action, typed).ok:
            return True
        value = typed


async def ask_time(app: MeetingAppBase, title: str, default: str) -> str | None:
    return await app.push_screen_wait(
        TextPrompt(title, default, hint="TT.MM · Enter gem · Esc fortryd")
    )
