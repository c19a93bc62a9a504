-- wrk script for the pledge POST benchmark: each request sends the next prepared form body
-- (one line each in the file named by BENCH_PLEDGE_BODIES), so every pledge is a new one.
-- Run wrk with one thread (-t1) so that no two connections send the same body. At the end it prints
-- how many requests were sent, including those still in flight when wrk stopped.
local bodies = {}
for line in io.lines(os.getenv("BENCH_PLEDGE_BODIES")) do
  bodies[#bodies + 1] = line
end
local threads = {}
sent = 0

function setup(thread)
  table.insert(threads, thread)
end

function request()
  sent = sent + 1
  local body = bodies[((sent - 1) % #bodies) + 1]
  return wrk.format("POST", nil, nil, body)
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("sent")
  end
  io.write(string.format("pledges sent: %d\n", total))
end
