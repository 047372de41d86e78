#!/bin/sh
# Installs the Debian packages OpenTop's demo and tests use, if any is missing.
# OpenTop itself needs only iproute2 (and util-linux, procps); the rest is for the tests.
set -eu
need=""
check() { # check PROGRAM PACKAGE
  command -v "$1" >/dev/null 2>&1 || need="$need $2"
}
check ip iproute2
check nsenter util-linux
check sysctl procps
check nft nftables
check iptables iptables
check ping iputils-ping
check shellcheck shellcheck
check busybox busybox
check dash dash
check socat socat
check conntrack conntrack
# `capture` runs tcpdump (its tests capture real packets); services in the tests are
# Python's http.server, fetched with curl.
check tcpdump tcpdump
check curl curl
check python3 python3
# Labs across machines are tested on simulated machines, each running its own sshd (started
# by the test inside the machine's namespaces, on the test's own addresses and keys): the
# package's system service is not used. The Ansible playbook `build --all-machines` writes is
# run by a test too, where ansible-playbook is installed.
[ -x /usr/sbin/sshd ] || need="$need openssh-server"
check ssh openssh-client
check ssh-keygen openssh-client
check ansible-playbook ansible-core
# The graph page is tested in a real browser; Graphviz measures labels with Helvetica's
# widths, which Liberation Sans has (without it, text overflows boxes in screenshots).
check chromium chromium
[ -e /usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf ] || need="$need fonts-liberation"
# Completion scripts are tested in the shells they are for.
check zsh zsh
check fish fish
if [ -n "$need" ]; then
  echo "installing:$need"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086 # one word per package
  apt-get install -y -qq --no-install-recommends $need >/dev/null
fi
