using System.Runtime.Versioning;

// zos runs on Linux only (see Zos.Cli's AssemblyInfo).
[assembly: SupportedOSPlatform("linux")]
