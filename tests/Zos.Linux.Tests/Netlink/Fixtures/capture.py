#!/usr/bin/env python3
"""Captures raw rtnetlink replies from the running kernel as hex fixtures (one datagram per line).

Run inside a scratch namespace prepared as in capture.sh:  ip netns exec NS python3 capture.py OUTDIR
Python's AF_NETLINK socket is an observer independent of our C# codec.
"""
import os, socket, struct, sys

SOL_NETLINK, NETLINK_CAP_ACK, NETLINK_EXT_ACK = 270, 10, 11
NLM_F_REQUEST, NLM_F_ACK, NLM_F_DUMP, NLM_F_CREATE, NLM_F_EXCL = 1, 4, 0x300, 0x400, 0x200
RTM_NEWLINK, RTM_GETLINK, RTM_GETADDR, RTM_GETROUTE = 16, 18, 22, 26
out = sys.argv[1]

def sock(cap_ack):
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0)
    s.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
    if cap_ack:
        s.setsockopt(SOL_NETLINK, NETLINK_CAP_ACK, 1)
    s.bind((0, 0))
    return s

def attr(t, payload):
    l = 4 + len(payload)
    return struct.pack("<HH", l, t) + payload + b"\0" * ((4 - l % 4) % 4)

def msg(t, flags, seq, body):
    return struct.pack("<IHHII", 16 + len(body), t, flags, seq, 0) + body

def dump(name, t, body):
    s = sock(True)
    s.send(msg(t, NLM_F_REQUEST | NLM_F_DUMP, 1, body))
    lines = []
    while True:
        d = s.recv(65536)
        lines.append(d.hex())
        if struct.unpack_from("<H", d, 4)[0] == 3 or struct.unpack_from("<H", d, 4)[0] == 2:
            # stop at NLMSG_DONE/ERROR (first message type of the datagram suffices: DONE comes alone or last)
            break
        # a datagram may end with NLMSG_DONE after other messages
        off, done = 0, False
        while off < len(d):
            l, ty = struct.unpack_from("<IH", d, off)
            done |= ty == 3
            off += (l + 3) & ~3
        if done:
            break
    open(os.path.join(out, name), "w").write("\n".join(lines) + "\n")

def error(name, cap_ack, body):
    s = sock(cap_ack)
    s.send(msg(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, 7, body))
    open(os.path.join(out, name), "w").write(s.recv(65536).hex() + "\n")

ifinfo = struct.pack("<BBHiII", 0, 0, 0, 0, 0, 0)
# IFLA_EXT_MASK(29) = RTEXT_FILTER_SKIP_STATS(8), as our client sends it
dump("link-dump.hex", RTM_GETLINK, ifinfo + attr(29, struct.pack("<I", 8)))
dump("addr-dump.hex", RTM_GETADDR, struct.pack("<BBBBI", 0, 0, 0, 0, 0))
dump("route4-dump.hex", RTM_GETROUTE, struct.pack("<BBBBBBBBI", 2, 0, 0, 0, 0, 0, 0, 0, 0))
dump("route6-dump.hex", RTM_GETROUTE, struct.pack("<BBBBBBBBI", 10, 0, 0, 0, 0, 0, 0, 0, 0))
# IFLA_IFNAME(3)="zvl0", IFLA_LINKINFO(18){IFLA_INFO_KIND(1)="vlan"}: this kernel has no 802.1Q -> ext-ack text
vlan = ifinfo + attr(3, b"zvl0\0") + attr(18, attr(1, b"vlan\0"))
error("error-extack-capped.hex", True, vlan)
error("error-extack-echoed.hex", False, vlan)
# creating lo again: EEXIST
error("error-eexist.hex", True, ifinfo + attr(3, b"lo\0") + attr(18, attr(1, b"bridge\0")))
