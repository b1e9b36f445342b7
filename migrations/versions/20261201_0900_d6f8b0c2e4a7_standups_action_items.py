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


# Only new tables: nothing that other tables point at is rebuilt (SQLite), and the team's
# stand-up length has its own table instead of a column on `teams`.


def upgrade():
    op.create_table('standup_settings',
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('length_minutes', sa.Integer(), nullable=False),
    sa.Column('weekday', sa.Integer(), nullable=True),
    sa.Column('start_time', sa.String(length=5), nullable=True),
    sa.CheckConstraint('length_minutes BETWEEN 1 AND 60', name=op.f('ck_standup_settings_length_minutes_range')),
    sa.CheckConstraint('weekday IS NULL OR weekday BETWEEN 0 AND 6', name=op.f('ck_standup_settings_weekday_range')),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_standup_settings_team_id_teams')),
    sa.PrimaryKeyConstraint('team_id', name=op.f('pk_standup_settings'))
    )
    op.create_table('standups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('held_by_id', sa.Integer(), nullable=True),
    sa.Column('ended_by_id', sa.Integer(), nullable=True),
    sa.Column('period_start', sa.DateTime(timezone=True), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('timer_minutes', sa.Integer(), nullable=False),
    sa.Column('section', sa.Integer(), server_default='0', nullable=False),
    sa.CheckConstraint('timer_minutes BETWEEN 1 AND 60', name=op.f('ck_standups_timer_minutes_range')),
    sa.ForeignKeyConstraint(['ended_by_id'], ['users.id'], name=op.f('fk_standups_ended_by_id_users')),
    sa.ForeignKeyConstraint(['held_by_id'], ['users.id'], name=op.f('fk_standups_held_by_id_users')),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_standups_team_id_teams')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_standups'))
    )
    op.create_index('ix_standups_team_id_open', 'standups', ['team_id'], unique=True, sqlite_where=sa.text('ended_at IS NULL'), postgresql_where=sa.text('ended_at IS NULL'))
    op.create_index('ix_standups_team_id_started_at', 'standups', ['team_id', 'started_at'], unique=False)

    op.create_table('standup_attendees',
    sa.Column('standup_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['standup_id'], ['standups.id'], name=op.f('fk_standup_attendees_standup_id_standups'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_standup_attendees_user_id_users')),
    sa.PrimaryKeyConstraint('standup_id', 'user_id', name=op.f('pk_standup_attendees'))
    )
    op.create_index('ix_standup_attendees_user_id', 'standup_attendees', ['user_id'], unique=False)

    op.create_table('standup_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('standup_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('text', sa.String(length=1000), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('note', 'decision')", name=op.f('ck_standup_entries_kind_valid')),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_standup_entries_author_id_users')),
    sa.ForeignKeyConstraint(['standup_id'], ['standups.id'], name=op.f('fk_standup_entries_standup_id_standups'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_standup_entries'))
    )
    op.create_index('ix_standup_entries_standup_id_created_at', 'standup_entries', ['standup_id', 'created_at'], unique=False)

    op.create_table('action_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('standup_id', sa.Integer(), nullable=True),
    sa.Column('text', sa.String(length=500), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('done_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('done_by_id', sa.Integer(), nullable=True),
    sa.Column('card_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['card_id'], ['cards.id'], name=op.f('fk_action_items_card_id_cards'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_action_items_created_by_id_users')),
    sa.ForeignKeyConstraint(['done_by_id'], ['users.id'], name=op.f('fk_action_items_done_by_id_users')),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_action_items_owner_id_users')),
    sa.ForeignKeyConstraint(['standup_id'], ['standups.id'], name=op.f('fk_action_items_standup_id_standups'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_action_items_team_id_teams')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_action_items'))
    )
    op.create_index('ix_action_items_owner_id_done_at', 'action_items', ['owner_id', 'done_at'], unique=False)
    op.create_index('ix_action_items_standup_id', 'action_items', ['standup_id'], unique=False)
    op.create_index('ix_action_items_team_id_done_at', 'action_items', ['team_id', 'done_at'], unique=False)



def downgrade():
    op.drop_index('ix_action_items_team_id_done_at', table_name='action_items')
    op.drop_index('ix_action_items_standup_id', table_name='action_items')
    op.drop_index('ix_action_items_owner_id_done_at', table_name='action_items')

    op.drop_table('action_items')
    op.drop_index('ix_standup_entries_standup_id_created_at', table_name='standup_entries')

    op.drop_table('standup_entries')
    op.drop_index('ix_standup_attendees_user_id', table_name='standup_attendees')
    op.drop_table('standup_attendees')
    op.drop_index('ix_standups_team_id_started_at', table_name='standups')
    op.drop_index('ix_standups_team_id_open', table_name='standups')

    op.drop_table('standups')
    op.drop_table('standup_settings')
