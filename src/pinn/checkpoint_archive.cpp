#include "checkpoint_archive.hpp"

#include <fmt/format.h>

#include <string>

#include "neurodyn/error.hpp"

namespace neurodyn::detail {

void write_checkpoint(const TrainingCheckpoint& checkpoint, torch::serialize::OutputArchive& archive) {
  archive.write("identity", c10::IValue(checkpoint.identity));
  std::filesystem::path temporary = checkpoint.path;
  temporary += ".tmp";
  try {
    archive.save_to(temporary.string());
    std::filesystem::rename(temporary, checkpoint.path);
  } catch (const std::exception& error) {
    throw FileError(fmt::format("checkpoint {}: cannot be written: {}", checkpoint.path.string(), error.what()));
  }
}

void read_checkpoint(const TrainingCheckpoint& checkpoint,
                     const std::function<void(torch::serialize::InputArchive&)>& read) {
  try {
    torch::serialize::InputArchive archive;
    archive.load_from(checkpoint.path.string());
    c10::IValue identity;
    archive.read("identity", identity);
    if (identity.toStringRef() != checkpoint.identity) {
      throw InputError(
          fmt::format("checkpoint {}: written by a run of another problem or other settings; remove it, "
                      "or run without --resume",
                      checkpoint.path.string()));
    }
    read(archive);
  } catch (const c10::Error& error) {
    throw InputError(fmt::format("checkpoint {}: not a readable PINN checkpoint ({})", checkpoint.path.string(),
                                 std::string(error.what_without_backtrace())));
  }
}

void write_number(torch::serialize::OutputArchive& archive, std::string_view key, double value) {
  archive.write(std::string(key), c10::IValue(value));
}

void write_count(torch::serialize::OutputArchive& archive, std::string_view key, int64_t value) {
  archive.write(std::string(key), c10::IValue(value));
}

void write_values(torch::serialize::OutputArchive& archive, std::string_view key, const std::vector<double>& values) {
  archive.write(std::string(key), at::tensor(values, at::TensorOptions().dtype(at::kDouble)));
}

double read_number(torch::serialize::InputArchive& archive, std::string_view key) {
  c10::IValue value;
  archive.read(std::string(key), value);
  return value.toDouble();
}

int64_t read_count(torch::serialize::InputArchive& archive, std::string_view key) {
  c10::IValue value;
  archive.read(std::string(key), value);
  return value.toInt();
}

std::vector<double> read_values(torch::serialize::InputArchive& archive, std::string_view key) {
  at::Tensor tensor;
  archive.read(std::string(key), tensor);
  const at::Tensor values = tensor.contiguous();
  return std::vector<double>(values.data_ptr<double>(), values.data_ptr<double>() + values.numel());
}

}  // namespace neurodyn::detail
