#!/usr/bin/env bash
# Checks this pack with netbufrules installed as a .NET tool from a package built from its source
# (no published package needed):
#   ci/netbufrules.sh NETBUFRULES_SOURCE [PACK_FOLDER]
# NETBUFRULES_SOURCE is a checkout of the NetBufRules repository (the CI job clones it at a pinned
# tag); PACK_FOLDER defaults to the current folder. Runs `lint --strict` and `test --require-tests`
# and ends with "N passed, N failed" (one check each). NETBUFRULES_WORK keeps the package and the
# installed tool in a folder of your choice (default: a temporary one).
set -uo pipefail
src=${1:?usage: ci/netbufrules.sh NETBUFRULES_SOURCE [PACK_FOLDER]}
pack=${2:-.}
if [ -n "${NETBUFRULES_WORK:-}" ]; then
  work=$NETBUFRULES_WORK
else
  work=$(mktemp -d); trap 'rm -rf "$work"' EXIT   # ours alone: removed when done
fi
mkdir -p "$work"

# The package: `dotnet pack` of the command-line project; its own bin/obj go under $work, not the checkout.
dotnet pack "$src/engine/NetBufRules.Cli" -c Release -o "$work/nupkg" --artifacts-path "$work/build" --nologo -v q >"$work/pack.log" 2>&1 \
  || { cat "$work/pack.log"; echo "0 passed, 1 failed"; exit 1; }
nupkg=$(ls "$work"/nupkg/NetBufRules.*.nupkg | head -n1)
version=$(basename "$nupkg" .nupkg); version=${version#NetBufRules.}
# Only the folder the package was built into: nothing of that name is fetched from anywhere else.
cat >"$work/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration><packageSources><clear /><add key="netbufrules" value="$work/nupkg" /></packageSources></configuration>
XML
rm -rf "$work/tools"
dotnet tool install NetBufRules --version "$version" --tool-path "$work/tools" --configfile "$work/nuget.config" >"$work/install.log" 2>&1 \
  || { cat "$work/install.log"; echo "0 passed, 1 failed"; exit 1; }
netbufrules="$work/tools/netbufrules"
"$netbufrules" --version

passed=0; failed=0
check() {
  echo "+ netbufrules $*"
  if "$netbufrules" "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
}
check lint --strict "$pack"
check test --require-tests "$pack"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
