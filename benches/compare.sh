#!/usr/bin/env bash
# docket against taskwarrior and calcurse on the same letters, side by side
# in one run.
#
#   benches/compare.sh            # 10,000 and 100,000 letters, 10 runs each
#   SIZES="10000" RUNS=5 benches/compare.sh
#
# Builds docket in release mode, generates the letters (examples/gen.rs) and
# the same letters as taskwarrior tasks (one pending task each, in
# taskwarrior's own data format) and their deadlines as calcurse all-day
# events, then times `docket list` against `task list` and `task next`, and
# `docket due` (the week ahead) against calcurse's query of the same week
# (hyperfine when it is there, else repeated /usr/bin/time), and measures
# each one's peak memory (/usr/bin/time -v). Taskwarrior and calcurse run
# with configuration and data of their own in a temporary folder; nothing of
# yours is read or touched. Installs Debian's taskwarrior, calcurse,
# hyperfine and time when missing (as root, or through sudo).
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES="${SIZES:-10000 100000}"
RUNS="${RUNS:-10}"
AS_OF="${AS_OF:-2026-11-29}"

install() {
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}
command -v task >/dev/null || install taskwarrior
command -v calcurse >/dev/null || install calcurse
command -v hyperfine >/dev/null || install hyperfine || echo "hyperfine missing: timing with /usr/bin/time" >&2
[ -x /usr/bin/time ] || install time

cargo build --release --locked --quiet --bin docket --example gen
docket="$PWD/target/release/docket"
gen="$PWD/target/release/examples/gen"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Median, fastest and slowest wall time, and mean CPU time (user + system),
# in seconds, of one command run by hand.
time_runs() {
    local times=()
    for _ in $(seq "$2"); do
        /usr/bin/time -o "$work/time.txt" -f '%e %U %S' bash -c "exec $1" >/dev/null 2>&1
        times+=("$(tail -1 "$work/time.txt")")
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1; cpu+=$2+$3} END {
        m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2;
        printf "%.4f %.4f %.4f %.4f\n", m, a[1], a[NR], cpu/NR}'
}

# The same four figures, by hyperfine when it is there, over $2 runs.
measure() {
    if command -v hyperfine >/dev/null && command -v python3 >/dev/null; then
        hyperfine --warmup "$(($2 > 3 ? 1 : 0))" --runs "$2" --style none --export-json "$work/h.json" "$1" \
            >/dev/null 2>"$work/hyperfine.log" || { cat "$work/hyperfine.log" >&2; return 1; }
        python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%.4f %.4f %.4f %.4f" % (r["median"], r["min"], r["max"], r["user"] + r["system"]))' "$work/h.json"
    else
        time_runs "$1" "$2"
    fi
}

# Peak resident memory of one run, in KiB.
peak_kib() {
    /usr/bin/time -o "$work/time.txt" -v bash -c "exec $1" >/dev/null 2>&1
    awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt"
}

printf '%-8s %-12s %9s %17s %8s %9s %9s %9s %8s\n' \
    letters command median range cpu "x wall" "x cpu" "peak MiB" "x file"
for n in $SIZES; do
    dir="$work/$n"
    mkdir -p "$dir"
    # The same letters as taskwarrior tasks, written straight into its data
    # folder as `task import` leaves it (taskwarrior 2.6's import checks each
    # task against every one before it: 100,000 take most of an hour). At
    # 1,000 letters, `task export` and `task list` on imported and on written
    # data were checked to be the same.
    export TASKRC="$dir/taskrc" TASKDATA="$dir/tasks"
    "$gen" --letters "$n" --cities $((n / 50)) --out "$dir/docket.ron" --taskdata "$TASKDATA" 2>/dev/null
    printf 'data.location=%s\nconfirmation=off\nhooks=off\nnews.version=2.6.0\n' "$TASKDATA" >"$TASKRC"
    # Every deadline in force as of the date (the letters sent by then) as
    # a calcurse all-day event: `MM/DD/YYYY [1] id: subject`.
    cal="$dir/calcurse"
    mkdir -p "$cal"
    : >"$cal/todo"
    "$docket" --file "$dir/docket.ron" --as-of "$AS_OF" list --json | python3 -c '
import json, sys
for item in json.load(sys.stdin):
    if item["due"]:
        y, m, d = item["due"].split("-")
        print("%s/%s/%s [1] %s: %s" % (m, d, y, item["id"], " ".join(item["subject"].split())))
' >"$cal/apts"
    week_from=$(date -d "$AS_OF" +%m/%d/%Y)
    file_bytes=$(stat -c %s "$dir/docket.ron")
    base="" base_cpu=""
    for name in "docket list" "task list" "task next" "docket due" "calcurse -Q"; do
        case "$name" in
        "docket list") cmd="$docket --file $dir/docket.ron --as-of $AS_OF list" ;;
        # The deadlines of the week ahead, and those overdue (docket), or
        # the events of the same eight days (calcurse).
        "docket due") cmd="$docket --file $dir/docket.ron --as-of $AS_OF due --within 7" ;;
        "calcurse -Q") cmd="calcurse -D $cal -C $cal --read-only -Q --from $week_from --days 8" ;;
        *) cmd="$name" ;;
        esac
        # Each docket command is the yardstick of the peers after it.
        case "$name" in docket*) base="" base_cpu="" ;; esac
        # calcurse takes minutes a query at 100,000 events: fewer runs.
        runs="$RUNS"
        if [ "$name" = "calcurse -Q" ] && [ "$n" -ge 50000 ]; then runs="${CALCURSE_RUNS:-2}"; fi
        if ! read -r median low high cpu < <(measure "$cmd" "$runs"); then
            echo "$n $name: could not be timed" >&2
            continue
        fi
        base="${base:-$median}" base_cpu="${base_cpu:-$cpu}"
        peak=$(peak_kib "$cmd")
        awk -v n="$n" -v c="$name" -v m="$median" -v l="$low" -v h="$high" -v u="$cpu" \
            -v b="$base" -v bu="$base_cpu" -v p="$peak" -v f="$file_bytes" 'BEGIN {
            printf "%-8s %-12s %8.3fs %7.3f-%7.3fs %7.3fs %8.1fx %8.1fx %9.1f %7.2fx\n",
                n, c, m, l, h, u, m / b, u / bu, p / 1024, p * 1024 / f }'
    done
done
cat <<'NOTE'
median and range: wall time over the runs; cpu: mean user + system time (a
fairer figure on a busy machine); x wall, x cpu: that many times the docket
command's above it (docket list for taskwarrior, docket due for calcurse);
peak: largest resident memory of one run; x file: that over the docket file's size.
NOTE
