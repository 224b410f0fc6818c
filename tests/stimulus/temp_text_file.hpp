#pragma once
// A text file in the temporary directory that exists for the lifetime of the object.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace neurodyn::testing {

class TempTextFile {
 public:
  TempTextFile(std::string_view name, std::string_view contents)
      : path_(std::filesystem::temp_directory_path() /
              ("neurodyn_stimulus_" + std::to_string(::getpid()) + "_" + std::string(name))) {
    std::ofstream(path_) << contents;
  }
  ~TempTextFile() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
  TempTextFile(const TempTextFile&) = delete;
  TempTextFile& operator=(const TempTextFile&) = delete;

  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace neurodyn::testing
