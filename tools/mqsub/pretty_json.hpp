#pragma once
// --pretty: re-indents compact JSON the way mosquitto_sub --pretty does (cJSON's formatted printer): one
// member per line indented with tabs, "key":<TAB>value, array elements on one line separated by ", ".
// The input must be valid JSON (ours always is); strings are copied byte for byte.
#include <string>
#include <string_view>

namespace mq::mqsub {

void append_pretty_json(std::string_view compact, std::string& out);

}  // namespace mq::mqsub
