#include "paralint/read/toml_reader.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <deque>
#include <limits>
#include <map>
#include <memory>
#include <memory_resource>
#include <span>
#include <string_view>
#include <string>
#include <unordered_map>
#include <vector>

#include "paralint/read/ini_reader.hpp"
#include "paralint/read/python_text.hpp"
#include "read/toml_scalars.hpp"

// The grammar and the table rules are tomllib's (CPython's Lib/tomllib/_parser.py, which
// pytest calls on Python >= 3.11; tomli, its source, before): the same statements in the same
// order, the same checks in the same order, and the same messages at the same positions, so
// that a document fails here exactly where and why it fails in pytest.

namespace paralint {

namespace {

using NodeId = std::uint32_t;
constexpr NodeId kNoNode = ~NodeId{0};

// The document is not what tomllib reads: where and why, in tomllib's words.
struct Failure {
  std::size_t at = 0;  // offset in the text tomllib reads
  std::string message;
  bool beyond_reader_limit = false;
};

using CharTable = std::array<bool, 256>;

constexpr CharTable char_table(std::string_view members, bool ascii_controls = false) {
  CharTable table{};
  for (const char c : members) table[static_cast<unsigned char>(c)] = true;
  if (ascii_controls) {
    for (unsigned c = 0; c < 0x20; ++c) table[c] = true;
    table[0x7f] = true;
  }
  return table;
}

constexpr auto kBareKeyChars =
    char_table("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
// What ends a run of plain characters in a basic string: its quote, a backslash, or a control
// character (tab is allowed everywhere, a line break only in multi-line strings, which check).
constexpr auto kBasicStringStops = [] {
  auto table = char_table("\"\\", true);
  table['\t'] = false;
  return table;
}();
// ASCII controls but tab: not allowed in comments and one-line strings; multi-line strings
// also allow the line break.
constexpr auto kIllegalInLine = [] {
  auto table = char_table("", true);
  table['\t'] = false;
  return table;
}();

// tomllib's TOML_WS and TOML_WS_AND_NEWLINE.
constexpr auto kWhitespace = char_table(" \t");
constexpr auto kWhitespaceAndNewline = char_table(" \t\n");

bool is_in(const CharTable& table, char c) { return table[static_cast<unsigned char>(c)]; }

using KeyIndex = std::unordered_map<std::string_view, NodeId>;

struct KeyPart {
  std::string_view text;  // in the source, or in the parser's arena when the key had escapes
  Span span;
};

class TomllibParser {
 public:
  explicit TomllibParser(std::string_view src) : src_(src) {
    constexpr std::size_t kBytesPerValue = 16;  // about what real pyproject.toml files hold
    nodes_.reserve(src.size() / kBytesPerValue + 1);
    nodes_.emplace_back(&arena_).kind = Value::Kind::Table;
  }

  // Reads the whole document into nodes; throws Failure where tomllib raises.
  void parse();
  // Builds the Value tree of node `id` (0: the document) into `out`.
  void build(NodeId id, Value& out) const;
  // build of the document, but only of the tables on the way to `paths` and of the values at
  // them: what is off those paths is left out of `out`.
  void build_paths(std::span<const std::string_view> paths, Value& out) const;

  std::size_t deepest_frames = 0;  // tomllib's deepest recursion (TomlDocument::nesting_frames)
  std::size_t deepest_at = 0;

 private:
  // What a Value will hold, without building it: text is viewed where it lies, and the rare
  // parts (date-times, integers beyond 64 bits) are kept aside. Most of a pyproject.toml is
  // tables no caller reads; they cost no allocation until built.
  struct Node {
    explicit Node(std::pmr::memory_resource* arena) : members(arena) {}

    Value::Kind kind = Value::Kind::Table;
    bool boolean = false;
    std::uint32_t aside = kNoNode;  // index in datetimes_ or big_integers_
    std::int64_t integer = 0;
    double floating = 0.0;
    std::string_view text;             // a String's value, in the source or the arena
    Span span;
    std::pmr::vector<NodeId> members;  // a container's items or entries, in the order tomllib creates them
    std::string_view key;              // its key in its table
    Span key_span;
    // tomllib's two flags, held by the node a key path leads to. EXPLICIT_NEST: a header made
    // it, or dotted keys of an earlier section did. FROZEN: an inline table or array, and
    // everything below it.
    bool explicit_nest = false;
    bool frozen = false;
    std::unique_ptr<KeyIndex> index;  // of a large table's keys
  };

  [[nodiscard]] char at(std::size_t offset) const { return offset < src_.size() ? src_[offset] : '\0'; }
  [[nodiscard]] bool starts_with(std::string_view prefix) const {
    return pos_ <= src_.size() && src_.substr(pos_).starts_with(prefix);
  }
  [[noreturn]] static void fail(std::size_t offset, std::string message) { throw Failure{offset, std::move(message)}; }

  void skip_whitespace() { pos_ = skip_over(kWhitespace, pos_); }
  // The first offset in [from, to) whose byte is in `table` (`in_table`) or is not, else `to`.
  // On locals, not on pos_: the loop runs over every byte of every key, string and comment.
  template <bool in_table>
  [[nodiscard]] std::size_t first_where(const CharTable& table, std::size_t from, std::size_t to) const {
    const char* const text = src_.data();
    while (from < to && is_in(table, text[from]) != in_table) ++from;
    return from;
  }
  [[nodiscard]] std::size_t find_stop(const CharTable& stops, std::size_t from, std::size_t to) const {
    return first_where<true>(stops, from, to);
  }
  [[nodiscard]] std::size_t find_stop(const CharTable& stops, std::size_t from) const {
    return first_where<true>(stops, from, src_.size());
  }
  [[nodiscard]] std::size_t skip_over(const CharTable& members, std::size_t from) const {
    return first_where<false>(members, from, src_.size());
  }
  void skip_until(std::string_view expect, const CharTable& error_on, bool error_on_eof);
  void skip_comment();
  void skip_comments_and_array_whitespace();

  void create_table();
  void create_array_table();
  void enter_section(NodeId table, const std::vector<KeyPart>& key);
  void key_value();
  // Reads a dotted key into a buffer of the current nesting level, reused from key to key: a
  // key being read holds its level's buffer while its value reads deeper keys into theirs.
  [[nodiscard]] const std::vector<KeyPart>& parse_key();
  [[nodiscard]] KeyPart parse_key_part();
  [[nodiscard]] NodeId parse_value(std::size_t depth);
  [[nodiscard]] NodeId parse_array(std::size_t depth);
  [[nodiscard]] NodeId parse_inline_table(std::size_t depth);
  // A string's value: a view of the source when it has no escape (most strings), else of its
  // text copied into the arena.
  [[nodiscard]] std::string_view parse_basic_string(bool multiline);
  void parse_escape(bool multiline, std::string& out);
  void parse_hex_char(std::size_t digits, std::string& out);
  [[nodiscard]] std::string_view parse_literal_string();
  [[nodiscard]] std::string_view parse_multiline_string(bool literal);
  [[nodiscard]] std::string_view keep(std::string_view text);
  void build_table_on_paths(NodeId id, const std::vector<std::vector<std::string_view>>& paths, std::size_t depth,
                            Value& out) const;

  NodeId new_node(Value::Kind kind, Span span);
  [[nodiscard]] NodeId member(NodeId table, std::string_view key) const;
  void add_member(NodeId table, NodeId child);
  // A key/value pair's value joins its table under its last key part; an inline table or
  // array is FROZEN from then on.
  void attach(NodeId table, NodeId value, const KeyPart& key);
  // The node the first `count` parts of `key` lead to from `from` (through a list, its last
  // item), or kNoNode. `frozen`: a node on the way is FROZEN (tomllib's Flags.is_).
  [[nodiscard]] NodeId lookup(NodeId from, const std::vector<KeyPart>& key, std::size_t count, bool& frozen) const;
  // NestedDict.get_or_create_nest: follows and creates tables, fails where another value is.
  // `path` receives the node each part names (a list itself, not its last item).
  NodeId get_or_create(NodeId from, const std::vector<KeyPart>& key, std::size_t count, bool access_lists,
                       std::vector<NodeId>* path = nullptr);
  [[nodiscard]] std::string key_repr(const std::vector<KeyPart>& key, std::size_t count, bool with_header) const;
  void enter_container(std::size_t frames, std::size_t offset);
  static void check_depth(std::size_t depth, std::size_t offset);
  // check_depth for a key below a table at `base`: points at the first part too deep.
  static void check_key_depth(std::size_t base, const std::vector<KeyPart>& key);

  std::string_view src_;
  std::size_t pos_ = 0;
  // What the nodes' member lists grow in, freed all at once with the parser: most documents
  // are thousands of small lists, each of which would otherwise be a malloc and a free.
  std::pmr::monotonic_buffer_resource arena_;
  std::vector<Node> nodes_;  // node 0 is the document; ids, not references, survive its growth
  std::vector<NodeId> pending_explicit_;  // Flags.add_pending: EXPLICIT_NEST from the next header on
  NodeId header_ = 0;                     // the table the current section's keys go to
  std::vector<std::string_view> header_key_;  // its key, for messages
  std::deque<std::vector<KeyPart>> key_buffers_;  // parse_key's, by frames_ (a deque: stable)
  std::size_t frames_ = 0;
  std::string unescaped_;  // parse_basic_string's text of a string with escapes, reused
  std::vector<DateTimeParts> datetimes_;
  std::vector<std::string> big_integers_;
};

NodeId TomllibParser::new_node(Value::Kind kind, Span span) {
  const auto id = static_cast<NodeId>(nodes_.size());
  auto& node = nodes_.emplace_back(&arena_);
  node.kind = kind;
  node.span = span;
  return id;
}

NodeId TomllibParser::member(NodeId table, std::string_view key) const {
  const auto& node = nodes_[table];
  if (node.index) {
    const auto found = node.index->find(key);
    return found == node.index->end() ? kNoNode : found->second;
  }
  for (const auto id : node.members) {
    if (nodes_[id].key == key) return id;
  }
  return kNoNode;
}

void TomllibParser::attach(NodeId table, NodeId value, const KeyPart& key) {
  auto& node = nodes_[value];
  node.key = key.text;
  node.key_span = key.span;
  node.frozen = node.kind == Value::Kind::Array || node.kind == Value::Kind::Table;
  add_member(table, value);
}

void TomllibParser::add_member(NodeId table, NodeId child) {
  // A table of 100,000 keys must not cost 10^10 comparisons.
  constexpr std::size_t kIndexFrom = 16;
  auto& node = nodes_[table];
  node.members.push_back(child);
  if (node.index) {
    node.index->emplace(nodes_[child].key, child);
  } else if (node.members.size() > kIndexFrom) {
    node.index = std::make_unique<KeyIndex>();
    for (const auto id : node.members) node.index->emplace(nodes_[id].key, id);
  }
}

NodeId TomllibParser::lookup(NodeId from, const std::vector<KeyPart>& key, std::size_t count, bool& frozen) const {
  auto current = from;
  frozen = nodes_[current].frozen;
  for (std::size_t part = 0; part < count; ++part) {
    const auto& node = nodes_[current];
    if (node.kind == Value::Kind::Array && !node.members.empty()) current = node.members.back();
    if (nodes_[current].kind != Value::Kind::Table) return kNoNode;
    current = member(current, key[part].text);
    if (current == kNoNode) return kNoNode;
    frozen = frozen || nodes_[current].frozen;
  }
  return current;
}

NodeId TomllibParser::get_or_create(NodeId from, const std::vector<KeyPart>& key, std::size_t count,
                                    bool access_lists, std::vector<NodeId>* path) {
  auto current = from;
  for (std::size_t part = 0; part < count; ++part) {
    auto child = member(current, key[part].text);
    if (child == kNoNode) {
      child = new_node(Value::Kind::Table, key[part].span);
      nodes_[child].key = key[part].text;
      nodes_[child].key_span = key[part].span;
      add_member(current, child);
    }
    if (path != nullptr) path->push_back(child);
    current = child;
    // A list made by [[...]] always has an item; an inline one is FROZEN, which every caller
    // refuses first, so an empty list is never entered.
    if (access_lists && nodes_[current].kind == Value::Kind::Array && !nodes_[current].members.empty()) {
      current = nodes_[current].members.back();
    }
    if (nodes_[current].kind != Value::Kind::Table) fail(pos_, "Cannot overwrite a value");
  }
  return current;
}

std::string TomllibParser::key_repr(const std::vector<KeyPart>& key, std::size_t count, bool with_header) const {
  std::vector<std::string_view> parts;
  if (with_header) parts = header_key_;
  for (std::size_t part = 0; part < count; ++part) parts.push_back(key[part].text);
  std::string out = "(";
  for (std::size_t part = 0; part < parts.size(); ++part) {
    if (part != 0) out += ", ";
    out += python::repr(parts[part]);
  }
  return out + (parts.size() == 1 ? ",)" : ")");
}

void TomllibParser::enter_container(std::size_t frames, std::size_t offset) {
  frames_ += frames;
  if (frames_ > deepest_frames) {
    deepest_frames = frames_;
    deepest_at = offset;
  }
  if (frames_ > kTomllibFrameBudget) {
    fail(offset, "maximum recursion depth exceeded (tomllib nests arrays and inline tables recursively)");
  }
}

void TomllibParser::check_depth(std::size_t depth, std::size_t offset) {
  if (depth <= kKeyNestingLimit) return;
  throw Failure{offset,
                "tables and values nested deeper than " + std::to_string(kKeyNestingLimit) +
                    " levels, which paralint does not read (tomllib reads on: its time and memory grow with the "
                    "square of the depth, 2.3 GB at 20,000 levels)",
                true};
}

void TomllibParser::check_key_depth(std::size_t base, const std::vector<KeyPart>& key) {
  if (base + key.size() <= kKeyNestingLimit) return;
  check_depth(base + key.size(), key[kKeyNestingLimit - std::min(base, kKeyNestingLimit)].span.begin);
}

// --- statements ---------------------------------------------------------------------------

void TomllibParser::parse() {
  while (true) {
    skip_whitespace();
    if (pos_ >= src_.size()) return;
    const char c = src_[pos_];
    if (c == '\n') {
      ++pos_;
      continue;
    }
    if (is_in(kBareKeyChars, c) || c == '"' || c == '\'') {
      key_value();
      skip_whitespace();
    } else if (c == '[') {
      for (const auto id : pending_explicit_) nodes_[id].explicit_nest = true;
      pending_explicit_.clear();
      if (at(pos_ + 1) == '[') {
        create_array_table();
      } else {
        create_table();
      }
      skip_whitespace();
    } else if (c != '#') {
      fail(pos_, "Invalid statement");
    }
    skip_comment();
    if (pos_ >= src_.size()) return;
    if (src_[pos_] != '\n') fail(pos_, "Expected newline or end of document after a statement");
    ++pos_;
  }
}

void TomllibParser::enter_section(NodeId table, const std::vector<KeyPart>& key) {
  header_ = table;
  header_key_.clear();
  for (const auto& part : key) header_key_.push_back(part.text);
}

void TomllibParser::create_table() {
  const auto begin = pos_;
  ++pos_;
  skip_whitespace();
  const auto& key = parse_key();
  check_key_depth(0, key);
  bool frozen = false;
  const auto existing = lookup(0, key, key.size(), frozen);
  if (frozen || (existing != kNoNode && nodes_[existing].explicit_nest)) {
    fail(pos_, "Cannot declare " + key_repr(key, key.size(), false) + " twice");
  }
  const auto first_created = nodes_.size();
  const auto table = get_or_create(0, key, key.size(), true);
  if (!starts_with("]")) fail(pos_, "Expected ']' at the end of a table declaration");
  ++pos_;
  nodes_[table].explicit_nest = true;
  // A table spans the header that defines it; until one does, the first header that named it.
  nodes_[table].span = {begin, pos_};
  for (auto id = first_created; id < nodes_.size(); ++id) nodes_[id].span = {begin, pos_};
  enter_section(table, key);
}

void TomllibParser::create_array_table() {
  const auto begin = pos_;
  pos_ += 2;
  skip_whitespace();
  const auto& key = parse_key();
  check_key_depth(0, key);
  bool frozen = false;
  static_cast<void>(lookup(0, key, key.size(), frozen));
  if (frozen) fail(pos_, "Cannot mutate immutable namespace " + key_repr(key, key.size(), false));
  const auto first_created = nodes_.size();
  const auto parent = get_or_create(0, key, key.size() - 1, true);
  auto array = member(parent, key.back().text);
  if (array == kNoNode) {
    array = new_node(Value::Kind::Array, {begin, begin});
    nodes_[array].key = key.back().text;
    nodes_[array].key_span = key.back().span;
    add_member(parent, array);
  } else if (nodes_[array].kind != Value::Kind::Array) {
    fail(pos_, "Cannot overwrite a value");
  }
  // Flags.unset_all then set: the new item starts without flags, the list is EXPLICIT_NEST.
  nodes_[array].explicit_nest = true;
  const auto item = new_node(Value::Kind::Table, {});
  nodes_[array].members.push_back(item);
  if (!starts_with("]]")) fail(pos_, "Expected ']]' at the end of an array declaration");
  pos_ += 2;
  for (auto id = first_created; id < nodes_.size(); ++id) nodes_[id].span = {begin, pos_};
  nodes_[array].span.end = pos_;  // from its first header to its last
  enter_section(item, key);
}

void TomllibParser::key_value() {
  const auto& key = parse_key();
  if (at(pos_) != '=') fail(pos_, "Expected '=' after a key in a key/value pair");
  ++pos_;
  skip_whitespace();
  check_key_depth(header_key_.size(), key);
  const auto value = parse_value(header_key_.size() + key.size());

  bool frozen = false;
  for (std::size_t count = 1; count < key.size(); ++count) {
    const auto table = lookup(header_, key, count, frozen);
    if (table != kNoNode && nodes_[table].explicit_nest) {
      fail(pos_, "Cannot redefine namespace " + key_repr(key, count, true));
    }
  }
  static_cast<void>(lookup(header_, key, key.size() - 1, frozen));
  if (frozen) fail(pos_, "Cannot mutate immutable namespace " + key_repr(key, key.size() - 1, true));
  std::vector<NodeId> path;
  const auto parent = get_or_create(header_, key, key.size() - 1, true, &path);
  if (member(parent, key.back().text) != kNoNode) fail(pos_, "Cannot overwrite a value");
  pending_explicit_.insert(pending_explicit_.end(), path.begin(), path.end());
  attach(parent, value, key.back());
}

// --- keys ---------------------------------------------------------------------------------

const std::vector<KeyPart>& TomllibParser::parse_key() {
  // frames_ grows with every array or inline table entered, so each level has its own buffer.
  while (key_buffers_.size() <= frames_) key_buffers_.emplace_back();
  auto& key = key_buffers_[frames_];
  key.clear();
  key.push_back(parse_key_part());
  skip_whitespace();
  while (at(pos_) == '.' && pos_ < src_.size()) {
    ++pos_;
    skip_whitespace();
    key.push_back(parse_key_part());
    skip_whitespace();
  }
  return key;
}

KeyPart TomllibParser::parse_key_part() {
  const auto begin = pos_;
  KeyPart part;
  if (pos_ < src_.size() && is_in(kBareKeyChars, src_[pos_])) {
    pos_ = skip_over(kBareKeyChars, pos_);
    part.text = src_.substr(begin, pos_ - begin);
  } else if (pos_ < src_.size() && src_[pos_] == '\'') {
    part.text = parse_literal_string();
  } else if (pos_ < src_.size() && src_[pos_] == '"') {
    ++pos_;
    part.text = parse_basic_string(false);
  } else {
    fail(pos_, "Invalid initial character for a key part");
  }
  part.span = {begin, pos_};
  return part;
}

// --- values -------------------------------------------------------------------------------

NodeId TomllibParser::parse_value(std::size_t depth) {
  const auto begin = pos_;
  const char c = at(pos_);
  auto scalar = [&](Value::Kind kind) { return new_node(kind, {begin, pos_}); };
  auto scalar_aside = [&](const DateTimeParts& parts) {
    const auto id = scalar(Value::Kind::DateTime);
    nodes_[id].aside = static_cast<std::uint32_t>(datetimes_.size());
    datetimes_.push_back(parts);
    return id;
  };
  if (c == '"' || c == '\'') {
    const bool literal = c == '\'';
    std::string_view text;
    if (starts_with(literal ? "'''" : R"(""")")) {
      text = parse_multiline_string(literal);
    } else if (literal) {
      text = parse_literal_string();
    } else {
      ++pos_;
      text = parse_basic_string(false);
    }
    const auto id = scalar(Value::Kind::String);
    nodes_[id].text = text;
    return id;
  }
  if ((c == 't' && starts_with("true")) || (c == 'f' && starts_with("false"))) {
    pos_ += c == 't' ? 4 : 5;
    const auto id = scalar(Value::Kind::Boolean);
    nodes_[id].boolean = c == 't';
    return id;
  }
  if (c == '[') {
    check_depth(depth, begin);
    return parse_array(depth);
  }
  if (c == '{') {
    check_depth(depth, begin);
    return parse_inline_table(depth);
  }
  if (c >= '0' && c <= '9') {
    if (const auto datetime = toml_scalars::match_datetime(src_, pos_)) {
      if (!datetime->valid) fail(begin, "Invalid date or datetime");
      pos_ = datetime->end;
      return scalar_aside(datetime->parts);
    }
    if (const auto time = toml_scalars::match_local_time(src_, pos_)) {
      pos_ = time->end;
      return scalar_aside(time->parts);
    }
  }
  if ((c >= '0' && c <= '9') || c == '+' || c == '-') {
    if (auto number = toml_scalars::match_number(src_, pos_)) {
      pos_ = number->end;
      const auto id = scalar(number->is_float ? Value::Kind::Float : Value::Kind::Integer);
      auto& node = nodes_[id];
      node.integer = number->integer;
      node.floating = number->floating;
      if (!number->big_integer.empty()) {
        node.aside = static_cast<std::uint32_t>(big_integers_.size());
        big_integers_.push_back(std::move(number->big_integer));
      }
      return id;
    }
  }
  // tomllib's special floats: inf and nan, signed or not.
  const auto three = src_.substr(pos_, 3);
  const auto four = src_.substr(pos_, 4);
  const bool signed_special = (c == '+' || c == '-') && (four.substr(1) == "inf" || four.substr(1) == "nan");
  if (three == "inf" || three == "nan" || signed_special) {
    const bool infinite = (signed_special ? four.substr(1) : three) == "inf";
    pos_ += signed_special ? 4 : 3;
    const auto id = scalar(Value::Kind::Float);
    const double magnitude =
        infinite ? std::numeric_limits<double>::infinity() : std::numeric_limits<double>::quiet_NaN();
    nodes_[id].floating = c == '-' ? -magnitude : magnitude;
    return id;
  }
  fail(begin, "Invalid value");
}

NodeId TomllibParser::parse_array(std::size_t depth) {
  const auto begin = pos_;
  enter_container(2, begin);
  ++pos_;
  const auto array = new_node(Value::Kind::Array, {});
  skip_comments_and_array_whitespace();
  if (!starts_with("]")) {
    while (true) {
      const auto item = parse_value(depth + 1);
      nodes_[array].members.push_back(item);
      skip_comments_and_array_whitespace();
      if (starts_with("]")) break;
      if (!starts_with(",")) fail(pos_, "Unclosed array");
      ++pos_;
      skip_comments_and_array_whitespace();
      if (starts_with("]")) break;
    }
  }
  ++pos_;
  frames_ -= 2;
  nodes_[array].span = {begin, pos_};
  return array;
}

NodeId TomllibParser::parse_inline_table(std::size_t depth) {
  const auto begin = pos_;
  enter_container(3, begin);
  ++pos_;
  const auto table = new_node(Value::Kind::Table, {});
  skip_whitespace();
  if (!starts_with("}")) {
    while (true) {
      const auto& key = parse_key();
      if (at(pos_) != '=') fail(pos_, "Expected '=' after a key in a key/value pair");
      ++pos_;
      skip_whitespace();
      check_key_depth(depth, key);
      const auto value = parse_value(depth + key.size());
      bool frozen = false;
      static_cast<void>(lookup(table, key, key.size(), frozen));
      if (frozen) fail(pos_, "Cannot mutate immutable namespace " + key_repr(key, key.size(), false));
      const auto parent = get_or_create(table, key, key.size() - 1, false);
      if (member(parent, key.back().text) != kNoNode) {
        fail(pos_, "Duplicate inline table key " + python::repr(key.back().text));
      }
      attach(parent, value, key.back());
      skip_whitespace();
      if (starts_with("}")) break;
      if (!starts_with(",")) fail(pos_, "Unclosed inline table");
      ++pos_;
      skip_whitespace();
    }
  }
  ++pos_;
  frames_ -= 3;
  nodes_[table].span = {begin, pos_};
  return table;
}

// --- strings and comments -----------------------------------------------------------------

void TomllibParser::skip_until(std::string_view expect, const CharTable& error_on, bool error_on_eof) {
  auto found = src_.find(expect, pos_);
  if (found == std::string_view::npos) {
    found = src_.size();
    if (error_on_eof) fail(found, "Expected " + python::repr(expect));
  }
  if (const auto invalid = find_stop(error_on, pos_, found); invalid < found) {
    fail(invalid, "Found invalid character " + python::repr(src_.substr(invalid, 1)));
  }
  pos_ = found;
}

void TomllibParser::skip_comment() {
  if (at(pos_) != '#' || pos_ >= src_.size()) return;
  ++pos_;
  skip_until("\n", kIllegalInLine, false);
}

void TomllibParser::skip_comments_and_array_whitespace() {
  while (true) {
    const auto before = pos_;
    pos_ = skip_over(kWhitespaceAndNewline, pos_);
    skip_comment();
    if (pos_ == before) return;
  }
}

std::string_view TomllibParser::keep(std::string_view text) {
  auto* copy = static_cast<char*>(arena_.allocate(text.size(), 1));
  std::copy(text.begin(), text.end(), copy);
  return {copy, text.size()};
}

std::string_view TomllibParser::parse_literal_string() {
  ++pos_;
  const auto begin = pos_;
  skip_until("'", kIllegalInLine, true);
  const auto text = src_.substr(begin, pos_ - begin);
  ++pos_;
  return text;
}

std::string_view TomllibParser::parse_multiline_string(bool literal) {
  pos_ += 3;
  if (at(pos_) == '\n' && pos_ < src_.size()) ++pos_;
  const auto begin = pos_;
  std::string_view text;
  if (literal) {
    auto illegal = kIllegalInLine;
    illegal['\n'] = false;
    skip_until("'''", illegal, true);
    text = src_.substr(begin, pos_ - begin);
    pos_ += 3;
  } else {
    text = parse_basic_string(true);
  }
  // A closing delimiter of four or five quotes ends with one or two quotes of the string.
  const char quote = literal ? '\'' : '"';
  std::size_t extra = 0;
  while (extra < 2 && pos_ < src_.size() && src_[pos_] == quote) {
    ++extra;
    ++pos_;
  }
  if (extra == 0) return text;
  const bool escaped = text.data() != src_.data() + begin;
  if (!escaped) return src_.substr(begin, text.size() + extra);  // the quotes follow the text in the source
  std::string joined(text);
  joined.append(extra, quote);
  return keep(joined);
}

std::string_view TomllibParser::parse_basic_string(bool multiline) {
  auto start = pos_;
  const auto first = pos_;
  bool escaped = false;
  while (true) {
    pos_ = find_stop(kBasicStringStops, pos_);
    if (pos_ >= src_.size()) fail(pos_, "Unterminated string");
    const char c = src_[pos_];
    if (c == '"') {
      if (!multiline || starts_with(R"(""")")) {
        const auto tail = src_.substr(start, pos_ - start);
        pos_ += multiline ? 3 : 1;
        if (!escaped) return src_.substr(first, tail.size());
        unescaped_.append(tail);
        return keep(unescaped_);
      }
      ++pos_;
    } else if (c == '\\') {
      if (!escaped) unescaped_.clear();
      escaped = true;
      unescaped_.append(src_.substr(start, pos_ - start));
      parse_escape(multiline, unescaped_);
      start = pos_;
    } else if (c == '\n' && multiline) {
      ++pos_;
    } else {
      fail(pos_, "Illegal character " + python::repr(src_.substr(pos_, 1)));
    }
  }
}

void TomllibParser::parse_escape(bool multiline, std::string& out) {
  const auto escape = src_.substr(pos_, 2);
  pos_ += 2;  // past the end for a lone backslash at the end, as in tomllib
  if (multiline && (escape == "\\ " || escape == "\\\t" || escape == "\\\n")) {
    // A line-ending backslash: only whitespace may follow it on its line.
    if (escape != "\\\n") {
      skip_whitespace();
      if (pos_ >= src_.size()) return;
      if (src_[pos_] != '\n') fail(pos_, "Unescaped '\\' in a string");
      ++pos_;
    }
    pos_ = skip_over(kWhitespaceAndNewline, pos_);
    return;
  }
  if (escape == "\\u" || escape == "\\U") return parse_hex_char(escape == "\\u" ? 4 : 8, out);
  static constexpr std::array<std::pair<char, char>, 7> kEscapes{
      {{'b', '\b'}, {'t', '\t'}, {'n', '\n'}, {'f', '\f'}, {'r', '\r'}, {'"', '"'}, {'\\', '\\'}}};
  for (const auto& [name, replacement] : kEscapes) {
    if (escape.size() == 2 && escape[1] == name) {
      out += replacement;
      return;
    }
  }
  fail(pos_, "Unescaped '\\' in a string");
}

void TomllibParser::parse_hex_char(std::size_t digits, std::string& out) {
  const auto hex = src_.substr(std::min(pos_, src_.size()), digits);
  const bool all_hex = std::all_of(hex.begin(), hex.end(), [](char c) {
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
  });
  if (hex.size() != digits || !all_hex) fail(pos_, "Invalid hex value");
  pos_ += digits;
  std::uint32_t code_point = 0;
  for (const char c : hex) {
    code_point = code_point * 16 + static_cast<std::uint32_t>(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
  }
  if ((code_point > 0xD7FF && code_point < 0xE000) || code_point > 0x10FFFF) {
    fail(pos_, "Escaped character is not a Unicode scalar value");
  }
  append_utf8(out, code_point);
}

void TomllibParser::build(NodeId id, Value& out) const {
  const auto& node = nodes_[id];
  out.kind = node.kind;
  out.span = node.span;
  switch (node.kind) {
    case Value::Kind::String:
      out.string = node.text;
      break;
    case Value::Kind::Integer:
      out.integer = node.integer;
      if (node.aside != kNoNode) out.big_integer = big_integers_[node.aside];
      break;
    case Value::Kind::Float:
      out.floating = node.floating;
      break;
    case Value::Kind::Boolean:
      out.boolean = node.boolean;
      break;
    case Value::Kind::DateTime:
      out.datetime = datetimes_[node.aside];
      break;
    case Value::Kind::Array:
      out.items.resize(node.members.size());
      for (std::size_t item = 0; item < node.members.size(); ++item) build(node.members[item], out.items[item]);
      break;
    case Value::Kind::Table:
      out.entries.resize(node.members.size());
      for (std::size_t entry = 0; entry < node.members.size(); ++entry) {
        const auto& member_node = nodes_[node.members[entry]];
        out.entries[entry].key = member_node.key;
        out.entries[entry].key_span = member_node.key_span;
        build(node.members[entry], out.entries[entry].value);
      }
      break;
  }
}

void TomllibParser::build_paths(std::span<const std::string_view> paths, Value& out) const {
  std::vector<std::vector<std::string_view>> split;
  for (const auto path : paths) {
    auto& parts = split.emplace_back();
    std::size_t begin = 0;
    for (auto dot = path.find('.'); dot != std::string_view::npos; dot = path.find('.', begin)) {
      parts.push_back(path.substr(begin, dot - begin));
      begin = dot + 1;
    }
    parts.push_back(path.substr(begin));
  }
  build_table_on_paths(0, split, 0, out);
}

void TomllibParser::build_table_on_paths(NodeId id, const std::vector<std::vector<std::string_view>>& paths,
                                         std::size_t depth, Value& out) const {
  const auto& node = nodes_[id];
  out.kind = node.kind;
  out.span = node.span;
  for (const auto member : node.members) {
    const auto& member_node = nodes_[member];
    std::vector<std::vector<std::string_view>> deeper;
    bool whole = false;
    for (const auto& path : paths) {
      if (path[depth] != member_node.key) continue;
      if (path.size() == depth + 1) whole = true;
      deeper.push_back(path);
    }
    if (deeper.empty()) continue;
    auto& entry = out.entries.emplace_back();
    entry.key = member_node.key;
    entry.key_span = member_node.key_span;
    // A value on the way that is not a table (a list of tables included) is built whole: the
    // caller meets it where it expected a table, and says what it is.
    if (whole || member_node.kind != Value::Kind::Table) {
      build(member, entry.value);
    } else {
      build_table_on_paths(member, deeper, depth + 1, entry.value);
    }
  }
}

// Offsets in the text tomllib reads (each "\r\n" one "\n") back to the file's bytes.
class OffsetMap {
 public:
  explicit OffsetMap(std::vector<std::size_t> dropped) : dropped_(std::move(dropped)) {}
  [[nodiscard]] bool identity() const { return dropped_.empty(); }
  [[nodiscard]] std::size_t begin(std::size_t offset) const {
    return offset + static_cast<std::size_t>(std::upper_bound(dropped_.begin(), dropped_.end(), offset) - dropped_.begin());
  }
  [[nodiscard]] std::size_t end(std::size_t offset) const {
    return offset + static_cast<std::size_t>(std::lower_bound(dropped_.begin(), dropped_.end(), offset) - dropped_.begin());
  }
  void apply(Value& value) const {
    value.span = {begin(value.span.begin), end(value.span.end)};
    for (auto& item : value.items) apply(item);
    for (auto& entry : value.entries) {
      entry.key_span = {begin(entry.key_span.begin), end(entry.key_span.end)};
      apply(entry.value);
    }
  }

 private:
  std::vector<std::size_t> dropped_;  // where each dropped "\r" was, in the text tomllib reads
};

// tomllib's position of an offset: 1-based line, 1-based column in code points.
TomlError error_at(std::string_view text, const Failure& failure) {
  const auto at = std::min(failure.at, text.size());
  const auto before = text.substr(0, at);
  const auto line_start = before.rfind('\n');
  const auto line = static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n')) + 1;
  const auto column_text = before.substr(line_start == std::string_view::npos ? 0 : line_start + 1);
  const auto column = count_code_points(column_text) + 1;
  return TomlError{line, column, failure.message, failure.beyond_reader_limit};
}

}  // namespace

TomlDocument read_toml(const SourceText& source, std::span<const std::string_view> only_paths) {
  TomlDocument document;
  document.root.kind = Value::Kind::Table;
  const std::string_view bytes = source.bytes();

  std::size_t bad_offset = 0;
  if (auto decode_error = utf8_decode_error(bytes, bad_offset)) {
    document.error = TomlError{source.position(bad_offset).line, 0, *decode_error};
    return document;
  }
  // pytest reads the file with Path.read_text(), whose universal newlines turn "\r\n" and a
  // lone "\r" into "\n" before tomllib sees the text.
  std::string_view text = bytes;
  std::string normalized;
  std::vector<std::size_t> dropped;
  if (bytes.find('\r') != std::string_view::npos) {
    normalized.reserve(bytes.size());
    for (std::size_t i = 0; i < bytes.size(); ++i) {
      if (bytes[i] != '\r') {
        normalized += bytes[i];
        continue;
      }
      if (i + 1 < bytes.size() && bytes[i + 1] == '\n') {
        dropped.push_back(normalized.size());
        continue;
      }
      normalized += '\n';
    }
    text = normalized;
  }
  const OffsetMap offsets(std::move(dropped));
  TomllibParser parser(text);
  try {
    parser.parse();
  } catch (const Failure& failure) {
    document.error = error_at(text, failure);
    return document;
  }
  document.nesting_frames = parser.deepest_frames;
  document.deepest_nesting_at = offsets.begin(parser.deepest_at);
  if (only_paths.empty()) {
    parser.build(0, document.root);
  } else {
    parser.build_paths(only_paths, document.root);
  }
  if (!offsets.identity()) offsets.apply(document.root);
  document.root.span = {0, bytes.size()};
  return document;
}

namespace {

struct ParsedToml {
  std::string bytes;
  std::vector<std::string> only_paths;  // none: the whole document was built
  TomlDocument document;
};

// Per thread, as read_source_once's cache.
std::map<std::filesystem::path, ParsedToml>& toml_read() {
  thread_local std::map<std::filesystem::path, ParsedToml> by_path;
  return by_path;
}

}  // namespace

void forget_toml_read() { toml_read().clear(); }

const TomlDocument& read_toml_once(const SourceText& source, std::span<const std::string_view> only_paths) {
  auto& parsed = toml_read();
  auto found = parsed.find(source.path());
  const auto serves = [&](const ParsedToml& cached) {
    const auto built = [&](std::string_view path) {
      return std::find(cached.only_paths.begin(), cached.only_paths.end(), path) != cached.only_paths.end();
    };
    return cached.bytes == source.bytes() &&
           (cached.only_paths.empty() || (!only_paths.empty() && std::all_of(only_paths.begin(), only_paths.end(), built)));
  };
  if (found == parsed.end() || !serves(found->second)) {
    found = parsed
                .insert_or_assign(source.path(),
                                  ParsedToml{std::string(source.bytes()),
                                             {only_paths.begin(), only_paths.end()},
                                             read_toml(source, only_paths)})
                .first;
  }
  return found->second.document;
}

}  // namespace paralint
