"""Where the shipped resources live (prompt templates, name lists, safeguarding model, web pages and CSS).

They are kept in `resources/` at the top of the repository. An installed wheel, and the double-click app, carry the
same tree inside the package as `cafe_desk/resource_files/` (setup.py maps one onto the other); a checkout reads its
`resources/` folder directly, so what is edited there is what runs.
"""

from importlib.resources import files
from pathlib import Path

INSTALLED_NAME = "resource_files"  # the sub-folder of the package that holds them in a wheel or the app


def _resources_folder() -> Path:
    package = files(__package__ or "cafe_desk")
    shipped = package / INSTALLED_NAME
    if isinstance(shipped, Path) and shipped.is_dir():
        return shipped  # installed from the wheel, or the double-click app
    return Path(__file__).resolve().parent.parent / "resources"  # a checkout


RESOURCES = _resources_folder()
TEMPLATES = RESOURCES / "templates"
