import RedisLint
