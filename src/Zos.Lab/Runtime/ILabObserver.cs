namespace Zos.Lab.Runtime;

/// <summary>Where `lab up` reports progress (the CLI draws it as a live table).</summary>
public interface ILabObserver
{
    void Step(string message);

    void Nodes(IReadOnlyList<LabNodeProgress> rows);
}
