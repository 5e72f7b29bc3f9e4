#!/usr/bin/env bash
# kill -9 at random moments of a build must leave the output folder holding
# either the old output or the new one, complete: never a mix, never a
# half-written file, never nothing.
#
#   kill_test.sh writer WRITE_HELPER          build/'s atomic writer alone, on
#                                             two synthetic sets of a few thousand files
#   kill_test.sh build BILAN PROJECT_DIR      whole `bilan build` runs, switching
#                                             between two versions of the project
#
# Bounded: KILL_SECONDS (default 5) of kills, at least 10 rounds (3 when a
# full run takes more than a second) and at most 200. Each round starts a run towards the state the folder is not in,
# kills it after a random delay (up to 1.3 times the duration of a full run,
# every other round near the end of the run), then compares the folder with
# the two known states.
set -u
mode=$1
seconds=${KILL_SECONDS:-5}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bilan-kill.XXXXXX")
trap 'kill -9 $pid 2>/dev/null; rm -rf "$tmp"' EXIT
pid=

now_ms() { echo $(($(date +%s%N) / 1000000)); }
sleep_ms() { sleep "$(awk -v ms="$1" 'BEGIN { printf "%.3f", ms / 1000 }')"; }

# What must be identical: paths, types, modes, file sizes and bytes (not
# times, nor the sizes of folders, which depend on their history).
snapshot() {  # snapshot DIR
  [ -d "$1" ] || { echo "missing folder"; return; }
  (cd "$1" && find . \( -type f -printf '%p f %m %s\n' \) -o -printf '%p %y %m\n' | LC_ALL=C sort &&
     find . -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum)
}

case $mode in
  writer)
    helper=$2
    # run STATE OUT_DIR: writes state a or b into OUT_DIR. Called in a
    # subshell, which exec makes the very process that gets killed.
    run() { exec "$helper" "$2" "$1" 3000 2048; }
    ;;
  build)
    bilan=$2
    project=$(cd "$3" && pwd)
    # Version a: the shipped project. Version b: a bigger one, every region
    # twice (a copy under another id), so that the second build writes more
    # and different files; if the renderers refuse unknown regions, version b
    # is the shipped project with one region's text changed instead.
    for v in a b; do
      mkdir -p "$tmp/src-$v"
      for d in content templates assets; do
        [ -d "$project/$d" ] && cp -r "$project/$d" "$tmp/src-$v/"
      done
    done
    for r in "$tmp/src-b/content/regions"/*/; do
      id=$(basename "$r")
      cp -r "$r" "$tmp/src-b/content/regions/$id-bis"
      sed -i -e "s/^id: $id\$/id: $id-bis/" -e 's/^order: \([0-9]*\)/order: 10\1/' \
        "$tmp/src-b/content/regions/$id-bis/region.yaml"
    done
    if ! "$bilan" check --source "$tmp/src-b" >"$tmp/check" 2>&1; then
      echo "note: the doubled project does not check ($(head -n 1 "$tmp/check")); version b changes one text instead"
      rm -rf "$tmp/src-b" && cp -r "$tmp/src-a" "$tmp/src-b"
      intro=$(ls "$tmp/src-b/content/regions"/*/intro.md | head -n 1)
      printf '\nUn paragraphe ajouté pour que la version b diffère.\n' >>"$intro"
    fi
    run() { exec "$bilan" build --quiet --source "$tmp/src-$1" --out "$2"; }
    ;;
  *)
    echo "usage: kill_test.sh writer WRITE_HELPER | build BILAN PROJECT_DIR" >&2
    exit 2
    ;;
esac

# The two known states, each written by a full run into a folder of its own,
# and how long a full run takes.
declare -A ms
for v in a b; do
  mkdir -p "$tmp/ref-$v"
  start=$(now_ms)
  if ! (run "$v" "$tmp/ref-$v/site") >"$tmp/out" 2>&1; then
    cat "$tmp/out"
    echo "FAIL a full run towards state $v failed"
    exit 1
  fi
  ms[$v]=$(($(now_ms) - start + 1))
  snapshot "$tmp/ref-$v/site" >"$tmp/state-$v"
done
if cmp -s "$tmp/state-a" "$tmp/state-b"; then
  echo "FAIL the two states are the same; the test would prove nothing"
  exit 1
fi
echo "state a: $(grep -c ' f ' "$tmp/state-a") files, full run ${ms[a]} ms;" \
     "state b: $(grep -c ' f ' "$tmp/state-b") files, full run ${ms[b]} ms"
# Slow runs (a sanitizer build makes a whole build take tens of seconds):
# fewer rounds, so that the test stays within a few minutes.
slow=$([ "${ms[a]}" -gt 1000 ] || [ "${ms[b]}" -gt 1000 ] && echo 1 || echo 0)
min_rounds=$([ $slow = 1 ] && echo 3 || echo 10)
first_rounds=$([ $slow = 1 ] && echo 2 || echo 6)

# The folder under test starts in state a.
mkdir -p "$tmp/work"
out="$tmp/work/site"
cp -a "$tmp/ref-a/site" "$out"
state=a
rounds=0 killed_before=0 killed_after=0 finished=0 leftovers=0 failures=0
deadline=$(($(now_ms) + seconds * 1000))
# Goes on past the deadline (up to 50 rounds) until some run was killed
# before it finished, or the test would prove nothing.
while [ $rounds -lt 200 ] && { [ $rounds -lt $min_rounds ] || [ "$(now_ms)" -lt $deadline ] ||
                              { [ $((killed_before + killed_after)) = 0 ] && [ $rounds -lt 50 ]; }; }; do
  rounds=$((rounds + 1))
  target=$([ $state = a ] && echo b || echo a)
  delay=$((RANDOM * 32768 + RANDOM))
  # Every other round aims at the end of the run, where files are written
  # and the folders swapped: between 0.7 and 1.1 times a full run.
  if [ $((rounds % 2)) = 0 ]; then
    delay=$((delay % (ms[$target] * 13 / 10 + 1)))
  else
    delay=$((ms[$target] * 7 / 10 + delay % (ms[$target] * 4 / 10 + 1)))
  fi
  (run $target "$out") >/dev/null 2>&1 &
  pid=$!
  sleep_ms $delay
  kill -9 $pid 2>/dev/null
  wait $pid 2>/dev/null
  status=$?
  pid=
  snapshot "$out" >"$tmp/now"
  if cmp -s "$tmp/now" "$tmp/state-$target"; then
    if [ $status = 137 ]; then
      killed_after=$((killed_after + 1))
    else
      # The run was quicker than the delay: runs got faster than the first
      # one measured (caches, a machine less busy). Aim earlier.
      finished=$((finished + 1))
      ms[$target]=$((ms[$target] * 3 / 4 + 1))
    fi
    state=$target
  elif cmp -s "$tmp/now" "$tmp/state-$state"; then
    killed_before=$((killed_before + 1))
  else
    echo "FAIL round $rounds: killed after $delay ms, the folder is neither state $state nor state $target:"
    diff "$tmp/state-$target" "$tmp/now" | head -20
    failures=$((failures + 1))
    break
  fi
  # A killed run may leave its temporary folder beside the output: garbage,
  # never the site. Counted, then removed.
  for t in "$tmp/work"/.site.new-*; do
    [ -e "$t" ] || continue
    leftovers=$((leftovers + 1))
    rm -rf "$t"
  done
done
echo "$rounds rounds: $killed_before killed leaving the old state, $killed_after killed after the new state was" \
     "in place, $finished finished before the kill; $leftovers temporary folders left by killed runs"

# A first run into a folder that does not exist yet, killed: the folder is
# then absent or complete, never half there.
first_absent=0 first_complete=0
for round in $(seq $first_rounds); do
  rm -rf "$tmp/first"
  mkdir -p "$tmp/first"
  delay=$(((RANDOM * 32768 + RANDOM) % (ms[b] * 13 / 10 + 1)))
  (run b "$tmp/first/site") >/dev/null 2>&1 &
  pid=$!
  sleep_ms $delay
  kill -9 $pid 2>/dev/null
  wait $pid 2>/dev/null
  pid=
  if [ ! -e "$tmp/first/site" ]; then
    first_absent=$((first_absent + 1))
  elif snapshot "$tmp/first/site" | cmp -s - "$tmp/state-b"; then
    first_complete=$((first_complete + 1))
  else
    echo "FAIL first run killed after $delay ms: the new folder is there but incomplete"
    failures=$((failures + 1))
  fi
done
echo "first runs killed: $first_absent left no folder, $first_complete left it complete"

# After all those kills, a full run still gives exactly the other state
# (whatever a killed run left in caches does not leak into the output).
for v in $([ $state = a ] && echo b || echo a); do
  if ! (run $v "$out") >"$tmp/out" 2>&1; then
    cat "$tmp/out"; echo "FAIL a full run towards state $v failed after the kills"; failures=$((failures + 1))
  elif ! snapshot "$out" | cmp -s - "$tmp/state-$v"; then
    echo "FAIL a full run after the kills did not give state $v exactly"; failures=$((failures + 1))
  fi
done
if [ $((killed_before + killed_after)) = 0 ]; then
  echo "FAIL no run was killed before it finished: the delays missed every run"
  failures=$((failures + 1))
fi
[ $failures = 0 ] && echo "ok"
[ $failures = 0 ]
