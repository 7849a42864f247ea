-- wrk: the soak's mixed traffic (.ci/soak). Mostly the public pages, as visitors read them
-- (directory searches made new by a counter so that they are computed), and one request in
-- twelve a write: a registration for an event or an application to join, each from its own
-- address (CLIENT_IP_HEADER=X-Real-IP) and email. Script arguments: a profile path, an event
-- path taking registrations, its slug, and the pause in milliseconds each connection makes
-- between requests (which sets the rate). Counts answers by class and prints them at the end.
local words = { "disain", "muusika", "teater", "video", "galerii", "stuudio", "koda", "meedia" }
local threads = {}
local profile, event, slug, pause
local sent = 0
-- Answers by class, as globals: wrk reads a thread's globals back only as plain values.
c1, c2, c3, c4, c5 = 0, 0, 0, 0, 0

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  profile, event, slug, pause = args[1], args[2], args[3], tonumber(args[4])
  math.randomseed(id)
end

function delay()
  return pause
end

local function address()
  return string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255), math.random(1, 254))
end

local function post(path, body)
  return wrk.format("POST", path, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Accept"] = "application/json",
    ["X-Real-IP"] = address(),
  }, body)
end

request = function()
  sent = sent + 1
  local who = id .. "-" .. sent .. "-" .. math.random(1e9)
  local pick = math.random(24)
  if pick == 1 then
    return post("/api/register", "lang=et&slug=" .. slug .. "&name=Soak+Test&consent=yes&email=s" .. who .. "%40soak.example")
  elseif pick == 2 then
    return post("/api/join", "lang=ru&form%5Bname%5D=Soak+" .. who .. "&form%5Bkind%5D=company"
      .. "&form%5Bmunicipality%5D=narva&form%5Bsectors%5D%5B0%5D=design&form%5Bspeaks_et%5D=true"
      .. "&form%5Bdescription_et%5D=Disainistuudio&contact%5Bname%5D=Soak&contact%5Bemail%5D=a"
      .. who .. "%40soak.example&contact%5Bphone%5D=&contact%5Bconsent%5D=true")
  elseif pick <= 10 then
    local word = words[math.random(#words)]
    return wrk.format("GET", "/et/directory?q=" .. word:sub(1, math.random(2, #word)) .. "&n=" .. who)
  end
  local reads = { "/et", "/ru", "/et/about", "/et/events", event, profile, "/en/funding",
    "/et/directory", "/calendar.ics?lang=et", "/et/events?view=month" }
  return wrk.format("GET", reads[(pick - 11) % #reads + 1])
end

response = function(status)
  local class = "c" .. math.floor(status / 100)
  _G[class] = _G[class] + 1
end

function done()
  local totals = { 0, 0, 0, 0, 0 }
  for _, thread in ipairs(threads) do
    for class = 1, 5 do
      totals[class] = totals[class] + thread:get("c" .. class)
    end
  end
  io.write(string.format("answers: %d 2xx, %d 3xx, %d 4xx, %d 5xx\n", totals[2], totals[3], totals[4], totals[5]))
end
