#!/usr/bin/env python3
"""Host-side tests of udpflow.py's counts, on which every exact check leans.

    python3 -m unittest discover -s tests/e2e/lib -p 'test_*.py'
"""
import contextlib
import io
import os
import signal
import socket
import unittest

import udpflow


class StoppedSender(unittest.TestCase):
    def setUp(self):
        self.rx = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.rx.bind(("127.0.0.1", 0))
        self.rx.setblocking(False)
        self.real_socket = socket.socket

    def tearDown(self):
        socket.socket = self.real_socket
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        self.rx.close()

    def received(self):
        n = 0
        with contextlib.suppress(BlockingIOError):
            while self.rx.recv(2048):
                n += 1
        return n

    def test_sigterm_during_a_sendto_counts_that_datagram(self):
        # SIGTERM lands while the fifth datagram is being sent: its handler
        # runs after the datagram left, before the loop goes on
        real, calls = self.real_socket, []

        class Sock(real):
            def sendto(self, *args):
                n = super().sendto(*args)
                calls.append(n)
                if len(calls) == 5:
                    os.kill(os.getpid(), signal.SIGTERM)
                return n

        socket.socket = Sock
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):
            udpflow.send("127.0.0.1", self.rx.getsockname()[1], 100, 30, 1e6, hello=False)
        got = self.received()
        self.assertEqual(got, 5)
        self.assertEqual(out.getvalue(), f"sent {got} packets {got * (30 + 28)} bytes\n")


if __name__ == "__main__":
    unittest.main()
