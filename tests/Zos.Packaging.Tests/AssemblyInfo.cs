using System.Runtime.Versioning;

// A Debian package, systemd units and dpkg: Linux only.
[assembly: SupportedOSPlatform("linux")]
