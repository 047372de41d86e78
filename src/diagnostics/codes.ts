// The catalogue of diagnostic codes. Codes are stable: a code is never reused for another
// meaning. Every code here is documented in docs/diagnostics.md (a unit test checks it).
//
//   OT0xxx  syntax          OT1xxx  names and structure    OT2xxx  addresses and links
//   OT3xxx  routes, sysctls OT4xxx  filters and NAT (all phases)
//   OT5xxx  isolation and services  OT6xxx  acting on the machine
//   OT7xxx  build, the script  OT9xxx  the tool itself

export type Severity = "error" | "warning";

export const CODES = {
  // syntax
  OT0001: { severity: "error", title: "unexpected character" },
  OT0002: { severity: "error", title: "unterminated string" },
  OT0003: { severity: "error", title: "unexpected token" },
  OT0004: { severity: "error", title: "unclosed block" },
  OT0005: { severity: "error", title: "invalid escape in string" },
  OT0006: { severity: "error", title: "invalid expression" },
  OT0007: { severity: "error", title: "unknown statement" },
  OT0008: { severity: "error", title: "invalid range" },
  OT0009: { severity: "error", title: "source is not valid text" },
  OT0010: { severity: "error", title: "invalid number" },
  // names and structure
  OT1001: { severity: "error", title: "missing lab name" },
  OT1002: { severity: "error", title: "lab declared twice" },
  OT1003: { severity: "error", title: "invalid name" },
  OT1004: { severity: "error", title: "name too long" },
  OT1005: { severity: "error", title: "duplicate name" },
  OT1006: { severity: "error", title: "duplicate interface" },
  OT1007: { severity: "error", title: "unknown switch or node" },
  OT1008: { severity: "error", title: "unknown interface" },
  OT1009: { severity: "error", title: "interface attached twice" },
  OT1010: { severity: "error", title: "inconsistent point-to-point link" },
  OT1011: { severity: "error", title: "interface not connected" },
  OT1012: { severity: "error", title: "link to itself" },
  OT1013: { severity: "error", title: "reserved name" },
  OT1014: { severity: "error", title: "unknown variable" },
  OT1015: { severity: "error", title: "invalid parameter" },
  OT1016: { severity: "error", title: "statement repeated" },
  OT1017: { severity: "error", title: "too many objects" },
  OT1018: { severity: "error", title: "switch has too many ports" },
  // addresses and links
  OT2001: { severity: "error", title: "invalid address" },
  OT2002: { severity: "error", title: "address used twice on a segment" },
  OT2003: { severity: "warning", title: "address is its subnet's network address" },
  OT2004: { severity: "error", title: "invalid MAC address" },
  OT2005: { severity: "error", title: "invalid MTU" },
  OT2006: { severity: "error", title: "MAC address used twice on a segment" },
  OT2007: { severity: "warning", title: "MTU differs across a link" },
  OT2008: { severity: "error", title: "option not allowed here" },
  OT2009: { severity: "warning", title: "address is its subnet's broadcast address" },
  // routes and sysctls
  OT3001: { severity: "error", title: "gateway not on a connected subnet" },
  OT3002: { severity: "error", title: "route mixes address families" },
  OT3003: { severity: "error", title: "incomplete route" },
  OT3004: { severity: "error", title: "duplicate route" },
  OT3005: { severity: "error", title: "sysctl outside the node's namespaces" },
  OT3006: { severity: "error", title: "invalid sysctl" },
  OT3007: { severity: "error", title: "invalid route option" },
  OT3020: { severity: "warning", title: "node routes for others but does not forward" },
  OT3021: { severity: "error", title: "invalid multipath route" },
  // packet filters and NAT: syntax, checks, lowering and the machine (docs/diagnostics.md)
  OT4001: { severity: "error", title: "unknown filter statement" },
  OT4002: { severity: "error", title: "unknown match or option in a rule" },
  OT4003: { severity: "error", title: "rule names an unknown interface" },
  OT4004: { severity: "error", title: "dnat target on no connected subnet" },
  OT4005: { severity: "error", title: "invalid port" },
  OT4006: { severity: "error", title: "rule can never match" },
  OT4007: { severity: "warning", title: "forward rules on a node that does not forward" },
  OT4008: { severity: "error", title: "invalid rule" },
  OT4009: { severity: "error", title: "not possible with the iptables lowering" },
  OT4010: { severity: "error", title: "host nftables table already exists" },
  OT4011: { severity: "warning", title: "host-side NAT on a host that does not forward" },
  // isolation, limits and services (docs/diagnostics.md)
  OT5001: { severity: "error", title: "unknown isolation aspect" },
  OT5002: { severity: "error", title: "isolation statement repeated" },
  OT5003: { severity: "error", title: "statement needs an isolated aspect" },
  OT5004: { severity: "error", title: "network statement in a node without its own network" },
  OT5005: { severity: "error", title: "invalid path" },
  OT5006: { severity: "error", title: "mount point not allowed" },
  OT5007: { severity: "error", title: "invalid size" },
  OT5008: { severity: "error", title: "invalid limit" },
  OT5009: { severity: "error", title: "invalid service" },
  OT5010: { severity: "error", title: "invalid hostname" },
  OT5011: { severity: "error", title: "wrong arguments" },
  OT5012: { severity: "error", title: "nothing to isolate" },
  OT5101: { severity: "error", title: "limit cannot be enforced on this machine" },
  OT5102: { severity: "error", title: "path missing on this machine" },
  OT5103: { severity: "error", title: "node's init process is gone" },
  OT5104: { severity: "error", title: "no such service" },
  OT5105: { severity: "error", title: "lab cgroup already exists" },
  // acting on the machine
  OT6001: { severity: "error", title: "lab already up" },
  OT6002: { severity: "error", title: "network namespace already exists" },
  OT6003: { severity: "error", title: "host interface already exists" },
  OT6004: { severity: "error", title: "operation failed" },
  OT6005: { severity: "error", title: "required tool missing" },
  OT6006: { severity: "error", title: "not permitted" },
  OT6007: { severity: "error", title: "lab not found" },
  OT6008: { severity: "error", title: "node not found" },
  OT6009: { severity: "error", title: "lab busy" },
  OT6010: { severity: "error", title: "lab half up" },
  OT6011: { severity: "error", title: "kernel feature missing" },
  OT6012: { severity: "error", title: "rollback incomplete" },
  OT6013: { severity: "error", title: "lab record unreadable" },
  OT6014: { severity: "error", title: "host link overlaps the host's networks" },
  OT6015: { severity: "error", title: "too many namespaces for this machine" },
  OT6016: { severity: "error", title: "mount left in a lab's directory" },
  // build and the standalone script
  OT7001: { severity: "error", title: "cannot write the script" },
  OT7002: { severity: "error", title: "lab up from another plan" },
  // the tool itself
  OT9001: { severity: "error", title: "cannot read file" },
  OT9002: { severity: "error", title: "invalid command line" },
  OT9003: { severity: "error", title: "internal error" },
  OT9004: { severity: "error", title: "cannot write OpenTop's state" },
} as const satisfies Record<string, { severity: Severity; title: string }>;

export type Code = keyof typeof CODES;
