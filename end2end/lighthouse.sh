#!/usr/bin/env bash
# Lighthouse's mobile performance score of the home page and of an open conversation, against
# the release build (`make build` first) on a throwaway embedded database.
# Usage: end2end/lighthouse.sh   (prints one line per page; exits when done)
set -euo pipefail
cd "$(dirname "$0")/.."

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
data=$(mktemp -d /tmp/confer-lighthouse.XXXXXX)
chmod 755 "$data"
base="http://127.0.0.1:$port"
CONFER_ADDR="127.0.0.1:$port" CONFER_DATA_DIR="$data" DATABASE_URL='' LEPTOS_SITE_ROOT=target/site RUST_LOG=warn \
  target/release/confer > "$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 300); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.2; done

# A signed-in owner with one conversation holding a message.
jar="$data/cookies"
curl -sf -c "$jar" -o /dev/null --data-urlencode 'form[email]=owner@northwind.example' \
  --data-urlencode 'form[password]=confer-demo-password' "$base/api/sign_in"
learner=$(curl -sf -b "$jar" --data-urlencode 'query=Ada Okafor' "$base/api/contacts" |
  python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["id"])')
chat=$(curl -sf -b "$jar" -H 'Accept: application/json' --data-urlencode "input[to]=$learner" "$base/api/start_direct" |
  python3 -c 'import json, sys; print(json.load(sys.stdin))')
curl -sf -b "$jar" -o /dev/null --data-urlencode "input[conversation]=$chat" \
  --data-urlencode "input[client_id]=$(python3 -c 'import uuid; print(uuid.uuid4())')" \
  --data-urlencode 'input[body]=Welcome to **week 3**: the reading list is on the course page.' "$base/api/send_message"
cookie=$(awk '$6 == "confer_session" { print $6 "=" $7 }' "$jar")

score() {
  local name=$1 url=$2 headers=$3
  npx --yes lighthouse@12 "$url" --quiet --only-categories=performance --output=json --output-path="$data/$name.json" \
    --chrome-path=/usr/bin/chromium --extra-headers="$headers" \
    --chrome-flags='--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run'
  python3 - "$data/$name.json" "$name" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
audits = report["audits"]
print(f'{sys.argv[2]:<14} performance {round(report["categories"]["performance"]["score"] * 100):>3}'
      f'   LCP {audits["largest-contentful-paint"]["displayValue"]:>7}'
      f'   TTI {audits["interactive"]["displayValue"]:>7}'
      f'   transferred {audits["total-byte-weight"]["displayValue"]}')
PY
}
score home "$base/" '{}'
score conversation "$base/messages/$chat" "{\"Cookie\": \"$cookie\"}"
