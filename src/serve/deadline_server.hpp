#pragma once
// An httplib::Server whose connections cannot be held by slow or idle clients. httplib's own read timeout
// applies to each recv, so a client sending one byte a second holds a worker thread forever; here each
// request must arrive whole within a deadline, each response must be taken within another, and an idle
// keep-alive connection is closed after a third. A connection that misses its deadline is closed without an
// answer. The server's stop() is noticed within 50 ms by every connection.
#include <httplib.h>

#include <chrono>

namespace neurodyn::serve_detail {

struct ConnectionDeadlines {
  std::chrono::milliseconds request_read{10'000};     // from the request's first byte to its last
  std::chrono::milliseconds response_write{60'000};   // from the response's first byte to its last
  std::chrono::milliseconds keep_alive_idle{5'000};   // between requests on one connection
  int requests_per_connection = 100;
};

class DeadlineServer : public httplib::Server {
 public:
  explicit DeadlineServer(const ConnectionDeadlines& deadlines) : deadlines_(deadlines) {}

 private:
  // httplib calls this (through its vtable) for every accepted connection, on a thread of the task queue.
  bool process_and_close_socket(socket_t socket) override;

  bool stopping() const { return svr_sock_ == INVALID_SOCKET; }

  ConnectionDeadlines deadlines_;
};

}  // namespace neurodyn::serve_detail
