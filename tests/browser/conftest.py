"""A real Chromium (Debian's, driven by Playwright) against a real participant server on 127.0.0.1."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from cafe_desk.core.model import Plan, RoundSpec

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = Path("/tmp/shots")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
PHONE = {"width": 390, "height": 844}
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
OUTCOMES = ["More peer support groups", "Shorter waiting lists", "Talking therapies in schools"]


def plan(vote_method: str = "dots") -> Plan:
    """A small café with three outcomes to vote on."""
    return Plan(title="Perth mental health café", date="2026-03-14", locality="Perth",
                tables=[(1, "Window"), (2, "")], rounds=[RoundSpec("What helps you look after your mental health?")],
                outcomes=list(OUTCOMES), vote_method=vote_method, dots_per_person=3)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian's Chromium is not installed at /usr/bin/chromium (`./dev test` installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def phone(browser):
    """`phone(js=True, bypass_csp=False, viewport=PHONE, scale=1)` opens a fresh browser profile and gives a page."""
    contexts = []

    def open_page(*, js: bool = True, bypass_csp: bool = False, viewport: dict | None = None, scale: float = 1):
        context = browser.new_context(viewport=viewport or PHONE, device_scale_factor=scale, java_script_enabled=js,
                                      bypass_csp=bypass_csp, locale="en-GB")
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


class Events:
    """What the server reported through `on_event` (called from its own thread)."""

    def __init__(self) -> None:
        self.items: list[tuple[str, dict]] = []
        self.lock = threading.Lock()

    def __call__(self, kind: str, data: dict) -> None:
        with self.lock:
            self.items.append((kind, dict(data)))

    def kinds(self) -> list[str]:
        with self.lock:
            return [kind for kind, _ in self.items]


@pytest.fixture
def serve(db_path, services):
    """`serve(cafe_id)` starts a real ParticipantServer on 127.0.0.1 for that café (stopped after the test)."""
    from cafe_desk.server.runner import ParticipantServer
    from cafe_desk.services import Services

    servers = []

    def start(cafe_id: str) -> ParticipantServer:
        events = Events()
        server = ParticipantServer(Services.opener_for(db_path), cafe_id, host="127.0.0.1", port=0, on_event=events)
        server.start()
        server.events = events
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def running_cafe(services):
    """`running_cafe(vote_method)` plans a café and starts its first round; returns the Cafe."""

    def make(vote_method: str = "dots"):
        cafe, _ = services.planning.create(plan(vote_method))
        services.running.start(cafe.id)
        return cafe

    return make


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"phone_{name}.png"), full_page=True)


def check_axe(page, name: str) -> None:
    """Inject axe-core and assert the page has no WCAG 2.2 A/AA violations (listed readably when it has)."""
    if not AXE.exists():
        pytest.skip("node_modules/axe-core is missing: run `npm ci` (`./dev test` does)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG)
    lines = []
    for v in result["violations"]:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl'].split('?')[0]})")
        for node in v["nodes"][:5]:
            lines.append(f"    {json.dumps(node['target'])}: {node['html'][:160]}")
            if node.get("failureSummary"):
                lines.append("      " + node["failureSummary"].replace("\n", "\n      "))
    assert not lines, f"axe found WCAG problems on the {name} page:\n" + "\n".join(lines)
