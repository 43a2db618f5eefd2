#pragma once
// Our MessageProperties <-> Paho's MQTTProperties.
// MQTTAsync.h wraps its includes in extern "C"; MQTTProperties.h on its own does not.
#include <MQTTAsync.h>

#include "mq/output/message.hpp"

namespace mq::paho {

// Owns an MQTTProperties list and frees it.
class PahoProperties {
 public:
  PahoProperties() = default;
  explicit PahoProperties(const output::MessageProperties& properties);
  ~PahoProperties();
  PahoProperties(const PahoProperties&) = delete;
  PahoProperties& operator=(const PahoProperties&) = delete;

  void add_user_property(const std::string& key, const std::string& value);
  void add_integer(MQTTPropertyCodes code, std::uint32_t value);
  void add_binary(MQTTPropertyCodes code, const std::string& value);
  MQTTProperties* get() { return &properties_; }

 private:
  MQTTProperties properties_ = MQTTProperties_initializer;
};

output::MessageProperties from_paho(const MQTTProperties& properties);

}  // namespace mq::paho
