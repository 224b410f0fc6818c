#pragma once
// Reading and writing a TrainingCheckpoint's archive: the identity check, the atomic write and the errors, shared by
// every PINN mode; the fields are each mode's own.
#include <torch/torch.h>

#include <functional>
#include <string_view>
#include <vector>

#include "neurodyn/pinn/training_checkpoint.hpp"

namespace neurodyn::detail {

// Writes `archive` with the checkpoint's identity added, atomically. Throws FileError when it cannot be written.
void write_checkpoint(const TrainingCheckpoint& checkpoint, torch::serialize::OutputArchive& archive);

// Loads the checkpoint, refuses another run's identity, then lets `read` take its fields. Throws InputError naming the
// file for another identity or an unreadable archive (or a missing field).
void read_checkpoint(const TrainingCheckpoint& checkpoint,
                     const std::function<void(torch::serialize::InputArchive&)>& read);

void write_number(torch::serialize::OutputArchive& archive, std::string_view key, double value);
void write_count(torch::serialize::OutputArchive& archive, std::string_view key, int64_t value);
void write_values(torch::serialize::OutputArchive& archive, std::string_view key, const std::vector<double>& values);
double read_number(torch::serialize::InputArchive& archive, std::string_view key);
int64_t read_count(torch::serialize::InputArchive& archive, std::string_view key);
std::vector<double> read_values(torch::serialize::InputArchive& archive, std::string_view key);

}  // namespace neurodyn::detail
