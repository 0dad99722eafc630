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
  exhausted = 0
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
  elseif op == "revoke" or op == "redeem" or op == "refresh" then
    local item = doomed[next_doomed]
    if item == nil then
      -- Spent: a harmless read any client may make, counted so that bench/run flags the figure.
      exhausted = exhausted + 1
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
  local bad, short = 0, 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("unexpected")
    short = short + thread:get("exhausted")
  end
  local e = summary.errors
  io.write(string.format("RESULT requests=%d duration_us=%d errors=%d p50_us=%d p99_us=%d unexpected=%d exhausted=%d\n",
    summary.requests, summary.duration, e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50), latency:percentile(99), bad, short))
end
