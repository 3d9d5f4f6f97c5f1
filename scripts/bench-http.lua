-- wrk script for Credence decisions: POSTs bodies read from BODIES (one JSON body a line), cycling
-- through them, with the partner key in KEY and the path in PATH_. At the end prints one line,
-- "RESULT requests=... seconds=... rps=... p50_ms=... p99_ms=... p999_ms=... errors=...", which
-- scripts/bench.sh collects. Each thread starts at a different line so threads do not ask in step.
local bodies = {}
local counter = 0
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(os.getenv("BODIES")) do
    table.insert(bodies, line)
  end
  counter = math.random(#bodies)
  wrk.method = "POST"
  wrk.path = os.getenv("PATH_")
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("KEY")
end

function request()
  counter = counter % #bodies + 1
  return wrk.format(nil, nil, nil, bodies[counter])
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read
      + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT requests=%d seconds=%.2f rps=%.0f p50_ms=%.3f p99_ms=%.3f p999_ms=%.3f errors=%d\n",
    summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency:percentile(99.9) / 1000, errors))
end
