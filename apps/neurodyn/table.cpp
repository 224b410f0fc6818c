#include "table.hpp"

#include <algorithm>

namespace neurodyn::cli {

void print_table(std::ostream& out, const TableRow& header, const std::vector<TableRow>& rows) {
  std::vector<std::size_t> widths(header.size(), 0);
  const auto widen = [&](const TableRow& row) {
    for (std::size_t column = 0; column < row.size() && column < widths.size(); ++column) {
      widths[column] = std::max(widths[column], row[column].size());
    }
  };
  widen(header);
  for (const auto& row : rows) widen(row);

  const auto print_row = [&](const TableRow& row) {
    for (std::size_t column = 0; column < row.size(); ++column) {
      out << row[column];
      if (column + 1 < row.size()) out << std::string(widths[column] - row[column].size() + 2, ' ');
    }
    out << '\n';
  };
  print_row(header);
  for (const auto& row : rows) print_row(row);
}

}  // namespace neurodyn::cli
