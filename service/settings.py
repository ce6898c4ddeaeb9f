"""Service settings, read from ``TASKQUAL_*`` environment variables and checked at start-up.

Settings fail closed: a value that would weaken the service (an API key too short to be a secret,
metrics "protected" while no key exists, a text limit above the library's) stops the start with a
message that names the variable, instead of running with something the operator did not mean.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, ValidationInfo, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

import taskqual

MIN_API_KEY_LENGTH = 16


def _split_commas(value: object) -> object:
    """``"a, b,,c"`` → ``["a", "b", "c"]``; lists pass through (when settings are built in code)."""
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


class Settings(BaseSettings):
    """Everything an operator can set, with the defaults used when a variable is unset."""

    # hide_input_in_errors: a refused setting must not print the API keys into a start-up log.
    model_config = SettingsConfigDict(env_prefix="TASKQUAL_", case_sensitive=False, extra="ignore",
                                      hide_input_in_errors=True)

    model_path: Path | None = Field(
        default=None, description="model file (.skops, with its .json manifest beside it); unset: the shipped model"
    )
    api_keys: Annotated[list[SecretStr], NoDecode] = Field(
        default_factory=list, description="comma-separated API keys; unset or empty: no authentication"
    )
    max_text_length: int = Field(default=taskqual.MAX_TEXT_LENGTH, ge=1, le=taskqual.MAX_TEXT_LENGTH,
                                 description="longest task text accepted, in characters")
    max_batch_size: int = Field(default=1000, ge=1, le=100_000, description="most items in one batch request")
    max_body_bytes: int = Field(default=4 * 1024 * 1024, ge=1024,
                                description="largest request body, in bytes; larger ones get 413 unread")
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="comma-separated origins allowed to call from a browser; unset: none"
    )
    log_level: Literal["debug", "info", "warning", "error", "critical"] = "info"
    host: str = Field(default="127.0.0.1", description="address `taskqual serve` binds to")
    port: int = Field(default=8000, ge=1, le=65535, description="port `taskqual serve` listens on")
    metrics_require_key: bool = Field(default=False, description="ask for an API key on /metrics too")
    debug_log_texts: bool = Field(default=False, description="write task texts to the log (never in production)")
    admin_keys: Annotated[list[SecretStr], NoDecode] = Field(
        default_factory=list, description="comma-separated admin keys for /v1/admin (model reload); unset: admin "
                                          "routes refuse every request (SIGHUP still reloads)"
    )
    data_dir: Path | None = Field(default=None, description="where taskqual keeps its files; unset: "
                                                            "$XDG_DATA_HOME/taskqual or ~/.local/share/taskqual")
    feedback_db: str | None = Field(default=None, description="feedback database: a SQLAlchemy URL "
                                    "(postgresql+psycopg://…) or a SQLite file path; unset: feedback.sqlite3 in the "
                                    "data directory")

    _split_api_keys = field_validator("api_keys", "admin_keys", mode="before")(_split_commas)
    _split_origins = field_validator("cors_origins", mode="before")(_split_commas)

    @field_validator("log_level", mode="before")
    @classmethod
    def _lower_log_level(cls, value: object) -> object:
        return value.lower() if isinstance(value, str) else value

    @field_validator("api_keys", "admin_keys")
    @classmethod
    def _keys_are_secrets(cls, keys: list[SecretStr], info: ValidationInfo) -> list[SecretStr]:
        kind = "admin key" if info.field_name == "admin_keys" else "API key"
        for n, key in enumerate(keys, 1):
            if len(key.get_secret_value()) < MIN_API_KEY_LENGTH:
                raise ValueError(
                    f"{kind} #{n} is shorter than {MIN_API_KEY_LENGTH} characters; "
                    "use random keys, e.g. `python -c \"import secrets; print(secrets.token_urlsafe(32))\"`"
                )
        return keys

    @model_validator(mode="after")
    def _metrics_key_needs_keys(self) -> Settings:
        if self.metrics_require_key and not self.api_keys:
            raise ValueError("TASKQUAL_METRICS_REQUIRE_KEY is on but TASKQUAL_API_KEYS is empty: "
                             "set the keys, or switch the metrics protection off")
        return self

    @property
    def auth_enabled(self) -> bool:
        return bool(self.api_keys)


__all__ = ["Settings", "MIN_API_KEY_LENGTH"]
