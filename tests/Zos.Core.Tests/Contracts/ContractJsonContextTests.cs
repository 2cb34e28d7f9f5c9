using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Xunit;
using Zos.Core.Contracts;

namespace Zos.Core.Tests.Contracts;

/// <summary>
/// The Native AOT zos-node has no reflection: every contract type must have compile-time metadata, each enum it reaches
/// must be written as a camelCase string, and the metadata must name the same JSON properties, in the same order, as
/// the reflection serializer the registry and the CLI use.
/// </summary>
public class ContractJsonContextTests
{
    private static readonly JsonSerializerOptions SourceOnly = new(ContractJsonContext.Default.Options) { TypeInfoResolver = ContractJsonContext.Default };

    private static readonly JsonSerializerOptions Reflection = CreateReflection();

    public static TheoryData<string> ContractTypes()
    {
        var data = new TheoryData<string>();
        foreach (var t in typeof(ContractJson).Assembly.GetExportedTypes()
                     .Where(t => t.Namespace == typeof(ContractJson).Namespace && t.IsClass && !(t.IsAbstract && t.IsSealed)))
            data.Add(t.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(ContractTypes))]
    public void EveryContractType_HasCompileTimeMetadata_WithTheReflectionSerializersPropertyNames(string name)
    {
        var type = typeof(ContractJson).Assembly.GetType($"{typeof(ContractJson).Namespace}.{name}", throwOnError: true)!;

        var source = SourceOnly.GetTypeInfo(type);
        var reflected = Reflection.GetTypeInfo(type);

        Assert.Equal(reflected.Properties.Select(p => p.Name), source.Properties.Select(p => p.Name));
    }

    [Fact]
    public void EveryEnumTheContractsReach_IsWrittenAsACamelCaseString()
    {
        var enums = new HashSet<Type>();
        var seen = new HashSet<Type>();
        foreach (var t in ContractTypes().Select(row => typeof(ContractJson).Assembly.GetType($"{typeof(ContractJson).Namespace}.{row.Data}")!))
            CollectEnums(t, enums, seen);

        Assert.NotEmpty(enums);
        foreach (var e in enums)
        {
            var first = Enum.GetValues(e).GetValue(0)!;
            var json = JsonSerializer.Serialize(first, SourceOnly.GetTypeInfo(e));
            var expected = "\"" + JsonNamingPolicy.CamelCase.ConvertName(first.ToString()!) + "\"";
            Assert.True(json == expected, $"{e.Name} is written as {json}, expected {expected}: add CamelCaseEnumConverter<{e.Name}> to ContractJsonContext");
        }
    }

    [Fact]
    public void Options_AreReadOnlyAndResolveTheContextFirst()
    {
        Assert.True(ContractJson.Options.IsReadOnly);
        Assert.Same(ContractJson.Options, ContractJson.TypeInfo<DesiredState>().Options);
    }

    private static void CollectEnums(Type type, HashSet<Type> enums, HashSet<Type> seen)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (!seen.Add(type))
            return;
        if (type.IsEnum)
        {
            enums.Add(type);
            return;
        }
        JsonTypeInfo info;
        try
        {
            info = Reflection.GetTypeInfo(type);
        }
        catch (NotSupportedException)
        {
            return;
        }
        if (info.ElementType is { } element)
            CollectEnums(element, enums, seen);
        if (info.KeyType is { } key)
            CollectEnums(key, enums, seen);
        foreach (var p in info.Properties)
            CollectEnums(p.PropertyType, enums, seen);
    }

    private static JsonSerializerOptions CreateReflection()
    {
        var o = new JsonSerializerOptions(JsonSerializerDefaults.Web) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        ContractJson.Configure(o);
        o.MakeReadOnly();
        return o;
    }
}
