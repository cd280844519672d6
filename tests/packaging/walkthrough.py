"""What a newcomer does first with an installed Café Desk, as real processes on data folders of their own: anonymise
a line, list cafés, open the demo, open the demo café to phones on 127.0.0.1 and send one comment, export the café
and import it at a central desk. Run the same way against the checkout, the installed wheel and the built app."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

TIMEOUT = 120


@dataclass
class CafeDesk:
    """How to run `cafe-desk`: the command that stands for it, its environment and working folder."""

    command: list[str]
    env: dict[str, str]
    cwd: Path
    ran: list[list[str]] = field(default_factory=list)

    def run(self, *args: str, stdin: str | None = None) -> str:
        """Run `cafe-desk ARGS`; its standard output. Fails the test, with what it printed, unless it exits 0."""
        self.ran.append(list(args))
        result = subprocess.run([*self.command, *args], input=stdin, capture_output=True, encoding="utf-8",
                                env=self.env, cwd=self.cwd, timeout=TIMEOUT)
        assert result.returncode == 0, f"cafe-desk {' '.join(args)} exited {result.returncode}: {result.stderr}"
        return result.stdout

    def start(self, *args: str) -> subprocess.Popen:
        self.ran.append(list(args))
        return subprocess.Popen([*self.command, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                encoding="utf-8", env=self.env, cwd=self.cwd)


def post_comment(url: str, text: str) -> None:
    """Open the comment page at `url` as a phone would and send `text` with consent; it must thank the sender."""
    assert url.startswith("http://127.0.0.1:")
    base = url[:url.index("/", len("http://"))]
    with httpx.Client(base_url=base, follow_redirects=False, timeout=30) as phone:
        page = phone.get(url)
        assert page.status_code == 200, page.text
        token = re.search(r'name="csrf" value="([^"]+)"', page.text)
        assert token, "the comment page has no form"
        sent = phone.post(url + "/comment", data={"csrf": token.group(1), "comment": text, "consent": "yes"})
        assert sent.status_code == 303 and sent.headers["location"].endswith("/thanks"), sent.text
        assert phone.get(sent.headers["location"]).status_code == 200


def serve_one_comment(app: CafeDesk, data: Path, code: str, text: str) -> None:
    """`cafe-desk serve` on 127.0.0.1: the first line is the link; one comment sent; then stopped as Ctrl+C would."""
    server = app.start("--data-dir", str(data), "serve", code, "--host", "127.0.0.1", "--port", "0")
    try:
        url = server.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:"), server.stderr.read() if server.poll() is not None else url
        post_comment(url, text)
    finally:
        server.terminate()
        server.wait(timeout=TIMEOUT)


def walk_through(app: CafeDesk, show_demo: Callable[[Path], None], work: Path) -> dict:
    """The newcomer's first steps with `app`; `show_demo(data_dir)` opens the demo and returns once its window was
    shown. What was seen, for the caller to compare."""
    seen: dict = {}
    redacted = app.run("anonymise", stdin="Call Sarah Smith on 07700 900123\n")
    assert redacted == "Call [NAME] on [PHONE]\n"

    laptop, central = work / "laptop", work / "central"
    assert json.loads(app.run("--data-dir", str(laptop), "cafes", "--json")) == []
    show_demo(laptop)
    (demo,) = json.loads(app.run("--data-dir", str(laptop), "cafes", "--json"))
    assert "demo café" in demo["title"]
    before = json.loads(app.run("--data-dir", str(laptop), "status", demo["short_code"], "--json"))

    serve_one_comment(app, laptop, demo["short_code"], "Evening drop-ins would help me most.")
    after = json.loads(app.run("--data-dir", str(laptop), "status", demo["short_code"], "--json"))
    assert after["comments"] == before["comments"] + 1

    key = work / "keys" / "central.key"
    public = app.run("keygen", "--out", str(key)).strip()
    assert public.startswith("age1")
    bundle = work / "out" / "demo.cafe"
    bundle.parent.mkdir()
    app.run("--data-dir", str(laptop), "export", demo["short_code"], "--recipient", public, "--out", str(bundle))
    assert bundle.stat().st_size > 0
    app.run("--data-dir", str(central), "import", "--identity", str(key), str(bundle))
    (imported,) = json.loads(app.run("--data-dir", str(central), "cafes", "--json"))
    assert imported["title"] == demo["title"]
    seen.update(demo=demo, comments=after["comments"], bundle=bundle, key=key)
    return seen
