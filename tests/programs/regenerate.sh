#!/bin/sh
# Re-make each program's expected.out with GHC (not run by the tests, which never call GHC).
# A folder with a ghc/ subfolder runs ghc/Main.hs instead (GHC 9.0 lacks OverloadedRecordDot, and
# ghc/ holds the small stand-in modules, such as a list-based Torch, that GHC needs in place of Hasktorch;
# keep ghc/Main.hs the same program as Main.hs, with `r.field` written `(field r)`).
set -e
cd "$(dirname "$0")"
for dir in */; do
    dir=${dir%/}
    [ -f "$dir/Main.hs" ] || continue
    if [ -d "$dir/ghc" ]; then
        (cd "$dir/ghc" && runghc Main.hs) > "$dir/expected.out"
    else
        (cd "$dir" && runghc Main.hs) > "$dir/expected.out"
    fi
    echo "$dir: $(wc -l < "$dir/expected.out") lines"
done
