-- wrk script: POST one JSON body per request, cycling through a file of bodies (one per line).
--   wrk -t1 -c32 -d10s -s benchmarks/wrk_post_bodies.lua http://127.0.0.1:8000/v1/check -- bodies.jsonl
local bodies = {}
local i = 0

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then bodies[#bodies + 1] = line end
  end
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
  i = math.random(#bodies) - 1
end

function request()
  i = i % #bodies + 1
  return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, bodies[i])
end
