-- wrk script: POST /api/v1/session with JSON bodies taken in turn from the file named by the environment variable
-- SIGNIN_BODIES (one JSON body a line), so each connection cycles through many accounts or passwords.
local bodies = {}
for line in io.lines(os.getenv("SIGNIN_BODIES")) do bodies[#bodies + 1] = line end
local i = 0
request = function()
  i = i + 1
  return wrk.format("POST", "/api/v1/session", { ["Content-Type"] = "application/json" }, bodies[(i % #bodies) + 1])
end
