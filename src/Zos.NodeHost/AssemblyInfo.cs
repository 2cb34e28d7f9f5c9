using System.Runtime.Versioning;

// The node image runs on Linux only.
[assembly: SupportedOSPlatform("linux")]
