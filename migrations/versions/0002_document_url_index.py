"""index document.url: the crawler looks pages up by their fetched address

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01 21:00:00
"""
from typing import Sequence, Union

from alembic import op

revision: str = '0002'
down_revision: Union[str, None] = '0001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_index(op.f('ix_document_url'), 'document', ['url'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_document_url'), table_name='document')
