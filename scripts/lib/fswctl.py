#!/usr/bin/env python3
"""Client for scripts/run-scenario's control socket.

    fswctl.py guest TIMEOUT CMD   run CMD on the guest console
    fswctl.py monitor CMD         run a QEMU monitor command
    fswctl.py migrate             migrate the router to a new QEMU

Prints the output and exits with the command's status.
"""
import base64
import os
import socket
import sys


def main():
    kind = sys.argv[1]
    if kind == "guest":
        timeout, cmd = sys.argv[2], sys.argv[3]
    else:
        timeout, cmd = "0", sys.argv[2] if len(sys.argv) > 2 else ""
    payload = base64.b64encode(cmd.encode()).decode()
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.connect(os.environ["FSW_CTL"])
    s.sendall(f"{kind} {timeout} {payload}\n".encode())
    s.shutdown(socket.SHUT_WR)
    data = b""
    while True:
        chunk = s.recv(65536)
        if not chunk:
            break
        data += chunk
    status, _, out = data.decode(errors="replace").partition("\n")
    if out:
        print(out)
    sys.exit(int(status))


if __name__ == "__main__":
    main()
