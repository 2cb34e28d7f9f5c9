using System.Text.Json.Serialization;

namespace Zos.Boot.Hosting;

/// <summary>The steps of a network boot the server can see, in the order a node goes through them.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BootStep>))]
public enum BootStep
{
    DhcpSeen,
    LoaderFetched,
    LoaderRefused,
    ScriptFetched,
    ScriptRefused,
    KernelFetched,
}
