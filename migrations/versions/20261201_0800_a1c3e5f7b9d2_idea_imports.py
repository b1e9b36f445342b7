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
    op.create_table('idea_imports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('file_format', sa.String(length=4), nullable=False),
    sa.Column('sheet_name', sa.String(length=31), nullable=False),
    sa.Column('columns_json', sa.Text(), nullable=False),
    sa.Column('rows_json', sa.Text(), nullable=False),
    sa.Column('row_count', sa.Integer(), nullable=False),
    sa.Column('mapping_json', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('imported_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('added_count', sa.Integer(), nullable=False),
    sa.Column('skipped_count', sa.Integer(), nullable=False),
    sa.Column('error_count', sa.Integer(), nullable=False),
    sa.CheckConstraint("file_format IN ('csv', 'xlsx')", name=op.f('ck_idea_imports_file_format_valid')),
    sa.CheckConstraint("status IN ('preview', 'imported')", name=op.f('ck_idea_imports_status_valid')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_idea_imports_created_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_idea_imports'))
    )
    with op.batch_alter_table('idea_imports', schema=None) as batch_op:
        batch_op.create_index('ix_idea_imports_created_by_id_created_at', ['created_by_id', 'created_at'], unique=False)

    op.create_table('imported_ideas',
    sa.Column('idea_id', sa.Integer(), nullable=False),
    sa.Column('import_id', sa.Integer(), nullable=False),
    sa.Column('import_key', sa.String(length=64), nullable=False),
    sa.Column('row_number', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['idea_id'], ['ideas.id'], name=op.f('fk_imported_ideas_idea_id_ideas'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['import_id'], ['idea_imports.id'], name=op.f('fk_imported_ideas_import_id_idea_imports')),
    sa.PrimaryKeyConstraint('idea_id', name=op.f('pk_imported_ideas')),
    sa.UniqueConstraint('import_key', name=op.f('uq_imported_ideas_import_key'))
    )
    with op.batch_alter_table('imported_ideas', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_imported_ideas_import_id'), ['import_id'], unique=False)

    # In place, never by copying: on SQLite a copy of `ideas` means dropping the table that
    # votes, comments and events point at, which foreign keys refuse once there is data.
    with op.batch_alter_table('ideas', schema=None, recreate='never') as batch_op:
        batch_op.add_column(sa.Column('imported_vote_count', sa.Integer(), server_default='0', nullable=False))


def downgrade():
    with op.batch_alter_table('ideas', schema=None, recreate='never') as batch_op:
        batch_op.drop_column('imported_vote_count')

    with op.batch_alter_table('imported_ideas', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_imported_ideas_import_id'))

    op.drop_table('imported_ideas')
    with op.batch_alter_table('idea_imports', schema=None) as batch_op:
        batch_op.drop_index('ix_idea_imports_created_by_id_created_at')

    op.drop_table('idea_imports')
