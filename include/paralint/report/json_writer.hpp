#pragma once
// A JSON writer that prints exactly what Python's json.dumps(obj, ensure_ascii=False)
// prints, so `paralint dump` rows are byte-comparable with the pytest oracle's rows.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace paralint {

struct Value;

class JsonWriter {
 public:
  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
  void key(std::string_view name);
  void string(std::string_view text);
  void null();
  void boolean(bool value);
  void integer(std::int64_t value);
  void floating(double value);  // NaN and infinities as Python writes them
  // A config value the way the oracle's _jsonable() turns it into JSON.
  void value(const Value& value);

  [[nodiscard]] const std::string& text() const { return out_; }

 private:
  void before_value();

  std::string out_;
  // Per open container: has it received an element yet.
  std::vector<bool> has_element_;
  bool after_key_ = false;
};

void append_json_string(std::string& out, std::string_view text);

}  // namespace paralint
