#include "mqbench/client_factory.hpp"

#include <fmt/format.h>

#include "mqbench/topic_template.hpp"

namespace mq::mqbench {

paho::ClientIdentity identity_for_client(const ResolvedConnection& base, const std::optional<std::string>& id_template,
                                         std::string_view role, std::uint32_t index, bool role_after_template) {
  paho::ClientIdentity identity;
  if (id_template && id_template->find('%') != std::string::npos) {
    identity.client_id = expand_template(*id_template, index, {});
    if (role_after_template) identity.client_id += fmt::format("-{}", role);
  } else {
    identity.client_id = fmt::format("{}-{}{}", id_template.value_or(base.client_id), role, index);
  }
  if (base.username) identity.username = expand_template(*base.username, index, identity.client_id);
  return identity;
}

ResolvedConnection connection_for_client(const ResolvedConnection& base,
                                         const std::optional<std::string>& id_template, std::string_view role,
                                         std::uint32_t index) {
  auto identity = identity_for_client(base, id_template, role, index);
  ResolvedConnection connection = base;
  connection.client_id = std::move(identity.client_id);
  connection.client_id_generated = false;
  connection.username = std::move(identity.username);
  return connection;
}

}  // namespace mq::mqbench
