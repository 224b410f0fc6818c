#include "toml_input_bounds.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

#include "neurodyn/error.hpp"

namespace neurodyn::io_detail {

namespace {

int line_of(std::string_view text, std::size_t offset) {
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

// The length of the UTF-8 sequence at text[at], or 0 when the bytes there are not one (RFC 3629).
std::size_t utf8_sequence_length(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[at + k]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return 1;
  std::size_t length = 0;
  unsigned char second_low = 0x80, second_high = 0xBF;  // the second byte's range depends on the first
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) second_low = 0xA0;   // no overlong forms
    if (lead == 0xED) second_high = 0x9F;  // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) second_low = 0x90;   // no overlong forms
    if (lead == 0xF4) second_high = 0x8F;  // nothing above U+10FFFF
  } else {
    return 0;
  }
  if (at + length > text.size() || byte(1) < second_low || byte(1) > second_high) return 0;
  for (std::size_t k = 2; k < length; ++k) {
    if (byte(k) < 0x80 || byte(k) > 0xBF) return 0;
  }
  return length;
}

enum class StringKind { none, basic, literal, multiline_basic, multiline_literal };

// An open array or inline table, and the dotted key being read in it.
struct OpenValue {
  bool inline_table = false;
  bool in_key = false;  // inline tables: between '{' or ',' and '='
  int key_dots = 0;
};

// One pass over the text that follows strings, comments, table headers, keys and brackets just closely
// enough to bound the depth of the tables and arrays the text would build.
class NestingScanner {
 public:
  NestingScanner(std::string_view text, std::string_view source) : text_(text), source_(source) {}

  void scan() {
    constexpr std::string_view byte_order_mark = "\xEF\xBB\xBF";
    for (at_ = text_.starts_with(byte_order_mark) ? byte_order_mark.size() : 0; at_ < text_.size(); ++at_) {
      const char c = text_[at_];
      if (c == '\n') ++line_;
      if (string_ != StringKind::none) {
        in_string(c);
      } else if (comment_) {
        if (c == '\n') new_line();
      } else {
        structure(c);
      }
    }
  }

 private:
  bool followed_by(std::string_view what) const { return text_.substr(at_).starts_with(what); }

  // Skips the rest of a closing """ or ''' and the up to two quotes before it that belong to the string.
  void close_multiline(char quote) {
    at_ += 2;
    for (int extra = 0; extra < 2 && at_ + 1 < text_.size() && text_[at_ + 1] == quote; ++extra) ++at_;
    string_ = StringKind::none;
  }

  void in_string(char c) {
    switch (string_) {
      case StringKind::basic:
        if (c == '\\') {
          ++at_;  // an escaped character, a quote included; a line break cannot be escaped here
        } else if (c == '"' || c == '\n') {
          string_ = StringKind::none;
          if (c == '\n') new_line();
        }
        break;
      case StringKind::literal:
        if (c == '\'' || c == '\n') string_ = StringKind::none;
        if (c == '\n') new_line();
        break;
      case StringKind::multiline_basic:
        if (c == '\\' && at_ + 1 < text_.size()) {
          if (text_[at_ + 1] == '\n') ++line_;
          ++at_;  // an escaped character, or the line break after a line-ending backslash
        } else if (followed_by(R"(""")")) {
          close_multiline('"');
        }
        break;
      case StringKind::multiline_literal:
        if (followed_by("'''")) close_multiline('\'');
        break;
      case StringKind::none:
        break;
    }
  }

  void open_string(char quote) {
    const bool multiline = followed_by(std::string(3, quote));
    if (multiline) at_ += 2;
    if (quote == '"') {
      string_ = multiline ? StringKind::multiline_basic : StringKind::basic;
    } else {
      string_ = multiline ? StringKind::multiline_literal : StringKind::literal;
    }
  }

  bool in_top_level_key() const { return open_.empty() && (top_in_key_ || in_header_); }

  void structure(char c) {
    const bool blank = c == ' ' || c == '\t' || c == '\r';
    const bool first_on_line = line_start_ && !blank;
    if (!blank) line_start_ = false;
    switch (c) {
      case '\n': new_line(); break;
      case '#': comment_ = true; break;
      case '"':
      case '\'': open_string(c); break;
      case '.': key_dot(); break;
      case '=':
        if (open_.empty()) top_in_key_ = false;
        else if (open_.back().inline_table) open_.back().in_key = false;
        break;
      case ',':
        if (!open_.empty() && open_.back().inline_table) {
          open_depth_ -= open_.back().key_dots;
          open_.back().key_dots = 0;
          open_.back().in_key = true;
        }
        break;
      case '[':
        if (first_on_line && open_.empty()) {
          open_header();
        } else {
          open_value(false);
        }
        break;
      case '{': open_value(true); break;
      case ']':
        if (in_header_) {
          close_header();
        } else {
          close_value();
        }
        break;
      case '}': close_value(); break;
      default: break;
    }
  }

  void new_line() {
    comment_ = false;
    if (!open_.empty()) return;  // a multi-line array goes on
    line_start_ = true;
    top_in_key_ = true;
    in_header_ = false;
    top_key_dots_ = 0;
  }

  void key_dot() {
    if (in_top_level_key()) {
      ++top_key_dots_;
    } else if (!open_.empty() && open_.back().inline_table && open_.back().in_key) {
      ++open_.back().key_dots;
      ++open_depth_;
    } else {
      return;  // a dot in a value: a float, a date
    }
    require_depth();
  }

  void open_header() {
    in_header_ = true;
    array_of_tables_ = followed_by("[[");
    if (array_of_tables_) ++at_;
    header_parts_ = 0;
    top_key_dots_ = 0;
  }

  void close_header() {
    // [a.b] opens two tables; [[a.b]] may open an array and a table for each part.
    header_parts_ = (top_key_dots_ + 1) * (array_of_tables_ ? 2 : 1);
    if (array_of_tables_ && followed_by("]]")) ++at_;
    in_header_ = false;
    top_in_key_ = false;
    top_key_dots_ = 0;
    require_depth();
  }

  void open_value(bool inline_table) {
    open_.push_back({.inline_table = inline_table, .in_key = inline_table, .key_dots = 0});
    ++open_depth_;
    require_depth();
  }

  void close_value() {
    if (open_.empty()) return;  // unbalanced: the parser will say where
    open_depth_ -= 1 + open_.back().key_dots;
    open_.pop_back();
  }

  void require_depth() const {
    if (header_parts_ + top_key_dots_ + open_depth_ <= max_toml_nesting) return;
    refuse(fmt::format("tables and arrays nested more than {} levels deep; allowed: at most {} (each table header "
                       "part, dotted key part, array and inline table is a level)",
                       max_toml_nesting, max_toml_nesting));
  }

  [[noreturn]] void refuse(std::string_view what) const {
    throw InputError(fmt::format("{}, line {}: {}", source_, line_, what));
  }

  std::string_view text_;
  std::string_view source_;
  std::size_t at_ = 0;
  int line_ = 1;
  StringKind string_ = StringKind::none;
  bool comment_ = false;
  bool line_start_ = true;  // nothing but blanks yet on this line, outside any array
  bool top_in_key_ = true;  // reading the key of a top-level key/value line
  bool in_header_ = false;
  bool array_of_tables_ = false;
  int header_parts_ = 0;    // depth of the table the last header opened
  int top_key_dots_ = 0;    // dots of the top-level key or header being read
  int open_depth_ = 0;      // open arrays and inline tables and the dotted keys inside them
  std::vector<OpenValue> open_;
};

}  // namespace

void require_utf8(std::string_view text, std::string_view source) {
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t length = utf8_sequence_length(text, at);
    if (length == 0) {
      throw InputError(fmt::format("{}, line {}: byte 0x{:02X} at offset {} is not valid UTF-8; allowed: UTF-8 text",
                                   source, line_of(text, at), static_cast<unsigned char>(text[at]), at));
    }
    at += length;
  }
}

void require_bounded_nesting(std::string_view text, std::string_view source) {
  NestingScanner(text, source).scan();
}

}  // namespace neurodyn::io_detail
