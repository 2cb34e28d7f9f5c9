#!/usr/bin/env bash
# Runs every Zos test: installs the Debian packages the tests use, starts PostgreSQL, builds the solution
# and runs all test projects. Ends with the line "N passed, N failed, N skipped"; exits non-zero when a test
# fails or the build breaks. Privileged tests need root; with ZOS_REQUIRE_PRIVILEGED=1 they fail instead of skipping.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
log_dir="$here/artifacts/test"
mkdir -p "$log_dir"

if [ "$(id -u)" = 0 ]; then
  scripts/install-deps.sh test || { echo "test: installing packages failed"; echo "0 passed, 1 failed"; exit 1; }
  if pg=$(scripts/start-postgres.sh 2>"$log_dir/postgres.log"); then
    export ZOS_TEST_POSTGRES="$pg"; echo "test: PostgreSQL is up (${pg%%;Username=*})"
  else
    echo "test: PostgreSQL did not start:"; sed 's/^/  /' "$log_dir/postgres.log"; fi
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Playwright drives Debian's chromium, never a downloaded browser.
export ZOS_CHROMIUM="${ZOS_CHROMIUM:-$(command -v chromium || true)}"

echo "test: building..."
dotnet build Zos.slnx -c Release --nologo -v q > "$log_dir/build.log" 2>&1
build_rc=$?
grep -E "error|warning" "$log_dir/build.log"
if [ "$build_rc" != 0 ] || grep -qE ": error " "$log_dir/build.log"; then
  echo "test: the build failed"; echo "0 passed, 1 failed"; exit 1
fi

# One test assembly at a time: privileged tests of different assemblies share the host (namespaces, daemons), and
# the end-to-end test compares the whole host before and after the lab.
echo "test: running tests..."
dotnet test --solution Zos.slnx -c Release --no-build --no-progress --output Detailed --ignore-exit-code 8 --max-parallel-test-modules 1 "$@" 2>&1 | tee "$log_dir/test.log"
rc=${PIPESTATUS[0]}

# The counts of dotnet test's closing "Test run summary:" block (it already sums every test assembly); lines
# before it are test output, which may print "failed: N" of its own.
read -r passed failed skipped < <(sed 's/\x1b\[[0-9;]*m//g' "$log_dir/test.log" | awk '
  /^Test run summary:/ {t=1; p=f=s=0}
  t && /^ *failed: / {f=$2} t && /^ *succeeded: / {p=$2} t && /^ *skipped: / {s=$2}
  END {print p+0, f+0, s+0}')
if [ "$rc" != 0 ] && [ "$failed" = 0 ]; then failed=1; echo "test: the test run failed (exit $rc) outside any counted test"; fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$rc" = 0 ] && [ "$failed" = 0 ]
