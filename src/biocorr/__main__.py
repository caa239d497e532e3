"""``python -m biocorr`` runs the same command line as the ``biocorr`` script."""

from biocorr.cli import main

raise SystemExit(main())
