"""boards: Kanban boards per team, their columns, cards and card events

Revision ID: b2d4f6a8c0e1
Revises: a1c3e5f7b9d2
Create Date: 2026-12-01 08:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b2d4f6a8c0e1'
down_revision = 'a1c3e5f7b9d2'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('boards',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('template', sa.String(length=20), nullable=False),
    sa.Column('visibility', sa.String(length=10), nullable=False),
    sa.Column('wip_policy', sa.String(length=10), nullable=False),
    sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("template IN ('verbeterbord', 'eenvoudig')", name=op.f('ck_boards_template_valid')),
    sa.CheckConstraint("visibility IN ('public', 'private')", name=op.f('ck_boards_visibility_valid')),
    sa.CheckConstraint("wip_policy IN ('warn', 'refuse')", name=op.f('ck_boards_wip_policy_valid')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_boards_created_by_id_users')),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_boards_team_id_teams')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_boards'))
    )
    with op.batch_alter_table('boards', schema=None) as batch_op:
        batch_op.create_index('ix_boards_team_id_archived_at', ['team_id', 'archived_at'], unique=False)

    op.create_table('board_columns',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('board_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('wip_limit', sa.Integer(), nullable=True),
    sa.Column('is_done', sa.Boolean(), nullable=False),
    sa.CheckConstraint('wip_limit IS NULL OR wip_limit >= 1', name=op.f('ck_board_columns_wip_limit_positive')),
    sa.ForeignKeyConstraint(['board_id'], ['boards.id'], name=op.f('fk_board_columns_board_id_boards'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_board_columns'))
    )
    with op.batch_alter_table('board_columns', schema=None) as batch_op:
        batch_op.create_index('ix_board_columns_board_id_position', ['board_id', 'position'], unique=False)

    op.create_table('cards',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('board_id', sa.Integer(), nullable=False),
    sa.Column('column_id', sa.Integer(), nullable=False),
    sa.Column('rank', sa.String(length=64), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('blocked', sa.Boolean(), nullable=False),
    sa.Column('blocked_reason', sa.String(length=300), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('column_entered_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('archived_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['board_id'], ['boards.id'], name=op.f('fk_cards_board_id_boards'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['column_id'], ['board_columns.id'], name=op.f('fk_cards_column_id_board_columns')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_cards_created_by_id_users')),
    sa.ForeignKeyConstraint(['idea_id'], ['ideas.id'], name=op.f('fk_cards_idea_id_ideas'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cards'))
    )
    with op.batch_alter_table('cards', schema=None) as batch_op:
        batch_op.create_index('ix_cards_board_id_archived_at', ['board_id', 'archived_at'], unique=False)
        batch_op.create_index('ix_cards_column_id_rank_open', ['column_id', 'rank'], unique=False, sqlite_where=sa.text('archived_at IS NULL'), postgresql_where=sa.text('archived_at IS NULL'))
        batch_op.create_index('ix_cards_idea_id', ['idea_id'], unique=False)

    op.create_table('card_checklist_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('card_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.String(length=200), nullable=False),
    sa.Column('done', sa.Boolean(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['card_id'], ['cards.id'], name=op.f('fk_card_checklist_items_card_id_cards'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_card_checklist_items'))
    )
    with op.batch_alter_table('card_checklist_items', schema=None) as batch_op:
        batch_op.create_index('ix_card_checklist_items_card_id_position', ['card_id', 'position'], unique=False)

    op.create_table('card_comments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('card_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_card_comments_author_id_users')),
    sa.ForeignKeyConstraint(['card_id'], ['cards.id'], name=op.f('fk_card_comments_card_id_cards'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_card_comments'))
    )
    with op.batch_alter_table('card_comments', schema=None) as batch_op:
        batch_op.create_index('ix_card_comments_card_id_created_at', ['card_id', 'created_at'], unique=False)

    op.create_table('card_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('card_id', sa.Integer(), nullable=False),
    sa.Column('board_id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('from_value', sa.String(length=200), nullable=False),
    sa.Column('to_value', sa.String(length=200), nullable=False),
    sa.Column('from_column_id', sa.Integer(), nullable=True),
    sa.Column('to_column_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_card_events_actor_id_users')),
    sa.ForeignKeyConstraint(['board_id'], ['boards.id'], name=op.f('fk_card_events_board_id_boards'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['card_id'], ['cards.id'], name=op.f('fk_card_events_card_id_cards'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['from_column_id'], ['board_columns.id'], name=op.f('fk_card_events_from_column_id_board_columns'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['to_column_id'], ['board_columns.id'], name=op.f('fk_card_events_to_column_id_board_columns'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_card_events'))
    )
    with op.batch_alter_table('card_events', schema=None) as batch_op:
        batch_op.create_index('ix_card_events_board_id_created_at', ['board_id', 'created_at'], unique=False)
        batch_op.create_index('ix_card_events_card_id_created_at', ['card_id', 'created_at'], unique=False)

    op.create_table('card_owners',
    sa.Column('card_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['card_id'], ['cards.id'], name=op.f('fk_card_owners_card_id_cards'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_card_owners_user_id_users')),
    sa.PrimaryKeyConstraint('card_id', 'user_id', name=op.f('pk_card_owners'))
    )
    with op.batch_alter_table('card_owners', schema=None) as batch_op:
        batch_op.create_index('ix_card_owners_user_id_card_id', ['user_id', 'card_id'], unique=False)

    op.create_table('card_perspectives',
    sa.Column('card_id', sa.Integer(), nullable=False),
    sa.Column('perspective', sa.String(length=12), nullable=False),
    sa.CheckConstraint("perspective IN ('klant', 'medewerker', 'proces', 'financieel')", name=op.f('ck_card_perspectives_perspective_valid')),
    sa.ForeignKeyConstraint(['card_id'], ['cards.id'], name=op.f('fk_card_perspectives_card_id_cards'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('card_id', 'perspective', name=op.f('pk_card_perspectives'))
    )
    op.create_table('card_tags',
    sa.Column('card_id', sa.Integer(), nullable=False),
    sa.Column('tag_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['card_id'], ['cards.id'], name=op.f('fk_card_tags_card_id_cards'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tag_id'], ['tags.id'], name=op.f('fk_card_tags_tag_id_tags')),
    sa.PrimaryKeyConstraint('card_id', 'tag_id', name=op.f('pk_card_tags'))
    )
    with op.batch_alter_table('card_tags', schema=None) as batch_op:
        batch_op.create_index('ix_card_tags_tag_id_card_id', ['tag_id', 'card_id'], unique=False)



def downgrade():
    with op.batch_alter_table('card_tags', schema=None) as batch_op:
        batch_op.drop_index('ix_card_tags_tag_id_card_id')

    op.drop_table('card_tags')
    op.drop_table('card_perspectives')
    with op.batch_alter_table('card_owners', schema=None) as batch_op:
        batch_op.drop_index('ix_card_owners_user_id_card_id')

    op.drop_table('card_owners')
    with op.batch_alter_table('card_events', schema=None) as batch_op:
        batch_op.drop_index('ix_card_events_card_id_created_at')
        batch_op.drop_index('ix_card_events_board_id_created_at')

    op.drop_table('card_events')
    with op.batch_alter_table('card_comments', schema=None) as batch_op:
        batch_op.drop_index('ix_card_comments_card_id_created_at')

    op.drop_table('card_comments')
    with op.batch_alter_table('card_checklist_items', schema=None) as batch_op:
        batch_op.drop_index('ix_card_checklist_items_card_id_position')

    op.drop_table('card_checklist_items')
    with op.batch_alter_table('cards', schema=None) as batch_op:
        batch_op.drop_index('ix_cards_idea_id')
        batch_op.drop_index('ix_cards_column_id_rank_open', sqlite_where=sa.text('archived_at IS NULL'), postgresql_where=sa.text('archived_at IS NULL'))
        batch_op.drop_index('ix_cards_board_id_archived_at')

    op.drop_table('cards')
    with op.batch_alter_table('board_columns', schema=None) as batch_op:
        batch_op.drop_index('ix_board_columns_board_id_position')

    op.drop_table('board_columns')
    with op.batch_alter_table('boards', schema=None) as batch_op:
        batch_op.drop_index('ix_boards_team_id_archived_at')

    op.drop_table('boards')
