#!/usr/bin/env bash
# Runs every Zos test: installs the Debian packages the tests use, starts PostgreSQL, builds the solution
# and runs all test projects. Ends with the line "N passed, N failed, N skipped"; exits non-zero when a test
# fails or the build breaks. Privileged tests need root; with ZOS_REQUIRE_PRIVILEGED=1 they fail instead of skipping.
#
# Every stage has a time limit, so a hung install, build or test ends as a counted failure with the summary line
# still printed, never as a run that outlasts CI. Limits (minutes) can be changed with ZOS_TEST_*_MINUTES.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
exec </dev/null   # nothing here reads input; a test that tried must not wait on CI's stdin
log_dir="$here/artifacts/test"
mkdir -p "$log_dir"
install_min=${ZOS_TEST_INSTALL_MINUTES:-30}
build_min=${ZOS_TEST_BUILD_MINUTES:-20}
tests_min=${ZOS_TEST_RUN_MINUTES:-50}     # the whole test stage
module_min=${ZOS_TEST_MODULE_MINUTES:-20} # one test assembly
started=$(date +%s)
stage() { echo "test: [$(( ($(date +%s) - started) / 60 ))m$(( ($(date +%s) - started) % 60 ))s] $*"; }
give_up() { echo "test: $1"; echo "0 passed, 1 failed"; exit 1; }

if [ "$(id -u)" = 0 ]; then
  stage "installing Debian packages (limit ${install_min} min)..."
  timeout -k 30 "${install_min}m" scripts/install-deps.sh test; rc=$?
  [ "$rc" = 124 ] && give_up "installing packages took over ${install_min} min"
  [ "$rc" = 0 ] || give_up "installing packages failed (exit $rc)"
  # Into a file, not $(...): a server started by the script must never be able to hold this script's pipe.
  if timeout -k 10 180 scripts/start-postgres.sh > "$log_dir/postgres.url" 2>"$log_dir/postgres.log"; then
    pg=$(cat "$log_dir/postgres.url"); export ZOS_TEST_POSTGRES="$pg"; stage "PostgreSQL is up (${pg%%;Username=*})"
  else
    stage "PostgreSQL did not start:"; sed 's/^/  /' "$log_dir/postgres.log"; fi
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Playwright drives Debian's chromium, never a downloaded browser.
export ZOS_CHROMIUM="${ZOS_CHROMIUM:-$(command -v chromium || true)}"

stage "building (limit ${build_min} min)..."
timeout -k 30 "${build_min}m" dotnet build Zos.slnx -c Release --nologo -v q > "$log_dir/build.log" 2>&1
build_rc=$?
grep -E "error|warning" "$log_dir/build.log"
[ "$build_rc" = 124 ] && give_up "the build took over ${build_min} min"
if [ "$build_rc" != 0 ] || grep -qE ": error " "$log_dir/build.log"; then give_up "the build failed"; fi

# The node image the VM tests boot, built once here (`zos image build`, the same command a farmer runs); a test that
# needs it and finds none fails under ZOS_REQUIRE_PRIVILEGED=1, naming ZOS_TEST_IMAGE.
image_min=${ZOS_TEST_IMAGE_MINUTES:-15}
if [ "$(id -u)" = 0 ] && [ -z "${ZOS_TEST_IMAGE:-}" ]; then
  stage "building the node image (limit ${image_min} min)..."
  if timeout -k 30 "${image_min}m" dotnet src/Zos.Cli/bin/Release/net10.0/zos.dll image build -o "$log_dir/image" --source "$here" \
       > "$log_dir/image.log" 2>&1; then
    export ZOS_TEST_IMAGE="$log_dir/image"; tail -n 3 "$log_dir/image.log" | sed 's/^/  /'
  else
    stage "the node image did not build:"; tail -n 20 "$log_dir/image.log" | sed 's/^/  /'
  fi
fi

# One test assembly at a time: privileged tests of different assemblies share the host (namespaces, daemons), and
# the end-to-end test compares the whole host before and after the lab. The output goes to a file and is followed
# from there, not piped: a daemon a failed test leaves behind would hold a pipe open and the run would never end.
stage "running tests (limit ${tests_min} min, ${module_min} min per test assembly)..."
dotnet_test=(dotnet test --solution Zos.slnx -c Release --no-build --no-progress --output Detailed --ignore-exit-code 8
             --max-parallel-test-modules 1 --timeout "${module_min}m" --long-running 300 "$@")
setsid timeout -k 60 "${tests_min}m" "${dotnet_test[@]}" > "$log_dir/test.log" 2>&1 &
test_pid=$!
trap 'kill -TERM -- -"$test_pid" 2>/dev/null' INT TERM
tail -n +1 -f --pid="$test_pid" "$log_dir/test.log"
wait "$test_pid"; rc=$?

plain() { sed 's/\x1b\[[0-9;]*m//g' "$log_dir/test.log"; }
if grep -q "^Test run summary:" <(plain); then
  # The counts of dotnet test's closing "Test run summary:" block (it already sums every test assembly); lines
  # before it are test output, which may print "failed: N" of its own.
  read -r passed failed skipped < <(plain | awk '
    /^Test run summary:/ {t=1; p=f=s=0}
    t && /^ *failed: / {f=$2} t && /^ *succeeded: / {p=$2} t && /^ *skipped: / {s=$2}
    END {print p+0, f+0, s+0}')
else
  # Cut short: count the per-test lines the detailed output printed so far.
  read -r passed failed skipped < <(plain | awk '
    /^passed / {p++} /^failed / {f++} /^skipped / {s++} END {print p+0, f+0, s+0}')
fi
[ "$rc" = 124 ] || [ "$rc" = 137 ] && { stage "the test stage took over ${tests_min} min and was stopped"; failed=$((failed + 1)); }
if [ "$rc" != 0 ] && [ "$failed" = 0 ]; then failed=1; stage "the test run failed (exit $rc) outside any counted test"; fi
# The failed tests again, with the first lines of each one's message, just above the summary: CI keeps only the tail
# of a long log, and the name of what failed must be in it.
if [ "$failed" != 0 ]; then
  stage "failed tests (first lines of each; the whole output is in $log_dir/test.log):"
  plain | awk '/^failed / {n=14} n > 0 {print "  " $0; n--}' | cut -c1-300
fi
stage "done"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$rc" = 0 ] && [ "$failed" = 0 ]
