using System.Runtime.Versioning;

// zos wires Linux-only parts (the node daemon, the image builder, network namespaces) and runs on Linux.
[assembly: SupportedOSPlatform("linux")]
