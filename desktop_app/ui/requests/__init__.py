"""The client requests area (PIPL Art. 44–50): managers register, verify, answer and refuse requests."""
