#include "mqpub/paho_engine.hpp"

#include "mq/paho/client.hpp"
#include "mqpub/request_response.hpp"

namespace mq::mqpub {

const PahoEngine& paho_engine() {
  static const PahoEngine engine{
      [](bool debug) { paho::prepare_process(debug); },
      [] { return paho::version_text("mqpub"); },
      [](const ResolvedConnection& connection, const ClientSettings& settings) -> std::unique_ptr<PublishClient> {
        return std::make_unique<paho::Client>(connection, settings);
      },
      request_response,
  };
  return engine;
}

}  // namespace mq::mqpub
