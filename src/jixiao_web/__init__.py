"""jixiao's web application: declare, review, approve and publish performance targets.

A thin Django layer over the core :mod:`jixiao` — it calls the core's readers, review rules and
writers and never re-implements them. The core never imports this package.
"""
