"""Service settings, read from ``TASKQUAL_*`` environment variables and checked at start-up.

Settings fail closed: a value that would weaken the service (an API key too short to be a secret,
metrics "protected" while no key exists, a text limit above the library's) stops the start with a
message that names the variable, instead of running with something the operator did not mean.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import AnyHttpUrl, Field, SecretStr, ValidationInfo, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

import taskqual

MIN_API_KEY_LENGTH = 16


def _https_unless_loopback(variable: str):  # no return annotation: a pydantic validator
    """A validator: a CRM URL must be https (a token goes with it), except on this machine (tests, a relay)."""

    def check(url: AnyHttpUrl | None) -> AnyHttpUrl | None:
        if url is not None and url.scheme != "https" and url.host not in ("127.0.0.1", "localhost", "::1", "[::1]"):
            raise ValueError(f"{variable} must be an https:// URL (the CRM token travels with each call)")
        return url

    return check


def _split_commas(value: object) -> object:
    """``"a, b,,c"`` → ``["a", "b", "c"]``; lists pass through (when settings are built in code)."""
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


class Settings(BaseSettings):
    """Everything an operator can set, with the defaults used when a variable is unset."""

    # hide_input_in_errors: a refused setting must not print the API keys into a start-up log.
    model_config = SettingsConfigDict(
        env_prefix="TASKQUAL_", case_sensitive=False, extra="ignore", hide_input_in_errors=True
    )

    model_path: Path | None = Field(
        default=None, description="model file (.skops, with its .json manifest beside it); unset: the shipped model"
    )
    api_keys: Annotated[list[SecretStr], NoDecode] = Field(
        default_factory=list, description="comma-separated API keys; unset or empty: no authentication"
    )
    max_text_length: int = Field(
        default=taskqual.MAX_TEXT_LENGTH,
        ge=1,
        le=taskqual.MAX_TEXT_LENGTH,
        description="longest task text accepted, in characters",
    )
    max_batch_size: int = Field(default=1000, ge=1, le=100_000, description="most items in one batch request")
    max_body_bytes: int = Field(
        default=4 * 1024 * 1024, ge=1024, description="largest request body, in bytes; larger ones get 413 unread"
    )
    max_batch_chars: int = Field(
        default=80_000,
        ge=2000,
        le=10_000_000,
        description="most characters in the texts of one batch, counted after Unicode (NFKC) expansion; "
        "bounds a batch's CPU time and response size",
    )
    keep_alive_timeout: float = Field(
        default=5.0, gt=0, le=300, description="seconds an idle keep-alive connection stays open"
    )
    header_timeout: float = Field(
        default=10.0, gt=0, le=300, description="seconds a client has to send a request's line and headers"
    )
    body_timeout: float = Field(
        default=30.0, gt=0, le=600, description="seconds a client has to send a request's body; then 408"
    )
    limit_concurrency: int = Field(
        default=1000, ge=1, description="connections plus requests a worker takes on; beyond, 503"
    )
    max_header_bytes: int = Field(
        default=16 * 1024,
        ge=1024,
        le=1024 * 1024,
        description="largest request line plus headers, in bytes; beyond, 400",
    )
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="comma-separated origins allowed to call from a browser; unset: none"
    )
    log_level: Literal["debug", "info", "warning", "error", "critical"] = "info"
    host: str = Field(default="127.0.0.1", description="address `taskqual serve` binds to")
    port: int = Field(default=8000, ge=1, le=65535, description="port `taskqual serve` listens on")
    metrics_require_key: bool = Field(default=False, description="ask for an API key on /metrics too")
    debug_log_texts: bool = Field(default=False, description="write task texts to the log (never in production)")
    # CRM hooks (taskqual.service.hooks): where to write the verdicts back, and how hard to try.
    amocrm_base_url: AnyHttpUrl | None = Field(
        default=None, description="the amoCRM account, e.g. https://example.amocrm.ru; unset: the amoCRM hook is off"
    )
    amocrm_token: SecretStr | None = Field(
        default=None, description="amoCRM long-lived token (notes are written with it)"
    )
    bitrix24_webhook_url: SecretStr | None = Field(
        default=None,
        description="the portal's inbound webhook, e.g. https://example.bitrix24.ru/rest/1/abc123/; "
        "unset: the Bitrix24 hook is off",
    )
    bitrix24_app_token: SecretStr | None = Field(
        default=None, description="the outbound webhook's application token; set: events carrying another are refused"
    )
    bitrix24_comments: Literal["auto", "chat", "comments"] = Field(
        default="auto",
        description="where the Bitrix24 hint goes: comments (task.commentitem.add), chat (the task's chat on "
        "the new task card), auto (the chat when the task has one, else a comment)",
    )
    crm_ok_note: bool = Field(default=False, description="also write a short note on concrete tasks")
    crm_timeout: float = Field(default=5.0, gt=0, le=60, description="seconds to wait for the CRM's API per call")
    crm_retries: int = Field(default=3, ge=0, le=10, description="retries of a failed write-back (5xx, 429, timeout)")
    crm_retry_delay: float = Field(
        default=1.0, ge=0, le=60, description="seconds before the first retry; doubled for each next one"
    )
    crm_queue_size: int = Field(
        default=1000,
        ge=1,
        le=100_000,
        description="write-backs waiting per worker; more are dropped, logged and counted",
    )

    admin_keys: Annotated[list[SecretStr], NoDecode] = Field(
        default_factory=list,
        description="comma-separated admin keys for /v1/admin (model reload); unset: admin "
        "routes refuse every request (SIGHUP still reloads)",
    )
    data_dir: Path | None = Field(
        default=None,
        description="where taskqual keeps its files; unset: $XDG_DATA_HOME/taskqual or ~/.local/share/taskqual",
    )
    feedback_db: str | None = Field(
        default=None,
        description="feedback database: a SQLAlchemy URL "
        "(postgresql+psycopg://…) or a SQLite file path; unset: feedback.sqlite3 in the "
        "data directory",
    )

    _split_api_keys = field_validator("api_keys", "admin_keys", mode="before")(_split_commas)

    @field_validator("model_path", mode="before")
    @classmethod
    def _empty_path_is_unset(cls, value: object) -> object:
        """``TASKQUAL_MODEL_PATH=`` (set but empty, as env files often have it) means the shipped model."""
        return None if isinstance(value, str) and not value.strip() else value

    _amocrm_url = field_validator("amocrm_base_url")(_https_unless_loopback("TASKQUAL_AMOCRM_BASE_URL"))
    _split_origins = field_validator("cors_origins", mode="before")(_split_commas)

    @field_validator("log_level", "bitrix24_comments", mode="before")
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
                    'use random keys, e.g. `python -c "import secrets; print(secrets.token_urlsafe(32))"`'
                )
        return keys

    @model_validator(mode="after")
    def _metrics_key_needs_keys(self) -> Settings:
        if self.metrics_require_key and not self.api_keys:
            raise ValueError(
                "TASKQUAL_METRICS_REQUIRE_KEY is on but TASKQUAL_API_KEYS is empty: "
                "set the keys, or switch the metrics protection off"
            )
        return self

    @field_validator("bitrix24_webhook_url")
    @classmethod
    def _bitrix24_url(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value().strip():
            return None
        url = value.get_secret_value().strip()
        try:
            parsed = AnyHttpUrl(url)
        except ValueError:  # pydantic's own message would quote the URL, secret included
            raise ValueError(
                "TASKQUAL_BITRIX24_WEBHOOK_URL is not an http(s) URL; paste the inbound webhook URL "
                "Bitrix24 shows, e.g. https://example.bitrix24.ru/rest/1/abc123/"
            ) from None
        _https_unless_loopback("TASKQUAL_BITRIX24_WEBHOOK_URL")(parsed)
        return SecretStr(url if url.endswith("/") else url + "/")

    @model_validator(mode="after")
    def _hooks_are_complete(self) -> Settings:
        if (self.amocrm_base_url is None) != (self.amocrm_token is None):
            raise ValueError("set both TASKQUAL_AMOCRM_BASE_URL and TASKQUAL_AMOCRM_TOKEN, or neither")
        if self.bitrix24_app_token is not None and self.bitrix24_webhook_url is None:
            raise ValueError("TASKQUAL_BITRIX24_APP_TOKEN is set but TASKQUAL_BITRIX24_WEBHOOK_URL is not")
        if (self.amocrm_enabled or self.bitrix24_enabled) and not self.api_keys:
            raise ValueError(
                "a CRM hook is configured but TASKQUAL_API_KEYS is empty: anyone could make the "
                "service write into your CRM; set a key and put it in the hook URL (?key=...)"
            )
        return self

    @property
    def cors_any_origin(self) -> bool:
        """``TASKQUAL_CORS_ORIGINS=*``: every web page may call the service (warned about at start-up)."""
        return "*" in self.cors_origins

    @property
    def auth_enabled(self) -> bool:
        return bool(self.api_keys)

    @property
    def amocrm_enabled(self) -> bool:
        return self.amocrm_base_url is not None and self.amocrm_token is not None

    @property
    def bitrix24_enabled(self) -> bool:
        return self.bitrix24_webhook_url is not None


__all__ = ["Settings", "MIN_API_KEY_LENGTH"]
