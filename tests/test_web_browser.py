"""The chair's page in a real headless Chromium, against `meetingtui serve` on 127.0.0.1.

Debian's chromium and chromium-driver (`apt-get install chromium chromium-driver`), run as
root with --no-sandbox. Without them these tests skip, saying why, except under CI=true,
where they fail: CI installs the browser, so a skip there would hide a broken page.

`python tests/test_web_browser.py --screenshot docs/chair-page.png` retakes the README's
screenshot (1024x768) of a meeting under way.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pendulum
import pytest

from meetingtui import agenda as agenda_mod
from meetingtui import paths
from meetingtui.record import MeetingRecord
from meetingtui.secretary import Secretary

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
CANARY = "KANARIE-LUKKET-7f3a"  # written into every field of the closed item that may hold text
CLOSED_CASE = "talegenkendelse og digital diktering"  # from the demo's closed item's case text


# -- a meeting under way, made through the app's core ------------------------------------------


class Clock:
    def __init__(self, moment: pendulum.DateTime):
        self.moment = moment

    def __call__(self) -> pendulum.DateTime:
        return self.moment


def agenda_on(directory: Path, start: pendulum.DateTime) -> Path:
    """The demo agenda moved to `start` (a date and time of day)."""
    text = paths.DEMO_AGENDA.read_text(encoding="utf-8")
    text = text.replace("date = 2025-11-20", f"date = {start.format('YYYY-MM-DD')}", 1)
    text = text.replace("start = 10:00:00", f"start = {start.format('HH:mm')}:00", 1)
    path = directory / "agenda.toml"
    path.write_text(text, encoding="utf-8")
    return path


def secretary_for(agenda_path: Path, record: Path, start: pendulum.DateTime) -> Secretary:
    agenda = agenda_mod.load(agenda_path)
    return Secretary(agenda, MeetingRecord(record, agenda.sha256), now=Clock(start))


def at(secretary: Secretary, minutes: int) -> str:
    """The time `minutes` after the meeting's start, as typed ('10.40'); the clock moves on."""
    start = secretary.agenda.meeting.start
    moment = start.add(minutes=minutes)
    secretary.now.moment = moment.add(seconds=30)  # type: ignore[attr-defined]
    return moment.format("HH.mm")


def meeting_under_way(secretary: Secretary) -> None:
    """Roll call with afbud, uden afbud, kommer senere and a substitute; item 1 decided; the
    closed item 2 with a decision, a vote, a dissent and a public summary (each holding the
    canary); item 3 under way with a member inhabil and one who left."""
    secretary.set_roll("jens-wistoft", "afbud")
    secretary.substitute("jens-wistoft", "Mette Lykke Skov", "V")
    secretary.set_roll("anne-marie-geisler-andersen", "later")
    secretary.set_roll("karsten-byrgesen", "absent")
    secretary.open_meeting(at(secretary, 0))
    secretary.go_to("delstrategier", time=at(secretary, 0))
    secretary.set_decision("Indstillingen godkendt.")
    secretary.go_to("udbudsproces", time=at(secretary, 25))
    secretary.set_decision(f"Godkendt med ændringer. {CANARY}-beslutning")
    secretary.vote(["anja-lund", "meho-selman"], ["lars-mogensen"], [])
    secretary.dissent("lars-mogensen", f"Ønsker sin stemme ført til protokol. {CANARY}-dissens")
    secretary.set_summary(f"Udvalget drøftede udbuddet. {CANARY}-resumé")
    secretary.go_to("internationalt-samarbejde", time=at(secretary, 50))
    secretary.not_taking_part("meho-selman", "inhabil")
    secretary.leave("lars-mogensen", at(secretary, 60))


# -- the server --------------------------------------------------------------------------------


@contextmanager
def serving(agenda: Path, record: Path, env: dict[str, str] | None = None):
    """`meetingtui serve` on 127.0.0.1 and a free port; yields (process, url)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "meetingtui", "serve", str(agenda), "--record", str(record)]
        + ["--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        found = re.search(r"http://\S+", line)
        if not found:
            process.kill()
            raise AssertionError(f"no address printed: {line!r} {process.communicate()[1]}")
        yield process, found.group(0)
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# -- the browser -------------------------------------------------------------------------------


def browser_missing() -> str | None:
    for path in (CHROMIUM, CHROMEDRIVER):
        if not Path(path).exists():
            return f"{path} is not installed (apt-get install chromium chromium-driver)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install '.[test]')"
    return None


def needs_browser() -> None:
    missing = browser_missing()
    if missing is None:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI must run the browser tests: {missing}")
    pytest.skip(missing)


@contextmanager
def chromium(width: int = 1024, height: int = 768, dark: bool = False):
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        f"--window-size={width},{height}",
        "--force-device-scale-factor=1",
    ):
        options.add_argument(argument)
    if dark:
        options.add_argument("--blink-settings=preferredColorScheme=0")
        options.add_argument("--force-dark-mode")
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.execute_cdp_cmd(  # the page's viewport exactly (the window has no frame headless)
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
    )
    try:
        yield driver
    finally:
        driver.quit()


def text_of(driver) -> str:
    return driver.find_element("tag name", "body").text


def wait_for(driver, predicate, seconds: float = 10.0, step: float = 0.02) -> float:
    """Seconds until `predicate(page text)` held; fails after `seconds`."""
    started = time.monotonic()
    while True:
        shown = text_of(driver)
        if predicate(shown):
            return time.monotonic() - started
        if time.monotonic() - started > seconds:
            raise AssertionError(f"the page never showed it; it shows:\n{shown}")
        time.sleep(step)


@pytest.fixture
def meeting(tmp_path):
    start = pendulum.datetime(2025, 11, 20, 10, 0, tz="Europe/Copenhagen")
    agenda = agenda_on(tmp_path, start)
    record = tmp_path / "m.record"
    secretary = secretary_for(agenda, record, start)
    meeting_under_way(secretary)
    yield agenda, record, secretary
    secretary.record.close()


# -- the tests ---------------------------------------------------------------------------------


def test_the_page_names_the_members_quorum_and_item_under_way(meeting):
    needs_browser()
    agenda, record, _secretary = meeting
    with serving(agenda, record) as (_process, url), chromium() as driver:
        driver.get(url)
        wait_for(driver, lambda shown: "beslutningsdygtigt" in shown)
        shown = text_of(driver)
        # 4 of 7 in the room; in item 3 Meho Selman is inhabil and Lars Mogensen left
        assert "NEJ, ikke beslutningsdygtigt" in shown
        assert "(3 deltager, 4 kræves)" in shown
        assert "Til stede: 4 af 7 medlemmer." in shown
        assert "Ikke beslutningsdygtigt fra Punkt 3" in shown
        for name in ("Anja Lund", "Henriette Schlesinger Kærgaard", "Mette Lykke Skov"):
            assert name in shown
        assert "Nu: Punkt 3: Orientering om Region Syddanmarks internationale" in shown
        assert "Meho Selman" in shown and "inhabil" in shown
        assert "kommer senere" in shown and "fraværende uden afbud" in shown
        assert "afbud, stedfortræder: Mette Lykke Skov" in shown
        assert "Lars Mogensen gik kl. 11.00 (punkt 3)" in shown
        assert "lukket" in shown and "Udbudsproces" in shown  # its title, as in the referat


def test_a_registration_reaches_the_page_within_a_second(meeting):
    needs_browser()
    agenda, record, secretary = meeting
    with serving(agenda, record) as (_process, url), chromium() as driver:
        driver.get(url)
        wait_for(driver, lambda shown: "Til stede: 4 af 7 medlemmer." in shown)
        time.sleep(0.6)  # the page is settled: what follows is the registration alone
        secretary.arrive("anne-marie-geisler-andersen", at(secretary, 65))
        elapsed = wait_for(driver, lambda shown: "Til stede: 5 af 7 medlemmer." in shown)
        assert elapsed < 1.0, f"{elapsed:.2f} s from the registration to the page"
        assert "Anne Marie Geisler Andersen ankom kl. 11.05 (punkt 3)" in text_of(driver)


def test_no_closed_item_content_reaches_the_browser(meeting):
    needs_browser()
    agenda, record, _secretary = meeting
    with serving(agenda, record) as (_process, url), chromium() as driver:
        driver.get(url)
        wait_for(driver, lambda shown: "beslutningsdygtigt" in shown)
        source = driver.page_source
        base = url.split("/?")[0]
        driver.get(f"{base}/state?t={url.split('t=')[1]}")
        state = driver.page_source
    for seen in (source, state):
        assert CANARY not in seen
        assert CLOSED_CASE not in seen
        assert "25/40123" not in seen  # the closed item's case number


def test_the_page_says_when_the_record_is_not_written_any_more(meeting):
    needs_browser()
    agenda, record, secretary = meeting
    with serving(agenda, record) as (_process, url), chromium() as driver:
        driver.get(url)
        wait_for(driver, lambda shown: "beslutningsdygtigt" in shown)
        assert "skrives ikke længere" not in text_of(driver)
        secretary.record.close()  # the secretary's app quits: its lock goes
        wait_for(driver, lambda shown: "Referatet skrives ikke længere" in shown, seconds=6)
        again = secretary_for(agenda, record, secretary.now())  # the app is opened again
        try:
            wait_for(driver, lambda shown: "skrives ikke længere" not in shown, seconds=6)
            again.arrive("anne-marie-geisler-andersen", at(again, 66))
            wait_for(driver, lambda shown: "Til stede: 5 af 7 medlemmer." in shown, seconds=3)
        finally:
            again.record.close()


def test_the_browser_is_refused_without_the_token(meeting):
    needs_browser()
    agenda, record, _secretary = meeting
    with serving(agenda, record) as (_process, url), chromium() as driver:
        base = url.split("/?")[0]
        for wrong in (f"{base}/", f"{base}/?t=forkert", f"{base}/events"):
            driver.get(wrong)
            shown = text_of(driver)
            assert "Adgang nægtet" in shown
            assert "Anja Lund" not in driver.page_source


def test_a_page_of_another_origin_cannot_read_it(meeting, tmp_path):
    """A page from elsewhere (here another port: another origin) that knows the address
    tries to read the state and the event stream: refused."""
    import http.server
    import threading

    needs_browser()
    agenda, record, _secretary = meeting
    (tmp_path / "www").mkdir()
    (tmp_path / "www" / "index.html").write_text("<!doctype html><title>Andet sted</title>")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(tmp_path / "www"), **kwargs)

        def log_message(self, *args):
            pass

    other = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    threading.Thread(target=other.serve_forever, daemon=True).start()
    script = """
        const [url, done] = arguments;
        const base = url.split("/?")[0], query = "?" + url.split("?")[1];
        const out = {};
        fetch(base + "/state" + query)
          .then((r) => r.text().then((t) => { out.fetch = r.status + " " + t.slice(0, 40); }))
          .catch((e) => { out.fetch = "refused: " + e.name; })
          .then(() => {
            const source = new EventSource(base + "/events" + query);
            source.onmessage = source.onopen = () => { out.stream = "open"; };
            source.onerror = () => { out.stream = out.stream || "refused"; source.close();
                                     done(out); };
            setTimeout(() => done(out), 4000);
          });
    """
    try:
        with serving(agenda, record) as (_process, url), chromium() as driver:
            driver.get(f"http://127.0.0.1:{other.server_address[1]}/index.html")
            driver.set_script_timeout(10)
            result = driver.execute_async_script(script, url)
    finally:
        other.shutdown()
    assert result["fetch"].startswith("refused"), result
    assert result["stream"] == "refused", result


def test_names_are_shown_as_written_never_as_markup(tmp_path):
    """A substitute typed as HTML is shown as those characters; nothing of it runs."""
    needs_browser()
    start = pendulum.datetime(2025, 11, 20, 10, 0, tz="Europe/Copenhagen")
    agenda = agenda_on(tmp_path, start)
    record = tmp_path / "m.record"
    secretary = secretary_for(agenda, record, start)
    name = '<img src=x onerror="document.title=1">Ida <b>Holm</b>'
    secretary.set_roll("jens-wistoft", "afbud")
    secretary.substitute("jens-wistoft", name, "V")
    try:
        with serving(agenda, record) as (_process, url), chromium() as driver:
            driver.get(url)
            wait_for(driver, lambda shown: "Ida" in shown)
            assert name in text_of(driver)
            assert driver.find_elements("css selector", "#people img, #people b") == []
            assert driver.title != "1"
    finally:
        secretary.record.close()


# -- the README's screenshot -------------------------------------------------------------------


def screenshot(target: Path, dark: bool = False) -> None:
    """A meeting under way today (so its running time shows), at tablet size."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        directory = Path(folder)
        os.environ["MEETINGTUI_DATA_DIR"] = str(directory / "data")
        start = pendulum.now("Europe/Copenhagen").subtract(minutes=75).start_of("minute")
        agenda = agenda_on(directory, start)
        record = directory / "m.record"
        secretary = secretary_for(agenda, record, start)
        meeting_under_way(secretary)
        with serving(agenda, record) as (_process, url), chromium(dark=dark) as driver:
            driver.get(url)
            wait_for(driver, lambda shown: "beslutningsdygtigt" in shown)
            time.sleep(0.5)
            driver.save_screenshot(str(target))
        secretary.record.close()


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "--screenshot":
        screenshot(Path(sys.argv[2]), dark="--dark" in sys.argv)
        print(f"wrote {sys.argv[2]}")
    else:
        print(__doc__)
        sys.exit(2)
