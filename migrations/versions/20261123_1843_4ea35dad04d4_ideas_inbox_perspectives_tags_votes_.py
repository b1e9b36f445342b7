"""ideas: inbox, perspectives, tags, votes, comments, events, follows, notifications, intake links

Revision ID: 4ea35dad04d4
Revises: b51d798e03c9
Create Date: 2026-11-23 18:43:52.372927

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '4ea35dad04d4'
down_revision = 'b51d798e03c9'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('tags',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tags')),
    sa.UniqueConstraint('name', name=op.f('uq_tags_name'))
    )
    op.create_table('intake_links',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=64), nullable=False),
    sa.Column('label', sa.String(length=120), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('team_id', sa.Integer(), nullable=True),
    sa.Column('chain_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("source IN ('medewerker', 'klantpanel', 'clientenraad', 'wijkteam', 'inwoner', 'ondernemer', 'overig')", name=op.f('ck_intake_links_source_valid')),
    sa.ForeignKeyConstraint(['chain_id'], ['chains.id'], name=op.f('fk_intake_links_chain_id_chains')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_intake_links_created_by_id_users')),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_intake_links_team_id_teams')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_intake_links')),
    sa.UniqueConstraint('token', name=op.f('uq_intake_links_token'))
    )
    op.create_table('ideas',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=120), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('source', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('moderation', sa.String(length=10), nullable=False),
    sa.Column('chain_id', sa.Integer(), nullable=True),
    sa.Column('team_id', sa.Integer(), nullable=True),
    sa.Column('submitter_id', sa.Integer(), nullable=True),
    sa.Column('anonymous', sa.Boolean(), nullable=False),
    sa.Column('impact', sa.SmallInteger(), nullable=True),
    sa.Column('effort', sa.SmallInteger(), nullable=True),
    sa.Column('merged_into_id', sa.Integer(), nullable=True),
    sa.Column('decision_reason', sa.Text(), nullable=False),
    sa.Column('vote_count', sa.Integer(), nullable=False),
    sa.Column('comment_count', sa.Integer(), nullable=False),
    sa.Column('last_activity_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('contact_email', sa.String(length=254), nullable=True),
    sa.Column('intake_link_id', sa.Integer(), nullable=True),
    sa.Column('submission_key', sa.String(length=64), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("moderation IN ('zichtbaar', 'wacht', 'geweigerd')", name=op.f('ck_ideas_moderation_valid')),
    sa.CheckConstraint("source IN ('medewerker', 'klantpanel', 'clientenraad', 'wijkteam', 'inwoner', 'ondernemer', 'overig')", name=op.f('ck_ideas_source_valid')),
    sa.CheckConstraint("status IN ('nieuw', 'in_behandeling', 'gepland', 'in_uitvoering', 'gerealiseerd', 'afgewezen', 'samengevoegd')", name=op.f('ck_ideas_status_valid')),
    sa.CheckConstraint('effort IS NULL OR effort BETWEEN 1 AND 5', name=op.f('ck_ideas_effort_range')),
    sa.CheckConstraint('impact IS NULL OR impact BETWEEN 1 AND 5', name=op.f('ck_ideas_impact_range')),
    sa.ForeignKeyConstraint(['chain_id'], ['chains.id'], name=op.f('fk_ideas_chain_id_chains')),
    sa.ForeignKeyConstraint(['intake_link_id'], ['intake_links.id'], name=op.f('fk_ideas_intake_link_id_intake_links')),
    sa.ForeignKeyConstraint(['merged_into_id'], ['ideas.id'], name=op.f('fk_ideas_merged_into_id_ideas')),
    sa.ForeignKeyConstraint(['submitter_id'], ['users.id'], name=op.f('fk_ideas_submitter_id_users')),
    sa.ForeignKeyConstraint(['team_id'], ['teams.id'], name=op.f('fk_ideas_team_id_teams')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ideas')),
    sa.UniqueConstraint('submission_key', name=op.f('uq_ideas_submission_key'))
    )
    with op.batch_alter_table('ideas', schema=None) as batch_op:
        batch_op.create_index('ix_ideas_chain_id_status', ['chain_id', 'status'], unique=False)
        batch_op.create_index('ix_ideas_merged_into_id', ['merged_into_id'], unique=False)
        batch_op.create_index('ix_ideas_moderation_last_activity_at', ['moderation', 'last_activity_at'], unique=False)
        batch_op.create_index('ix_ideas_moderation_status_created_at', ['moderation', 'status', 'created_at'], unique=False)
        batch_op.create_index('ix_ideas_moderation_vote_count', ['moderation', 'vote_count'], unique=False)
        batch_op.create_index('ix_ideas_submitter_id_created_at', ['submitter_id', 'created_at'], unique=False)
        batch_op.create_index('ix_ideas_team_id_status', ['team_id', 'status'], unique=False)

    op.create_table('comments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('edited_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('removed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('hidden_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('hidden_by_id', sa.Integer(), nullable=True),
    sa.Column('hidden_reason', sa.String(length=500), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_comments_author_id_users')),
    sa.ForeignKeyConstraint(['hidden_by_id'], ['users.id'], name=op.f('fk_comments_hidden_by_id_users')),
    sa.ForeignKeyConstraint(['idea_id'], ['ideas.id'], name=op.f('fk_comments_idea_id_ideas')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_comments'))
    )
    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.create_index('ix_comments_idea_id_created_at', ['idea_id', 'created_at'], unique=False)

    op.create_table('follows',
    sa.Column('idea_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['idea_id'], ['ideas.id'], name=op.f('fk_follows_idea_id_ideas')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_follows_user_id_users')),
    sa.PrimaryKeyConstraint('idea_id', 'user_id', name=op.f('pk_follows'))
    )
    with op.batch_alter_table('follows', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_follows_user_id'), ['user_id'], unique=False)

    op.create_table('idea_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('from_value', sa.String(length=200), nullable=False),
    sa.Column('to_value', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_idea_events_actor_id_users')),
    sa.ForeignKeyConstraint(['idea_id'], ['ideas.id'], name=op.f('fk_idea_events_idea_id_ideas')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_idea_events'))
    )
    with op.batch_alter_table('idea_events', schema=None) as batch_op:
        batch_op.create_index('ix_idea_events_idea_id_created_at', ['idea_id', 'created_at'], unique=False)

    op.create_table('idea_perspectives',
    sa.Column('idea_id', sa.Integer(), nullable=False),
    sa.Column('perspective', sa.String(length=12), nullable=False),
    sa.CheckConstraint("perspective IN ('klant', 'medewerker', 'proces', 'financieel')", name=op.f('ck_idea_perspectives_perspective_valid')),
    sa.ForeignKeyConstraint(['idea_id'], ['ideas.id'], name=op.f('fk_idea_perspectives_idea_id_ideas'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('idea_id', 'perspective', name=op.f('pk_idea_perspectives'))
    )
    with op.batch_alter_table('idea_perspectives', schema=None) as batch_op:
        batch_op.create_index('ix_idea_perspectives_perspective_idea_id', ['perspective', 'idea_id'], unique=False)

    op.create_table('idea_tags',
    sa.Column('idea_id', sa.Integer(), nullable=False),
    sa.Column('tag_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['idea_id'], ['ideas.id'], name=op.f('fk_idea_tags_idea_id_ideas'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tag_id'], ['tags.id'], name=op.f('fk_idea_tags_tag_id_tags')),
    sa.PrimaryKeyConstraint('idea_id', 'tag_id', name=op.f('pk_idea_tags'))
    )
    with op.batch_alter_table('idea_tags', schema=None) as batch_op:
        batch_op.create_index('ix_idea_tags_tag_id_idea_id', ['tag_id', 'idea_id'], unique=False)

    op.create_table('notifications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('detail', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('read_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['idea_id'], ['ideas.id'], name=op.f('fk_notifications_idea_id_ideas')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_notifications_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notifications'))
    )
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.create_index('ix_notifications_user_id_read_at', ['user_id', 'read_at'], unique=False)

    op.create_table('votes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['idea_id'], ['ideas.id'], name=op.f('fk_votes_idea_id_ideas')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_votes_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_votes')),
    sa.UniqueConstraint('user_id', 'idea_id', name=op.f('uq_votes_user_id_idea_id'))
    )
    with op.batch_alter_table('votes', schema=None) as batch_op:
        batch_op.create_index('ix_votes_created_at_idea_id', ['created_at', 'idea_id'], unique=False)
        batch_op.create_index('ix_votes_idea_id_created_at', ['idea_id', 'created_at'], unique=False)
    _create_search()


def _create_search():
    """Full-text search with Dutch stemming (see board/ideas/search.py)."""
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute(
            "ALTER TABLE ideas ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
            "setweight(to_tsvector('dutch', coalesce(title, '')), 'A') || "
            "setweight(to_tsvector('dutch', coalesce(body, '')), 'B')) STORED"
        )
        op.execute("CREATE INDEX ix_ideas_search_vector ON ideas USING gin (search_vector)")
    else:
        op.execute("CREATE VIRTUAL TABLE ideas_search USING fts5(terms, tokenize='unicode61')")


def _drop_search():
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_ideas_search_vector")
        op.execute("ALTER TABLE ideas DROP COLUMN IF EXISTS search_vector")
    else:
        op.execute("DROP TABLE IF EXISTS ideas_search")


def downgrade():
    _drop_search()
    with op.batch_alter_table('votes', schema=None) as batch_op:
        batch_op.drop_index('ix_votes_idea_id_created_at')
        batch_op.drop_index('ix_votes_created_at_idea_id')

    op.drop_table('votes')
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_index('ix_notifications_user_id_read_at')

    op.drop_table('notifications')
    with op.batch_alter_table('idea_tags', schema=None) as batch_op:
        batch_op.drop_index('ix_idea_tags_tag_id_idea_id')

    op.drop_table('idea_tags')
    with op.batch_alter_table('idea_perspectives', schema=None) as batch_op:
        batch_op.drop_index('ix_idea_perspectives_perspective_idea_id')

    op.drop_table('idea_perspectives')
    with op.batch_alter_table('idea_events', schema=None) as batch_op:
        batch_op.drop_index('ix_idea_events_idea_id_created_at')

    op.drop_table('idea_events')
    with op.batch_alter_table('follows', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_follows_user_id'))

    op.drop_table('follows')
    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.drop_index('ix_comments_idea_id_created_at')

    op.drop_table('comments')
    with op.batch_alter_table('ideas', schema=None) as batch_op:
        batch_op.drop_index('ix_ideas_team_id_status')
        batch_op.drop_index('ix_ideas_submitter_id_created_at')
        batch_op.drop_index('ix_ideas_moderation_vote_count')
        batch_op.drop_index('ix_ideas_moderation_status_created_at')
        batch_op.drop_index('ix_ideas_moderation_last_activity_at')
        batch_op.drop_index('ix_ideas_chain_id_status')
        batch_op.drop_index('ix_ideas_merged_into_id')

    op.drop_table('ideas')
    op.drop_table('intake_links')
    op.drop_table('tags')
