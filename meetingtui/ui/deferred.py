"""The screens and dialogs that are not in the first frame, loaded once it is drawn.

Opening a meeting loads only what its first frame shows (tests/test_ui_first_frame.py),
and each screen imports its dialogs where it opens them. The rest is loaded a second
later, while the secretary reads the screen: no key pressed during the meeting then
depends on reading more of the program from disk (a USB stick pulled out, a program
upgraded under a running meeting). The Word and PDF writers stay loaded at their first
export, as before: they are large, and an export names its problem if it cannot run.
"""

from __future__ import annotations


def load_the_rest() -> None:
    """Import every screen and dialog, and the core modules only they use."""
    from meetingtui import approval  # noqa: F401
    from meetingtui.ui import commands  # noqa: F401
    from meetingtui.ui.screens import (  # noqa: F401
        add_item,
        approve,
        chair_panel,
        correction,
        export,
        form,
        help,
        history,
        home,
        main,
        pickers,
        preview,
        rollcall,
        serve,
        vote,
    )
