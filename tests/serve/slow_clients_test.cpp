// Slow and idle clients cannot stop the server: while more clients than there are simulation workers hold
// connections open and send a header byte now and then, a normal request is still answered; and a request
// that does not arrive whole within its deadline has its connection closed. Bounds are generous: these are
// not timing tests.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <string_view>
#include <thread>
#include <vector>

#include "running_server.hpp"

namespace neurodyn {
namespace {

using Clock = std::chrono::steady_clock;
using testing::RunningServer;

// A client that connects and sends the start of a request, then a byte every 100 ms until told to stop.
class SlowClient {
 public:
  explicit SlowClient(int port) : socket_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(socket_, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) == 0;
    sender_ = std::thread([this] {
      constexpr std::string_view request = "POST /api/simulate HTTP/1.1\r\nHost: x\r\nX-Slow: ";
      for (std::size_t sent = 0; !stop_; ++sent) {
        const char byte = sent < request.size() ? request[sent] : 'a';
        if (::send(socket_, &byte, 1, MSG_NOSIGNAL) != 1) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
    });
  }
  ~SlowClient() {
    stop_ = true;
    sender_.join();
    ::close(socket_);
  }
  SlowClient(const SlowClient&) = delete;
  SlowClient& operator=(const SlowClient&) = delete;

  bool connected() const { return connected_; }

  // Whether the server closed the connection within `bound` (a read returns end of file or an error).
  bool closed_by_server_within(std::chrono::seconds bound) const {
    const auto until = Clock::now() + bound;
    while (Clock::now() < until) {
      pollfd entry{socket_, POLLIN, 0};
      if (::poll(&entry, 1, 100) > 0) {
        char byte;
        if (::recv(socket_, &byte, 1, MSG_DONTWAIT) <= 0) return true;
      }
    }
    return false;
  }

 private:
  int socket_;
  bool connected_ = false;
  std::atomic<bool> stop_ = false;
  std::thread sender_;
};

TEST(SlowClients, DoNotStopTheServerFromAnsweringOthers) {
  ServerOptions options;
  options.worker_threads = 2;
  RunningServer server(options);
  std::vector<std::unique_ptr<SlowClient>> slow;
  for (int i = 0; i < 3 * options.worker_threads; ++i) {
    slow.push_back(std::make_unique<SlowClient>(server.port()));
    ASSERT_TRUE(slow.back()->connected());
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // every slow client is mid-request

  auto client = server.client();
  client.set_read_timeout(20, 0);
  const auto answer = testing::post_simulate(client, R"({"preset": "izh2004-A", "t_end": 50})");
  ASSERT_TRUE(answer) << "no answer while slow clients hold connections";
  EXPECT_EQ(answer->status, 200);
}

TEST(SlowClients, ARequestThatDoesNotArriveWithinItsDeadlineIsClosed) {
  ServerOptions options;
  options.request_read_seconds = 1.0;
  RunningServer server(options);
  const SlowClient slow(server.port());
  ASSERT_TRUE(slow.connected());
  EXPECT_TRUE(slow.closed_by_server_within(std::chrono::seconds(20)));

  auto client = server.client();  // the server still answers
  const auto answer = client.Get("/api/methods");
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 200);
}

TEST(SlowClients, AnIdleConnectionIsClosedAfterTheKeepAliveTime) {
  ServerOptions options;
  options.keep_alive_seconds = 0.5;
  options.request_read_seconds = 0.5;
  RunningServer server(options);
  const int socket = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(server.port()));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::connect(socket, reinterpret_cast<const sockaddr*>(&address), sizeof(address)), 0);
  pollfd entry{socket, POLLIN, 0};
  ASSERT_GT(::poll(&entry, 1, 20'000), 0) << "an idle connection stayed open";
  char byte;
  EXPECT_LE(::recv(socket, &byte, 1, 0), 0);
  ::close(socket);
}

}  // namespace
}  // namespace neurodyn
