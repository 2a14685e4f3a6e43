"""Pure rules: roles, permissions, policy, password rules, audit chain. No Qt, no SQL, no I/O."""
