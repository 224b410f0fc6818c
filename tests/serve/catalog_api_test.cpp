// GET /api/models, /api/presets, /api/methods describe what exists: checked against the published parameter
// values (Izhikevich 2003, 2007; docs/reference.md) and the names the command line accepts.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "neurodyn/serve/catalog_api.hpp"

namespace neurodyn {
namespace {

using nlohmann::json;

const json& named(const json& list, const std::string& name) {
  for (const auto& entry : list) {
    if (entry["name"] == name) return entry;
  }
  throw std::runtime_error("no entry named " + name);
}

std::map<std::string, double> defaults(const json& model) {
  std::map<std::string, double> values;
  for (const auto& parameter : model["parameters"]) values[parameter["name"]] = parameter["default"];
  return values;
}

TEST(CatalogApi, ModelsCarryTheirParameterTables) {
  const json models = models_json();
  std::vector<std::string> names;
  for (const auto& model : models) names.push_back(model["name"]);
  EXPECT_THAT(names, ::testing::IsSupersetOf({"izh2003", "izh2007", "fhn", "fhn-lienard", "lif", "adex", "hh"}));

  // Izhikevich 2003, regular spiking: a = 0.02, b = 0.2, c = -65, d = 8.
  const json& izh2003 = named(models, "izh2003");
  const auto values = defaults(izh2003);
  EXPECT_EQ(values.at("a"), 0.02);
  EXPECT_EQ(values.at("b"), 0.2);
  EXPECT_EQ(values.at("c"), -65.0);
  EXPECT_EQ(values.at("d"), 8.0);
  for (const auto& parameter : izh2003["parameters"]) {
    EXPECT_LT(parameter["min"].get<double>(), parameter["max"].get<double>()) << parameter["name"];
    EXPECT_FALSE(parameter["meaning"].get<std::string>().empty()) << parameter["name"];
  }
  EXPECT_EQ(named(izh2003["parameters"], "c")["unit"], "mV");
  EXPECT_EQ(izh2003["state_variables"][0]["name"], "v");

  // Izhikevich 2007, regular spiking pyramidal cell (book ch. 8): C = 100 pF, k = 0.7, vr = -60, vt = -40,
  // vpeak = 35 mV, a = 0.03, b = -2, c = -50, d = 100.
  const auto book = defaults(named(models, "izh2007"));
  const std::map<std::string, double> published{{"C", 100},   {"k", 0.7}, {"vr", -60}, {"vt", -40}, {"vpeak", 35},
                                                {"a", 0.03}, {"b", -2},  {"c", -50},  {"d", 100}};
  for (const auto& [name, value] : published) EXPECT_EQ(book.at(name), value) << name;
  EXPECT_EQ(named(models, "izh2007")["current_unit"], "pA");
  EXPECT_FALSE(named(models, "hh")["has_reset"].get<bool>());
}

// docs/reference.md 1.2, panel A: a = 0.02, b = 0.2, c = -65, d = 6, V0 = -70, T = 100 ms, published step 0.25 ms,
// 5 spikes.
TEST(CatalogApi, PresetsCarryTheirPublishedConfiguration) {
  const json presets = presets_json();
  EXPECT_GE(presets.size(), 40u);
  const json& panel = named(presets, "izh2004-A");
  EXPECT_EQ(panel["model"], "izh2003");
  EXPECT_EQ(panel["parameters"]["a"], 0.02);
  EXPECT_EQ(panel["parameters"]["d"], 6.0);
  EXPECT_EQ(panel["v0"], -70.0);
  EXPECT_EQ(panel["t_end"], 100.0);
  EXPECT_EQ(panel["published_dt"], 0.25);
  EXPECT_EQ(panel["published_spike_count"], 5);
  EXPECT_THAT(panel["stimulus"].get<std::string>(), ::testing::HasSubstr("amp=14"));
  EXPECT_TRUE(named(presets, "izh2007-RS")["published_dt"].is_null());
}

TEST(CatalogApi, MethodsListEverySolverWithItsKind) {
  const json methods = methods_json();
  EXPECT_EQ(named(methods, "euler")["order"], 1);
  EXPECT_FALSE(named(methods, "euler")["adaptive"].get<bool>());
  EXPECT_EQ(named(methods, "rk4")["order"], 4);
  EXPECT_TRUE(named(methods, "dopri5")["adaptive"].get<bool>());
  EXPECT_TRUE(named(methods, "backward-euler")["implicit"].get<bool>());
  EXPECT_NO_THROW(named(methods, "izhikevich-published"));
  EXPECT_NO_THROW(named(methods, "cvode-adams"));
}

TEST(CatalogApi, EachMethodListsTheOptionsItReads) {
  const json methods = methods_json();
  const json series = named(methods, "parker-sochacki")["options"];
  EXPECT_EQ(named(series, "series_order")["allowed"], "an integer from 0 to 60");
  EXPECT_EQ(named(series, "series_order")["default"], 0);
  EXPECT_EQ(named(series, "dt")["unit"], "ms");
  const json rk4 = named(methods, "rk4")["options"];
  EXPECT_NO_THROW(named(rk4, "spikes"));
  for (const auto& option : rk4) EXPECT_NE(option["name"], "rtol");
  EXPECT_EQ(named(named(methods, "izhikevich-published")["options"], "v_substeps")["default"], 1);
}

}  // namespace
}  // namespace neurodyn
