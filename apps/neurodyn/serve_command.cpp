// `neurodyn serve`: the live explorer. Serves the page and the JSON API (include/neurodyn/serve/server.hpp)
// until the process is stopped; prints the address on stdout.
#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <string>

#include "command.hpp"
#include "neurodyn/serve/server.hpp"

namespace neurodyn::cli {
namespace {

bool is_loopback(const std::string& host) { return host == "localhost" || host == "::1" || host.starts_with("127."); }

std::string url_of(const std::string& host, int port) {
  const bool ipv6 = host.find(':') != std::string::npos;
  return fmt::format("http://{}{}{}:{}/", ipv6 ? "[" : "", host, ipv6 ? "]" : "", port);
}

void run_serve(const ServerOptions& options) {
  ExplorerServer server(options);
  if (!is_loopback(server.host())) {
    std::cerr << fmt::format(
        "warning: listening on {}, not loopback: anyone who can reach this address can run simulations\n",
        server.host());
  }
  std::cout << fmt::format("neurodyn explorer: {} (Ctrl-C stops)", url_of(server.host(), server.port())) << std::endl;
  server.run();
}

}  // namespace

void add_serve_command(CLI::App& app) {
  auto options = std::make_shared<ServerOptions>();
  options->port = 8080;
  auto* command = app.add_subcommand(
      "serve",
      "The live explorer: a web page with sliders for every parameter, live plots (v(t), recovery, phase plane "
      "with nullclines), statistics and a second-method comparison, and its JSON API (POST /api/simulate, "
      "GET /api/models, /api/presets, /api/methods). Prints the address; runs until stopped (Ctrl-C).");
  command->add_option("--host", options->host, "address to listen on (default 127.0.0.1: this machine only)")
      ->type_name("ADDRESS");
  command->add_option("--port", options->port, "port to listen on; 0 picks a free one (default 8080)")
      ->type_name("PORT");
  command->add_option("--threads", options->worker_threads, "simulations run at once (default 8)")->type_name("N");
  auto& limits = options->limits;
  command->add_option("--max-t-end", limits.max_t_end_ms, "longest run one request may ask for (ms; default 1e5)")
      ->type_name("MS");
  command
      ->add_option("--max-steps", limits.max_steps,
                   "most steps (and input jumps, noise samples) of one request's run (default 5e6)")
      ->type_name("N");
  command
      ->add_option("--max-samples", limits.max_samples,
                   "most samples of a returned trace and spike list (default 2e5)")
      ->type_name("N");
  command->callback([options] { run_serve(*options); });
}

}  // namespace neurodyn::cli
