"""The test rig of police-archive, kept out of the runtime package ``scraper``.

- ``testbed.replica``: deterministic replicas of the supported sites (and of layouts no
  adapter was written for), each with the record every article page must yield, computed
  from the replica's own model; ``testbed.replica.server`` serves them on loopback
  (127.0.0.1) for the tests, ``police-archive demo`` and ``serve-replica``.
- ``testbed.evaluate``: the evaluation (``make eval``, ``python -m testbed.evaluate``):
  per-field accuracy on every replica and unseen layout, beside trafilatura.
- ``testbed.bench``: the benchmark (``make bench``, ``python -m testbed.bench``).

The runtime ``scraper`` never imports this package, except the ``demo`` and
``serve-replica`` commands (they serve replicas) and ``sites --verify`` (it checks each
site's adapter on its replica and records the result for plain ``sites``).
"""
