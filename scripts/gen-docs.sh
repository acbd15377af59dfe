#!/bin/sh
# gen-docs.sh: regenerate the documentation figures that come from a run:
# docs/example-0-4.html and docs/example-0-4.png, the certificate's box
# count and the CPU times in docs/report.md, the Monte Carlo figures in
# docs/montecarlo.md (see scripts/gendocs for what exactly). Figures quoted
# in Markdown sit between <!--gen:NAME--> and <!--/gen--> markers.
#
#   scripts/gen-docs.sh                      # everything (the screenshot needs /usr/bin/chromium)
#   scripts/gen-docs.sh -parts montecarlo    # only the Monte Carlo figures (about 20 s)
#   scripts/gen-docs.sh -skip-png            # all but the screenshot
#
# go test ./scripts/gendocs checks that the example page is not stale.
set -eu
cd "$(dirname "$0")/.."
exec go run ./scripts/gendocs "$@"
