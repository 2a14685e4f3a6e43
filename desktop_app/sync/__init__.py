"""The branch's HTTPS client for headquarters (issue 13): the transport and the requests it sends.

Small on purpose: ``transport`` moves bytes over TLS (verified, never optional), ``hq_requests``
builds the signed requests and reads HQ's answers, ``receipts`` checks HQ's signed receipt. The
outbox, its states and every database write are the services' (services/hq_sync.py,
services/hq_exports.py); this package imports only the domain, never the store or the GUI, so a
test swaps the transport and the rest runs unchanged.
"""
