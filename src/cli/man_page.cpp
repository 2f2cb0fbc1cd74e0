// The man page, migrate(1), written by the program itself from its command table, options and
// config keys (CMakeLists.txt runs `migrate man` at build time and installs the result), so that
// it lists exactly what the binary accepts.
#include <fmt/format.h>

#include <memory>
#include <sstream>

#include "cli/cli.h"
#include "migrate/config/config.h"

namespace migrate::cli {
namespace {

// roff: a backslash and a leading dot or quote would be read as requests.
std::string roff(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-') {
      out += "\\-";
    } else {
      out += c;
    }
  }
  if (!out.empty() && (out.front() == '.' || out.front() == '\'')) out.insert(0, "\\&");
  return out;
}

void options(std::ostringstream& s, const CLI::App& app) {
  for (const CLI::Option* option : app.get_options()) {
    if (option->get_name() == "--help" || option->get_name().empty()) continue;
    std::vector<std::string> names;
    for (const auto& n : option->get_snames()) names.push_back("-" + n);
    for (const auto& n : option->get_lnames()) names.push_back("--" + n);
    const bool positional = names.empty();
    if (positional) names.push_back(option->get_name());
    s << ".TP\n"
      << (positional ? "\\fI" : "\\fB") << roff(fmt::format("{}", fmt::join(names, ", ")))
      << "\\fR";
    if (!positional && option->get_type_size() != 0)
      s << " \\fI" << roff(option->get_type_name()) << "\\fR";
    s << "\n" << roff(option->get_description()) << "\n";
  }
}

constexpr std::string_view kEnvironment[][2] = {
    {"MIGRATE_CONFIG", "the config file when -c is not given (default alembic.ini)"},
    {"DATABASE_URL", "the database URL when neither --url nor the config gives one"},
    {"MIGRATE_FORMAT", "text or json: the default of --format"},
    {"PGPASSWORD", "PostgreSQL password when the URL has none (as ~/.pgpass)"},
};

}  // namespace

std::string man_page(std::string_view version) {
  CLI::App app;
  Context context;
  add_global_options(app, context);
  std::ostringstream s;
  s << ".TH MIGRATE 1 \"\" \"migrate " << roff(version) << "\" \"User Commands\"\n"
    << ".SH NAME\nmigrate \\- database schema migrations, Alembic's model in a native binary\n"
    << ".SH SYNOPSIS\n.B migrate\n[\\fIOPTIONS\\fR] \\fICOMMAND\\fR [\\fIARGS\\fR]\n"
    << ".SH DESCRIPTION\n"
    << "migrate applies and reverts versioned YAML migration scripts, resolving their revision "
       "graph (branches, merges, dependencies), and records the database's state in Alembic's "
       "own alembic_version table. SQLite is built in; PostgreSQL and MySQL/MariaDB run through "
       "programs of their own in lib/migrate/.\n"
    << ".SH OPTIONS\nThese are accepted before or after the command.\n";
  options(s, app);
  s << ".SH COMMANDS\n";
  for (const auto& command : commands()) {
    if (std::string_view(command.help).empty()) continue;
    CLI::App* sub = app.add_subcommand(command.name, command.help);
    command.wire(*sub, context);
    s << ".SS " << command.name << "\n" << roff(command.help) << "\n";
    options(s, *sub);
  }
  s << ".SH CONFIGURATION\nThe config file is INI, Alembic's alembic.ini; its section is "
       "[alembic] or the one -n names. Values may use %(here)s and %(x.KEY)s. Keys:\n";
  for (const auto& setting : settings()) {
    s << ".TP\n\\fB" << roff(setting.name) << "\\fR\n" << roff(setting.meaning) << "\n";
  }
  s << ".SH ENVIRONMENT\n";
  for (const auto& [name, meaning] : kEnvironment) {
    s << ".TP\n\\fB" << name << "\\fR\n" << roff(meaning) << "\n";
  }
  s << ".SH EXIT STATUS\n.TP\n0\nsuccess\n.TP\n1\na failure: bad input, a database error, a "
       "failed migration, check finding differences, validate or status finding drift, test "
       "finding a failure, current \\-\\-check\\-heads not on every head; one FAILED: line on "
       "stderr (test: one per failure, then its summary)\n.TP\n2\na command\\-line mistake: "
       "unknown option or command, missing argument\n.TP\n3\nstatus only: the database is as "
       "the scripts say, but migrations are pending\n"
    << ".SH SEE ALSO\nREADME.rst in /usr/share/doc/migrate or the source tree.\n";
  return s.str();
}

void wire_man_command(CLI::App& sub, Context& context) {
  sub.callback([&context] { context.output().raw(man_page(MIGRATE_VERSION)); });
}

}  // namespace migrate::cli
