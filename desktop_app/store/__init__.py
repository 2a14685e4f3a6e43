"""Storage: data directory, branch configuration, key slots, SQLCipher database, repositories."""
