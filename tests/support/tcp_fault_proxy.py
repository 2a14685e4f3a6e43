"""A TCP proxy in front of the real HQ service that injects network faults without touching TLS.

The branch connects to ``proxy.url`` (127.0.0.1, the certificate is still HQ's: it is valid for
127.0.0.1 whatever the port), and the proxy relays bytes to HQ. ``mode``:

- ``"forward"``: relay both ways;
- ``"withhold"``: relay the TLS handshake, then pass the branch's request on to HQ but keep HQ's
  answer from the branch (HQ stores the submission; the branch sees nothing come back and times
  out, or is killed, or ``reset_clients`` cuts the connection with a TCP reset).

The handshake is told from the request by direction: once HQ has answered the ClientHello, the
next bytes from the branch are its Finished message and the request (TLS 1.3: the client needs
nothing more from the server after that, so withholding from there on stalls only the answer).
"""

from __future__ import annotations

import socket
import struct
import threading
from contextlib import suppress


class FaultProxy:
    def __init__(self, target_port: int, mode: str = "forward") -> None:
        self.target_port = target_port
        self.mode = mode
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self._listener.getsockname()[1])
        self.url = f"https://127.0.0.1:{self.port}"
        self._clients: list[socket.socket] = []
        self._resetting: set[int] = set()
        self._lock = threading.Lock()
        self._closed = False
        self.connections = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            with self._lock:
                self._clients.append(client)
                self.connections += 1
            threading.Thread(target=self._serve, args=(client, self.mode), daemon=True).start()

    def _serve(self, client: socket.socket, mode: str) -> None:
        try:
            upstream = socket.create_connection(("127.0.0.1", self.target_port), timeout=10)
        except OSError:
            client.close()
            return
        upstream.settimeout(None)
        state = {"server_spoke": False, "withholding": False}

        def branch_to_hq() -> None:
            with suppress(OSError):
                while data := client.recv(65536):
                    if mode == "withhold" and state["server_spoke"]:
                        state["withholding"] = True
                    upstream.sendall(data)
            if id(client) in self._resetting:  # reset_clients woke this reader: close = RST
                with suppress(OSError):
                    client.close()
                with suppress(OSError):
                    upstream.close()
                return
            with suppress(OSError):
                upstream.shutdown(socket.SHUT_WR)

        def hq_to_branch() -> None:
            with suppress(OSError):
                while data := upstream.recv(65536):
                    state["server_spoke"] = True
                    if not state["withholding"]:
                        client.sendall(data)
            if not state["withholding"]:
                with suppress(OSError):
                    client.shutdown(socket.SHUT_WR)

        threads = [threading.Thread(target=f, daemon=True) for f in (branch_to_hq, hq_to_branch)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        with suppress(OSError):
            upstream.close()

    def reset_clients(self) -> None:
        """Cut every open branch connection with a TCP reset: SO_LINGER 0, then the reader thread
        is woken (shutdown for reading sends nothing) and closes the socket, which sends the RST."""
        with self._lock:
            clients, self._clients = self._clients, []
        for client in clients:
            self._resetting.add(id(client))
            with suppress(OSError):
                client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                client.shutdown(socket.SHUT_RD)

    def close(self) -> None:
        self._closed = True
        with suppress(OSError):
            self._listener.close()
        self.reset_clients()
