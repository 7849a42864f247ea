-- wrk: distinct directory searches. A random prefix of a random word, now and then a
-- municipality and a page (some thousands of combinations, so nearly every search is
-- computed), each address made new by a counter the page ignores, so that no page is sent
-- from the server's memory of rendered pages. A fixed seed per thread: the same run every time.
local words = { "disain", "muusika", "teater", "video", "galerii", "kirjastus", "festivalid",
  "graafika", "stuudio", "design", "music", "theatre", "kontserdid", "koda", "labor", "meedia" }
local places = { "", "&municipality=narva", "&municipality=johvi", "&municipality=sillamae",
  "&municipality=toila", "&municipality=kohtla-jarve", "&municipality=harju" }
local threads = 0
function setup(thread) threads = threads + 1; thread:set("seed", threads) end
local sent = 0
function init(args) math.randomseed(seed) end
request = function()
  local word = words[math.random(#words)]
  local q = word:sub(1, math.random(2, #word))
  local page = math.random(5) == 1 and ("&page=" .. math.random(2, 5)) or ""
  sent = sent + 1
  local new = "&n=" .. seed .. "-" .. sent
  return wrk.format("GET", "/et/directory?q=" .. q .. places[math.random(#places)] .. page .. new)
end
