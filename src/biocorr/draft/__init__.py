"""``biocorr init-spec``: a spec drafted from a table's columns (:mod:`.study`) and from a Ct
export (:mod:`.qpcr`). It reads data (:mod:`biocorr.data`) and writes spec text, so it sits above both."""
