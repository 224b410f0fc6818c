#pragma once
// The fields of one stimulus component in a spec ("kind:key=value,key=value"), checked against the keys its
// kind allows: unknown, duplicated and missing keys are InputErrors that name the component and list the
// allowed keys.
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace neurodyn::stimulus_detail {

// The keys a kind of component takes. A `file:` component starts with a path instead of key=value.
struct ComponentKeys {
  std::span<const std::string_view> required;
  std::span<const std::string_view> optional;
  bool leading_path = false;
};

class ComponentFields {
 public:
  // `text` is the whole component (quoted in messages); `body` is what follows "kind:".
  ComponentFields(std::string_view text, std::string_view body, const ComponentKeys& keys);

  // "stimulus component 'TEXT'": the start of every message about this component.
  const std::string& context() const { return context_; }
  std::string_view path() const { return path_; }

  // A double (inf and nan are read; validate() decides whether they are allowed).
  double number(std::string_view key) const;
  double number_or(std::string_view key, double fallback) const;
  // An integer in [min, max].
  long long integer_or(std::string_view key, long long fallback, long long min, long long max) const;
  unsigned long long unsigned_integer(std::string_view key) const;
  // One of `choices`.
  std::string_view choice_or(std::string_view key, std::string_view fallback,
                             std::span<const std::string_view> choices) const;

 private:
  struct Field {
    std::string_view key;
    std::string_view value;
  };

  const Field* find(std::string_view key) const;
  std::string_view value_of(std::string_view key) const;  // a required key
  [[noreturn]] void reject(std::string_view key, std::string_view value, std::string_view allowed) const;

  std::string context_;
  std::string allowed_keys_;
  std::string_view path_;
  std::vector<Field> fields_;
};

}  // namespace neurodyn::stimulus_detail
