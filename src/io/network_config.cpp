// Reading and writing a network's TOML (layout: include/neurodyn/io/network_config.hpp).
#include "neurodyn/io/network_config.hpp"

#include <fmt/format.h>

#include <fstream>
#include <functional>
#include <iterator>
#include <limits>
#include <string_view>
#include <toml.hpp>

#include "neurodyn/error.hpp"
#include "population_config_reader.hpp"
#include "text_format.hpp"
#include "toml_document.hpp"
#include "toml_table_reader.hpp"

namespace neurodyn {

using io_detail::TableReader;

namespace {

double number_of(const TableReader& table, std::string_view key, const toml::value& value, std::string_view expected) {
  if (value.is_floating()) return value.as_floating();
  if (value.is_integer()) return static_cast<double>(value.as_integer());
  table.wrong_type(key, value, expected);
}

std::vector<double> numbers_of(const TableReader& table, std::string_view key, const toml::value& value,
                               std::string_view expected) {
  if (!value.is_array()) table.wrong_type(key, value, expected);
  std::vector<double> numbers;
  for (const toml::value& item : value.as_array()) numbers.push_back(number_of(table, key, item, expected));
  return numbers;
}

constexpr std::string_view draw_forms =
    "a number, or a table of one key: uniform = [low, high], normal = [mean, sd] or polynomial = [c0, c1, ...]";

Draw draw_of(const TableReader& table, std::string_view key, const toml::value& value) {
  Draw draw;
  if (value.is_floating() || value.is_integer()) {
    draw.value = number_of(table, key, value, draw_forms);
    return draw;
  }
  if (!value.is_table() || value.as_table().size() != 1) table.wrong_type(key, value, draw_forms);
  const auto& [form, numbers] = *value.as_table().begin();
  const std::string name = fmt::format("{}.{}", key, form);
  if (form == "polynomial") {
    draw.kind = Draw::Kind::polynomial;
    draw.coefficients = numbers_of(table, name, numbers, "an array of numbers (c0, c1, ...)");
    return draw;
  }
  if (form != "uniform" && form != "normal") {
    table.fail(value,
               fmt::format("{}: unknown draw '{}'; allowed: uniform, normal, polynomial", table.key_name(key), form),
               "unknown draw");
  }
  const auto pair = numbers_of(table, name, numbers, "an array of two numbers");
  if (pair.size() != 2) table.wrong_type(name, numbers, "an array of two numbers");
  draw.kind = form == "uniform" ? Draw::Kind::uniform : Draw::Kind::normal;
  draw.low = pair[0];
  draw.high = pair[1];
  return draw;
}

std::map<std::string, Draw, std::less<>> draws_of(const TableReader& parent, std::string_view key) {
  std::map<std::string, Draw, std::less<>> draws;
  const auto table = parent.sub_table(key, fmt::format("{}{}.", parent.prefix, key));
  if (!table) return draws;
  for (const auto& [name, value] : table->table.as_table()) draws.emplace(name, draw_of(*table, name, value));
  return draws;
}

// The array of tables `key` ([[group]], ...), each read by `read`.
template <class Read>
void for_each_table(const TableReader& top, std::string_view key, Read&& read) {
  const auto* value = top.find(key);
  if (!value) return;
  if (!value->is_array()) top.wrong_type(key, *value, fmt::format("an array of tables ([[{}]])", key));
  std::size_t index = 0;
  for (const toml::value& item : value->as_array()) {
    ++index;
    if (!item.is_table()) top.wrong_type(key, item, fmt::format("an array of tables ([[{}]])", key));
    const std::string prefix = fmt::format("{}[{}].", key, index);
    read(TableReader{top.file, item, prefix});
  }
}

std::int64_t count_of(const TableReader& table, std::string_view key, long long fallback) {
  return static_cast<std::int64_t>(table.integer(key).value_or(fallback));
}

NeuronGroup read_group(const TableReader& table) {
  table.require_known_keys({"name", "model", "count", "parameters", "initial"});
  NeuronGroup group;
  group.name = table.text("name").value_or("");
  group.model = table.text("model").value_or("");
  if (group.model.empty()) table.fail(table.table, fmt::format("{}model is missing", table.prefix), "missing model");
  group.count = count_of(table, "count", 0);
  group.parameters = draws_of(table, "parameters");
  group.initial = draws_of(table, "initial");
  return group;
}

Connection read_connection(const TableReader& table, const std::filesystem::path& folder) {
  table.require_known_keys({"from", "to", "rule", "probability", "in_degree", "edge_file", "autapses", "weight",
                            "delay_ms", "synapse", "tau_ms", "reversal_mv"});
  Connection connection;
  connection.from = table.text("from").value_or("");
  connection.to = table.text("to").value_or("");
  using Rule = Connection::Rule;
  connection.rule = table.choice(
      "rule", Rule::all,
      {{"all", Rule::all}, {"probability", Rule::probability}, {"in_degree", Rule::in_degree}, {"edges", Rule::edges}});
  connection.probability = table.number("probability").value_or(0.0);
  connection.in_degree = count_of(table, "in_degree", 0);
  if (const auto file = table.text("edge_file")) {
    const std::filesystem::path path(*file);
    connection.edge_file = path.is_absolute() ? path : folder / path;
  }
  connection.autapses = table.flag("autapses").value_or(true);
  if (const auto* weight = table.find("weight")) connection.weight = draw_of(table, "weight", *weight);
  connection.delay_ms = table.number("delay_ms").value_or(0.0);
  using Synapse = Connection::Synapse;
  connection.synapse = table.choice(
      "synapse", Synapse::jump,
      {{"jump", Synapse::jump}, {"exponential", Synapse::exponential}, {"conductance", Synapse::conductance}});
  connection.tau_ms = table.number("tau_ms").value_or(0.0);
  connection.reversal_mv = table.number("reversal_mv");
  if (table.find("tau_ms") && connection.synapse == Synapse::jump) {
    table.fail(*table.find("tau_ms"),
               fmt::format("{}tau_ms is for synapse = 'exponential' or 'conductance'; this connection's synapse is "
                           "'jump'",
                           table.prefix),
               "tau_ms without a decaying synapse");
  }
  if (table.find("reversal_mv") && connection.synapse != Synapse::conductance) {
    table.fail(*table.find("reversal_mv"),
               fmt::format("{}reversal_mv is for synapse = 'conductance'; this connection's synapse is '{}'",
                           table.prefix, connection.synapse == Synapse::jump ? "jump" : "exponential"),
               "reversal_mv without a conductance synapse");
  }
  if (connection.synapse != Synapse::jump && !table.find("tau_ms")) {
    table.fail(table.table,
               fmt::format("{}synapse = '{}' needs tau_ms (ms)", table.prefix,
                           connection.synapse == Synapse::conductance ? "conductance" : "exponential"),
               "missing tau_ms");
  }
  if (connection.synapse == Synapse::conductance && !connection.reversal_mv) {
    table.fail(table.table,
               fmt::format("{}synapse = 'conductance' needs reversal_mv (mV; e.g. 0 excitatory, -80 inhibitory)",
                           table.prefix),
               "missing reversal_mv");
  }
  return connection;
}

ExternalInput read_input(const TableReader& table) {
  table.require_known_keys({"group", "kind", "mean", "sigma", "rate_hz", "weight", "stimulus"});
  ExternalInput input;
  input.group = table.text("group").value_or("");
  using Kind = ExternalInput::Kind;
  input.kind = table.choice("kind", Kind::gaussian,
                            {{"gaussian", Kind::gaussian}, {"poisson", Kind::poisson}, {"stimulus", Kind::stimulus}});
  input.mean = table.number("mean").value_or(0.0);
  input.sigma = table.number("sigma").value_or(0.0);
  input.rate_hz = table.number("rate_hz").value_or(0.0);
  input.weight = table.number("weight").value_or(0.0);
  input.stimulus = table.text("stimulus").value_or("");
  if (input.kind == ExternalInput::Kind::stimulus && input.stimulus.empty()) {
    table.fail(table.table, fmt::format("{}kind = 'stimulus' needs stimulus = \"...\"", table.prefix),
               "missing stimulus");
  }
  return input;
}

NetworkSpec network_from(const toml::value& document, const std::filesystem::path& path) {
  const TableReader top{path, document, ""};
  top.require_known_keys(
      {"duration_ms", "bin_ms", "seed", "semantics", "threads", "method", "record", "group", "connection", "input"});
  NetworkSpec spec;
  spec.duration_ms = top.number("duration_ms").value_or(spec.duration_ms);
  spec.bin_ms = top.number("bin_ms").value_or(spec.bin_ms);
  spec.semantics = top.choice("semantics", spec.semantics,
                              {{"converged", NetworkSemantics::converged}, {"published", NetworkSemantics::published}});
  io_detail::read_seed_threads_method(top, spec.seed, spec.threads, spec.method, spec.dt_ms);
  if (const auto record = top.sub_table("record", "record.")) {
    record->require_known_keys({"neurons"});
    if (const auto* neurons = record->find("neurons")) {
      for (const double neuron : numbers_of(*record, "neurons", *neurons, "an array of neuron indices")) {
        if (neuron != std::floor(neuron) || std::abs(neuron) > 9e15) {
          record->fail(*neurons, fmt::format("record.neurons holds {:g}; give whole neuron indices", neuron),
                       "not an index");
        }
        spec.traced_neurons.push_back(static_cast<std::int64_t>(neuron));
      }
    }
  }
  const auto folder = std::filesystem::absolute(path).parent_path();
  for_each_table(top, "group", [&](const TableReader& table) { spec.groups.push_back(read_group(table)); });
  for_each_table(top, "connection",
                 [&](const TableReader& table) { spec.connections.push_back(read_connection(table, folder)); });
  for_each_table(top, "input", [&](const TableReader& table) { spec.inputs.push_back(read_input(table)); });
  try {
    validate(spec);
  } catch (const InputError& error) {
    throw InputError(fmt::format("{}: {}", path.string(), error.what()));
  }
  return spec;
}

std::string number_text(double value) { return toml_float(value); }

std::string draw_text(const Draw& draw) {
  switch (draw.kind) {
    case Draw::Kind::fixed:
      return number_text(draw.value);
    case Draw::Kind::uniform:
      return fmt::format("{{ uniform = [{}, {}] }}", number_text(draw.low), number_text(draw.high));
    case Draw::Kind::normal:
      return fmt::format("{{ normal = [{}, {}] }}", number_text(draw.low), number_text(draw.high));
    case Draw::Kind::polynomial: {
      std::string coefficients;
      for (std::size_t i = 0; i < draw.coefficients.size(); ++i) {
        coefficients += (i ? ", " : "") + number_text(draw.coefficients[i]);
      }
      return fmt::format("{{ polynomial = [{}] }}", coefficients);
    }
  }
  return "";
}

std::string draws_text(const std::map<std::string, Draw, std::less<>>& draws) {
  std::string text;
  for (const auto& [name, draw] : draws)
    text += fmt::format("{}{} = {}", text.empty() ? "" : ", ", name, draw_text(draw));
  return fmt::format("{{ {} }}", text);
}

}  // namespace

NetworkSpec read_network_config(const std::filesystem::path& path) {
  return network_from(io_detail::read_toml_file(path), path);
}

NetworkSpec parse_network_config(std::string toml_text, const std::filesystem::path& source) {
  return network_from(io_detail::parse_toml_text(std::move(toml_text), source), source);
}

std::string network_to_toml(const NetworkSpec& spec) {
  fmt::memory_buffer out;
  const auto line = [&](std::string_view text) {
    out.append(text);
    out.push_back('\n');
  };
  line("# A network for `neurodyn network --config` (layout: include/neurodyn/io/network_config.hpp).");
  line(fmt::format("duration_ms = {}", number_text(spec.duration_ms)));
  line(fmt::format("bin_ms = {}", number_text(spec.bin_ms)));
  line(fmt::format("seed = {}", spec.seed));
  line(fmt::format("semantics = \"{}\"", spec.semantics == NetworkSemantics::published ? "published" : "converged"));
  line(fmt::format("threads = {}", spec.threads));
  line("\n[method]");
  line(fmt::format("name = {}", toml_string(spec.method)));
  line(fmt::format("dt = {}", number_text(spec.dt_ms)));
  if (!spec.traced_neurons.empty()) {
    std::string neurons;
    for (const auto neuron : spec.traced_neurons) neurons += fmt::format("{}{}", neurons.empty() ? "" : ", ", neuron);
    line("\n[record]");
    line(fmt::format("neurons = [{}]", neurons));
  }
  for (const NeuronGroup& group : spec.groups) {
    line("\n[[group]]");
    line(fmt::format("name = {}", toml_string(group.name)));
    line(fmt::format("model = {}", toml_string(group.model)));
    line(fmt::format("count = {}", group.count));
    line(fmt::format("parameters = {}", draws_text(group.parameters)));
    line(fmt::format("initial = {}", draws_text(group.initial)));
  }
  for (const Connection& connection : spec.connections) {
    static constexpr std::string_view rules[] = {"all", "probability", "in_degree", "edges"};
    line("\n[[connection]]");
    line(fmt::format("from = {}", toml_string(connection.from)));
    line(fmt::format("to = {}", toml_string(connection.to)));
    line(fmt::format("rule = \"{}\"", rules[static_cast<int>(connection.rule)]));
    if (connection.rule == Connection::Rule::probability) {
      line(fmt::format("probability = {}", number_text(connection.probability)));
    }
    if (connection.rule == Connection::Rule::in_degree) line(fmt::format("in_degree = {}", connection.in_degree));
    if (connection.rule == Connection::Rule::edges) {
      line(fmt::format("edge_file = {}", toml_string(connection.edge_file.string())));
    }
    line(fmt::format("autapses = {}", connection.autapses));
    line(fmt::format("weight = {}", draw_text(connection.weight)));
    if (connection.delay_ms != 0.0) line(fmt::format("delay_ms = {}", number_text(connection.delay_ms)));
    if (connection.synapse != Connection::Synapse::jump) {
      const bool conductance = connection.synapse == Connection::Synapse::conductance;
      line(conductance ? "synapse = \"conductance\"" : "synapse = \"exponential\"");
      line(fmt::format("tau_ms = {}", number_text(connection.tau_ms)));
      if (conductance) line(fmt::format("reversal_mv = {}", number_text(*connection.reversal_mv)));
    }
  }
  for (const ExternalInput& input : spec.inputs) {
    line("\n[[input]]");
    line(fmt::format("group = {}", toml_string(input.group)));
    switch (input.kind) {
      case ExternalInput::Kind::gaussian:
        line("kind = \"gaussian\"");
        line(fmt::format("mean = {}", number_text(input.mean)));
        line(fmt::format("sigma = {}", number_text(input.sigma)));
        break;
      case ExternalInput::Kind::poisson:
        line("kind = \"poisson\"");
        line(fmt::format("rate_hz = {}", number_text(input.rate_hz)));
        line(fmt::format("weight = {}", number_text(input.weight)));
        break;
      case ExternalInput::Kind::stimulus:
        line("kind = \"stimulus\"");
        line(fmt::format("stimulus = {}", toml_string(input.stimulus)));
        break;
    }
  }
  return fmt::to_string(out);
}

std::string network_checkpoint_identity(NetworkSpec spec) {
  spec.threads = 0;
  std::string identity = network_to_toml(spec);
  for (const Connection& connection : spec.connections) {
    if (connection.rule != Connection::Rule::edges) continue;
    std::ifstream in(connection.edge_file, std::ios::binary);
    const std::string content{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    identity += fmt::format("# edge file {}: {} bytes, hash {:016x}\n", connection.edge_file.string(), content.size(),
                            std::hash<std::string>{}(content));
  }
  return identity;
}

}  // namespace neurodyn
