"""`Settings`: where this installation keeps its data. Passed in, never read from a global."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from cafe_desk.storage.database import DB_NAME, backup_dir_for

ENV_DATA = "CAFE_DESK_DATA"


@dataclass(frozen=True)
class Settings:
    data_dir: Path

    @classmethod
    def resolve(cls, data_dir: str | None = None) -> Settings:
        """--data-dir first, then $CAFE_DESK_DATA, then the platform's user data folder."""
        chosen = data_dir or os.environ.get(ENV_DATA) or platformdirs.user_data_dir("cafe-desk", appauthor=False)
        return cls(Path(chosen).expanduser())

    @property
    def db_path(self) -> Path:
        return self.data_dir / DB_NAME

    @property
    def backup_dir(self) -> Path:
        return backup_dir_for(self.db_path)
