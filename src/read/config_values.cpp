#include "paralint/read/value.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <unordered_map>

#include "paralint/read/python_text.hpp"

namespace paralint {

// Positions by key of one table's entries; valid while the entries are where and as many
// as they were when it was built (a copied Value has other entries, and builds its own).
struct Value::KeyIndex {
  const TableEntry* entries = nullptr;
  std::size_t size = 0;
  std::unordered_map<std::string_view, std::size_t> positions;
};

const Value* Value::find(std::string_view key) const {
  constexpr std::size_t kLinearUpTo = 16;  // small tables, nearly all of them: no index
  if (entries.size() <= kLinearUpTo) {
    for (const auto& entry : entries) {
      if (entry.key == key) return &entry.value;
    }
    return nullptr;
  }
  if (!key_index_ || key_index_->entries != entries.data() || key_index_->size != entries.size()) {
    auto index = std::make_shared<KeyIndex>();
    index->entries = entries.data();
    index->size = entries.size();
    for (std::size_t i = 0; i < entries.size(); ++i) index->positions.emplace(entries[i].key, i);  // the first wins
    key_index_ = std::move(index);
  }
  const auto found = key_index_->positions.find(key);
  return found == key_index_->positions.end() ? nullptr : &entries[found->second].value;
}

std::string python_type_name(const Value& value) {
  switch (value.kind) {
    case Value::Kind::String: return "str";
    case Value::Kind::Integer: return "int";
    case Value::Kind::Float: return "float";
    case Value::Kind::Boolean: return "bool";
    case Value::Kind::Array: return "list";
    case Value::Kind::Table: return "dict";
    case Value::Kind::DateTime:
      if (!value.datetime.hour) return "date";
      if (!value.datetime.year) return "time";
      return "datetime";
  }
  return "object";
}

bool python_truthy(const Value& value) {
  switch (value.kind) {
    case Value::Kind::String: return !value.string.empty();
    case Value::Kind::Integer: return value.integer != 0 || !value.big_integer.empty();
    case Value::Kind::Float: return value.floating != 0.0;
    case Value::Kind::Boolean: return value.boolean;
    case Value::Kind::DateTime: return true;
    case Value::Kind::Array: return !value.items.empty();
    case Value::Kind::Table: return !value.entries.empty();
  }
  return true;
}

namespace {

std::string two_digits(int number) {
  std::string text = std::to_string(number);
  return text.size() < 2 ? "0" + text : text;
}

// str() of a datetime.timezone offset as isoformat() writes it: "+05:30".
std::string offset_text(int minutes) {
  const char sign = minutes < 0 ? '-' : '+';
  const int magnitude = std::abs(minutes);
  return std::string(1, sign) + two_digits(magnitude / 60) + ":" + two_digits(magnitude % 60);
}

std::string time_text(const DateTimeParts& parts) {
  std::string out = two_digits(*parts.hour) + ":" + two_digits(*parts.minute) + ":" + two_digits(parts.second.value_or(0));
  if (parts.microsecond != 0) out += fmt::format(".{:06d}", parts.microsecond);
  return out;
}

std::string date_text(const DateTimeParts& parts) {
  return fmt::format("{:04d}-{:02d}-{:02d}", *parts.year, *parts.month, *parts.day);
}

std::string datetime_str(const DateTimeParts& parts) {
  if (!parts.hour) return date_text(parts);
  std::string out = parts.year ? date_text(parts) + " " + time_text(parts) : time_text(parts);
  if (parts.offset_minutes) out += offset_text(*parts.offset_minutes);
  return out;
}

// repr() of a datetime.timezone: UTC is a singleton with its own repr.
std::string timezone_repr(int minutes) {
  if (minutes == 0) return "datetime.timezone.utc";
  // timedelta normalises to days and non-negative seconds below a day.
  long seconds = static_cast<long>(minutes) * 60;
  long days = 0;
  if (seconds < 0) {
    days = -1;
    seconds += 86400;
  }
  std::string delta = "datetime.timedelta(";
  if (days != 0) delta += "days=" + std::to_string(days) + ", ";
  delta += "seconds=" + std::to_string(seconds) + ")";
  return "datetime.timezone(" + delta + ")";
}

std::string datetime_repr(const DateTimeParts& parts) {
  auto fields = [](std::initializer_list<int> numbers) {
    std::string out;
    for (const int number : numbers) {
      if (!out.empty()) out += ", ";
      out += std::to_string(number);
    }
    return out;
  };
  // repr() drops trailing zero second/microsecond fields.
  auto time_fields = [&](std::string& out) {
    out += ", " + std::to_string(*parts.hour) + ", " + std::to_string(*parts.minute);
    if (parts.second.value_or(0) != 0 || parts.microsecond != 0) out += ", " + std::to_string(parts.second.value_or(0));
    if (parts.microsecond != 0) out += ", " + std::to_string(parts.microsecond);
  };
  if (!parts.hour) return "datetime.date(" + fields({*parts.year, *parts.month, *parts.day}) + ")";
  std::string out;
  if (!parts.year) {
    out = "datetime.time(";
    std::string rest;
    time_fields(rest);
    out += rest.substr(2);
  } else {
    out = "datetime.datetime(" + fields({*parts.year, *parts.month, *parts.day});
    time_fields(out);
  }
  if (parts.offset_minutes) out += ", tzinfo=" + timezone_repr(*parts.offset_minutes);
  return out + ")";
}

// Appends into one buffer: building each nested level's text and copying it into its
// parent's costs time quadratic in the nesting, which a thousand dotted keys reach.
void append_repr(std::string& out, const Value& value) {
  switch (value.kind) {
    case Value::Kind::Array:
      out += '[';
      for (std::size_t i = 0; i < value.items.size(); ++i) {
        if (i != 0) out += ", ";
        append_repr(out, value.items[i]);
      }
      out += ']';
      return;
    case Value::Kind::Table:
      out += '{';
      for (std::size_t i = 0; i < value.entries.size(); ++i) {
        if (i != 0) out += ", ";
        out += python::repr(value.entries[i].key);
        out += ": ";
        append_repr(out, value.entries[i].value);
      }
      out += '}';
      return;
    case Value::Kind::String: out += python::repr(value.string); return;
    case Value::Kind::DateTime: out += datetime_repr(value.datetime); return;
    default: out += python_str(value); return;
  }
}

}  // namespace

std::string python_repr(const Value& value) {
  std::string out;
  append_repr(out, value);
  return out;
}

std::string python_str(const Value& value) {
  switch (value.kind) {
    case Value::Kind::String: return value.string;
    case Value::Kind::Integer: return value.big_integer.empty() ? std::to_string(value.integer) : value.big_integer;
    case Value::Kind::Float: return python::float_repr(value.floating);
    case Value::Kind::Boolean: return value.boolean ? "True" : "False";
    case Value::Kind::DateTime: return datetime_str(value.datetime);
    case Value::Kind::Array:
    case Value::Kind::Table: return python_repr(value);
  }
  return {};
}

}  // namespace paralint
