-- Differential oracle: reads programs framed as "<byte length>\n<bytes>" on stdin and answers each
-- with "<byte length>\n<text>", the text being "OK" or loadstring's error ("x:LINE: message").
local stdin, stdout = io.stdin, io.stdout
while true do
  local header = stdin:read("*l")
  if not header then break end
  local length = tonumber(header)
  local source = ""
  if length > 0 then source = stdin:read(length) or "" end
  local chunk, message = loadstring(source, "=x")
  local answer = chunk and "OK" or message
  stdout:write(#answer, "\n", answer)
  stdout:flush()
end
