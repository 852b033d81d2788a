#!/bin/sh
# Regenerates each construct's ormolu and hindent versions from its hand-written one, and the expected output
# from GHC (runghc); not run by pytest. Usage: sh make_styles.sh  (needs ghc, ormolu, hindent: apt-get install)
set -e
cd "$(dirname "$0")"
for dir in */; do
  name=${dir%/}
  ormolu < "$name/hand.hs" > "$name/ormolu.hs"
  hindent < "$name/hand.hs" > "$name/hindent.hs"
  runghc "$name/hand.hs" > "$name/expected.out"
  for style in ormolu hindent; do
    runghc "$name/$style.hs" | cmp - "$name/expected.out"
  done
done
