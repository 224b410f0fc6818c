#pragma once
// The live explorer's HTTP server (cpp-httplib): the page (web/, embedded) and the JSON API
//   GET  /api/models, /api/presets, /api/methods   what exists (serve/catalog_api.hpp)
//   POST /api/simulate                             one run (serve/simulate_api.hpp)
// Errors are JSON {"error": "..."} with a 4xx status: 400 invalid request, 404 unknown path, 405 wrong
// method, 413 body too large. It binds to loopback unless told otherwise. Connections are served by a pool of
// connection threads, and simulations by at most worker_threads at once; a request must arrive whole within
// request_read_seconds and its answer be taken within response_write_seconds, or the connection is closed, so
// slow or idle clients hold a connection thread for a bounded time and never the simulations.
#include <memory>
#include <string>

#include "neurodyn/serve/simulate_api.hpp"

namespace neurodyn {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 0;  // 0: a free port chosen by the system
  int worker_threads = 8;       // simulations at once
  int connection_threads = 64;  // connections served at once (each waits cheaply for its client)
  double request_read_seconds = 10.0;
  double response_write_seconds = 60.0;
  double keep_alive_seconds = 5.0;  // an idle connection between requests is closed after this
  ApiLimits limits;
};

class ExplorerServer {
 public:
  // Binds the address; throws InputError naming host and port when it cannot (in use, no such address, a
  // port outside 0..65535, fewer than one worker or connection thread, a deadline that is not positive).
  explicit ExplorerServer(const ServerOptions& options);
  ~ExplorerServer();
  ExplorerServer(const ExplorerServer&) = delete;
  ExplorerServer& operator=(const ExplorerServer&) = delete;

  const std::string& host() const;
  int port() const;  // the bound port (the chosen one when the options said 0)

  // Serves until stop() is called (from another thread). Returns at once if stop() came first.
  void run();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace neurodyn
