-- wrk script for POST /v1/strategic/decision with the first feeder matrix as the body, the
-- request the simulations send. Prints the server's own Server-Timing medians next to wrk's.
--
--   wrk -t1 -c1 -d10s --latency -s simulations/scripts/wrk-decision.lua http://127.0.0.1:8080/v1/strategic/decision
--   WRK_DELAY_MS=1 wrk ...   # a pause of 1 ms after each response (compare with -DthinkTimeMs=1)
--
-- Run it from the repository root (it reads feeders/data/market-matrices.jsonl).

local function first_body()
  local f = assert(io.open("feeders/data/market-matrices.jsonl", "r"),
    "feeders/data/market-matrices.jsonl not found: run wrk from the repository root")
  local line = f:read("*l"); f:close()
  local start = assert(line:find('"body":', 1, true), "no body in the first feeder record")
  return line:sub(start + 7, #line - 1) -- the record ends with the body object, then '}'
end

wrk.method = "POST"
wrk.body = first_body()
wrk.headers["Content-Type"] = "application/json"

local delay_ms = tonumber(os.getenv("WRK_DELAY_MS") or "0")
if delay_ms > 0 then
  delay = function() return delay_ms end
end

local threads = {}
function setup(thread) table.insert(threads, thread) end

totals, models = {}, {}
function response(status, headers, body)
  local timing = headers["Server-Timing"]
  if status == 200 and timing then
    totals[#totals + 1] = tonumber(timing:match("total;dur=([%d%.]+)"))
    models[#models + 1] = tonumber(timing:match("model;dur=([%d%.]+)"))
  end
end

local function median_micros(values)
  if #values == 0 then return 0 end
  table.sort(values)
  return values[math.floor(#values / 2) + 1] * 1000
end

function done(summary, latency, requests)
  local t, m = {}, {}
  for _, thread in ipairs(threads) do
    for _, v in ipairs(thread:get("totals")) do t[#t + 1] = v end
    for _, v in ipairs(thread:get("models")) do m[#m + 1] = v end
  end
  io.write(string.format("delay %d ms: client p50 %.0f us (wrk); server total p50 %.0f us, model p50 %.0f us (%d responses)\n",
    delay_ms, latency:percentile(50), median_micros(t), median_micros(m), #t))
end
