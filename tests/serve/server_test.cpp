// The server over HTTP on an ephemeral loopback port: the page, the API, errors as JSON with 4xx statuses,
// many concurrent requests, and shutdown.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include "neurodyn/error.hpp"
#include "running_server.hpp"

namespace neurodyn {
namespace {

using nlohmann::json;
using testing::post_simulate;
using testing::RunningServer;
using ::testing::HasSubstr;
using ::testing::StartsWith;

std::string error_of(const httplib::Result& result) { return json::parse(result->body)["error"].get<std::string>(); }

TEST(Server, ServesThePageAndItsVendoredPlotLibrary) {
  RunningServer server;
  auto client = server.client();
  const auto page = client.Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_THAT(page->get_header_value("Content-Type"), StartsWith("text/html"));
  EXPECT_THAT(page->body, HasSubstr("vendor/uplot/uPlot.iife.min.js"));
  EXPECT_EQ(client.Get("/index.html")->body, page->body);

  const auto script = client.Get("/vendor/uplot/uPlot.iife.min.js");
  ASSERT_TRUE(script);
  EXPECT_EQ(script->status, 200);
  EXPECT_THAT(script->get_header_value("Content-Type"), StartsWith("text/javascript"));
  EXPECT_THAT(script->body, HasSubstr("uPlot"));
  const auto licence = client.Get("/vendor/uplot/LICENSE");
  EXPECT_THAT(licence->body, HasSubstr("MIT License"));
}

TEST(Server, UnknownPathsAre404WithoutTouchingTheFileSystem) {
  RunningServer server;
  auto client = server.client();
  for (const char* path : {"/nope.html", "/../CMakeLists.txt", "/%2e%2e/%2e%2e/etc/passwd", "/vendor/"}) {
    const auto result = client.Get(path);
    ASSERT_TRUE(result) << path;
    EXPECT_EQ(result->status, 404) << path;
    EXPECT_FALSE(error_of(result).empty()) << path;
  }
  const auto api = client.Get("/api/simulations");
  EXPECT_EQ(api->status, 404);
  EXPECT_THAT(error_of(api), HasSubstr("POST /api/simulate"));
  const auto put = client.Put("/api/simulate", "{}", "application/json");
  EXPECT_GE(put->status, 400);
  EXPECT_LT(put->status, 500);
  EXPECT_THAT(error_of(put), HasSubstr("PUT /api/simulate"));
  const auto removal = client.Delete("/api/simulate");
  EXPECT_THAT(error_of(removal), HasSubstr("DELETE /api/simulate"));
}

TEST(Server, CatalogEndpointsAnswerJson) {
  RunningServer server;
  auto client = server.client();
  for (const char* path : {"/api/models", "/api/presets", "/api/methods"}) {
    const auto result = client.Get(path);
    ASSERT_TRUE(result) << path;
    EXPECT_EQ(result->status, 200) << path;
    EXPECT_THAT(result->get_header_value("Content-Type"), StartsWith("application/json")) << path;
    EXPECT_TRUE(json::parse(result->body).is_array()) << path;
  }
  EXPECT_EQ(client.Post("/api/models", "{}", "application/json")->status, 405);
}

TEST(Server, SimulateAnswersTheRunAndErrorsWith4xx) {
  RunningServer server;
  auto client = server.client();
  const auto ok = post_simulate(client, R"({"preset": "izh2004-A", "method": "izhikevich-published"})");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
  EXPECT_EQ(json::parse(ok->body)["spikes"].size(), 5u);  // docs/reference.md 1.2, panel A

  const auto malformed = post_simulate(client, R"({"preset": )");
  EXPECT_EQ(malformed->status, 400);
  EXPECT_THAT(error_of(malformed), HasSubstr("not valid JSON"));
  const auto out_of_range = post_simulate(client, R"({"model": "izh2003", "params": {"b": 7}})");
  EXPECT_EQ(out_of_range->status, 400);
  EXPECT_THAT(error_of(out_of_range), HasSubstr("b = 7"));

  const auto get = client.Get("/api/simulate");
  EXPECT_EQ(get->status, 405);
  EXPECT_THAT(error_of(get), HasSubstr("use POST"));
}

TEST(Server, OversizedBodyIs413BeforeItIsRead) {
  RunningServer server;
  auto client = server.client();
  const std::string body = R"({"preset": "izh2004-A", "stimulus": ")" + std::string(100'000, ' ') + "\"}";
  const auto result = post_simulate(client, body);
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 413);
  EXPECT_FALSE(error_of(result).empty());
}

// Browsers accept Brotli; the answers go out as they are (compressing them would cost more than simulating).
TEST(Server, AnswersAreNotCompressed) {
  RunningServer server;
  auto client = server.client();
  const httplib::Headers accept{{"Accept-Encoding", "gzip, deflate, br"}};
  const auto page = client.Get("/", accept);
  EXPECT_FALSE(page->has_header("Content-Encoding"));
  const auto answer = client.Post("/api/simulate", accept, R"({"preset": "izh2004-A"})", "application/json");
  EXPECT_EQ(answer->status, 200);
  EXPECT_FALSE(answer->has_header("Content-Encoding"));
}

// Many clients at once, each with valid and invalid requests: every answer arrives, right, and the same as
// when asked alone.
TEST(Server, ManyConcurrentRequestsGetTheirOwnAnswers) {
  ServerOptions options;
  options.worker_threads = 4;
  RunningServer server(options);
  auto alone = server.client();
  const std::string good = R"({"preset": "izh2003-CH", "compare": {"method": "euler", "dt": 0.5}})";
  json expected = json::parse(post_simulate(alone, good)->body);
  expected.erase("elapsed_ms");

  constexpr int clients = 24, requests_each = 4;
  std::atomic<int> right = 0, rejected = 0;
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      auto client = server.client();
      for (int r = 0; r < requests_each; ++r) {
        if ((c + r) % 3 == 0) {
          const auto result = post_simulate(client, R"({"preset": "izh2003-CH", "dt": 0})");
          if (result && result->status == 400) ++rejected;
          continue;
        }
        const auto result = post_simulate(client, good);
        if (!result || result->status != 200) continue;
        json answer = json::parse(result->body);
        answer.erase("elapsed_ms");
        if (answer == expected) ++right;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  int invalid_sent = 0;
  for (int c = 0; c < clients; ++c) {
    for (int r = 0; r < requests_each; ++r) invalid_sent += (c + r) % 3 == 0;
  }
  EXPECT_EQ(rejected, invalid_sent);
  EXPECT_EQ(right, clients * requests_each - invalid_sent);
}

TEST(Server, BindsLoopbackByDefaultAndReportsABusyPort) {
  RunningServer first;
  ServerOptions same_port;
  same_port.port = first.port();
  EXPECT_THROW(ExplorerServer{same_port}, InputError);
  ServerOptions bad_port;
  bad_port.port = 70'000;
  EXPECT_THROW(ExplorerServer{bad_port}, InputError);
  EXPECT_EQ(ServerOptions{}.host, "127.0.0.1");
}

TEST(Server, StopEndsRunEvenWhenCalledFirst) {
  ExplorerServer stopped_early{ServerOptions{}};
  stopped_early.stop();
  stopped_early.run();  // returns at once

  ExplorerServer server{ServerOptions{}};
  auto running = std::async(std::launch::async, [&] { server.run(); });
  server.stop();
  EXPECT_EQ(running.wait_for(std::chrono::seconds(10)), std::future_status::ready);
}

}  // namespace
}  // namespace neurodyn

namespace neurodyn {
namespace {

// Each server option out of its range is refused at construction, naming it.
TEST(Server, OptionsOutOfRangeAreRefusedNamingThem) {
  const auto message = [](auto change) {
    ServerOptions options;
    change(options);
    try {
      ExplorerServer server(options);
    } catch (const InputError& error) {
      return std::string(error.what());
    }
    return std::string("accepted");
  };
  EXPECT_THAT(message([](ServerOptions& o) { o.port = 70000; }), HasSubstr("port = 70000"));
  EXPECT_THAT(message([](ServerOptions& o) { o.worker_threads = 0; }), HasSubstr("worker_threads = 0"));
  EXPECT_THAT(message([](ServerOptions& o) { o.connection_threads = 2; }), HasSubstr("connection_threads = 2"));
  EXPECT_THAT(message([](ServerOptions& o) { o.request_read_seconds = 0; }), HasSubstr("request_read_seconds = 0"));
  EXPECT_THAT(message([](ServerOptions& o) { o.limits.max_t_end_ms = -1; }), HasSubstr("max_t_end = -1 ms"));
  EXPECT_THAT(message([](ServerOptions& o) { o.limits.max_steps = 0; }), HasSubstr("max_steps = 0"));
  EXPECT_THAT(message([](ServerOptions& o) { o.limits.max_samples = 10; }), HasSubstr("max_samples = 10"));
}

}  // namespace
}  // namespace neurodyn
