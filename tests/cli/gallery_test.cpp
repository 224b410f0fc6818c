// `neurodyn gallery`: one figure (PNG and SVG) per preset family with the data it draws, a summary on
// stdout, and a failed run shown with its status instead of stopping the gallery.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "cli_runner.hpp"

namespace neurodyn::cli_test {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;

void expect_figure(const std::filesystem::path& path_without_extension) {
  EXPECT_TRUE(read_text(path_without_extension.string() + ".png").starts_with("\x89PNG")) << path_without_extension;
  EXPECT_THAT(read_text(path_without_extension.string() + ".svg"), HasSubstr("<svg")) << path_without_extension;
}

TEST_F(CliTest, GalleryDrawsOneFigurePerPresetFamily) {
  const auto result = run({"gallery", "--out", "gallery"});
  ASSERT_EQ(result.exit_status, 0) << result.err;
  for (const std::string family : {"izh2004", "izh2003", "izh2007", "adex", "fhn", "lif", "hh"}) {
    expect_figure(directory() / "gallery" / family);
  }
  for (const std::string preset : {"izh2004-A", "izh2004-T", "izh2007-RS", "fhn-lienard-classic", "hh-squid"}) {
    EXPECT_THAT(result.out, HasSubstr(preset + " "));
  }
  // Panel T bursts without bound under an accurate solver: reported, shown, and the gallery goes on.
  EXPECT_THAT(result.err, HasSubstr("izh2004-T: runaway-burst"));

  // Beside each figure, the data it draws: a CSV per panel with its units and source, and the spike times.
  const auto data = directory() / "gallery" / "izh2004";
  for (const std::string panel : {"A", "B", "T"}) {
    const std::string text = read_text(data / (panel + ".csv"));
    EXPECT_THAT(text, AllOf(HasSubstr("# source: preset izh2004-" + panel + ": "), HasSubstr("# units: time ms, v mV"),
                            HasSubstr("preset = \"izh2004-" + panel + "\""),
                            HasSubstr("\ntime_ms,v_mV,I_mV_per_ms\n")))
        << panel;
  }
  EXPECT_THAT(read_text(data / "T.csv"), HasSubstr("# solver: status runaway-burst"));
  const std::string spikes = read_text(data / "spikes.csv");
  EXPECT_THAT(spikes, AllOf(HasSubstr("\npanel,time_ms\nA,"), HasSubstr("\nB,"), HasSubstr("\nT,")));
  EXPECT_THAT(read_text(directory() / "gallery" / "fhn" / "classic.csv"), HasSubstr("\ntime,v,I\n"));
  EXPECT_THAT(read_text(directory() / "gallery" / "hh" / "squid.csv"), HasSubstr("\ntime_ms,v_mV,I_uA_per_cm2\n"));
  EXPECT_THAT(read_text(directory() / "gallery" / "adex" / "initial-burst.csv"), HasSubstr("\ntime_ms,v_mV,I_pA\n"));
}

TEST_F(CliTest, GalleryShowsAFailedRunAndGoesOn) {
  // Backward Euler at 0.5 ms fails on the 2007 cells' upstroke (docs/reference.md 5.4).
  const auto result =
      run({"gallery", "--family", "izh2007", "--method", "backward-euler", "--dt", "0.5", "--out", "gallery"});
  ASSERT_EQ(result.exit_status, 0) << result.err;
  EXPECT_THAT(result.err, HasSubstr("izh2007-RS: newton-failure: "));
  expect_figure(directory() / "gallery" / "izh2007");
  EXPECT_FALSE(std::filesystem::exists(directory() / "gallery" / "izh2004.png"));
}

TEST_F(CliTest, GalleryRejectsUnknownFamilyAndMethod) {
  const auto family = run({"gallery", "--family", "izh1999", "--out", "gallery"});
  EXPECT_EQ(family.exit_status, 2);
  EXPECT_THAT(family.err, HasSubstr("izh1999"));
  const auto method = run({"gallery", "--method", "rk7", "--out", "gallery"});
  EXPECT_EQ(method.exit_status, 2);
  EXPECT_THAT(method.err, HasSubstr("rk7"));
  EXPECT_THAT(files_in(directory() / "gallery"), ::testing::IsEmpty());
}

}  // namespace
}  // namespace neurodyn::cli_test
