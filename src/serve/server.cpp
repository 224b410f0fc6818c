#include "neurodyn/serve/server.hpp"

#include <fmt/format.h>
#include <httplib.h>
#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <memory>
#include <mutex>
#include <semaphore>
#include <utility>
#include <string_view>
#include <thread>

#include "neurodyn/error.hpp"
#include "neurodyn/serve/catalog_api.hpp"
#include "neurodyn/serve/web_assets.hpp"
#include "deadline_server.hpp"

namespace neurodyn {

namespace {

constexpr std::string_view json_type = "application/json; charset=utf-8";
constexpr int max_port = 65535;

// Sends `body` through a sized content provider: httplib then sends it as it is. (Given as a plain body with
// a text type, httplib would compress it with Brotli at its slowest setting whenever the client accepts br,
// which costs far more than the simulation.)
void send(httplib::Response& response, int status, std::string body, std::string_view type) {
  response.status = status;
  if (body.empty()) {
    response.set_content(body, std::string(type));
    return;
  }
  auto shared = std::make_shared<const std::string>(std::move(body));
  response.set_content_provider(
      shared->size(), std::string(type), [shared](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
        return sink.write(shared->data() + offset, length);
      });
}

void send_error(httplib::Response& response, int status, const std::string& message) {
  send(response, status, nlohmann::json{{"error", message}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
       json_type);
}

// The message of an error that httplib answered itself (no route, a body over the limit, a malformed request).
std::string status_message(const httplib::Request& request, int status) {
  constexpr std::string_view allowed =
      "allowed: GET for the page and /api/models, /api/presets, /api/methods; POST /api/simulate";
  switch (status) {
    case 400: return fmt::format("{} {}: bad request; {}", request.method, request.path, allowed);
    case 404: return fmt::format("{} {}: not found; {}", request.method, request.path, allowed);
    case 413: return fmt::format("{} {}: the request body is too large", request.method, request.path);
    default: return fmt::format("{} {}: HTTP status {}", request.method, request.path, status);
  }
}

void check_options(const ServerOptions& options) {
  if (options.port < 0 || options.port > max_port) {
    throw InputError(fmt::format("port = {} is out of range; allowed: 0 (any free port) to {}", options.port, max_port));
  }
  if (options.worker_threads < 1) {
    throw InputError(fmt::format("worker_threads = {} is out of range; allowed: at least 1", options.worker_threads));
  }
  if (options.connection_threads < options.worker_threads) {
    throw InputError(fmt::format("connection_threads = {} is out of range; allowed: at least worker_threads = {}",
                                 options.connection_threads, options.worker_threads));
  }
  const ApiLimits& limits = options.limits;
  if (!(limits.max_t_end_ms > 0.0 && limits.max_t_end_ms <= 1e7)) {
    throw InputError(fmt::format("max_t_end = {} ms is out of range; allowed: 0 < max_t_end <= 1e7 ms",
                                 limits.max_t_end_ms));
  }
  if (!(limits.max_steps >= 1.0 && limits.max_steps <= 1e12)) {
    throw InputError(fmt::format("max_steps = {} is out of range; allowed: 1 to 1e12", limits.max_steps));
  }
  if (limits.max_samples < limits.default_samples || limits.max_samples > 100'000'000) {
    throw InputError(fmt::format("max_samples = {} is out of range; allowed: {} (the samples of a request that "
                                 "names none) to 1e8",
                                 limits.max_samples, limits.default_samples));
  }
  for (const auto& [name, seconds] : {std::pair{"request_read_seconds", options.request_read_seconds},
                                      std::pair{"response_write_seconds", options.response_write_seconds},
                                      std::pair{"keep_alive_seconds", options.keep_alive_seconds}}) {
    if (!(seconds > 0.0 && seconds <= 86400.0)) {
      throw InputError(fmt::format("{} = {} is out of range; allowed: 0 < {} <= 86400", name, seconds, name));
    }
  }
}

std::chrono::milliseconds milliseconds(double seconds) {
  return std::chrono::milliseconds(static_cast<long long>(std::ceil(seconds * 1000.0)));
}

serve_detail::ConnectionDeadlines deadlines_of(const ServerOptions& options) {
  serve_detail::ConnectionDeadlines deadlines;
  deadlines.request_read = milliseconds(options.request_read_seconds);
  deadlines.response_write = milliseconds(options.response_write_seconds);
  deadlines.keep_alive_idle = milliseconds(options.keep_alive_seconds);
  return deadlines;
}

}  // namespace

struct ExplorerServer::Impl {
  ServerOptions options;
  int port = 0;
  serve_detail::DeadlineServer http;
  std::counting_semaphore<> simulations;  // worker_threads at once
  std::mutex mutex;
  bool listening = false;
  bool stop_requested = false;
  std::atomic<bool> finished = false;
  int listening_socket = -1;

  explicit Impl(const ServerOptions& server_options)
      : options((check_options(server_options), server_options)),
        http(deadlines_of(options)),
        simulations(options.worker_threads) {
    const auto connections = static_cast<std::size_t>(options.connection_threads);
    http.new_task_queue = [connections] { return new httplib::ThreadPool(connections); };
    http.set_payload_max_length(options.limits.max_body_bytes);
    // SO_REUSEADDR alone (a restart may rebind at once): httplib's default adds SO_REUSEPORT, which would let a
    // second server silently share a port that is in use. The socket is kept to widen its backlog (bind()).
    http.set_socket_options([this](auto socket) {
      const int yes = 1;
      setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
      listening_socket = socket;
    });
    add_api_routes();
    add_page_routes();
    http.set_error_handler([](const httplib::Request& request, httplib::Response& response) {
      if (response.body.empty() && !response.content_provider_) {
        send_error(response, response.status, status_message(request, response.status));
      }
    });
    http.set_exception_handler([](const httplib::Request&, httplib::Response& response, std::exception_ptr) {
      send_error(response, 500, "internal error");
    });
    bind();
  }

  void add_api_routes() {
    add_catalog_route("/api/models", models_json().dump());
    add_catalog_route("/api/presets", presets_json().dump());
    add_catalog_route("/api/methods", methods_json().dump());
    http.Post("/api/simulate", [this](const httplib::Request& request, httplib::Response& response) {
      ApiResponse answer = simulate_in_slot(request.body);
      send(response, answer.status, std::move(answer.body), json_type);
      response.set_header("Cache-Control", "no-store");
    });
    http.Get("/api/simulate", [](const httplib::Request&, httplib::Response& response) {
      send_error(response, 405, "GET /api/simulate: use POST with a JSON body, e.g. {\"preset\": \"izh2004-A\"}");
    });
    const auto unknown = [](const httplib::Request& request, httplib::Response& response) {
      send_error(response, 404,
                 fmt::format("{} {}: no such endpoint; allowed: GET /api/models, GET /api/presets, GET /api/methods, "
                             "POST /api/simulate",
                             request.method, request.path));
    };
    http.Get(R"(/api/.*)", unknown);
    http.Post(R"(/api/.*)", unknown);
  }

  // The answer to a simulate request, computed once one of the worker_threads simulation slots is free.
  ApiResponse simulate_in_slot(std::string_view body) {
    simulations.acquire();
    struct Release {
      std::counting_semaphore<>& slots;
      ~Release() { slots.release(); }
    } release{simulations};
    return handle_simulate(body, options.limits);
  }

  void add_catalog_route(const std::string& path, std::string body) {
    http.Get(path, [body = std::move(body)](const httplib::Request&, httplib::Response& response) {
      send(response, 200, body, json_type);
    });
    http.Post(path, [path](const httplib::Request&, httplib::Response& response) {
      send_error(response, 405, fmt::format("POST {}: use GET", path));
    });
  }

  void add_page_routes() {
    http.Get(R"(/.*)", [](const httplib::Request& request, httplib::Response& response) {
      const WebAsset* asset = find_web_asset(request.path);
      if (!asset) {
        send_error(response, 404, fmt::format("{}: no such page or file", request.path));
        return;
      }
      send(response, 200, std::string(asset->content), content_type_for(asset->path));
      response.set_header("Cache-Control", "no-cache");
    });
  }

  void bind() {
    const std::string& host = options.host;
    port = options.port == 0 ? http.bind_to_any_port(host) : (http.bind_to_port(host, options.port) ? options.port : -1);
    if (port < 0) {
      throw InputError(fmt::format("host = {}, port = {}: cannot listen there (the port is in use or the address is "
                                   "not this machine's); allowed: a free port (0 picks one) on a local address",
                                   host, options.port));
    }
    // Debian's httplib listens with a backlog of 5: a burst of connections beyond it is dropped by the kernel and
    // the clients see failed reads. Listening again on the bound socket widens the queue.
    ::listen(listening_socket, SOMAXCONN);
  }
};

ExplorerServer::ExplorerServer(const ServerOptions& options) : impl_(std::make_unique<Impl>(options)) {}

ExplorerServer::~ExplorerServer() { stop(); }

const std::string& ExplorerServer::host() const { return impl_->options.host; }

int ExplorerServer::port() const { return impl_->port; }

void ExplorerServer::run() {
  {
    std::lock_guard lock(impl_->mutex);
    if (impl_->stop_requested) return;
    impl_->listening = true;
  }
  impl_->http.listen_after_bind();
  impl_->finished = true;
}

void ExplorerServer::stop() {
  {
    std::lock_guard lock(impl_->mutex);
    impl_->stop_requested = true;
    if (!impl_->listening) return;
  }
  // run() is about to listen or listening: httplib's stop() acts only once it is.
  while (!impl_->finished && !impl_->http.is_running()) std::this_thread::yield();
  impl_->http.stop();
}

}  // namespace neurodyn
