using Zos.Core.Router;

namespace Zos.Lab.Topology;

/// <summary>A farm router namespace and the router-config files the lab applies to it.</summary>
public sealed record LabRouter(string Namespace, string Farm, RouterConfigFiles Config);
