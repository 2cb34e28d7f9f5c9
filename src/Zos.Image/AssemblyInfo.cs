using System.Runtime.Versioning;

// The node image is built on Linux (apt, dpkg-deb, depmod) for Linux.
[assembly: SupportedOSPlatform("linux")]
