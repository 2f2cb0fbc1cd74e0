// An Alembic revision file -> AlembicRevision (SPEC §14): the module-level header assignments,
// the docstring, and upgrade()/downgrade() statement by statement. A statement that does not
// convert is recorded, never guessed at.
#include "importer/alembic_revision.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "importer/convert_detail.h"
#include "importer/python_parser.h"
#include "migrate/core/error.h"

namespace migrate::importer {
namespace {

using detail::Scope;
using detail::Unsupported;

// migrate's dialects, as the names Alembic code compares `dialect.name` with, and "*" for every
// dialect migrate may add later (what an `else:` or `!=` arm also runs on).
constexpr std::array<std::string_view, 4> kDialects = {"sqlite", "postgresql", "mysql", "*"};
constexpr std::string_view kLater = "*";

// An operation list being converted, with each operation's `dialect:` filter beside it.
struct Sink {
  std::vector<Operation>& ops;
  std::vector<OperationSource>& sources;
};

// The dialects (of kDialects) that `filter` runs on.
std::vector<std::string> dialects_of_filter(const DialectFilter& filter) {
  std::vector<std::string> out;
  for (const auto d : kDialects) {
    if (filter.matches(d)) out.emplace_back(d);
  }
  return out;
}

// The filter that runs on `dialects` (of kDialects) only.
DialectFilter filter_of(const std::vector<std::string>& dialects) {
  const bool later = std::find(dialects.begin(), dialects.end(), kLater) != dialects.end();
  DialectFilter filter{{}, later};
  for (const auto d : kDialects) {
    if (d == kLater) continue;
    const bool in = std::find(dialects.begin(), dialects.end(), d) != dialects.end();
    if (in != later) filter.names.emplace_back(d);
  }
  std::sort(filter.names.begin(), filter.names.end());
  return filter;
}

// The dialects in both lists.
std::vector<std::string> common(const std::vector<std::string>& a,
                                const std::vector<std::string>& b) {
  std::vector<std::string> out;
  for (const auto& d : a) {
    if (std::find(b.begin(), b.end(), d) != b.end()) out.push_back(d);
  }
  return out;
}

std::vector<std::string> id_list(const Expr& value, const std::string& key, std::string_view file,
                                 int line) {
  if (value.kind == Expr::Kind::constant && value.text == "None") return {};
  if (value.kind == Expr::Kind::string) return {value.text};
  if (value.kind == Expr::Kind::tuple || value.kind == Expr::Kind::list) {
    std::vector<std::string> ids;
    for (const auto& item : value.items) {
      if (item->kind != Expr::Kind::string) break;
      ids.push_back(item->text);
    }
    if (ids.size() == value.items.size()) return ids;
  }
  throw Error(fmt::format("{}:{}: '{}' must be a literal string, tuple of strings or None", file,
                          line, key));
}

class Converter {
 public:
  Converter(std::string_view file, AlembicRevision& out) : file_(file), out_(out) {}

  void body(const Body& statements, const std::string& function, Scope& scope, Sink out) {
    for (const Stmt& stmt : statements) {
      try {
        statement(stmt, function, scope, out);
      } catch (const Unsupported& e) {
        out_.unconverted.push_back({function, stmt.line, stmt.source, e.why});
      }
      out.sources.resize(out.ops.size());  // what a statement added runs everywhere
    }
  }

 private:
  void statement(const Stmt& stmt, const std::string& function, Scope& scope, Sink ops) {
    switch (stmt.kind) {
      case Stmt::Kind::pass:
      case Stmt::Kind::import:
        return;
      case Stmt::Kind::expr:
        if (stmt.value->kind == Expr::Kind::string) return;  // a docstring or a comment string
        return detail::convert_call(*stmt.value, scope, ops.ops);
      case Stmt::Kind::assign:
        return assign(stmt, scope);
      case Stmt::Kind::with:
        return with(stmt, function, scope, ops);
      case Stmt::Kind::if_:
        return branch(stmt, function, scope, ops);
      case Stmt::Kind::def:
        throw Unsupported{"a function defined inside the migration"};
      case Stmt::Kind::unparsed:
        throw Unsupported{
            "Python outside the literal subset migrate reads (a loop, try, "
            "operator, subscript or comprehension)"};
    }
  }

  void assign(const Stmt& stmt, Scope& scope) {
    if (stmt.targets.size() != 1) throw Unsupported{"an assignment to several names"};
    const std::string& name = stmt.targets[0];
    const Expr& value = *stmt.value;
    if (value.kind == Expr::Kind::call && value.arguments().empty() &&
        (value.items[0]->dotted() == "op.get_bind" ||
         value.items[0]->dotted() == "op.get_context")) {
      scope.binds.push_back(name);
      return;
    }
    if (is_dialect_name(value, scope)) {  // dialect = op.get_bind().dialect.name
      scope.dialects.push_back(name);
      return;
    }
    if (value.kind == Expr::Kind::call && detail::callee_name(value) == "table") {
      const auto args = value.arguments();
      if (args.empty()) throw Unsupported{"sa.table() without a name"};
      for (std::size_t i = 1; i < args.size(); ++i) {
        if (detail::callee_name(*args[i]) != "column") {
          throw Unsupported{"sa.table() with something other than sa.column()"};
        }
      }
      scope.tables[name] = {detail::string_of(args[0].get(), "the table name"),
                            detail::optional_string(value.keyword("schema"), "schema")};
      return;
    }
    throw Unsupported{
        "an assignment migrate cannot follow (only op.get_bind(), "
        "op.get_context(), the dialect name and sa.table() are read)"};
  }

  static std::string dialect_source(const Expr& value, const Scope& scope) {
    const std::string dotted = value.dotted();
    for (const auto& bind : scope.binds) {
      if (dotted == bind + ".dialect.name" || dotted == bind + ".engine.name") return bind;
    }
    return "";
  }

  // op.get_bind().dialect.name, op.get_context().dialect.name, bind.dialect.name,
  // bind.engine.name, or a local holding one of them.
  static bool is_dialect_name(const Expr& value, const Scope& scope) {
    if (value.kind == Expr::Kind::name) {
      return std::find(scope.dialects.begin(), scope.dialects.end(), value.text) !=
             scope.dialects.end();
    }
    if (!dialect_source(value, scope).empty()) return true;
    if (value.kind != Expr::Kind::attribute || value.text != "name") return false;
    const Expr& owner = *value.items[0];
    if (owner.kind != Expr::Kind::attribute ||
        (owner.text != "dialect" && owner.text != "engine")) {
      return false;
    }
    const Expr& bind = *owner.items[0];
    return bind.kind == Expr::Kind::call && bind.arguments().empty() &&
           (bind.items[0]->dotted() == "op.get_bind" ||
            bind.items[0]->dotted() == "op.get_context");
  }

  static std::string dialect_of(const std::string& name) {
    if (name == "mariadb") return "mysql";
    if (name == kLater) return "";
    if (std::find(kDialects.begin(), kDialects.end(), name) != kDialects.end()) return name;
    return "";  // another database: this arm never runs under migrate
  }

  // The dialects for which `condition` holds.
  static std::vector<std::string> dialects_of(const Expr& condition, const Scope& scope) {
    if (condition.kind == Expr::Kind::unary && condition.text == "not") {
      const auto inner = dialects_of(*condition.items[0], scope);
      std::vector<std::string> out;
      for (const auto d : kDialects) {
        if (std::find(inner.begin(), inner.end(), d) == inner.end()) out.emplace_back(d);
      }
      return out;
    }
    if (condition.kind != Expr::Kind::compare) {
      throw Unsupported{"an if on something other than the dialect name"};
    }
    if (condition.text == "or" || condition.text == "and") {
      auto left = dialects_of(*condition.items[0], scope);
      const auto right = dialects_of(*condition.items[1], scope);
      std::vector<std::string> out;
      for (const auto d : kDialects) {
        const bool l = std::find(left.begin(), left.end(), d) != left.end();
        const bool r = std::find(right.begin(), right.end(), d) != right.end();
        if (condition.text == "or" ? (l || r) : (l && r)) out.emplace_back(d);
      }
      return out;
    }
    const Expr& left = *condition.items[0];
    const Expr& right = *condition.items[1];
    if (!is_dialect_name(left, scope)) {
      throw Unsupported{"an if on something other than the dialect name"};
    }
    std::vector<std::string> names;
    if (right.kind == Expr::Kind::string) {
      names.push_back(dialect_of(right.text));
    } else {
      for (const auto& n : detail::strings_of(&right, "dialect names")) {
        names.push_back(dialect_of(n));
      }
    }
    const bool negate = condition.text == "!=" || condition.text == "not in";
    std::vector<std::string> out;
    for (const auto d : kDialects) {
      const bool named = std::find(names.begin(), names.end(), d) != names.end();
      if (named != negate) out.emplace_back(d);
    }
    return out;
  }

  // An arm of a dialect branch: the dialects it runs on (those no earlier arm claimed) and what
  // it converts to.
  struct Arm {
    std::vector<std::string> dialects;
    std::vector<Operation> ops;
    std::vector<OperationSource> sources;

    bool same_as(const Arm& other) const {
      return ops == other.ops &&
             std::equal(sources.begin(), sources.end(), other.sources.begin(), other.sources.end(),
                        [](const auto& a, const auto& b) { return a.dialects == b.dialects; });
    }
    bool only_sql() const {
      for (std::size_t i = 0; i < ops.size(); ++i) {
        const auto* sql = std::get_if<Execute>(&ops[i]);
        if (sql == nullptr || !sql->sql || !sources[i].dialects.everywhere()) return false;
      }
      return true;
    }
  };

  // A dialect branch converts to the operations its arms agree on; to one per-dialect execute
  // when they differ only in SQL; else to each arm's operations with a `dialect:` filter.
  void branch(const Stmt& stmt, const std::string& function, Scope& scope, Sink ops) {
    std::vector<Arm> arms;
    std::vector<std::string> claimed;
    for (const auto& [condition, arm] : stmt.arms) {
      const std::vector<std::string> dialects =
          condition ? dialects_of(*condition, scope)
                    : std::vector<std::string>(kDialects.begin(), kDialects.end());
      Arm converted;
      const std::size_t before = out_.unconverted.size();
      body(arm, function, scope, {converted.ops, converted.sources});
      if (out_.unconverted.size() != before) {
        out_.unconverted.resize(before);
        throw Unsupported{"a dialect branch with an arm that does not convert"};
      }
      for (const auto& d : dialects) {
        if (std::find(claimed.begin(), claimed.end(), d) != claimed.end()) continue;
        claimed.push_back(d);
        converted.dialects.push_back(d);
      }
      arms.push_back(std::move(converted));
    }
    if (claimed.size() < kDialects.size()) arms.push_back({});  // no arm: nothing runs
    for (const auto d : kDialects) {
      if (std::find(claimed.begin(), claimed.end(), d) == claimed.end()) {
        arms.back().dialects.emplace_back(d);
      }
    }
    std::erase_if(arms, [](const Arm& arm) { return arm.dialects.empty(); });
    if (std::all_of(arms.begin(), arms.end(), [&](const Arm& a) { return a.same_as(arms[0]); })) {
      ops.ops.insert(ops.ops.end(), arms[0].ops.begin(), arms[0].ops.end());
      ops.sources.insert(ops.sources.end(), arms[0].sources.begin(), arms[0].sources.end());
    } else if (std::all_of(arms.begin(), arms.end(), [](const Arm& a) { return a.only_sql(); })) {
      ops.ops.emplace_back(per_dialect_sql(arms));
      ops.sources.emplace_back();
    } else {
      for (const Arm& arm : arms) add_filtered(arm, ops);
    }
  }

  // One execute with each dialect's statements; nothing for dialects migrate does not have yet.
  static Execute per_dialect_sql(const std::vector<Arm>& arms) {
    Execute execute;
    for (const Arm& arm : arms) {
      std::vector<std::string> statements;
      for (const Operation& op : arm.ops) statements.push_back(*std::get<Execute>(op).sql);
      if (statements.empty()) continue;
      for (const auto& d : arm.dialects) {
        if (d != kLater) execute.per_dialect[d] = fmt::format("{}", fmt::join(statements, ";\n"));
      }
    }
    return execute;
  }

  // The arm's operations, each filtered to the dialects both the arm and its own filter (from
  // a nested branch) run on.
  // A per-dialect execute keeps only those dialects' entries instead, and needs no filter when
  // it runs on no dialect migrate adds later (its entries already pick the dialects).
  static void add_filtered(const Arm& arm, Sink ops) {
    for (std::size_t i = 0; i < arm.ops.size(); ++i) {
      const auto dialects = common(arm.dialects, dialects_of_filter(arm.sources[i].dialects));
      if (dialects.empty()) continue;
      Operation op = arm.ops[i];
      OperationSource source;
      source.dialects = filter_of(dialects);
      if (auto* execute = std::get_if<Execute>(&op); execute && !execute->sql) {
        std::erase_if(execute->per_dialect, [&](const auto& entry) {
          return std::find(dialects.begin(), dialects.end(), entry.first) == dialects.end();
        });
        if (execute->per_dialect.empty()) continue;
        if (!source.dialects.except) source.dialects = {};
      }
      ops.ops.push_back(std::move(op));
      ops.sources.push_back(std::move(source));
    }
  }

  void with(const Stmt& stmt, const std::string& function, Scope& scope, Sink ops) {
    const Expr& value = *stmt.value;
    if (is_autocommit_block(value)) {
      // Alembic needs it around CONCURRENTLY on PostgreSQL, which cannot run in a transaction:
      // the body converts as if written at top level, in a script with transactional: false.
      out_.transactional = false;
      return body(stmt.body, function, scope, ops);
    }
    if (value.kind != Expr::Kind::call || value.items[0]->dotted() != "op.batch_alter_table" ||
        stmt.name.empty() || scope.batch) {
      throw Unsupported{"a with block other than op.batch_alter_table(...) as name"};
    }
    const auto args = value.arguments();
    if (args.empty()) throw Unsupported{"batch_alter_table() without a table name"};
    detail::check_keywords(
        value, {"schema", "recreate", "copy_from", "table_args", "table_kwargs", "reflect_args",
                "reflect_kwargs", "naming_convention", "partial_reordering"});
    Scope inner = scope;
    inner.batch = detail::TableAlias{detail::string_of(args[0].get(), "the table name"),
                                     detail::optional_string(value.keyword("schema"), "schema")};
    inner.batch_name = stmt.name;
    body(stmt.body, function, inner, ops);
  }

  // op.get_context().autocommit_block(), or <bind or context local>.autocommit_block()
  static bool is_autocommit_block(const Expr& value) {
    if (value.kind != Expr::Kind::call || !value.arguments().empty() ||
        value.items[0]->kind != Expr::Kind::attribute ||
        value.items[0]->text != "autocommit_block") {
      return false;
    }
    const Expr& owner = *value.items[0]->items[0];
    return owner.kind == Expr::Kind::call && owner.items[0]->dotted() == "op.get_context";
  }

  std::string_view file_;
  AlembicRevision& out_;
};

// Message and create date from the docstring, as Alembic's Script.doc (first paragraph).
void read_docstring(const std::string& doc, AlembicRevision& out) {
  std::string text = doc;
  const auto first = text.find_first_not_of(" \t\r\n");
  text = first == std::string::npos ? "" : text.substr(first);
  text.erase(text.find_last_not_of(" \t\r\n") + 1);
  out.message = text.substr(0, text.find("\n\n"));
  const auto date = text.find("Create Date:");
  if (date != std::string::npos) {
    std::string value = text.substr(date + 12, text.find('\n', date) - date - 12);
    value.erase(0, value.find_first_not_of(' '));
    value.erase(value.find_last_not_of(" \r") + 1);
    out.create_date = value;
  }
}

}  // namespace

AlembicRevision convert_revision(std::string_view source, std::string_view file) {
  Module module;
  try {
    module = parse_python(source);
  } catch (const Error& e) {
    throw Error(fmt::format("{}: not Python migrate can read: {}", file, e.what()));
  }
  AlembicRevision out;
  bool has_revision = false;
  Converter converter(file, out);
  for (std::size_t i = 0; i < module.body.size(); ++i) {
    const Stmt& stmt = module.body[i];
    if (i == 0 && stmt.kind == Stmt::Kind::expr && stmt.value->kind == Expr::Kind::string) {
      read_docstring(stmt.value->text, out);
    } else if (stmt.kind == Stmt::Kind::assign && stmt.targets.size() == 1) {
      const std::string& key = stmt.targets[0];
      if (key == "revision") {
        if (stmt.value->kind != Expr::Kind::string) {
          throw Error(fmt::format("{}:{}: 'revision' must be a literal string", file, stmt.line));
        }
        out.revision = stmt.value->text;
        has_revision = true;
      } else if (key == "down_revision") {
        out.down_revisions = id_list(*stmt.value, key, file, stmt.line);
      } else if (key == "branch_labels") {
        out.branch_labels = id_list(*stmt.value, key, file, stmt.line);
      } else if (key == "depends_on") {
        out.depends_on = id_list(*stmt.value, key, file, stmt.line);
      }
    } else if (stmt.kind == Stmt::Kind::def &&
               (stmt.name == "upgrade" || stmt.name == "downgrade")) {
      Scope scope;
      const bool up = stmt.name == "upgrade";
      converter.body(
          stmt.body, stmt.name, scope,
          {up ? out.upgrade : out.downgrade, up ? out.upgrade_sources : out.downgrade_sources});
    }
  }
  if (!has_revision) {
    throw Error(
        fmt::format("{}: no literal `revision = \"...\"`; not an Alembic revision file", file));
  }
  return out;
}

}  // namespace migrate::importer
