#!/bin/sh
cd /work/main && npx esbuild --bundle --platform=node --format=esm --packages=external --log-level=warning "$1" --outfile=.scratch-front/out.mjs && node .scratch-front/out.mjs "$@"
