#pragma once
// A database URL (SPEC §3), parsed once. The password is kept but never printed: masked() is
// the only way a URL reaches the user.
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace migrate {

class Url {
 public:
  // Throws Error for an empty or malformed URL. Does not check the scheme against the dialect
  // registry; dialects::find() does that so the message can list what is supported.
  static Url parse(std::string_view text);

  // "sqlite", "postgresql", "mysql" (the "postgres" and "mariadb" aliases and any "+driver"
  // suffix are normalised away).
  const std::string& scheme() const { return scheme_; }
  const std::string& scheme_as_written() const { return scheme_written_; }
  const std::optional<std::string>& user() const { return user_; }
  const std::optional<std::string>& password() const { return password_; }
  const std::optional<std::string>& host() const { return host_; }
  const std::optional<int>& port() const { return port_; }
  // For sqlite: the file path ("" or ":memory:" means in memory). For servers: the database name.
  const std::string& database() const { return database_; }
  const std::map<std::string, std::string>& query() const { return query_; }

  // The URL as written but with any password replaced by "***".
  std::string masked() const;
  // sqlite only: true for sqlite://, sqlite:///:memory:.
  bool is_memory() const;

 private:
  std::string scheme_;
  std::string scheme_written_;
  std::optional<std::string> user_;
  std::optional<std::string> password_;
  std::optional<std::string> host_;
  std::optional<int> port_;
  std::string database_;
  std::map<std::string, std::string> query_;
  std::string text_;  // original text, for masked()

  void set_userinfo(std::string_view userinfo);  // "user[:password]", percent-encoded
};

}  // namespace migrate
