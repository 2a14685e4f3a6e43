"""A local TLS certificate for an HQ service that listens on this computer only.

Rule: ``branchvault-hq serve`` on a loopback address (127.0.0.1, ::1, localhost) without
``--tls-cert``/``--tls-key`` makes once, and reuses, a private certificate authority and a server
certificate for 127.0.0.1, localhost and ::1 in ``<data dir>/tls/``: ``local-ca.pem`` (what a
branch on this computer passes as ``--ca-file``), ``local-ca.key``, ``server.pem``, ``server.key``
(keys mode 0600, the folder 0700). The CA is valid for two years and the server certificate for 397
days (never past the CA); each is made again at start when it is missing, damaged, does not belong
to its key or CA, does not name all three addresses, or expires within 30 days (a new CA is written
to the same path, so a branch that keeps the path keeps working). Any other address is refused
without certificates (see cli.py): a branch on another computer must be able to check HQ's name
against a certificate IT chose.

Reason: the HQ service has no plain-HTTP mode, and a newcomer trying it out should start it with one
command without learning to make certificates first; a certificate that only names loopback
addresses cannot be used to impersonate HQ on the network. Made with ``cryptography`` x509 (ECDSA
P-256, SHA-256), never by hand. Two processes starting at once take a file lock, so they share one
CA.
"""

from __future__ import annotations

import contextlib
import ipaddress
import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from filelock import FileLock

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "::1", "localhost"})
SERVER_DNS_NAMES = ("localhost",)
SERVER_IP_ADDRESSES = (ipaddress.ip_address("127.0.0.1"), ipaddress.ip_address("::1"))
CA_LIFETIME = timedelta(days=730)
SERVER_LIFETIME = timedelta(days=397)
RENEW_BEFORE = timedelta(days=30)
BACKDATE = timedelta(hours=1)  # tolerate a client clock a little behind
CA_FILE, CA_KEY_FILE, SERVER_FILE, SERVER_KEY_FILE = (
    "local-ca.pem",
    "local-ca.key",
    "server.pem",
    "server.key",
)


@dataclass(frozen=True)
class LocalCertificate:
    """Where the local certificate's files are, and what this start made anew."""

    ca_file: Path
    cert_file: Path
    key_file: Path
    new_ca: bool
    new_server_certificate: bool
    expires_at: datetime


def is_loopback(host: str) -> bool:
    """Whether ``host`` is one of the addresses the local certificate names (this computer only)."""
    return host.strip().lower() in LOOPBACK_HOSTS


def ensure_local_certificate(folder: Path, now: datetime | None = None) -> LocalCertificate:
    """The CA and server certificate in ``folder`` (``<data dir>/tls``), made or renewed as needed."""
    now = (now or datetime.now(UTC)).astimezone(UTC)
    folder.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        folder.chmod(0o700)
    with FileLock(str(folder / ".lock"), timeout=60):
        ca = _usable_ca(folder, now)
        new_ca = ca is None
        if ca is None:
            ca = _new_ca(now)
            _write_pair(folder / CA_FILE, folder / CA_KEY_FILE, *ca)
        ca_cert, ca_key = ca
        server = _usable_server(folder, ca_cert, now)
        new_server = new_ca or server is None
        if new_ca or server is None:
            server = _new_server(ca_cert, ca_key, now)
            _write_pair(folder / SERVER_FILE, folder / SERVER_KEY_FILE, *server)
        for key_file in (CA_KEY_FILE, SERVER_KEY_FILE):
            with contextlib.suppress(OSError):
                (folder / key_file).chmod(0o600)
    return LocalCertificate(
        ca_file=folder / CA_FILE,
        cert_file=folder / SERVER_FILE,
        key_file=folder / SERVER_KEY_FILE,
        new_ca=new_ca,
        new_server_certificate=new_server,
        expires_at=server[0].not_valid_after_utc,
    )


# --- reading what is there --------------------------------------------------------------------------


def _load(cert_path: Path, key_path: Path) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey] | None:
    try:
        cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
        key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError):
        return None
    if not isinstance(key, ec.EllipticCurvePrivateKey) or cert.public_key() != key.public_key():
        return None
    return cert, key


def _fresh(cert: x509.Certificate, now: datetime) -> bool:
    return cert.not_valid_before_utc <= now and cert.not_valid_after_utc - RENEW_BEFORE > now


def _usable_ca(folder: Path, now: datetime) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey] | None:
    pair = _load(folder / CA_FILE, folder / CA_KEY_FILE)
    if pair is None or not _fresh(pair[0], now):
        return None
    try:
        constraints = pair[0].extensions.get_extension_for_class(x509.BasicConstraints).value
    except x509.ExtensionNotFound:
        return None
    return pair if constraints.ca else None


def _usable_server(
    folder: Path, ca_cert: x509.Certificate, now: datetime
) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey] | None:
    pair = _load(folder / SERVER_FILE, folder / SERVER_KEY_FILE)
    if pair is None or not _fresh(pair[0], now):
        return None
    cert = pair[0]
    try:
        cert.verify_directly_issued_by(ca_cert)
        names = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except (ValueError, TypeError, InvalidSignature, x509.ExtensionNotFound):
        return None
    if not set(SERVER_DNS_NAMES) <= set(names.get_values_for_type(x509.DNSName)):
        return None
    if not set(SERVER_IP_ADDRESSES) <= set(names.get_values_for_type(x509.IPAddress)):
        return None
    return pair


# --- making new ones ------------------------------------------------------------------------------------


def _new_ca(now: datetime) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "BranchVault HQ (this computer only)"),
            x509.NameAttribute(NameOID.COMMON_NAME, f"BranchVault HQ local CA {now:%Y-%m-%d}"),
        ]
    )
    ski = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - BACKDATE)
        .not_valid_after(now + CA_LIFETIME)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(ski, critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski), critical=False)
        .sign(key, hashes.SHA256())
    )
    return cert, key


def _new_server(
    ca_cert: x509.Certificate, ca_key: ec.EllipticCurvePrivateKey, now: datetime
) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    key = ec.generate_private_key(ec.SECP256R1())
    ca_ski = ca_cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    names: list[x509.GeneralName] = [x509.DNSName(n) for n in SERVER_DNS_NAMES]
    names += [x509.IPAddress(address) for address in SERVER_IP_ADDRESSES]
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")]))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - BACKDATE)
        .not_valid_after(min(now + SERVER_LIFETIME, ca_cert.not_valid_after_utc))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.SubjectAlternativeName(names), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ca_ski), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    return cert, key


def _write_pair(
    cert_path: Path, key_path: Path, cert: x509.Certificate, key: ec.EllipticCurvePrivateKey
) -> None:
    """The key first (0600), then the certificate; each replaced atomically."""
    _replace(
        key_path,
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        ),
    )
    _replace(cert_path, cert.public_bytes(serialization.Encoding.PEM))


def _replace(path: Path, data: bytes) -> None:
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)  # mode 0600
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
