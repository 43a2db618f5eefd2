#include "mqsub/pretty_json.hpp"

#include <vector>

namespace mq::mqsub {
namespace {

void indent(std::string& out, std::size_t depth) {
  out.append(depth, '\t');
}

}  // namespace

void append_pretty_json(std::string_view compact, std::string& out) {
  // One entry per open container: true for an object. Objects put members on their own lines; arrays don't.
  std::vector<bool> open_objects;
  bool in_string = false;
  bool escaped = false;
  for (std::size_t i = 0; i < compact.size(); ++i) {
    const char c = compact[i];
    if (in_string) {
      out += c;
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    switch (c) {
      case '"':
        in_string = true;
        out += c;
        break;
      case '{':
        open_objects.push_back(true);
        out += "{\n";
        if (i + 1 < compact.size() && compact[i + 1] != '}') indent(out, open_objects.size());
        break;
      case '}': {
        const bool had_members = !out.empty() && out.back() != '\n';
        if (had_members) out += '\n';
        open_objects.pop_back();
        indent(out, open_objects.size());
        out += '}';
        break;
      }
      case '[':
        open_objects.push_back(false);
        out += '[';
        break;
      case ']':
        open_objects.pop_back();
        out += ']';
        break;
      case ',':
        if (!open_objects.empty() && open_objects.back()) {
          out += ",\n";
          indent(out, open_objects.size());
        } else {
          out += ", ";
        }
        break;
      case ':':
        out += ":\t";
        break;
      default:
        out += c;
        break;
    }
  }
}

}  // namespace mq::mqsub
