#include "mqbench/client_factory.hpp"

#include <fmt/format.h>

#include "mqbench/topic_template.hpp"

namespace mq::mqbench {

ResolvedConnection connection_for_client(const ResolvedConnection& base,
                                         const std::optional<std::string>& id_template, std::string_view role,
                                         std::uint32_t index) {
  ResolvedConnection connection = base;
  if (id_template && id_template->find('%') != std::string::npos)
    connection.client_id = expand_template(*id_template, index, {});
  else
    connection.client_id = fmt::format("{}-{}{}", id_template.value_or(base.client_id), role, index);
  connection.client_id_generated = false;
  if (connection.username)
    connection.username = expand_template(*connection.username, index, connection.client_id);
  return connection;
}

}  // namespace mq::mqbench
