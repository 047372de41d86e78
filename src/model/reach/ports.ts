// How the analysis writes an address and its port for people: `10.2.0.10:8080`,
// `[fd00::10]:8080`, a range as `first-last`.

import type { Ip } from "../ip.js";
import type { Ports } from "./types.js";

export function endpoint(ip: Ip, port: Ports | undefined): string {
  if (!port) return ip.text;
  const p = port.first === port.last ? String(port.first) : `${port.first}-${port.last}`;
  return ip.family === 6 ? `[${ip.text}]:${p}` : `${ip.text}:${p}`;
}
