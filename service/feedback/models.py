"""The feedback table, as SQLAlchemy sees it (the migrations in ``migrations/versions`` create it)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

TEXT_MAX = 2000  # the library's MAX_TEXT_LENGTH; comments get the same room
SHORT_MAX = 200  # task ids, user names, task types


class Base(DeclarativeBase):
    pass


class Feedback(Base):
    """One verdict someone on the team disagreed (or agreed) with."""

    __tablename__ = "taskqual_feedback"

    # BIGINT on PostgreSQL; INTEGER PRIMARY KEY on SQLite, where that is the auto-incremented rowid.
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    label: Mapped[str] = mapped_column(String(32), nullable=False)  # taskqual's verdict
    expected: Mapped[str] = mapped_column(String(32), nullable=False)  # the team's label
    task_id: Mapped[str | None] = mapped_column(String(SHORT_MAX))
    task_type: Mapped[str | None] = mapped_column(String(SHORT_MAX))
    comment: Mapped[str | None] = mapped_column(Text)
    user_name: Mapped[str | None] = mapped_column(String(SHORT_MAX))
    model_version: Mapped[str | None] = mapped_column(String(64))  # the model that served the verdict


__all__ = ["Base", "Feedback", "TEXT_MAX", "SHORT_MAX"]
