#include "mq/paho/properties.hpp"

#include <cstring>

namespace mq::paho {
namespace {

void add_binary_to(MQTTProperties& list, MQTTPropertyCodes code, const std::string& value) {
  MQTTProperty property{};
  property.identifier = code;
  property.value.data.data = const_cast<char*>(value.data());  // MQTTProperties_add copies it
  property.value.data.len = static_cast<int>(value.size());
  MQTTProperties_add(&list, &property);
}

std::string text_of(const MQTTLenString& value) {
  return value.data == nullptr ? std::string() : std::string(value.data, static_cast<std::size_t>(value.len));
}

}  // namespace

PahoProperties::PahoProperties(const output::MessageProperties& properties) {
  if (properties.content_type) add_binary_to(properties_, MQTTPROPERTY_CODE_CONTENT_TYPE, *properties.content_type);
  if (properties.correlation_data)
    add_binary_to(properties_, MQTTPROPERTY_CODE_CORRELATION_DATA, *properties.correlation_data);
  if (properties.response_topic) add_binary_to(properties_, MQTTPROPERTY_CODE_RESPONSE_TOPIC, *properties.response_topic);
  if (properties.message_expiry_interval)
    add_integer(MQTTPROPERTY_CODE_MESSAGE_EXPIRY_INTERVAL, *properties.message_expiry_interval);
  if (properties.payload_format_indicator)
    add_integer(MQTTPROPERTY_CODE_PAYLOAD_FORMAT_INDICATOR, *properties.payload_format_indicator);
  if (properties.topic_alias) add_integer(MQTTPROPERTY_CODE_TOPIC_ALIAS, *properties.topic_alias);
  for (const auto& [key, value] : properties.user_properties) add_user_property(key, value);
}

void PahoProperties::add_binary(MQTTPropertyCodes code, const std::string& value) {
  add_binary_to(properties_, code, value);
}

PahoProperties::~PahoProperties() { MQTTProperties_free(&properties_); }

void PahoProperties::add_user_property(const std::string& key, const std::string& value) {
  MQTTProperty property{};
  property.identifier = MQTTPROPERTY_CODE_USER_PROPERTY;
  property.value.data.data = const_cast<char*>(key.data());
  property.value.data.len = static_cast<int>(key.size());
  property.value.value.data = const_cast<char*>(value.data());
  property.value.value.len = static_cast<int>(value.size());
  MQTTProperties_add(&properties_, &property);
}

void PahoProperties::add_integer(MQTTPropertyCodes code, std::uint32_t value) {
  MQTTProperty property{};
  property.identifier = code;
  switch (MQTTProperty_getType(code)) {
    case MQTTPROPERTY_TYPE_BYTE: property.value.byte = static_cast<unsigned char>(value); break;
    case MQTTPROPERTY_TYPE_TWO_BYTE_INTEGER: property.value.integer2 = static_cast<unsigned short>(value); break;
    default: property.value.integer4 = value; break;
  }
  MQTTProperties_add(&properties_, &property);
}

output::MessageProperties from_paho(const MQTTProperties& properties) {
  output::MessageProperties result;
  for (int i = 0; i < properties.count; ++i) {
    const MQTTProperty& property = properties.array[i];
    switch (property.identifier) {
      case MQTTPROPERTY_CODE_CONTENT_TYPE: result.content_type = text_of(property.value.data); break;
      case MQTTPROPERTY_CODE_CORRELATION_DATA: result.correlation_data = text_of(property.value.data); break;
      case MQTTPROPERTY_CODE_RESPONSE_TOPIC: result.response_topic = text_of(property.value.data); break;
      case MQTTPROPERTY_CODE_MESSAGE_EXPIRY_INTERVAL: result.message_expiry_interval = property.value.integer4; break;
      case MQTTPROPERTY_CODE_PAYLOAD_FORMAT_INDICATOR: result.payload_format_indicator = property.value.byte; break;
      case MQTTPROPERTY_CODE_TOPIC_ALIAS: result.topic_alias = property.value.integer2; break;
      case MQTTPROPERTY_CODE_SUBSCRIPTION_IDENTIFIER:
        result.subscription_identifiers.push_back(property.value.integer4);
        break;
      case MQTTPROPERTY_CODE_USER_PROPERTY:
        result.user_properties.emplace_back(text_of(property.value.data), text_of(property.value.value));
        break;
      default: break;
    }
  }
  return result;
}

}  // namespace mq::paho
