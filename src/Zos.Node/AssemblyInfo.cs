using System.Runtime.Versioning;

// The node daemon runs on Linux only (namespaces, netlink, udhcpc, /proc and /sys).
[assembly: SupportedOSPlatform("linux")]
