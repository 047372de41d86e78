// floor: the raw-netlink floor of the benchmarks. One process, no fork, no exec: it reads a
// lab as lines of operations on standard input and makes them with rtnetlink, /proc/sys
// and bind mounts, as `ip netns add`, `ip link`, `ip addr`, `ip route` and `sysctl` would,
// in the order given. What OpenTop does with one process per step, this does with none:
// the difference is the cost of the tools. Built by the bench when a C compiler is there.
//
//   floor up   < lab.floor      make what the lines say
//   floor down < lab.floor      unmount and unlink each namespace (as `ip netns del`)
//   floor status < lab.floor    read each namespace's links, addresses and routes (as
//                               `ip -j -batch` of `addr show` and `route show table all`)
//
// Lines (names are words; NS is a namespace's name under /run/netns):
//   netns NS                          a named network namespace
//   bridge NS NAME                    a bridge in NS (down: `up` brings it up)
//   veth NS NAME INDEX PEERNS PEER MASTER
//                                     a pair made from NS: NAME (ifindex INDEX, 0: any) in
//                                     NS, its peer PEER in PEERNS; NAME joins bridge MASTER
//                                     and goes up unless MASTER is `-`
//   quiet NS DEV                      no IPv6 link-local address on DEV (addrgenmode none)
//   addr NS DEV CIDR                  an IPv4 or IPv6 address
//   up NS DEV                         the interface up
//   route NS PREFIX GATEWAY           a route (IPv4 or IPv6) through a gateway
//   sysctl NS KEY VALUE               write /proc/sys/KEY (a path: net/ipv4/ip_forward)
//
// It prints one line of JSON: the operations made and the seconds they took.

#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>
#include <net/if.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define NETNS_DIR "/run/netns"
#define MAX_NS 65536

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static unsigned long line_no;
static void die(const char *what) {
  fprintf(stderr, "floor: line %lu: %s: %s\n", line_no, what, strerror(errno));
  exit(1);
}

// ---- namespaces: each with its netlink socket and an ioctl socket, opened inside it ----

struct ns {
  char name[128];
  int fd, nl, sock;
  struct ns *next;  // in its hash bucket
};
static struct ns spaces[MAX_NS];
static struct ns *buckets[MAX_NS];
static int nspaces;
static int home;  // this process's own namespace

static unsigned hash(const char *s) {
  unsigned h = 2166136261u;
  while (*s) h = (h ^ (unsigned char)*s++) * 16777619u;
  return h % MAX_NS;
}

static struct ns *find(const char *name) {
  for (struct ns *s = buckets[hash(name)]; s; s = s->next)
    if (strcmp(s->name, name) == 0) return s;
  errno = ENOENT;
  die(name);
  return NULL;
}

static int nl_open(void) {
  int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
  struct sockaddr_nl sa = {.nl_family = AF_NETLINK};
  if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0) die("netlink socket");
  return fd;
}

static void netns_dir(void) {
  mkdir(NETNS_DIR, 0755);
  if (mount("", NETNS_DIR, "none", MS_SHARED | MS_REC, NULL) == 0) return;
  if (errno != EINVAL) die("mount --make-shared " NETNS_DIR);
  if (mount(NETNS_DIR, NETNS_DIR, "none", MS_BIND | MS_REC, NULL)) die("bind " NETNS_DIR);
  if (mount("", NETNS_DIR, "none", MS_SHARED | MS_REC, NULL)) die("make-shared " NETNS_DIR);
}

static void netns_add(const char *name) {
  if (nspaces == MAX_NS) die("too many namespaces");
  struct ns *s = &spaces[nspaces++];
  snprintf(s->name, sizeof s->name, "%s", name);
  s->next = buckets[hash(name)];
  buckets[hash(name)] = s;
  char path[160];
  snprintf(path, sizeof path, NETNS_DIR "/%s", name);
  int f = open(path, O_RDONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0);
  if (f < 0) die(path);
  close(f);
  if (unshare(CLONE_NEWNET)) die("unshare");
  if (mount("/proc/thread-self/ns/net", path, "none", MS_BIND, NULL)) die("bind mount");
  s->fd = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
  s->nl = nl_open();
  s->sock = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (s->fd < 0 || s->sock < 0) die("namespace handles");
  if (setns(home, CLONE_NEWNET)) die("setns home");
}

static void netns_del(const char *name) {
  char path[160];
  snprintf(path, sizeof path, NETNS_DIR "/%s", name);
  if (umount2(path, MNT_DETACH) && errno != EINVAL && errno != ENOENT) die(path);
  if (unlink(path) && errno != ENOENT) die(path);
}

// ---- rtnetlink requests, each acknowledged ----

struct req {
  struct nlmsghdr n;
  char buf[1024];
};
#pragma GCC diagnostic ignored "-Wstringop-overflow"  // attributes go past n into buf

static struct rtattr *attr(struct nlmsghdr *n, int type, const void *data, int len) {
  struct rtattr *a = (struct rtattr *)((char *)n + NLMSG_ALIGN(n->nlmsg_len));
  a->rta_type = type;
  a->rta_len = RTA_LENGTH(len);
  if (len) memcpy(RTA_DATA(a), data, len);
  n->nlmsg_len = NLMSG_ALIGN(n->nlmsg_len) + RTA_ALIGN(a->rta_len);
  return a;
}
static void nest_end(struct nlmsghdr *n, struct rtattr *a) { a->rta_len = (char *)n + n->nlmsg_len - (char *)a; }
static void attr_str(struct nlmsghdr *n, int type, const char *s) { attr(n, type, s, strlen(s) + 1); }
static void attr_u32(struct nlmsghdr *n, int type, unsigned v) { attr(n, type, &v, 4); }

static void talk(int fd, struct nlmsghdr *n, const char *what) {
  static unsigned seq;
  n->nlmsg_seq = ++seq;
  n->nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
  if (send(fd, n, n->nlmsg_len, 0) < 0) die(what);
  char buf[8192];
  for (;;) {
    int len = recv(fd, buf, sizeof buf, 0);
    if (len < 0) die(what);
    for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, (unsigned)len); h = NLMSG_NEXT(h, len))
      if (h->nlmsg_type == NLMSG_ERROR) {
        struct nlmsgerr *e = NLMSG_DATA(h);
        if (e->error) {
          errno = -e->error;
          die(what);
        }
        return;
      }
  }
}

static struct ifinfomsg *link_req(struct req *r, int flags, int index) {
  memset(r, 0, sizeof *r);
  r->n.nlmsg_len = NLMSG_LENGTH(sizeof(struct ifinfomsg));
  r->n.nlmsg_type = RTM_NEWLINK;
  r->n.nlmsg_flags = flags;
  struct ifinfomsg *i = NLMSG_DATA(&r->n);
  i->ifi_family = AF_UNSPEC;
  i->ifi_index = index;
  return i;
}

static int index_of(struct ns *s, const char *dev) {
  struct ifreq ifr = {0};
  snprintf(ifr.ifr_name, IFNAMSIZ, "%s", dev);
  if (ioctl(s->sock, SIOCGIFINDEX, &ifr) < 0) die(dev);
  return ifr.ifr_ifindex;
}

static void bridge_add(struct ns *s, const char *name) {
  struct req r;
  link_req(&r, NLM_F_CREATE | NLM_F_EXCL, 0);
  attr_str(&r.n, IFLA_IFNAME, name);
  struct rtattr *info = attr(&r.n, IFLA_LINKINFO, NULL, 0);
  attr_str(&r.n, IFLA_INFO_KIND, "bridge");
  nest_end(&r.n, info);
  talk(s->nl, &r.n, "add bridge");
}

static void veth_add(struct ns *s, const char *name, int index, struct ns *peer_ns, const char *peer,
                     const char *master) {
  struct req r;
  struct ifinfomsg *i = link_req(&r, NLM_F_CREATE | NLM_F_EXCL, index);
  attr_str(&r.n, IFLA_IFNAME, name);
  if (strcmp(master, "-") != 0) {
    i->ifi_flags = i->ifi_change = IFF_UP;
    attr_u32(&r.n, IFLA_MASTER, index_of(s, master));
  }
  struct rtattr *info = attr(&r.n, IFLA_LINKINFO, NULL, 0);
  attr_str(&r.n, IFLA_INFO_KIND, "veth");
  struct rtattr *data = attr(&r.n, IFLA_INFO_DATA, NULL, 0);
  struct rtattr *p = attr(&r.n, VETH_INFO_PEER, NULL, 0);
  struct ifinfomsg pi = {.ifi_family = AF_UNSPEC};
  memcpy(RTA_DATA(p), &pi, sizeof pi);
  r.n.nlmsg_len += NLMSG_ALIGN(sizeof pi);
  attr_str(&r.n, IFLA_IFNAME, peer);
  attr_u32(&r.n, IFLA_NET_NS_FD, peer_ns->fd);
  nest_end(&r.n, p);
  nest_end(&r.n, data);
  nest_end(&r.n, info);
  talk(s->nl, &r.n, "add veth");
}

static void link_up(struct ns *s, const char *dev) {
  struct req r;
  struct ifinfomsg *i = link_req(&r, 0, index_of(s, dev));
  i->ifi_flags = i->ifi_change = IFF_UP;
  talk(s->nl, &r.n, "set up");
}

static void quiet(struct ns *s, const char *dev) {
  struct req r;
  link_req(&r, 0, index_of(s, dev));
  struct rtattr *spec = attr(&r.n, IFLA_AF_SPEC, NULL, 0);
  struct rtattr *inet6 = attr(&r.n, AF_INET6, NULL, 0);
  unsigned char mode = IN6_ADDR_GEN_MODE_NONE;
  attr(&r.n, IFLA_INET6_ADDR_GEN_MODE, &mode, 1);
  nest_end(&r.n, inet6);
  nest_end(&r.n, spec);
  talk(s->nl, &r.n, "addrgenmode none");
}

/** An address or prefix: its family, bytes and prefix length. */
static int parse(const char *text, unsigned char *bytes, int *plen) {
  char buf[64];
  snprintf(buf, sizeof buf, "%s", text);
  char *slash = strchr(buf, '/');
  if (slash) *slash = 0;
  int family = strchr(buf, ':') ? AF_INET6 : AF_INET;
  if (inet_pton(family, buf, bytes) != 1) {
    errno = EINVAL;
    die(text);
  }
  *plen = slash ? atoi(slash + 1) : (family == AF_INET ? 32 : 128);
  return family;
}

/** A request that creates an object: its header, and its fixed part (of `size`), zeroed. */
static void *create_req(struct req *r, int type, size_t size) {
  memset(r, 0, sizeof *r);
  r->n.nlmsg_len = NLMSG_LENGTH(size);
  r->n.nlmsg_type = type;
  r->n.nlmsg_flags = NLM_F_CREATE | NLM_F_EXCL;
  return NLMSG_DATA(&r->n);
}

static void addr_add(struct ns *s, const char *dev, const char *cidr) {
  struct req r;
  struct ifaddrmsg *a = create_req(&r, RTM_NEWADDR, sizeof *a);
  unsigned char bytes[16];
  int plen;
  a->ifa_family = parse(cidr, bytes, &plen);
  a->ifa_prefixlen = plen;
  a->ifa_index = index_of(s, dev);
  int len = a->ifa_family == AF_INET ? 4 : 16;
  attr(&r.n, IFA_LOCAL, bytes, len);
  attr(&r.n, IFA_ADDRESS, bytes, len);
  talk(s->nl, &r.n, "add address");
}

static void route_add(struct ns *s, const char *prefix, const char *gateway) {
  struct req r;
  struct rtmsg *m = create_req(&r, RTM_NEWROUTE, sizeof *m);
  unsigned char dst[16], gw[16];
  int plen, gplen;
  m->rtm_family = parse(prefix, dst, &plen);
  parse(gateway, gw, &gplen);
  m->rtm_dst_len = plen;
  m->rtm_table = RT_TABLE_MAIN;
  m->rtm_protocol = RTPROT_BOOT;
  m->rtm_scope = RT_SCOPE_UNIVERSE;
  m->rtm_type = RTN_UNICAST;
  int len = m->rtm_family == AF_INET ? 4 : 16;
  if (plen) attr(&r.n, RTA_DST, dst, len);
  attr(&r.n, RTA_GATEWAY, gw, len);
  talk(s->nl, &r.n, "add route");
}

static void sysctl_set(struct ns *s, const char *key, const char *value) {
  char path[256];
  snprintf(path, sizeof path, "/proc/sys/%s", key);
  if (setns(s->fd, CLONE_NEWNET)) die("setns");
  int f = open(path, O_WRONLY | O_CLOEXEC);
  if (f < 0 || write(f, value, strlen(value)) < 0) die(path);
  close(f);
  if (setns(home, CLONE_NEWNET)) die("setns home");
}

// ---- status: each namespace entered in turn, its tables dumped ----

/** Dumps one table (RTM_GETLINK, RTM_GETADDR, RTM_GETROUTE) of every family; the messages read. */
static unsigned long dump(int fd, int type, const char *what) {
  struct {
    struct nlmsghdr n;
    struct rtgenmsg g;
  } r = {.n = {.nlmsg_len = NLMSG_LENGTH(sizeof(struct rtgenmsg)),
               .nlmsg_type = type,
               .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP},
         .g = {.rtgen_family = AF_UNSPEC}};
  if (send(fd, &r, r.n.nlmsg_len, 0) < 0) die(what);
  static char buf[32768];
  unsigned long messages = 0;
  for (;;) {
    int len = recv(fd, buf, sizeof buf, 0);
    if (len < 0) die(what);
    for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, (unsigned)len); h = NLMSG_NEXT(h, len)) {
      if (h->nlmsg_type == NLMSG_DONE) return messages;
      if (h->nlmsg_type == NLMSG_ERROR) {
        errno = -((struct nlmsgerr *)NLMSG_DATA(h))->error;
        die(what);
      }
      messages++;
    }
  }
}

/** What `status` reads of a namespace: its links and addresses, and its routes. */
static unsigned long netns_read(const char *name) {
  char path[160];
  snprintf(path, sizeof path, NETNS_DIR "/%s", name);
  int f = open(path, O_RDONLY | O_CLOEXEC);
  if (f < 0 || setns(f, CLONE_NEWNET)) die(path);
  close(f);
  int nl = nl_open();
  unsigned long messages = dump(nl, RTM_GETLINK, "dump links") + dump(nl, RTM_GETADDR, "dump addresses") +
                           dump(nl, RTM_GETROUTE, "dump routes");
  close(nl);
  if (setns(home, CLONE_NEWNET)) die("setns home");
  return messages;
}

int main(int argc, char **argv) {
  if (argc != 2 || (strcmp(argv[1], "up") && strcmp(argv[1], "down") && strcmp(argv[1], "status"))) {
    fprintf(stderr, "usage: floor up|down|status < LAB\n");
    return 2;
  }
  int up = strcmp(argv[1], "up") == 0, status = strcmp(argv[1], "status") == 0;
  double t0 = now();
  home = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
  if (home < 0) die("own namespace");
  if (up) netns_dir();
  char line[512], w[7][128];
  unsigned long ops = 0, messages = 0;
  while (fgets(line, sizeof line, stdin)) {
    line_no++;
    int n = sscanf(line, "%127s %127s %127s %127s %127s %127s %127s", w[0], w[1], w[2], w[3], w[4], w[5], w[6]);
    if (n <= 0) continue;
    const char *op = w[0];
    if (status) {
      if (strcmp(op, "netns") == 0) messages += netns_read(w[1]), ops++;
      continue;
    }
    if (!up) {
      if (strcmp(op, "netns") == 0) netns_del(w[1]), ops++;
      continue;
    }
    ops++;
    if (strcmp(op, "netns") == 0 && n == 2) netns_add(w[1]);
    else if (strcmp(op, "bridge") == 0 && n == 3) bridge_add(find(w[1]), w[2]);
    else if (strcmp(op, "veth") == 0 && n == 7) veth_add(find(w[1]), w[2], atoi(w[3]), find(w[4]), w[5], w[6]);
    else if (strcmp(op, "quiet") == 0 && n == 3) quiet(find(w[1]), w[2]);
    else if (strcmp(op, "addr") == 0 && n == 4) addr_add(find(w[1]), w[2], w[3]);
    else if (strcmp(op, "up") == 0 && n == 3) link_up(find(w[1]), w[2]);
    else if (strcmp(op, "route") == 0 && n == 4) route_add(find(w[1]), w[2], w[3]);
    else if (strcmp(op, "sysctl") == 0 && n == 4) sysctl_set(find(w[1]), w[2], w[3]);
    else {
      errno = EINVAL;
      die("not an operation");
    }
  }
  printf("{\"tool\": \"floor\", \"op\": \"%s\", \"operations\": %lu, \"messages\": %lu, \"seconds\": %.4f}\n",
         argv[1], ops, messages, now() - t0);
  return 0;
}
