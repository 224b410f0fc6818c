// The JSON body of POST /api/simulate up to the point where the server would start solving: JSON parsing,
// the request's shape (src/serve/simulate_request.hpp) and the checks and limits of each run
// (src/serve/work_limits.hpp).
#include <nlohmann/json.hpp>

#include "fuzz_input.hpp"
#include "serve/simulate_request.hpp"
#include "serve/work_limits.hpp"

namespace {

void prepare(const neurodyn::RunSettings& settings, const neurodyn::ApiLimits& limits) {
  const neurodyn::EffectiveRun run = neurodyn::serve_detail::prepare_run(settings, limits);
  neurodyn::serve_detail::record_options(run, limits);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const neurodyn::ApiLimits limits;
  if (size > limits.max_body_bytes) return 0;  // answered 413 before it is parsed
  nlohmann::json request;
  try {
    request = nlohmann::json::parse(neurodyn::fuzz::as_text(data, size));
  } catch (const nlohmann::json::exception&) {  // a 400 answer: not JSON, or a number beyond double's range
    return 0;
  }
  neurodyn::fuzz::refusals_are_normal([&] {
    const auto parsed = neurodyn::serve_detail::parse_simulate_request(request, limits);
    prepare(parsed.settings, limits);
    if (parsed.compare) prepare(*parsed.compare, limits);
  });
  return 0;
}
