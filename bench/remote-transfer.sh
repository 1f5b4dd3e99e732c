#!/usr/bin/env bash
# Push / pull of a 10k-file first checkpoint against plain git doing the same over file:// (issue 10 targets:
# push <= 1.2x `git push` of the same tree as a plain commit; pull + verify + import <= 1.5x `git clone`).
# Usage: bench/remote-transfer.sh /path/to/checkpoint [files] [bytes-per-file] [runs]
set -euo pipefail
CP=${1:?path to the checkpoint executable}; FILES=${2:-10000}; SIZE=${3:-2048}; RUNS=${4:-3}
WORK=$(mktemp -d); trap 'rm -rf "$WORK"' EXIT
python3 - "$WORK/tree" "$FILES" "$SIZE" <<'PY'
import os, random, sys
root, files, size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
random.seed(10)
words = [''.join(random.choice('abcdefghijklmnopqrstuvwxyz') for _ in range(random.randint(2, 9))) for _ in range(5000)]
for i in range(files):
    folder = os.path.join(root, f"d{i % 100:02}")
    os.makedirs(folder, exist_ok=True)
    text, n = [], 0
    while n < size:
        w = random.choice(words); text.append(w); n += len(w) + 1
    open(os.path.join(folder, f"f{i:05}.md"), "w").write(" ".join(text)[:size])
PY
now() { date +%s.%N; }
elapsed() { python3 -c "print(f'{$2 - $1:.2f}')"; }
cd "$WORK" && mkdir ws && mv tree ws/ && cd ws && git init -q . && "$CP" save --name bench --stage s --context tree >/dev/null
git -C "$WORK" init -q plain && cp -r "$WORK/ws/tree" "$WORK/plain/" && git -C "$WORK/plain" add -A && git -C "$WORK/plain" -c user.name=b -c user.email=b@b commit -qm tree
for run in $(seq 1 "$RUNS"); do
  rm -rf "$WORK"/r-*.git "$WORK/ws/memory/checkpoints/transfer.git" "$WORK/ws/memory/checkpoints/config.json" "$WORK/clone" "$WORK/ws2"
  git init -q --bare "$WORK/r-plain.git"; git init -q --bare "$WORK/r-ckpt.git"
  t0=$(now); git -C "$WORK/plain" push -q "file://$WORK/r-plain.git" HEAD:refs/heads/main; t1=$(now)
  "$CP" remote add origin "file://$WORK/r-ckpt.git" >/dev/null
  t2=$(now); "$CP" push >/dev/null; t3=$(now)
  t4=$(now); git clone -q "file://$WORK/r-plain.git" "$WORK/clone"; t5=$(now)
  mkdir "$WORK/ws2" && cd "$WORK/ws2" && git init -q . && "$CP" remote add origin "file://$WORK/r-ckpt.git" >/dev/null
  t6=$(now); "$CP" pull >/dev/null; t7=$(now); cd "$WORK/ws"
  echo "run $run: git push $(elapsed $t0 $t1) s, checkpoint push $(elapsed $t2 $t3) s | git clone $(elapsed $t4 $t5) s, checkpoint pull+verify+import $(elapsed $t6 $t7) s | remote: plain $(du -sk "$WORK/r-plain.git" | cut -f1) KB, checkpoints $(du -sk "$WORK/r-ckpt.git" | cut -f1) KB"
done
