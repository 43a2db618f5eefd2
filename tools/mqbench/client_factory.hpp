#pragma once
// Per-client connections derived from the one the user described: a distinct client id per client
// (<base>-<role><index>, or -i with %i expanded) and %i expanded in the user name, so each client can
// have its own credentials.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "mq/core/connection_options.hpp"
#include "mq/paho/client.hpp"

namespace mq::mqbench {

// Who client `index` of `role` is; clients built from it share `base` (paho::Client's shared constructor).
// `role_after_template`: a templated id (-i 'dev-%i') also gets "-<role>", for the subscribers of a pubsub run,
// whose index i would otherwise give them the id of publisher i (the broker would drop one for the other).
paho::ClientIdentity identity_for_client(const ResolvedConnection& base, const std::optional<std::string>& id_template,
                                         std::string_view role, std::uint32_t index, bool role_after_template = false);

// The same, as a whole connection description of its own (for the few clients that are not shared).
ResolvedConnection connection_for_client(const ResolvedConnection& base,
                                         const std::optional<std::string>& id_template, std::string_view role,
                                         std::uint32_t index);

}  // namespace mq::mqbench
