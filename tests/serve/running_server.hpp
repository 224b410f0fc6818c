#pragma once
// An ExplorerServer on an ephemeral loopback port, served from a thread for the life of the object.
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "neurodyn/serve/server.hpp"

namespace neurodyn::testing {

class RunningServer {
 public:
  explicit RunningServer(const ServerOptions& options = {}) : server_(options), thread_([this] { server_.run(); }) {}
  ~RunningServer() {
    server_.stop();
    thread_.join();
  }
  RunningServer(const RunningServer&) = delete;
  RunningServer& operator=(const RunningServer&) = delete;

  int port() const { return server_.port(); }

  // A client of this server with generous timeouts (a request may simulate for a while).
  httplib::Client client() const {
    httplib::Client client("127.0.0.1", server_.port());
    client.set_read_timeout(60, 0);
    client.set_write_timeout(60, 0);
    return client;
  }

 private:
  ExplorerServer server_;
  std::thread thread_;
};

// POST /api/simulate with `body`; the result must exist (a transport failure fails the test that uses it).
inline httplib::Result post_simulate(httplib::Client& client, const std::string& body) {
  return client.Post("/api/simulate", body, "application/json");
}

}  // namespace neurodyn::testing
