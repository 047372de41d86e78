#!/usr/bin/python3
"""Mininet's side of the benchmarks: builds a lab given as the bench's JSON (bench/shapes.ts)
with Linux bridges and no controller, then waits for the bench: `exec` runs `true` in the
first node a few times (its shell is resident), `stop` takes the lab down. One JSON line per
event on standard output. Cleans up with net.stop() whatever happens; never `mn -c`, which
kills processes by name.

    /usr/bin/python3 bench/mininet_lab.py LAB.json
"""

import json
import statistics
import sys
import time

from mininet.log import setLogLevel
from mininet.net import Mininet
from mininet.nodelib import LinuxBridge


def say(**event):
    print(json.dumps(event), flush=True)


def build(t):
    """The lab as Mininet nodes: hosts are the lab's nodes, Linux bridges its switches."""
    net = Mininet(topo=None, build=False, controller=None, switch=LinuxBridge,
                  autoSetMacs=False, waitConnected=False)
    hosts = {name: net.addHost(name, ip=None) for name in t["nodes"]}
    # Bridge names live in the machine's own namespace: the lab's name keeps them apart.
    switches = {b: net.addSwitch("%s%d" % ("ob", k + 1), stp=False)
                for k, b in enumerate(t["bridges"])}
    for v in t["veths"]:
        a, b = v["a"], v["b"]
        left = switches[a["bridge"]] if a["node"] is None else hosts[a["node"]]
        net.addLink(left, hosts[b["node"]])
    net.build()
    net.start()
    return net, hosts


def configure(net, hosts, t):
    """Addresses, forwarding and routes, as a Mininet user sets them: through each node's shell."""
    # The interfaces Mininet made for each of the lab's (node, dev), in link order.
    names = {}
    for link, v in zip(net.links, t["veths"]):
        a, b = v["a"], v["b"]
        if a["node"] is not None:
            names[(a["node"], a["dev"])] = link.intf1.name
        names[(b["node"], b["dev"])] = link.intf2.name
    script = {name: [] for name in t["nodes"]}
    for a in t["addrs"]:
        script[a["node"]].append("ip addr add %s dev %s" % (a["cidr"], names[(a["node"], a["dev"])]))
    for r in t["routers"]:
        script[r].append("sysctl -q -w net.ipv4.ip_forward=1")
    for r in t["routes"]:
        script[r["node"]].append("ip route add %s via %s" % (r["prefix"], r["via"]))
    for name, lines in script.items():
        if lines:
            hosts[name].cmd("; ".join(lines))


def main():
    setLogLevel("error")
    with open(sys.argv[1]) as f:
        t = json.load(f)
    net = None
    try:
        net, hosts = build(t)
        configure(net, hosts, t)
        say(event="up")
        for line in sys.stdin:
            if line.strip() == "exec":
                first = hosts[t["nodes"][0]]
                times = []
                for _ in range(5):
                    t0 = time.perf_counter()
                    # A new process, as every other peer runs (the builtin `true` forks nothing).
                    first.cmd("/bin/true")
                    times.append(time.perf_counter() - t0)
                say(event="exec", exec=statistics.median(times))
            elif line.strip() == "stop":
                break
    finally:
        if net is not None:
            net.stop()
    say(event="down")


if __name__ == "__main__":
    main()
