"""`cafe-desk serve` as a real process: the first line is the participant URL on 127.0.0.1, and it answers; and the
address its links give when listening on every address."""

from __future__ import annotations

import os
import subprocess
import sys

import httpx
import pytest

from cafe_desk.core.errors import UserError
from cafe_desk.server.addresses import best_address, listen_host, phone_base_url
from cafe_desk.services import Services
from cafe_desk.settings import ENV_DATA, Settings
from cafe_desk.storage.store import Store
from tests.conftest import mental_health_plan
from tests.test_cli import ROOT


def serving(tmp_path):
    """(a café made in a fresh data folder, its link token, `cafe-desk serve` running on it on 127.0.0.1)."""
    data_dir = tmp_path / "data"
    services = Services.build(Store(Settings(data_dir).db_path))
    cafe = services.planning.create(mental_health_plan(services))[0]
    token = services.channel.settings(cafe.id).token
    services.store.close()
    env = {k: v for k, v in os.environ.items() if k != ENV_DATA}
    proc = subprocess.Popen([sys.executable, "-m", "cafe_desk", "--data-dir", str(data_dir), "serve", cafe.short_code,
                             "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            cwd=ROOT)
    return cafe, token, proc


def test_serve_prints_the_url_first_and_serves_it(tmp_path):
    cafe, token, proc = serving(tmp_path)
    try:
        url = proc.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:") and url.endswith(f"/c/{token}")
        assert proc.stdout.readline().startswith("Vote page: http://127.0.0.1:")
        page = httpx.get(url, timeout=10)
        assert page.status_code == 200 and cafe.title in page.text
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_serve_an_unknown_cafe_is_a_plain_error(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != ENV_DATA}
    result = subprocess.run([sys.executable, "-m", "cafe_desk", "--data-dir", str(tmp_path / "d"), "serve", "NOPE",
                             "--port", "0"], capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == ("cafe-desk: There is no café 'NOPE' here. `cafe-desk cafes` lists the ones there "
                             "are.\n")


def test_serve_help_says_how_phones_reach_it():
    result = subprocess.run([sys.executable, "-m", "cafe_desk", "serve", "--help"], capture_output=True, text=True,
                            cwd=ROOT, timeout=60)
    assert "--host 0.0.0.0" in " ".join(result.stdout.split())


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "", "0:0:0:0:0:0:0:0"])
def test_serve_on_every_address_links_to_the_laptops_best_address(host):
    assert phone_base_url(host, 8765, best=lambda: "192.168.4.1") == "http://192.168.4.1:8765"
    assert phone_base_url(host, 8765, best=lambda: "fd00::5") == "http://[fd00::5]:8765"
    assert phone_base_url(host, 8765) == f"http://{best_address()}:8765"


@pytest.mark.parametrize(("host", "base"), [("127.0.0.1", "http://127.0.0.1:8765"),
                                            ("192.168.4.20", "http://192.168.4.20:8765"),
                                            ("::1", "http://[::1]:8765"),
                                            ("fe80::1", "http://[fe80::1]:8765"),
                                            ("cafe-laptop.local", "http://cafe-laptop.local:8765")])
def test_serve_on_one_address_links_to_it(host, base):
    assert phone_base_url(host, 8765, best=lambda: "192.168.4.1") == base


@pytest.mark.parametrize(("given", "listened"), [("127.0.0.1", "127.0.0.1"), ("localhost", "127.0.0.1"),
                                                 ("0.0.0.0", "0.0.0.0"), ("::", "::"), ("[::]", "::"),
                                                 ("::ffff:0.0.0.0", "0.0.0.0"), ("192.168.137.1", "192.168.137.1")])
def test_serve_listens_on_an_address_written_in_full(given, listened):
    assert listen_host(given) == listened


@pytest.mark.parametrize("given", ["0", "0.0", "0x0", "00.0.0.0", "*", "127.1", "2130706433", "", "[::", "laptop"])
def test_other_spellings_of_an_address_are_refused_with_one_line(given):
    with pytest.raises(UserError, match=r"^Give --host as an address written in full"):
        listen_host(given)
