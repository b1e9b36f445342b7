"""standups: a team's weekly stand-up, its notes, decisions and action items

Revision ID: d6f8b0c2e4a7
Revises: c4e6a8b0d2f5
Create Date: 2026-12-01 09:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd6f8b0c2e4a7'
down_revision = 'c4e6a8b0d2f5'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
