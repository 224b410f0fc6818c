#pragma once
// Plain-text tables for the listing commands: columns padded to their widest cell, the last one not padded.
#include <ostream>
#include <string>
#include <vector>

namespace neurodyn::cli {

using TableRow = std::vector<std::string>;

void print_table(std::ostream& out, const TableRow& header, const std::vector<TableRow>& rows);

}  // namespace neurodyn::cli
