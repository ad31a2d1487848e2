-- wrk script for the intake benchmark (bench/intake.mjs).
--
-- Every request POSTs one Report JSON body (the shape of DESIGN.md) to
-- BENCH_PATH (default /api/v1/reports). The body varies per request, as real
-- tips do: a point within about ±11 km of central Xi'an, a local observation time
-- somewhere in November 2026 (Asia/Shanghai, no offset, so normalize does zone
-- arithmetic), one of several narratives (English and Chinese) with a random
-- reference suffix, a random caller number, precision and accuracy. The bare
-- servers get exactly the same bodies.
--
-- At the end, one line `BENCH_RESULT {json}` on stdout carries the counts and the
-- latency percentiles (microseconds); 2xx answers are counted exactly in
-- response(), everything else is reported as non-2xx.

local path = os.getenv("BENCH_PATH") or "/api/v1/reports"

local narratives = {
  "A drone fell behind the north gate.",
  "A small drone circled the water tower, then landed behind the depot.",
  "Two men photographed the radar dome from a parked grey van.",
  "Someone is flying a quadcopter over the military housing block at night.",
  "A stranger asked the guards about shift times at the research institute.",
  "有无人机在北门附近坠落，随后有人来回收。",
  "一辆白色面包车在研究所外停了两个小时，车上的人在拍照。",
  "A survey team with tripods arrived near the fence after the drone crash.",
}
local categories = { "drone", "photography", "suspicious-vehicle", "elicitation", "drone", "other" }
local channels = { "web", "web", "app", "phone", "api" }
local precisions = { 60, 300, 300, 900, 3600 }
local accuracies = { 10, 50, 50, 200, 1000 }

local headers = { ["Content-Type"] = "application/json" }
local random = math.random
local format = string.format

local threads = {}
local counter = 1

function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  -- tid is set by setup(); seed each thread differently.
  math.randomseed(os.time() * 1000 + (tid or 0) * 7919)
  ok2xx = 0
  non2xx = 0
end

local function pick(list)
  return list[random(#list)]
end

function request()
  local body = format(
    '{"channel":"%s","narrative":"%s Ref %08x.","observedAt":"2026-11-%02dT%02d:%02d:00",'
      .. '"timezone":"Asia/Shanghai","precisionSeconds":%d,'
      .. '"location":{"lat":%.5f,"lon":%.5f,"accuracyMeters":%d},'
      .. '"caller":{"phone":"+86138%08d"},"category":"%s"}',
    pick(channels),
    pick(narratives),
    random(0, 0x7fffffff),
    random(1, 28),
    random(0, 23),
    random(0, 59),
    pick(precisions),
    34.2610 + (random() - 0.5) * 0.2,
    108.9420 + (random() - 0.5) * 0.24,
    pick(accuracies),
    random(0, 99999999),
    pick(categories)
  )
  return wrk.format("POST", path, headers, body)
end

function response(status, hdrs, body)
  if status >= 200 and status < 300 then
    ok2xx = ok2xx + 1
  else
    non2xx = non2xx + 1
  end
end

function done(summary, latency, requests)
  local ok, bad = 0, 0
  for _, t in ipairs(threads) do
    ok = ok + (t:get("ok2xx") or 0)
    bad = bad + (t:get("non2xx") or 0)
  end
  local e = summary.errors
  io.write(format(
    'BENCH_RESULT {"durationUs":%d,"requests":%d,"bytes":%d,"ok2xx":%d,"non2xx":%d,'
      .. '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},'
      .. '"latencyUs":{"min":%d,"mean":%.1f,"stdev":%.1f,"max":%d,'
      .. '"p50":%d,"p90":%d,"p99":%d,"p999":%d}}\n',
    summary.duration, summary.requests, summary.bytes, ok, bad,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.min, latency.mean, latency.stdev, latency.max,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency:percentile(99.9)
  ))
end
