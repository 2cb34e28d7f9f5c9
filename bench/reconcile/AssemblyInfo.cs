using System.Runtime.Versioning;

// Network namespaces, netlink and wireguard-go: Linux only.
[assembly: SupportedOSPlatform("linux")]
