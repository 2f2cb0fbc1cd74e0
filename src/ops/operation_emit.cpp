// emit_operations(): operations back to the YAML that parse_operations() reads. The output aims
// to look hand-written (SPEC §5's example): one-line flow mappings for columns, rows and short
// operations, literal blocks for multi-line SQL, quotes only where YAML needs them.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "migrate/core/error.h"
#include "migrate/core/text.h"
#include "migrate/ops/operation_yaml.h"
#include "ops/yaml_scalar.h"

namespace migrate {
namespace {

constexpr std::size_t kMaxLine = 100;

// A tiny YAML tree: just enough to choose between flow and block layout.
struct Y {
  enum class Kind { text, raw, seq, map };
  Kind kind = Kind::text;
  std::string text;  // text: a string, quoted if needed; raw: written as is (true, 12, null)
  std::vector<Y> items;
  std::vector<std::pair<std::string, Y>> fields;
};

Y text(std::string value) { return {Y::Kind::text, std::move(value), {}, {}}; }
Y raw(std::string value) { return {Y::Kind::raw, std::move(value), {}, {}}; }
Y flag(bool value) { return raw(value ? "true" : "false"); }
Y seq(std::vector<Y> items) { return {Y::Kind::seq, "", std::move(items), {}}; }
Y names(const std::vector<std::string>& values) {
  std::vector<Y> items;
  for (const auto& value : values) items.push_back(text(value));
  return seq(std::move(items));
}

// Fields are added in the order the SPEC lists them; unset optionals are left out.
class MapBuilder {
 public:
  MapBuilder& add(std::string key, Y value) {
    map_.fields.emplace_back(std::move(key), std::move(value));
    return *this;
  }
  MapBuilder& add(std::string key, const std::optional<std::string>& value) {
    if (value) add(std::move(key), text(*value));
    return *this;
  }
  MapBuilder& add_if(bool condition, std::string key, Y value) {
    if (condition) add(std::move(key), std::move(value));
    return *this;
  }
  Y build() { return std::move(map_); }

 private:
  Y map_{Y::Kind::map, "", {}, {}};
};

// Plain (unquoted) only when YAML reads the text back as this same string: no indicator or
// flow character, nothing that resolves to null, a boolean or a number.
bool plain_ok(std::string_view s, bool flow) {
  if (s.empty() || s.back() == ' ') return false;
  const auto first = static_cast<unsigned char>(s.front());
  if (!(std::isalpha(first) || first == '_' || first == '(' || first == '/' || first >= 0x80)) {
    return false;
  }
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || u >= 0x80) continue;
    switch (c) {
      case '_':
      case '.':
      case '(':
      case ')':
      case '/':
      case '-':
      case '+':
      case ' ':
      case '=':
      case '<':
      case '>':
      case '*':
      case ';':
        continue;
      case ',':
        if (!flow) continue;
        return false;
      default:
        return false;
    }
  }
  const std::string folded = lower(s);
  for (const char* word : {"null", "true", "false", "yes", "no", "on", "off", "y", "n"}) {
    if (folded == word) return false;
  }
  return true;
}

std::string scalar(std::string_view s, bool flow) {
  return plain_ok(s, flow) ? std::string(s) : detail::double_quoted(s);
}

// A literal block (`|`) keeps multi-line SQL readable. Only for text it reproduces exactly.
bool literal_ok(std::string_view s) {
  if (s.find('\n') == std::string_view::npos || s.front() == ' ' || s.front() == '\t' ||
      s.front() == '\n') {
    return false;
  }
  std::size_t line_start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == '\n') {
      const std::string_view line = s.substr(line_start, i - line_start);
      // Whitespace-only lines and lines starting with a tab are where YAML's indentation
      // rules bite; leave those to double quotes.
      if (!line.empty() &&
          (line.find_first_not_of(" \t") == std::string_view::npos || line.front() == '\t')) {
        return false;
      }
      line_start = i + 1;
      continue;
    }
    const auto u = static_cast<unsigned char>(s[i]);
    if ((u < 0x20 && s[i] != '\t') || u == 0x7f) return false;
  }
  return true;
}

void literal(std::string_view s, int indent, std::string& out) {
  std::size_t trailing = 0;
  while (trailing < s.size() && s[s.size() - 1 - trailing] == '\n') ++trailing;
  out += trailing == 0 ? "|-\n" : trailing == 1 ? "|\n" : "|+\n";
  std::string_view body = s.substr(0, s.size() - std::min<std::size_t>(trailing, 1));
  const std::string pad(indent, ' ');
  while (true) {
    const auto eol = body.find('\n');
    const std::string_view line = body.substr(0, eol);
    if (!line.empty()) out += pad;
    out += line;
    out += '\n';
    if (eol == std::string_view::npos) break;
    body = body.substr(eol + 1);
  }
}

bool is_multiline_text(const Y& y) {
  return y.kind == Y::Kind::text && y.text.find('\n') != std::string::npos;
}

std::string flow(const Y& y) {
  switch (y.kind) {
    case Y::Kind::text:
      return scalar(y.text, true);
    case Y::Kind::raw:
      return y.text;
    case Y::Kind::seq: {
      std::string out = "[";
      for (std::size_t i = 0; i < y.items.size(); ++i) {
        if (i > 0) out += ", ";
        out += flow(y.items[i]);
      }
      return out + "]";
    }
    case Y::Kind::map: {
      std::string out = "{";
      for (std::size_t i = 0; i < y.fields.size(); ++i) {
        if (i > 0) out += ", ";
        out += scalar(y.fields[i].first, true) + ": " + flow(y.fields[i].second);
      }
      return out + "}";
    }
  }
  return "";
}

bool is_seq_of_maps(const Y& y) {
  return y.kind == Y::Kind::seq && std::any_of(y.items.begin(), y.items.end(), [](const Y& item) {
           return item.kind == Y::Kind::map;
         });
}

bool has_seq_of_maps(const Y& map) {
  return std::any_of(map.fields.begin(), map.fields.end(),
                     [](const auto& field) { return is_seq_of_maps(field.second); });
}

void block_map(const Y& map, int indent, std::string& out);

// `prefix` is what precedes the value on its line ("key: " or "- key: ").
void block_value(const std::string& prefix, const Y& value, int indent, std::string& out) {
  const std::string pad(indent, ' ');
  if (is_multiline_text(value) && literal_ok(value.text)) {
    out += pad + prefix;
    // The content must sit deeper than its key, which "- " pushes two columns right.
    literal(value.text, indent + (prefix.starts_with("- ") ? 4 : 2), out);
  } else if (value.kind == Y::Kind::text) {
    out += pad + prefix + scalar(value.text, false) + "\n";
  } else if (is_seq_of_maps(value)) {
    out += pad + prefix;
    out.pop_back();  // "key: " -> "key:"
    out += "\n";
    for (const Y& item : value.items) out += pad + "  - " + flow(item) + "\n";
  } else if (value.kind == Y::Kind::map &&
             (pad.size() + prefix.size() + flow(value).size() > kMaxLine ||
              has_seq_of_maps(value) ||
              std::any_of(value.fields.begin(), value.fields.end(),
                          [](const auto& f) { return is_multiline_text(f.second); }))) {
    out += pad + prefix;
    out.pop_back();
    out += "\n";
    block_map(value, indent + 2, out);
  } else {
    out += pad + prefix + flow(value) + "\n";
  }
}

void block_map(const Y& map, int indent, std::string& out) {
  for (const auto& [key, value] : map.fields) {
    block_value(scalar(key, false) + ": ", value, indent, out);
  }
}

// ---- operations to trees ----

// `type: float`, or the per-dialect mapping with its default last.
Y type_y(const std::string& type, const DialectTypes& per_dialect) {
  if (per_dialect.empty()) return text(type);
  MapBuilder b;
  for (const auto& [dialect, name] : per_dialect) b.add(dialect, text(name));
  return b.add_if(!type.empty(), "default", text(type)).build();
}

Y column_y(const Column& c) {
  MapBuilder b;
  b.add("name", text(c.name)).add("type", type_y(c.type, c.dialect_types));
  if (c.nullable) b.add("nullable", flag(*c.nullable));
  b.add_if(c.primary_key, "primary_key", flag(true));
  if (c.autoincrement) b.add("autoincrement", flag(*c.autoincrement));
  b.add("default", c.default_);
  b.add_if(c.unique, "unique", flag(true));
  if (c.references) {
    const ForeignKeyRef& r = *c.references;
    if (!r.ondelete && !r.onupdate && r.table.find('.') == std::string::npos &&
        r.column.find('.') == std::string::npos) {
      b.add("references", text(r.table + "." + r.column));
    } else {
      b.add("references", MapBuilder()
                              .add("table", text(r.table))
                              .add("column", text(r.column))
                              .add("ondelete", r.ondelete)
                              .add("onupdate", r.onupdate)
                              .build());
    }
  }
  b.add("comment", c.comment);
  return b.build();
}

Y value_y(const Value& v) {
  switch (v.kind) {
    case Value::Kind::null:
      return raw("null");
    case Value::Kind::boolean:
      return raw(v.text);
    case Value::Kind::integer:
      return detail::is_yaml_decimal_int(v.text) ? raw(v.text) : raw("!!int " + v.text);
    case Value::Kind::real:
      return detail::is_yaml_float(v.text) ? raw(v.text) : raw("!!float " + v.text);
    case Value::Kind::string:
      return text(v.text);
  }
  return raw("null");
}

struct ToYaml {
  Y operator()(const CreateTable& op) const {
    MapBuilder b;
    b.add("name", text(op.name)).add("schema", op.schema);
    std::vector<Y> columns;
    for (const Column& c : op.columns) columns.push_back(column_y(c));
    b.add("columns", seq(std::move(columns)));
    if (op.primary_key_name) {
      b.add("primary_key", MapBuilder()
                               .add("name", op.primary_key_name)
                               .add("columns", names(op.primary_key))
                               .build());
    } else if (!op.primary_key.empty()) {
      b.add("primary_key", names(op.primary_key));
    }
    if (!op.unique.empty()) {
      const bool any_named = std::any_of(op.unique.begin(), op.unique.end(),
                                         [](const UniqueConstraint& u) { return u.name; });
      std::vector<Y> items;
      for (const UniqueConstraint& u : op.unique) {
        items.push_back(
            any_named ? MapBuilder().add("name", u.name).add("columns", names(u.columns)).build()
                      : names(u.columns));
      }
      b.add("unique", seq(std::move(items)));
    }
    if (!op.foreign_keys.empty()) {
      std::vector<Y> items;
      for (const ForeignKey& fk : op.foreign_keys) {
        items.push_back(MapBuilder()
                            .add("name", fk.name)
                            .add("columns", names(fk.columns))
                            .add("ref_table", text(fk.ref_table))
                            .add("ref_columns", names(fk.ref_columns))
                            .add("ondelete", fk.ondelete)
                            .add("onupdate", fk.onupdate)
                            .add("ref_schema", fk.ref_schema)
                            .build());
      }
      b.add("foreign_keys", seq(std::move(items)));
    }
    if (!op.checks.empty()) {
      std::vector<Y> items;
      for (const CheckConstraint& check : op.checks) {
        items.push_back(
            MapBuilder().add("name", check.name).add("condition", text(check.condition)).build());
      }
      b.add("checks", seq(std::move(items)));
    }
    b.add_if(op.if_not_exists, "if_not_exists", flag(true));
    return b.build();
  }
  Y operator()(const DropTable& op) const {
    return MapBuilder()
        .add("name", text(op.name))
        .add("schema", op.schema)
        .add_if(op.if_exists, "if_exists", flag(true))
        .build();
  }
  Y operator()(const RenameTable& op) const {
    return MapBuilder()
        .add("name", text(op.name))
        .add("new_name", text(op.new_name))
        .add("schema", op.schema)
        .build();
  }
  Y operator()(const AddColumn& op) const {
    return MapBuilder()
        .add("table", text(op.table))
        .add("column", column_y(op.column))
        .add("schema", op.schema)
        .build();
  }
  Y operator()(const DropColumn& op) const {
    return MapBuilder()
        .add("table", text(op.table))
        .add("name", text(op.name))
        .add("schema", op.schema)
        .build();
  }
  Y operator()(const AlterColumn& op) const {
    MapBuilder b;
    b.add("table", text(op.table)).add("name", text(op.name)).add("new_name", op.new_name);
    if (op.type) b.add("type", type_y(*op.type, op.dialect_types));
    if (op.nullable) b.add("nullable", flag(*op.nullable));
    if (op.default_) b.add("default", *op.default_ ? text(**op.default_) : raw("null"));
    if (op.comment) b.add("comment", *op.comment ? text(**op.comment) : raw("null"));
    return b.add("schema", op.schema).build();
  }
  Y operator()(const CreateIndex& op) const {
    return MapBuilder()
        .add("name", text(op.name))
        .add("table", text(op.table))
        .add("columns", names(op.columns))
        .add_if(op.unique, "unique", flag(true))
        .add("where", op.where)
        .add_if(op.concurrently, "concurrently", flag(true))
        .add("schema", op.schema)
        .build();
  }
  Y operator()(const DropIndex& op) const {
    return MapBuilder()
        .add("name", text(op.name))
        .add("table", op.table)
        .add("schema", op.schema)
        .add_if(op.concurrently, "concurrently", flag(true))
        .build();
  }
  template <typename Op>
  static Y constraint(const Op& op) {
    return MapBuilder()
        .add("name", text(op.name))
        .add("table", text(op.table))
        .add("columns", names(op.columns))
        .add("schema", op.schema)
        .build();
  }
  Y operator()(const CreateUniqueConstraint& op) const { return constraint(op); }
  Y operator()(const CreatePrimaryKey& op) const { return constraint(op); }
  Y operator()(const CreateForeignKey& op) const {
    return MapBuilder()
        .add("name", text(op.name))
        .add("table", text(op.table))
        .add("columns", names(op.columns))
        .add("ref_table", text(op.ref_table))
        .add("ref_columns", names(op.ref_columns))
        .add("ondelete", op.ondelete)
        .add("onupdate", op.onupdate)
        .add("ref_schema", op.ref_schema)
        .add("schema", op.schema)
        .add_if(op.not_valid, "not_valid", flag(true))
        .build();
  }
  Y operator()(const CreateCheckConstraint& op) const {
    return MapBuilder()
        .add("name", text(op.name))
        .add("table", text(op.table))
        .add("condition", text(op.condition))
        .add("schema", op.schema)
        .add_if(op.not_valid, "not_valid", flag(true))
        .build();
  }
  Y operator()(const DropConstraint& op) const {
    static constexpr const char* kTypes[] = {"", "foreignkey", "unique", "check", "primary"};
    MapBuilder b;
    b.add("name", text(op.name)).add("table", text(op.table));
    b.add_if(op.type != ConstraintType::any, "type", raw(kTypes[static_cast<int>(op.type)]));
    return b.add("schema", op.schema).build();
  }
  Y operator()(const BulkInsert& op) const {
    std::vector<Y> rows;
    for (const auto& row : op.rows) {
      MapBuilder b;
      for (const auto& [column, value] : row) b.add(column, value_y(value));
      rows.push_back(b.build());
    }
    return MapBuilder()
        .add("table", text(op.table))
        .add("schema", op.schema)
        .add("rows", seq(std::move(rows)))
        .build();
  }
  Y operator()(const Execute& op) const {
    if (op.sql && !op.per_dialect.empty()) {
      throw Error(
          "An execute operation with both plain SQL and per-dialect SQL cannot be written as "
          "YAML; split it into two operations");
    }
    if (op.sql) return text(*op.sql);
    MapBuilder b;
    for (const auto& [dialect, sql] : op.per_dialect) b.add(dialect, text(sql));
    return b.build();
  }
};

// `dialect:` beside an operation's key, as parse_dialect_key() reads it.
std::string dialect_line(const DialectFilter& filter) {
  const auto list = fmt::format("[{}]", fmt::join(filter.names, ", "));
  return "dialect: " + (filter.except ? "{not: " + list + "}" : list) + "\n";
}

}  // namespace

std::string emit_operations(const std::vector<Operation>& ops, int indent,
                            const std::vector<OperationSource>* sources) {
  std::string out;
  const std::string pad(indent, ' ');
  for (std::size_t i = 0; i < ops.size(); ++i) {
    const Operation& op = ops[i];
    const Y body = std::visit(ToYaml{}, op);
    const std::string prefix = std::string("- ") + operation_name(op) + ": ";
    const bool one_line = body.kind == Y::Kind::map && !has_seq_of_maps(body) &&
                          std::none_of(body.fields.begin(), body.fields.end(),
                                       [](const auto& f) { return is_multiline_text(f.second); }) &&
                          pad.size() + prefix.size() + flow(body).size() <= kMaxLine;
    if (body.kind == Y::Kind::map && !one_line) {
      out += pad + prefix;
      out.pop_back();
      out += "\n";
      block_map(body, indent + 4, out);
    } else {
      block_value(prefix, body, indent, out);
    }
    if (sources && i < sources->size() && !(*sources)[i].dialects.everywhere()) {
      out += pad + "  " + dialect_line((*sources)[i].dialects);
    }
  }
  return out;
}

}  // namespace migrate
