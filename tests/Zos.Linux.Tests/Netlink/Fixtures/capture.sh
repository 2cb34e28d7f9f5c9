#!/bin/sh
# Recreates the fixtures: a scratch namespace with a bridge, a veth port, IPv4/IPv6 addresses and routes.
set -eu
ns=ztcapture
out=$(cd "$(dirname "$0")" && pwd)
ip netns add $ns
trap 'ip netns del $ns' EXIT
ip -n $ns link set lo up
ip -n $ns link add br0 type bridge
ip -n $ns link add ve0 type veth peer name ve1
ip -n $ns link set ve0 master br0
ip -n $ns link set br0 up
ip -n $ns link set ve0 up
ip -n $ns link set ve1 up
ip -n $ns addr add 192.0.2.1/24 dev br0
ip -n $ns addr add 2001:db8::1/64 dev br0 nodad
ip -n $ns route add default via 192.0.2.254
ip -n $ns route add 198.51.100.0/24 dev br0 metric 10 table 100
ip -n $ns -6 route add 2001:db8:1::/48 via 2001:db8::fe metric 5
ip netns exec $ns python3 "$out/capture.py" "$out"
