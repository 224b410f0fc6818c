#include "deadline_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <functional>
#include <string>

namespace neurodyn::serve_detail {

namespace {

using Clock = std::chrono::steady_clock;

constexpr std::chrono::milliseconds stop_check_interval{50};

// Waits until `socket` is ready for `events`, the deadline passes or `stopping()` says so; true when ready.
bool wait_ready(int socket, short events, Clock::time_point deadline, const std::function<bool()>& stopping) {
  while (!stopping()) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return false;
    pollfd entry{socket, events, 0};
    const int ready = ::poll(&entry, 1, static_cast<int>(std::min(left, stop_check_interval).count()));
    if (ready > 0) return true;
    if (ready < 0 && errno != EINTR) return false;
  }
  return false;
}

void address_of(int socket, bool peer, std::string& ip, int& port) {
  sockaddr_storage address{};
  socklen_t length = sizeof(address);
  const int status = peer ? ::getpeername(socket, reinterpret_cast<sockaddr*>(&address), &length)
                          : ::getsockname(socket, reinterpret_cast<sockaddr*>(&address), &length);
  if (status != 0) return;
  std::array<char, INET6_ADDRSTRLEN> text{};
  if (address.ss_family == AF_INET) {
    const auto* v4 = reinterpret_cast<const sockaddr_in*>(&address);
    ::inet_ntop(AF_INET, &v4->sin_addr, text.data(), text.size());
    port = ntohs(v4->sin_port);
  } else if (address.ss_family == AF_INET6) {
    const auto* v6 = reinterpret_cast<const sockaddr_in6*>(&address);
    ::inet_ntop(AF_INET6, &v6->sin6_addr, text.data(), text.size());
    port = ntohs(v6->sin6_port);
  }
  ip = text.data();
}

// The connection as httplib reads and writes it: reads of the current request end at its deadline, writes of
// its response at theirs. Reads are buffered (httplib reads a request line byte by byte), and what a client
// sent beyond one request stays for the next.
class DeadlineStream final : public httplib::Stream {
 public:
  DeadlineStream(int socket, const ConnectionDeadlines& deadlines, std::function<bool()> stopping)
      : socket_(socket), deadlines_(deadlines), stopping_(std::move(stopping)) {}

  // Starts the next request: its reads are due within request_read from now.
  void begin_request() {
    read_deadline_ = Clock::now() + deadlines_.request_read;
    writing_ = false;
  }

  bool has_buffered_input() const { return begin_ < end_; }

  bool is_readable() const override {
    return has_buffered_input() || wait_ready(socket_, POLLIN, read_deadline_, stopping_);
  }

  bool is_writable() const override { return wait_ready(socket_, POLLOUT, write_deadline(), stopping_); }

  ssize_t read(char* destination, size_t size) override {
    if (!has_buffered_input()) {
      if (!wait_ready(socket_, POLLIN, read_deadline_, stopping_)) return -1;
      ssize_t received;
      do {
        received = ::recv(socket_, buffer_.data(), buffer_.size(), 0);
      } while (received < 0 && errno == EINTR);
      if (received <= 0) return received;
      begin_ = 0;
      end_ = static_cast<std::size_t>(received);
    }
    const std::size_t count = std::min(size, end_ - begin_);
    std::copy_n(buffer_.data() + begin_, count, destination);
    begin_ += count;
    return static_cast<ssize_t>(count);
  }

  ssize_t write(const char* source, size_t size) override {
    if (!writing_) {
      writing_ = true;
      write_deadline_ = Clock::now() + deadlines_.response_write;
    }
    if (!wait_ready(socket_, POLLOUT, write_deadline_, stopping_)) return -1;
    ssize_t sent;
    do {
      sent = ::send(socket_, source, size, MSG_NOSIGNAL);
    } while (sent < 0 && errno == EINTR);
    return sent;
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override { address_of(socket_, true, ip, port); }
  void get_local_ip_and_port(std::string& ip, int& port) const override { address_of(socket_, false, ip, port); }
  socket_t socket() const override { return socket_; }

 private:
  Clock::time_point write_deadline() const {
    return writing_ ? write_deadline_ : Clock::now() + deadlines_.response_write;
  }

  int socket_;
  const ConnectionDeadlines& deadlines_;
  std::function<bool()> stopping_;
  Clock::time_point read_deadline_{};
  Clock::time_point write_deadline_{};
  bool writing_ = false;
  std::array<char, 4096> buffer_{};
  std::size_t begin_ = 0, end_ = 0;
};

}  // namespace

bool DeadlineServer::process_and_close_socket(socket_t socket) {
  DeadlineStream stream(socket, deadlines_, [this] { return stopping(); });
  bool answered = true;
  for (int served = 0; served < deadlines_.requests_per_connection; ++served) {
    const auto idle = served == 0 ? deadlines_.request_read : deadlines_.keep_alive_idle;
    if (!stream.has_buffered_input() &&
        !wait_ready(socket, POLLIN, Clock::now() + idle, [this] { return stopping(); })) {
      break;
    }
    stream.begin_request();
    bool closed_by_client = false;
    const bool last = served + 1 == deadlines_.requests_per_connection;
    answered = process_request(stream, last, closed_by_client, nullptr);
    if (!answered || closed_by_client) break;
  }
  ::shutdown(socket, SHUT_RDWR);
  ::close(socket);
  return answered;
}

}  // namespace neurodyn::serve_detail
