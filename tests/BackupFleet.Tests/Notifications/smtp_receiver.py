"""A real SMTP server for the notification tests (Debian's python3-aiosmtpd, run by /usr/bin/python3).

Listens on 127.0.0.1:--port and saves each message it accepts as --maildir/NNNNNN.eml. With --cert/--key it offers
STARTTLS and requires it; with --user/--password it requires logging in (AUTH PLAIN or LOGIN), over TLS when there is
TLS. Prints READY once listening; stops when stdin closes (the test that started it is gone) or on SIGTERM.
"""
import argparse
import itertools
import os
import ssl
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Maildir:
    def __init__(self, path):
        self.path = path
        self.numbers = itertools.count(1)

    async def handle_DATA(self, server, session, envelope):
        number = next(self.numbers)
        # Written under another name, then renamed: the test never loads half a message.
        partial = os.path.join(self.path, f"{number:06d}.part")
        with open(partial, "wb") as f:
            f.write(envelope.original_content)
        os.rename(partial, os.path.join(self.path, f"{number:06d}.eml"))
        return "250 Message accepted for delivery"


def authenticator(user, password):
    def check(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login == user and auth_data.password == password
        # handled=False: aiosmtpd then answers 535 itself; its default (True) means "already answered" and sends nothing.
        return AuthResult(success=ok, handled=False)
    return check


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--maildir", required=True)
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--user")
    parser.add_argument("--password")
    args = parser.parse_args()

    smtp = {}
    tls = args.cert is not None
    if tls:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.cert, args.key)
        smtp.update(tls_context=context, require_starttls=True)
    if args.user is not None:
        smtp.update(authenticator=authenticator(args.user.encode(), (args.password or "").encode()),
                    auth_required=True, auth_require_tls=tls)

    # server_hostname: without it aiosmtpd asks DNS for this machine's name, which can hang where there is no DNS.
    controller = Controller(Maildir(args.maildir), hostname="127.0.0.1", port=args.port, server_hostname="localhost",
                            decode_data=False, **smtp)
    controller.start()
    print("READY", flush=True)
    try:
        sys.stdin.read()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
