-- wrk script: POSTs GraphQL bodies as a client of the federated API would, the benchmark tenant's headers set.
-- wrk -s bench/graphql-post.lua URL -- BODY_FILE [BODY_FILE ...]  (several files: requests take them in turn)
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["x-tenant-id"] = os.getenv("BENCH_TENANT") or "bench"
wrk.headers["x-user-id"] = os.getenv("BENCH_USER") or "bench-user"

local bodies = {}
local sent = 0

function init(args)
  for _, file in ipairs(args) do
    local f = assert(io.open(file, "r"))
    bodies[#bodies + 1] = f:read("*a")
    f:close()
  end
  assert(#bodies > 0, "give at least one body file after --")
end

function request()
  sent = sent + 1
  return wrk.format(nil, nil, nil, bodies[(sent % #bodies) + 1])
end
