import RedisLint
import Rules
print("redislint")
