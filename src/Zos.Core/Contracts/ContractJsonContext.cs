using System.Text.Json;
using System.Text.Json.Serialization;
using Zos.Core.Bringup;
using Zos.Core.Public;
using Zos.Core.Reconcile;

namespace Zos.Core.Contracts;

/// <summary>
/// Compile-time JSON metadata of the wire contracts and of the files the node keeps, with the contract settings
/// (<see cref="ContractJson"/>). The node image's zos-node is compiled to native code (Native AOT), where reflection
/// cannot build serializers: every type the node sends, receives or stores must be listed here
/// (tests/Zos.Core.Tests checks that each contract type and each enum it reaches is covered).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters =
    [
        typeof(CamelCaseEnumConverter<NodeStatus>), typeof(CamelCaseEnumConverter<PublicUplinkKind>),
        typeof(CamelCaseEnumConverter<PublicConfigActionKind>), typeof(CamelCaseEnumConverter<BringupPhase>),
        typeof(CamelCaseEnumConverter<AddressFamilyChoice>), typeof(CamelCaseEnumConverter<EnrollmentState>),
    ])]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(Account))]
[JsonSerializable(typeof(AccountCreate))]
[JsonSerializable(typeof(BootActivity))]
[JsonSerializable(typeof(BootAssignment))]
[JsonSerializable(typeof(BootEventBatch))]
[JsonSerializable(typeof(BootEventReport))]
[JsonSerializable(typeof(BootMac))]
[JsonSerializable(typeof(FarmBootProfile))]
[JsonSerializable(typeof(DesiredState))]
[JsonSerializable(typeof(DiskInfo))]
[JsonSerializable(typeof(DiskUsage))]
[JsonSerializable(typeof(Farm))]
[JsonSerializable(typeof(IReadOnlyList<Farm>))]
[JsonSerializable(typeof(FarmCreate))]
[JsonSerializable(typeof(FarmIpAdd))]
[JsonSerializable(typeof(FarmPublicIp))]
[JsonSerializable(typeof(FarmToken))]
[JsonSerializable(typeof(IReadOnlyList<FarmToken>))]
[JsonSerializable(typeof(FarmTokenCreated))]
[JsonSerializable(typeof(Heartbeat))]
[JsonSerializable(typeof(InterfaceInfo))]
[JsonSerializable(typeof(LoadAverage))]
[JsonSerializable(typeof(MemoryUsage))]
[JsonSerializable(typeof(MeshLink))]
[JsonSerializable(typeof(Network))]
[JsonSerializable(typeof(IReadOnlyList<Network>))]
[JsonSerializable(typeof(NetworkCreate))]
[JsonSerializable(typeof(NetworkMemberView))]
[JsonSerializable(typeof(NetworkMemberAdd))]
[JsonSerializable(typeof(NetworkOverview))]
[JsonSerializable(typeof(NetworkPart))]
[JsonSerializable(typeof(NetworkReport))]
[JsonSerializable(typeof(NetworkStatus))]
[JsonSerializable(typeof(NicHealth))]
[JsonSerializable(typeof(NodeCapacity))]
[JsonSerializable(typeof(NodeEnrollment))]
[JsonSerializable(typeof(NodeHealth))]
[JsonSerializable(typeof(NodePublicReport))]
[JsonSerializable(typeof(NodeRegistration))]
[JsonSerializable(typeof(NodeReport))]
[JsonSerializable(typeof(NodeUsage))]
[JsonSerializable(typeof(NodeVersions))]
[JsonSerializable(typeof(NodeView))]
[JsonSerializable(typeof(IReadOnlyList<NodeView>))]
[JsonSerializable(typeof(PeerHandshake))]
[JsonSerializable(typeof(PeerSpec))]
[JsonSerializable(typeof(PublicConfig))]
[JsonSerializable(typeof(PublicIpConfig))]
[JsonSerializable(typeof(UserAccessConfig))]
[JsonSerializable(typeof(UserAccessJoin))]
[JsonSerializable(typeof(NodeNetworkState))]
[JsonSerializable(typeof(PublicUplinkChoice))]
[JsonSerializable(typeof(RegistryInfo))]
[JsonSerializable(typeof(FarmIcmpEcho))]
internal sealed partial class ContractJsonContext : JsonSerializerContext;
