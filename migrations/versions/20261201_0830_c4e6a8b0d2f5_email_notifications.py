"""email notifications: a person's choice to get notifications about followed ideas by e-mail

Revision ID: c4e6a8b0d2f5
Revises: b2d4f6a8c0e1
Create Date: 2026-12-01 08:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c4e6a8b0d2f5'
down_revision = 'b2d4f6a8c0e1'
branch_labels = None
depends_on = None


# Altered in place: rebuilding `users` on SQLite would mean dropping a table that every other
# table points at, which SQLite refuses with foreign keys on (SQLite 3.35+ drops a column).
def upgrade():
    with op.batch_alter_table('users', schema=None, recreate='never') as batch_op:
        batch_op.add_column(
            sa.Column('email_notifications', sa.Boolean(), server_default=sa.true(), nullable=False)
        )


def downgrade():
    with op.batch_alter_table('users', schema=None, recreate='never') as batch_op:
        batch_op.drop_column('email_notifications')
