using System.Runtime.Versioning;

// The image builder and what it reads are Linux only.
[assembly: SupportedOSPlatform("linux")]
