-- One wrk script for every HTTP scenario of bench/run. BENCH_MIX weighs the operations, e.g.
-- "introspect=80,issue=15,revoke=5"; each thread revokes (or, for redeem, redeems) its own slice of BENCH_POOL,
-- introspects tokens of BENCH_DIR/live (never revoked), and writes what it received and revoked for the final
-- correctness check. A redeem pool holds BenchClient's codes, "code verifier" a line; the refresh tokens redemptions
-- receive go to BENCH_DIR/refresh.<scenario>.<thread>, a refresh pool.
local dir = os.getenv("BENCH_DIR")
local scenario = os.getenv("BENCH_SCENARIO")
local headers = {
  ["Content-Type"] = "application/x-www-form-urlencoded",
  ["Authorization"] = os.getenv("BENCH_BASIC"),
}
-- A thread whose pool is spent stops, and when every thread has, the load's duration is theirs, not wrk's -d (wrk waits
-- that out idle): a monotonic clock through LuaJIT's FFI.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clock, bench_timespec *now);
]]
local function now_us()
  local now = ffi.new("bench_timespec")
  ffi.C.clock_gettime(1, now)
  return tonumber(now.tv_sec) * 1000000 + tonumber(now.tv_nsec) / 1000
end

-- BenchClient's REDIRECT_URI, form-encoded: the codes were issued for it.
local redirect_uri = "http%3A%2F%2F127.0.0.1%3A9%2Fcallback"
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

local function lines(path)
  local all = {}
  local file = io.open(path, "r")
  if file then
    for line in file:lines() do
      if #line > 0 then all[#all + 1] = line end
    end
    file:close()
  end
  return all
end

function init(args)
  math.randomseed(os.time() + id * 7919)
  mix = {}
  local total = 0
  for op, weight in string.gmatch(os.getenv("BENCH_MIX"), "(%a+)=(%d+)") do
    total = total + tonumber(weight)
    mix[#mix + 1] = { op = op, upto = total }
  end
  live = lines(dir .. "/live")
  doomed = {}
  local pool = lines(os.getenv("BENCH_POOL") or "/dev/null")
  local n = tonumber(os.getenv("BENCH_THREADS"))
  for i = id, #pool, n do doomed[#doomed + 1] = pool[i] end
  next_doomed = 1
  received = io.open(dir .. "/issued." .. scenario .. "." .. id, "w")
  received:setvbuf("line")
  revoked = io.open(dir .. "/revoked." .. scenario .. "." .. id, "w")
  revoked:setvbuf("line")
  refreshable = io.open(dir .. "/refresh." .. scenario .. "." .. id, "w")
  refreshable:setvbuf("line")
  unexpected = 0
  started_us = now_us()
  spent_us = 0
  started = false
end

local function introspect()
  return wrk.format("POST", "/oauth2/introspect", headers, "token=" .. live[math.random(#live)])
end

function request()
  -- wrk calls request() once to check the script and may discard what it gets: let that be a harmless read,
  -- not a revocation recorded as sent.
  if not started then
    started = true
    return wrk.format("GET", "/.well-known/oauth-authorization-server")
  end
  local roll = math.random(mix[#mix].upto)
  local op = mix[#mix].op
  for _, entry in ipairs(mix) do
    if roll <= entry.upto then op = entry.op break end
  end
  if op == "issue" then
    return wrk.format("POST", "/oauth2/token", headers, "grant_type=client_credentials")
  elseif op == "metadata" then
    -- The cheapest answer the server gives through the same HTTP stack: the floor under every other scenario.
    return wrk.format("GET", "/.well-known/oauth-authorization-server")
  elseif op == "revoke" or op == "redeem" or op == "refresh" then
    local item = doomed[next_doomed]
    if item == nil then
      if spent_us == 0 then
        spent_us = now_us()
        wrk.thread:stop()
      end
      return wrk.format("GET", "/.well-known/oauth-authorization-server")
    end
    next_doomed = next_doomed + 1
    if op == "redeem" then
      local code, verifier = item:match("^(%S+) (%S+)")
      return wrk.format("POST", "/oauth2/token", headers, "grant_type=authorization_code&code=" .. code
        .. "&redirect_uri=" .. redirect_uri .. "&code_verifier=" .. verifier)
    elseif op == "refresh" then
      return wrk.format("POST", "/oauth2/token", headers, "grant_type=refresh_token&refresh_token=" .. item)
    end
    revoked:write(item, "\n")
    return wrk.format("POST", "/oauth2/revoke", headers, "token=" .. item)
  end
  return introspect()
end

function response(status, headers, body)
  if status ~= 200 or body:find('"active":false', 1, true) then
    unexpected = unexpected + 1
    return
  end
  local token = body:match('"access_token":"([^"]+)"')
  if token then received:write(token, "\n") end
  local refresh = body:match('"refresh_token":"([^"]+)"')
  if refresh then refreshable:write(refresh, "\n") end
end

function done(summary, latency, requests)
  local bad, spent, first, last = 0, 0, math.huge, 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("unexpected")
    first = math.min(first, thread:get("started_us"))
    if thread:get("spent_us") > 0 then
      spent = spent + 1
      last = math.max(last, thread:get("spent_us"))
    end
  end
  -- Every pool spent: the load lasted until the last one was. Some: the rest ran on alone, which bench/run flags.
  local duration, exhausted = summary.duration, spent
  if spent == #threads then duration, exhausted = last - first, 0 end
  local e = summary.errors
  io.write(string.format("RESULT requests=%d duration_us=%d errors=%d p50_us=%d p99_us=%d unexpected=%d exhausted=%d\n",
    summary.requests, duration, e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50), latency:percentile(99), bad, exhausted))
end
