namespace Zos.Core.Mesh;

/// <summary>Either the computed mesh or why none can be built (e.g. hidden members and no possible access node).</summary>
public sealed record MeshResult
{
    private MeshResult(MeshPlan? plan, string? error)
    {
        Plan = plan;
        Error = error;
    }

    public MeshPlan? Plan { get; }

    public string? Error { get; }

    public bool Succeeded => Plan is not null;

    public static MeshResult Ok(MeshPlan plan) => new(plan, null);

    public static MeshResult Fail(string error) => new(null, error);
}
