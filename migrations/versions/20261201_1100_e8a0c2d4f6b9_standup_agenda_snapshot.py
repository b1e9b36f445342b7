"""standup agenda snapshot: the agenda as it was when a stand-up was finished

Revision ID: e8a0c2d4f6b9
Revises: d6f8b0c2e4a7
Create Date: 2026-12-01 11:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e8a0c2d4f6b9'
down_revision = 'd6f8b0c2e4a7'
branch_labels = None
depends_on = None


# Altered in place: rebuilding `standups` on SQLite would mean dropping a table that action
# items, attendees and entries point at (SQLite 3.35+ drops a column without a rebuild).
def upgrade():
    with op.batch_alter_table('standups', schema=None, recreate='never') as batch_op:
        batch_op.add_column(sa.Column('agenda_snapshot', sa.JSON(none_as_null=True), nullable=True))


def downgrade():
    with op.batch_alter_table('standups', schema=None, recreate='never') as batch_op:
        batch_op.drop_column('agenda_snapshot')
