"""create users

Revision ID: a1b2c3d4e5f6
Revises:
Create Date: 2024-03-01 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "a1b2c3d4e5f6"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("email", sa.String(length=255), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=True, comment="display name"),
        sa.Column("is_active", sa.Boolean(), server_default=sa.text("TRUE"), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("CURRENT_TIMESTAMP"),
                  nullable=False),
        sa.Column("score", sa.Numeric(8, 2), nullable=True),
        sa.Column("bio", sa.Text(), nullable=True),
        sa.Column("born", sa.Date(), nullable=True),
        sa.Column("visits", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("level", sa.SmallInteger(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("email", name=op.f("uq_users_email")),
    )
    op.create_index(op.f("ix_users_name"), "users", ["name"], unique=False)


def downgrade():
    op.drop_index(op.f("ix_users_name"), table_name="users")
    op.drop_table("users")
