// The table of method options: defaults valid, values round-trip, bad values refused with the key, the value
// and what is allowed, command-line text typed and checked, options a method does not read refused, and every
// method it names is a registered one.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <set>

#include "neurodyn/error.hpp"
#include "neurodyn/solve/method_options.hpp"

namespace neurodyn {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;

TEST(MethodOptions, DefaultsAreValid) { EXPECT_NO_THROW(validate_method_options(MethodOptions{})); }

TEST(MethodOptions, EveryOptionRoundTrips) {
  for (const MethodOptionInfo& option : method_option_table()) {
    SCOPED_TRACE(std::string(option.name));
    MethodOptions options;
    const OptionValue value = option.get(options);
    set_method_option(options, option.name, value);
    EXPECT_EQ(option.get(options), value);
  }
  MethodOptions options;
  set_method_option(options, "series_order", 12LL);
  set_method_option(options, "spikes", std::string("grid"));
  set_method_option(options, "u_from_new_v", false);
  set_method_option(options, "dt", 1LL);  // an integer is a real too
  EXPECT_EQ(options.series_order, 12);
  EXPECT_EQ(options.spikes, SpikeHandling::grid);
  EXPECT_FALSE(options.published.u_from_new_v);
  EXPECT_EQ(options.dt, 1.0);
}

TEST(MethodOptions, BadValuesNameKeyValueAndWhatIsAllowed) {
  MethodOptions options;
  const auto message = [&](std::string_view key, const OptionValue& value) {
    try {
      set_method_option(options, key, value);
    } catch (const InputError& error) {
      return std::string(error.what());
    }
    return std::string("accepted");
  };
  EXPECT_THAT(message("dt", -1.0), AllOf(HasSubstr("dt = -1 ms"), HasSubstr("allowed: a finite dt > 0 ms")));
  EXPECT_THAT(message("rtol", 2.0), HasSubstr("allowed: 0 < rtol <= 1"));
  EXPECT_THAT(message("series_order", 61LL), AllOf(HasSubstr("series_order = 61"), HasSubstr("0 to 60")));
  EXPECT_THAT(message("v_substeps", 3LL), HasSubstr("1 to 2"));
  EXPECT_THAT(message("spikes", std::string("nearest")), AllOf(HasSubstr("'nearest'"), HasSubstr("grid, located")));
  EXPECT_THAT(message("series_order", 2.5), HasSubstr("wrong type"));
  EXPECT_THAT(message("dtt", 1.0), AllOf(HasSubstr("'dtt' is not known"), HasSubstr("dt, rtol")));
  EXPECT_EQ(MethodOptions{}.series_order, options.series_order);  // nothing set by a refused value
}

TEST(MethodOptions, NamedMethodsAreRegistered) {
  for (const MethodOptionInfo& option : method_option_table()) {
    std::string_view rest = option.methods;
    while (!rest.empty()) {
      const auto space = rest.find(' ');
      EXPECT_NO_THROW(method_info(rest.substr(0, space))) << option.name;
      rest = space == std::string_view::npos ? std::string_view{} : rest.substr(space + 1);
    }
  }
  EXPECT_TRUE(option_applies_to(method_option("series_order"), "parker-sochacki"));
  EXPECT_FALSE(option_applies_to(method_option("series_order"), "rk4"));
  EXPECT_TRUE(option_applies_to(method_option("dt"), "rk4"));
}

TEST(MethodOptions, NamesAreUniqueAndSectionsAreTheConfigTables) {
  std::set<std::string_view> names, flags;
  for (const MethodOptionInfo& option : method_option_table()) {
    EXPECT_TRUE(names.insert(option.name).second) << option.name;
    EXPECT_TRUE(flags.insert(option.flag).second) << option.flag;
    EXPECT_TRUE(option.section == "method" || option.section == "method.published") << option.name;
    EXPECT_TRUE(option.flag.starts_with("--")) << option.flag;
  }
}

TEST(MethodOptions, CommandLineTextIsTypedAndChecked) {
  EXPECT_EQ(parse_option_text(method_option("dt"), "0.25", "--dt"), OptionValue(0.25));
  EXPECT_EQ(parse_option_text(method_option("series_order"), "12", "--series-order"), OptionValue(12LL));
  EXPECT_EQ(parse_option_text(method_option("spikes"), "grid", "--spikes"), OptionValue(std::string("grid")));
  const auto message = [](std::string_view name, std::string_view text) {
    try {
      parse_option_text(method_option(name), text, fmt::format("--{}", name));
    } catch (const InputError& error) {
      return std::string(error.what());
    }
    return std::string("accepted");
  };
  EXPECT_THAT(message("dt", "abc"), AllOf(HasSubstr("--dt 'abc' is not a number"), HasSubstr("dt > 0 ms")));
  EXPECT_THAT(message("dt", "0.1x"), HasSubstr("is not a number"));
  EXPECT_THAT(message("dt", "-1"), HasSubstr("--dt '-1' is not allowed; allowed: a finite dt > 0 ms"));
  EXPECT_THAT(message("dt", "inf"), HasSubstr("is not allowed"));
  EXPECT_THAT(message("series_order", "2.5"), HasSubstr("is not an integer; allowed: an integer from 0 to 60"));
  EXPECT_THAT(message("spikes", "nearest"), HasSubstr("allowed: grid, located"));
}

TEST(MethodOptions, ApplyingRefusesAnOptionTheMethodDoesNotRead) {
  MethodOptions options;
  options.name = "parker-sochacki";
  apply_method_options(options, {{"series_order", 8LL}, {"rtol", 1e-9}});
  EXPECT_EQ(options.series_order, 8);
  EXPECT_EQ(options.rtol, 1e-9);

  MethodOptions rk4;
  EXPECT_NO_THROW(apply_method_options(rk4, {{"series_order", 0LL}}));  // the default: nothing changes
  try {
    apply_method_options(rk4, {{"newton_failure", "halve-step"}});
    ADD_FAILURE() << "accepted";
  } catch (const InputError& error) {
    EXPECT_THAT(error.what(), HasSubstr("newton_failure = 'halve-step' is read by backward-euler, parker-sochacki; "
                                        "method rk4 does not read it"));
  }
  EXPECT_THROW(apply_method_options(rk4, {{"step", 0.1}}), InputError);
}

}  // namespace
}  // namespace neurodyn
