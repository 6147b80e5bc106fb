"""Settings shared by every layer, read from the environment (prefix ``KEHOU_``) or given directly.

Policy numbers are settings, not constants: caps differ per city and change over time.
"""

from __future__ import annotations

from pydantic import BaseModel, Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class FeeCaps(BaseModel):
    """Fee caps of one city (defaults: 株洲, from 2023-09-01)."""

    yuan_per_session_hour: float = Field(4.0, description="义务教育 每生每课时 上限（元）")
    session_hour_minutes: int = Field(45, description="一课时的分钟数")
    yuan_per_day: float = Field(8.0, description="义务教育 每生每天 上限（元）")
    senior_high_yuan_per_semester: float = Field(1200.0, description="高中 每生每学期 上限（元）")
    staff_share_min: float = 0.80
    staff_share_max: float = 0.90


class Settings(BaseSettings):
    """Everything a run needs to know about its environment; build once, pass down."""

    model_config = SettingsConfigDict(env_prefix="KEHOU_", env_nested_delimiter="__")

    db: str = Field("kehou.db", description="SQLAlchemy URL or SQLite file path (env KEHOU_DB)")
    hmac_secret: str = Field(
        "kehou-dev-secret-change-me",
        description="secret for pseudonymous respondent keys (env KEHOU_HMAC_SECRET)",
    )
    city: str = "株洲市"
    fee_caps: FeeCaps = Field(default_factory=FeeCaps)
    max_upload_bytes: int = 20 * 1024 * 1024
    retention_semesters: int | None = Field(
        None,
        ge=1,
        description="问卷保留的学期数（含本学期）；批处理结束时删除更早的 / survey semesters "
        "kept by `kehou batch` (this one included); None keeps all (KEHOU_RETENTION_SEMESTERS)",
    )
    seed: int = 20230901

    def db_url(self) -> str:
        """The database as a SQLAlchemy URL: a bare path means a SQLite file."""
        return db_url(self.db)


def db_url(value: str) -> str:
    """Turn a `--db` value (URL or file path) into a SQLAlchemy URL."""
    if "://" in value:
        return value
    return f"sqlite:///{value}"
