// The figures as open data: every key figure of every territory and every
// point of every chart, as one CSV and one JSON file with the same rows and
// columns. Numbers are machine-readable ("1800", "77.48"); nothing is
// computed, only copied from the model.
#pragma once

#include <string>
#include <vector>

#include "model/model.h"

namespace bilan {

struct OpenDataColumn {
  std::string name;         ///< column name in the CSV header and JSON keys
  std::string description;  ///< one French sentence for readers of the downloads page
};

/// The columns, in order.
const std::vector<OpenDataColumn>& open_data_columns();

/// One row per figure; cells in column order, empty when not applicable.
/// The value cell is the only numeric one.
std::vector<std::vector<std::string>> open_data_rows(const Project& project);

/// open_data_rows(project).size(), without making the rows.
size_t open_data_row_count(const Project& project);

/// RFC 4180 CSV, UTF-8, comma separated, CRLF line ends, header first.
std::string open_data_csv(const Project& project);

/// {"title": ..., "columns": [{"name", "description"}], "rows": [{...}]},
/// values as JSON numbers.
std::string open_data_json(const Project& project);

}  // namespace bilan
