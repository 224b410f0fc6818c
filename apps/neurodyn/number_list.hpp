#pragma once
// The numeric flag values of the analysis commands: "5,10,20", "FROM:TO:STEP", "FROM:TO", and lists of
// sweep numbers "0,3,5-8".
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace neurodyn::cli {

// Numbers separated by `separator`; throws InputError naming the flag and the text when one is not a finite
// number or when the count differs from `count` (0: any number, at least one).
std::vector<double> parse_numbers(std::string_view flag, const std::string& text, char separator,
                                  std::size_t count = 0);

// "FROM:TO" with FROM < TO.
std::pair<double, double> parse_interval(std::string_view flag, const std::string& text);

// Whole numbers >= 0 and ranges FIRST-LAST (both included), separated by ',': "0,3,5-8" -> 0 3 5 6 7 8. Throws
// InputError naming the flag and the item that is not one.
std::vector<int> parse_index_list(std::string_view flag, const std::string& text);

}  // namespace neurodyn::cli
