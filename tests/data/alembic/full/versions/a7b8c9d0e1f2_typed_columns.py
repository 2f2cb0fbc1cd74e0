"""the types whose DDL differs per dialect: Float, DateTime(timezone=True), LargeBinary,
Interval and a named Enum

Revision ID: a7b8c9d0e1f2
Revises: f6a7b8c9d0e1
Create Date: 2024-03-08 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = "a7b8c9d0e1f2"
down_revision = "f6a7b8c9d0e1"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "readings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("value", sa.Float(), nullable=True),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("payload", sa.LargeBinary(), nullable=True),
        sa.Column("span", sa.Interval(), nullable=True),
        sa.Column("mood", sa.Enum("calm", "tense", "it's fine", name="mood"), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.add_column("readings", sa.Column("error", sa.Float(), nullable=True))


def downgrade():
    op.drop_column("readings", "error")
    op.drop_table("readings")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TYPE mood")
