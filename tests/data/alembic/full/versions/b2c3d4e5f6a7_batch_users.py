"""reshape users in a batch

Revision ID: b2c3d4e5f6a7
Revises: a1b2c3d4e5f6
Create Date: 2024-03-04 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "b2c3d4e5f6a7"
down_revision = "a1b2c3d4e5f6"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("phone", sa.String(length=20), nullable=True))
        batch_op.alter_column("name", existing_type=sa.String(length=100),
                              type_=sa.String(length=200), existing_nullable=True,
                              existing_comment="display name")
        batch_op.alter_column("level", existing_type=sa.SmallInteger(), nullable=False,
                              server_default=sa.text("1"))
        batch_op.create_index(batch_op.f("ix_users_phone"), ["phone"], unique=True)
        batch_op.create_check_constraint("ck_users_level", "level >= 0")


def downgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_constraint("ck_users_level", type_="check")
        batch_op.drop_index(batch_op.f("ix_users_phone"))
        batch_op.alter_column("level", existing_type=sa.SmallInteger(), nullable=True,
                              server_default=None)
        batch_op.alter_column("name", existing_type=sa.String(length=200),
                              type_=sa.String(length=100), existing_nullable=True,
                              existing_comment="display name")
        batch_op.drop_column("phone")
