using System.Runtime.Versioning;

// Node bring-up is Linux only (namespaces, netlink, udhcpc).
[assembly: SupportedOSPlatform("linux")]
