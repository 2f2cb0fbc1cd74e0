#include "dialects/postgresql/render.h"

#include <variant>

namespace migrate::postgresql {

std::vector<Statement> render(const Operation& op) {
  // No catch-all overload on purpose: see render.h.
  return std::visit([](const auto& alternative) { return render_op(alternative); }, op);
}

}  // namespace migrate::postgresql
