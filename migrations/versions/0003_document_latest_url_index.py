"""index (document.canonical_url, is_latest): storing a page looks up its latest version

Without it SQLite answers ``canonical_url = ? AND is_latest = 1`` from ix_document_is_latest,
a walk over every latest row, so storing N pages cost O(N^2).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 22:30:00
"""
from typing import Sequence, Union

from alembic import op

revision: str = '0003'
down_revision: Union[str, None] = '0002'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_index('ix_document_latest_url', 'document', ['canonical_url', 'is_latest'],
                    unique=False)


def downgrade() -> None:
    op.drop_index('ix_document_latest_url', table_name='document')
