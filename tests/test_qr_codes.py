"""The QR codes decode with a real reader (zbarimg) to exactly the comment-page link and the Wi-Fi payload."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from cafe_desk.services.qr_codes import qr_png, wifi_payload

pytestmark = pytest.mark.skipif(shutil.which("zbarimg") is None,
                                reason="zbarimg is not installed (Debian package zbar-tools; `./dev test` installs it)")


def decode(tmp_path, png: bytes, *, binary: bool = False) -> str:
    """What zbarimg reads from the PNG; `binary` asks for the raw bytes, which we read as UTF-8."""
    path = tmp_path / "code.png"
    path.write_bytes(png)
    args = ["zbarimg", "-q", "--raw", *(["-Sbinary"] if binary else []), str(path)]
    out = subprocess.run(args, capture_output=True, timeout=30, check=True).stdout
    if binary:
        return out.decode("utf-8")
    # zbarimg ends each symbol with a newline in text mode.
    assert out.endswith(b"\n")
    return out[:-1].decode("utf-8")


def parse_wifi(payload: str) -> dict[str, str]:
    """Read a `WIFI:` payload back the way phones do: fields split on unescaped `;`, `\\` escapes the next char."""
    assert payload.startswith("WIFI:") and payload.endswith(";;")
    fields, key, value, escaped, in_key = {}, "", "", False, True
    for ch in payload[len("WIFI:"):-1]:
        if escaped:
            value += ch
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_key and ch == ":":
            in_key = False
        elif in_key:
            key += ch
        elif ch == ";":
            fields[key] = value
            key, value, in_key = "", "", True
        else:
            value += ch
    return fields


def test_comment_page_link_decodes_exactly(tmp_path, services, cafe):
    token = services.channel.settings(cafe.id).token
    url = f"http://192.168.1.20:8765/c/{token}"
    assert decode(tmp_path, qr_png(url)) == url


@pytest.mark.parametrize(("name", "password"), [
    ("Church Hall", "tea and biscuits"),
    ('Hall;2,"A":B\\C', 'p;a,s:s"w\\d'),
    ("\\;\\", ";;;"),
    ("Community:Room", "a,b,c"),
])
def test_wifi_payload_with_special_characters_decodes_exactly(tmp_path, name, password):
    payload = wifi_payload(name, password)
    decoded = decode(tmp_path, qr_png(payload))
    assert decoded == payload
    assert parse_wifi(decoded) == {"T": "WPA", "S": name, "P": password}


def test_open_network_payload_decodes_exactly(tmp_path):
    payload = wifi_payload("Library; guest", "", "nopass")
    decoded = decode(tmp_path, qr_png(payload))
    assert decoded == payload
    assert parse_wifi(decoded) == {"T": "nopass", "S": "Library; guest"}


@pytest.mark.parametrize(("name", "password"), [
    ("Café Hall", "pässwörd;1"),
    ("Talla Ghàidhlig", "ùr,òg:é"),
    ("قاعة المقهى", "كلمة\\سر"),
    ("Salle ☕ 日本", "naïve\"quote"),
])
def test_non_ascii_wifi_payload_holds_exactly_its_utf8_bytes(tmp_path, name, password):
    # The code carries the payload's UTF-8 bytes, which phone readers take as UTF-8. zbarimg's own text mode guesses
    # instead and reads short accented runs as Big5 (`é` = C3 A9 is also a Big5 character), so read the raw bytes.
    payload = wifi_payload(name, password)
    decoded = decode(tmp_path, qr_png(payload), binary=True)
    assert decoded == payload
    assert parse_wifi(decoded) == {"T": "WPA", "S": name, "P": password}


def test_non_ascii_text_that_no_other_encoding_fits_decodes_exactly_in_text_mode(tmp_path):
    text = "Glück ☕ naïve 日本語"
    assert decode(tmp_path, qr_png(text)) == text
