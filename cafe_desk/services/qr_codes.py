"""QR codes for the participant channel: the comment page's link and the venue's Wi-Fi (standard `WIFI:` payload)."""

from __future__ import annotations

import io


def wifi_payload(name: str, password: str, security: str = "WPA") -> str:
    """The payload phones understand for "join this Wi-Fi"; special characters are escaped as the format asks."""

    def esc(value: str) -> str:
        for ch in ("\\", ";", ",", ":", '"'):
            value = value.replace(ch, "\\" + ch)
        return value

    if security == "nopass":
        return f"WIFI:T:nopass;S:{esc(name)};;"
    return f"WIFI:T:{security};S:{esc(name)};P:{esc(password)};;"


def qr_png(payload: str, box_size: int = 10, border: int = 4) -> bytes:
    """A PNG of the QR code for `payload` (medium error correction, black on white)."""
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=box_size, border=border)
    code.add_data(payload)
    code.make(fit=True)
    out = io.BytesIO()
    code.make_image(fill_color="black", back_color="white").save(out, format="PNG")
    return out.getvalue()
