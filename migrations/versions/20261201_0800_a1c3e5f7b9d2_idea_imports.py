"""idea imports: uploaded idea lists, their mapping, and a key per imported row

Revision ID: a1c3e5f7b9d2
Revises: 558e148885e0
Create Date: 2026-12-01 08:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a1c3e5f7b9d2'
down_revision = '558e148885e0'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
