#!/bin/sh
# The README's first command: bring a real lab up, show that it works, take it down.
set -eu
cd "$(dirname "$0")/.."
opentop() { node bin/opentop.js "$@"; }
lab=examples/routed.otop
trap 'opentop down routed >/dev/null 2>&1 || true' EXIT INT TERM

opentop check "$lab"
opentop up "$lab"
echo
echo "# client -> server across two routers, IPv4 and IPv6:"
opentop exec routed client -- ping -c 2 -W 2 10.2.0.10
opentop exec routed client -- ping -c 2 -W 2 fd00:2::10
echo
echo "# the path, hop by hop (TTL 1 answers from r1, TTL 2 from r2):"
for ttl in 1 2; do
  opentop exec routed client -- ping -n -c 1 -W 2 -t "$ttl" 10.2.0.10 | grep -E "From|bytes from" || true
done
echo
opentop status routed
echo
opentop down routed
trap - EXIT INT TERM
echo
echo "demo done: nothing is left on this machine (ip netns list is as before)"
