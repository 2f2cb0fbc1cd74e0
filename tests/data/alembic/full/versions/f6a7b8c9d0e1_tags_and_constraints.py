"""tags, a table rename and constraints

Revision ID: f6a7b8c9d0e1
Revises: d4e5f6a7b8c9
Create Date: 2024-03-07 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "f6a7b8c9d0e1"
down_revision = "d4e5f6a7b8c9"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "labels",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code", sa.String(16), nullable=False, unique=True),
        sa.Column("account_id", sa.Integer(), sa.ForeignKey("accounts.id", ondelete="SET NULL")),
        sa.Column("weight", sa.Numeric(5, 1), server_default=sa.text("1.5")),
        sa.Column("raw", sa.String(64)),
        sa.Column("seen", sa.Date()),
    )
    op.rename_table("labels", "tags")
    op.add_column("tags", sa.Column("owner_id", sa.Integer(), nullable=True))
    with op.batch_alter_table("tags") as batch_op:
        batch_op.create_foreign_key("fk_tags_owner", "users", ["owner_id"], ["id"],
                                    onupdate="CASCADE")
        batch_op.create_unique_constraint("uq_tags_owner_code", ["owner_id", "code"])
    op.create_table(
        "audit",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=True),
        sa.Column("what", sa.String(50), server_default="created", nullable=False),
    )
    with op.batch_alter_table("audit") as batch_op:
        batch_op.create_primary_key("pk_audit", ["seq"])


def downgrade():
    op.drop_table("audit")
    with op.batch_alter_table("tags") as batch_op:
        batch_op.drop_constraint("fk_tags_owner", type_="foreignkey")
        batch_op.drop_constraint("uq_tags_owner_code", type_="unique")
    op.drop_column("tags", "owner_id")
    op.drop_table("tags")
