#include "mqjson/field_value.hpp"

#include "mqjson/jq_text.hpp"

namespace mq::mqjson {
namespace {

FieldValue missing() {
  return FieldValue{};
}

FieldValue node_value(std::uint32_t index) {
  FieldValue value;
  value.kind = FieldValue::Kind::node;
  value.node = index;
  return value;
}

FieldValue bytes_value(std::string_view bytes) {
  FieldValue value;
  value.kind = FieldValue::Kind::bytes;
  value.bytes = bytes;
  return value;
}

FieldValue integer_value(std::int64_t number) {
  FieldValue value;
  value.kind = FieldValue::Kind::integer;
  value.integer = number;
  return value;
}

// The last member named `name` (jq keeps the last of repeated keys), or 0 when there is none.
std::uint32_t find_member(const JsonDocument& document, std::uint32_t object, std::string_view name) {
  const JsonNode& node = document.node(object);
  std::uint32_t found = 0;
  for (std::uint32_t member = object + 1; member < node.end; member = document.node(member + 1).end) {
    const JsonNode& key = document.node(member);
    if (key_equals(document.text_of(key), key.has_escapes, name)) found = member + 1;
  }
  return found;
}

std::uint32_t find_element(const JsonDocument& document, std::uint32_t array, std::int64_t index) {
  const JsonNode& node = document.node(array);
  const auto count = static_cast<std::int64_t>(node.count);
  if (index < 0) index += count;
  if (index < 0 || index >= count) return 0;
  std::uint32_t element = array + 1;
  for (std::int64_t i = 0; i < index; ++i) element = document.node(element).end;
  return element;
}

// Applies steps[step..] to `index` (0 is never a value: the root sits at 0 but is passed in directly).
void walk(const std::vector<PathStep>& steps, std::size_t step, const JsonDocument& document,
          std::uint32_t index, std::vector<FieldValue>& out) {
  for (; step < steps.size(); ++step) {
    const PathStep& current = steps[step];
    const JsonNode& node = document.node(index);
    std::uint32_t next = 0;
    switch (current.kind) {
      case PathStep::Kind::member:
        if (node.kind == JsonKind::object) next = find_member(document, index, current.name);
        break;
      case PathStep::Kind::index:
        if (node.kind == JsonKind::array) next = find_element(document, index, current.index);
        break;
      case PathStep::Kind::pointer_token:
        if (node.kind == JsonKind::object) next = find_member(document, index, current.name);
        if (node.kind == JsonKind::array && current.numeric)
          next = find_element(document, index, current.index);
        break;
      case PathStep::Kind::iterate:
        if (node.kind == JsonKind::array) {
          for (std::uint32_t element = index + 1; element < node.end; element = document.node(element).end)
            walk(steps, step + 1, document, element, out);
        } else if (node.kind == JsonKind::object) {
          for (std::uint32_t member = index + 1; member < node.end; member = document.node(member + 1).end) {
            const std::uint32_t value = jq_member_value(document, index, member);
            if (value != 0) walk(steps, step + 1, document, value, out);
          }
        }
        return;
    }
    if (next == 0) {
      // Missing stays missing through further member/index steps, and iterates to nothing.
      for (std::size_t later = step + 1; later < steps.size(); ++later)
        if (steps[later].kind == PathStep::Kind::iterate) return;
      out.push_back(missing());
      return;
    }
    index = next;
  }
  out.push_back(node_value(index));
}

std::string_view topic_level(std::string_view topic, std::int64_t level) {
  std::int64_t levels = 1;
  for (const char c : topic) levels += c == '/' ? 1 : 0;
  if (level < 0) level += levels;
  if (level < 0 || level >= levels) return {};
  std::size_t start = 0;
  for (std::int64_t i = 0; i < level; ++i) start = topic.find('/', start) + 1;
  const std::size_t end = topic.find('/', start);
  return topic.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
}

FieldValue property_value(const MessageProperties& properties, const std::string& name) {
  if (name == "content-type")
    return properties.content_type ? bytes_value(*properties.content_type) : missing();
  if (name == "response-topic")
    return properties.response_topic ? bytes_value(*properties.response_topic) : missing();
  if (name == "correlation-data")
    return properties.correlation_data ? bytes_value(*properties.correlation_data) : missing();
  if (name == "message-expiry-interval")
    return properties.message_expiry_interval ? integer_value(*properties.message_expiry_interval)
                                              : missing();
  if (name == "payload-format-indicator")
    return properties.payload_format_indicator ? integer_value(*properties.payload_format_indicator)
                                               : missing();
  if (name == "topic-alias")
    return properties.topic_alias ? integer_value(*properties.topic_alias) : missing();
  if (name == "subscription-identifier")
    return properties.subscription_identifiers.empty()
               ? missing()
               : integer_value(properties.subscription_identifiers.front());
  for (const auto& [key, value] : properties.user_properties)
    if (key == name) return bytes_value(value);
  return missing();
}

FieldValue meta_value(const Path& path, const MessageMeta& meta) {
  if (!meta.known) return missing();
  switch (path.meta) {
    case MetaField::topic:
      return bytes_value(meta.topic);
    case MetaField::topic_level: {
      std::int64_t levels = 1;
      for (const char c : meta.topic) levels += c == '/' ? 1 : 0;
      const std::int64_t level = path.topic_level < 0 ? path.topic_level + levels : path.topic_level;
      if (level < 0 || level >= levels) return missing();
      return bytes_value(topic_level(meta.topic, level));
    }
    case MetaField::qos:
      return integer_value(meta.qos);
    case MetaField::retain: {
      FieldValue value;
      value.kind = FieldValue::Kind::boolean;
      value.boolean = meta.retained;
      return value;
    }
    case MetaField::mid:
      return meta.message_id > 0 ? integer_value(meta.message_id) : missing();
    case MetaField::time:
      return meta.time.empty() ? missing() : bytes_value(meta.time);
    case MetaField::property:
      return meta.properties ? property_value(*meta.properties, path.property) : missing();
    case MetaField::none:
      break;
  }
  return missing();
}

}  // namespace

void evaluate_path(const Path& path, const JsonDocument* document, const MessageMeta& meta,
                   std::vector<FieldValue>& out) {
  if (path.meta != MetaField::none) {
    out.push_back(meta_value(path, meta));
    return;
  }
  if (document == nullptr) {
    if (!path.iterates()) out.push_back(missing());
    return;
  }
  walk(path.steps, 0, *document, document->root(), out);
}

}  // namespace mq::mqjson
