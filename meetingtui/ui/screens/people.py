"""The main screen's actions on people: arrivals and departures (placed where they stand),
who does not take part, substitutes, votes and dissent. MainScreen binds their keys."""

from __future__ import annotations

from collections.abc import Callable

from meetingtui import attendance, labels, wording
from meetingtui.meeting import Seat
from meetingtui.ui import flows
from meetingtui.ui.screens.base import MeetingScreen, dialog_flow
from meetingtui.ui.screens.lock import ordinary_edit
from meetingtui.ui.screens.pickers import MemberPicker, PickedMember, ReasonPicker, TextPrompt


class PeopleActions(MeetingScreen[None]):
    def signing(self) -> bool:
        """The Underskriftsside is shown: it is signed, not decided (no decision, vote or
        dissent); True after saying so."""
        if self.secretary.state.item(self.secretary.viewing).item.kind != "underskriftsside":
            return False
        self.notify(labels.SIGNATURE_PAGE, severity="warning")
        return True

    def _members(self, where: Callable[[str, Seat], bool]) -> list[tuple[str, str]]:
        state = self.secretary.state
        return [
            (sid, wording.member_label(state.person(sid).name, state.person(sid).party))
            for sid, seat in state.seats.items()
            if where(sid, seat)
        ]

    @ordinary_edit
    @dialog_flow
    async def action_arrive(self) -> None:
        members = self._members(lambda sid, seat: not attendance.seat_in_room(seat))
        await self._pick("Hvem ankommer?", members, with_time=True, move="arrived")

    @ordinary_edit
    @dialog_flow
    async def action_leave(self) -> None:
        members = self._members(lambda sid, seat: attendance.seat_in_room(seat))
        await self._pick("Hvem går?", members, with_time=True, move="left")

    @ordinary_edit
    @dialog_flow
    async def action_not_taking_part(self) -> None:
        item = self.secretary.state.item(self.secretary.viewing)
        att = attendance.for_item(self.secretary.state, item.item.id)
        members = self._members(
            lambda sid, seat: sid in att.present and sid not in item.not_taking_part
        )
        picked = await self._pick("Hvem deltager ikke i dette punkt?", members)
        if not picked:
            return
        reason = await self.app.push_screen_wait(
            ReasonPicker(self.secretary.state.person(picked.member).name)
        )
        if reason:
            self.app.act(self.secretary.not_taking_part, picked.member, reason)

    @ordinary_edit
    @dialog_flow
    async def action_taking_part(self) -> None:
        item = self.secretary.state.item(self.secretary.viewing)
        members = self._members(lambda sid, seat: sid in item.not_taking_part)
        picked = await self._pick("Hvem deltager alligevel i punktet?", members)
        if picked:
            self.app.act(self.secretary.taking_part, picked.member)

    @ordinary_edit
    @dialog_flow
    async def action_substitute(self) -> None:
        members = self._members(lambda sid, seat: not attendance.seat_in_room(seat))
        picked = await self._pick("Stedfortræder for hvem?", members)
        if not picked:
            return
        person = await flows.ask_substitute(self.app, picked.member)
        if person:
            self.app.act(self.secretary.substitute, picked.member, *person)

    async def _pick(
        self,
        title: str,
        members: list[tuple[str, str]],
        with_time: bool = False,
        move: str | None = None,
    ) -> PickedMember | None:
        """Pick a member; `move` ("arrived"/"left"): the picker records the arrival or
        departure itself, where it shows it will stand (a refused time keeps it open)."""
        if not members:
            self.notify("Ingen at vælge imellem.", severity="warning")
            return None
        time = self.secretary.now_text() if with_time else None
        action = {"arrived": self.secretary.arrive, "left": self.secretary.leave}.get(move or "")
        return await self.app.push_screen_wait(MemberPicker(title, members, time, move, action))

    @ordinary_edit
    @dialog_flow
    async def action_vote(self) -> None:
        from meetingtui.ui.screens.vote import VoteScreen

        if self.signing():
            return
        result = await self.app.push_screen_wait(
            VoteScreen(self.secretary.state, self.secretary.viewing)
        )
        if result is not None:
            self.app.act(self.secretary.vote, result.in_favour, result.against, result.abstaining)

    @ordinary_edit
    @dialog_flow
    async def action_dissent(self) -> None:
        if self.signing():
            return
        att = attendance.for_item(self.secretary.state, self.secretary.viewing)
        members = self._members(lambda sid, seat: sid in att.taking_part)
        picked = await self._pick("Hvis afvigende mening skal tilføres protokollen?", members)
        if not picked:
            return
        name = self.secretary.state.person(picked.member).name
        text = await self.app.push_screen_wait(
            TextPrompt(
                f"Afvigende mening fra {name}: skriv kun selve bemærkningen",
                hint=f"Referatet skriver: {name} (…) ønskede følgende bemærkning tilført "
                'beslutningsprotokollen: "…" · Enter gem · Esc fortryd',
            )
        )
        if text:
            self.app.act(self.secretary.dissent, picked.member, text)
